//! What the window remembers between runs (last project, recent projects,
//! coder name), kept apart from the view state, and where the bundled
//! example project is found.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Key under which the settings live in eframe's storage.
pub const STORAGE_KEY: &str = "newscoder.settings";

/// How many recent projects the File menu lists.
const MAX_RECENT: usize = 8;

/// Settings persisted by eframe between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The project open when the window was last closed.
    pub last_project: Option<PathBuf>,
    /// Recently opened projects, most recent first.
    pub recent_projects: Vec<PathBuf>,
    /// The coder's name; `None` until asked on first run.
    pub coder: Option<String>,
    /// The document on screen when the window was last closed (in
    /// `last_project`), shown again on the next start.
    pub last_document: Option<String>,
    /// Folders files were last picked in, most recent first (offered by
    /// the window's file chooser).
    pub recent_folders: Vec<PathBuf>,
    /// Always pick files with the window's own chooser, never the
    /// system's dialog (File › Use the window's own file chooser).
    pub own_file_chooser: bool,
}

impl Settings {
    /// Records `path` as the last and most recent project.
    pub fn remember_project(&mut self, path: &Path) {
        let path = path.to_path_buf();
        if self.last_project.as_ref() != Some(&path) {
            self.last_document = None;
        }
        self.recent_projects.retain(|p| p != &path);
        self.recent_projects.insert(0, path.clone());
        self.recent_projects.truncate(MAX_RECENT);
        self.last_project = Some(path);
    }

    /// Drops a project that could not be opened from the recent list.
    pub fn forget_project(&mut self, path: &Path) {
        self.recent_projects.retain(|p| p != path);
        if self.last_project.as_deref() == Some(path) {
            self.last_project = None;
        }
    }
}

/// Relative location of the bundled example inside the source tree or next
/// to the installed binary.
const EXAMPLE_DIR: &str = "projects/venezuela";

/// The bundled example project: next to the sources this binary was built
/// from, else next to the executable, else under the working directory.
pub fn example_project() -> Option<PathBuf> {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE_DIR);
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join(EXAMPLE_DIR)));
    let in_cwd = std::env::current_dir().ok().map(|d| d.join(EXAMPLE_DIR));
    std::iter::once(built)
        .chain(beside_exe)
        .chain(in_cwd)
        .find(|p| p.join(crate::store::PROJECT_FILE).is_file())
}

/// The example as the window opens it: a working copy in `data_dir`
/// (eframe's per-user data folder), made from `bundled` on first use and
/// kept afterwards, so coding in the example never changes the source tree
/// (whose tests read it). Only the project's own files are copied, not
/// locks, backups or recovery files.
pub fn example_working_copy(bundled: &Path, data_dir: &Path) -> std::io::Result<PathBuf> {
    let name = bundled
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "example".into());
    let copy = data_dir.join(format!("example-{name}"));
    if copy.join(crate::store::PROJECT_FILE).is_file() {
        return Ok(copy);
    }
    std::fs::create_dir_all(data_dir)?;
    // Copied aside and renamed into place, so a half copy is never opened.
    let partial = tempfile::Builder::new()
        .prefix(".example-")
        .tempdir_in(data_dir)?;
    copy_project_files(bundled, partial.path())?;
    if copy.exists() {
        // A leftover without project.ron: not a project, safe to replace.
        std::fs::remove_dir_all(&copy)?;
    }
    std::fs::rename(partial.keep(), &copy)?;
    Ok(copy)
}

/// Copies the tree under `from` to `to`, leaving out hidden entries
/// (`.lock`, `.recovery`) and kept versions (`*.bak`, `*.mine-*`).
fn copy_project_files(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with('.') || text.ends_with(".bak") || text.contains(".mine-") {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_project_files(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_coded_in_a_working_copy_made_once() {
        let tmp = tempfile::tempdir().unwrap();
        let bundled = tmp.path().join("projects/venezuela");
        std::fs::create_dir_all(bundled.join("annotations/alice")).unwrap();
        std::fs::create_dir_all(bundled.join("documents")).unwrap();
        std::fs::write(bundled.join("project.ron"), "(project)").unwrap();
        std::fs::write(bundled.join("documents/d1.txt"), "text").unwrap();
        std::fs::write(bundled.join("annotations/alice/d1.ron"), "(set)").unwrap();
        std::fs::write(bundled.join("annotations/alice/d1.ron.bak"), "old").unwrap();
        std::fs::write(bundled.join("annotations/alice/.lock"), "lock").unwrap();
        let data = tmp.path().join("data");
        let copy = example_working_copy(&bundled, &data).unwrap();
        assert_eq!(copy, data.join("example-venezuela"));
        let read = |p: &str| std::fs::read_to_string(copy.join(p)).ok();
        assert_eq!(read("project.ron").as_deref(), Some("(project)"));
        assert_eq!(read("documents/d1.txt").as_deref(), Some("text"));
        assert_eq!(read("annotations/alice/d1.ron").as_deref(), Some("(set)"));
        assert_eq!(read("annotations/alice/d1.ron.bak"), None);
        assert_eq!(read("annotations/alice/.lock"), None);
        // Work done in the copy stays: a second start reuses it.
        std::fs::write(copy.join("annotations/alice/d1.ron"), "(coded)").unwrap();
        assert_eq!(example_working_copy(&bundled, &data).unwrap(), copy);
        assert_eq!(read("annotations/alice/d1.ron").as_deref(), Some("(coded)"));
        let names: Vec<_> = std::fs::read_dir(&data).unwrap().collect();
        assert_eq!(names.len(), 1, "no partial copies left behind");
    }

    #[test]
    fn recent_projects_are_unique_most_recent_first_and_bounded() {
        let mut s = Settings::default();
        for i in 0..12 {
            s.remember_project(Path::new(&format!("/p{i}")));
        }
        s.remember_project(Path::new("/p3"));
        assert_eq!(s.recent_projects.len(), MAX_RECENT);
        assert_eq!(s.recent_projects[0], PathBuf::from("/p3"));
        assert_eq!(
            s.recent_projects
                .iter()
                .filter(|p| p.as_path() == Path::new("/p3"))
                .count(),
            1
        );
        s.forget_project(Path::new("/p3"));
        assert_eq!(s.last_project, None);
        assert!(!s.recent_projects.contains(&PathBuf::from("/p3")));
    }

    #[test]
    fn settings_round_trip_through_ron() {
        let mut s = Settings {
            coder: Some("alice".into()),
            ..Settings::default()
        };
        s.remember_project(Path::new("/x/y"));
        let text = ron::to_string(&s).unwrap();
        assert_eq!(ron::from_str::<Settings>(&text).unwrap(), s);
    }
}
