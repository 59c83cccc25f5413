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
}

impl Settings {
    /// Records `path` as the last and most recent project.
    pub fn remember_project(&mut self, path: &Path) {
        let path = path.to_path_buf();
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

#[cfg(test)]
mod tests {
    use super::*;

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
