//! Changes to several project files at once (an import writes texts,
//! annotation sets and `project.ron`), made all or nothing even when the
//! process is killed half-way.
//!
//! Before the first file is written, an *intent* naming every file the
//! change creates or replaces is written to `.newscoder-intent.ron` (the
//! current version of each replaced file is kept under a hidden name
//! beside it). Then the files are written, then `project.ron` — its rename
//! is the commit point — and the intent is removed. Whoever next takes the
//! project's write lock (every command that opens the project does, when it
//! finds an intent) finishes an interrupted change: when `project.ron` is the
//! one the intent was going to write, the change happened and only the
//! intent and kept versions are removed; otherwise it is rolled back —
//! created files (and folders) removed, replaced ones put back. A change
//! that leaves `project.ron` as it is commits by removing the intent.
//!
//! The intent names files relative to the project folder and is checked on
//! reading: a hostile one cannot make recovery touch anything outside it.

use super::{PROJECT_FILE, StoreError, WriteLock, fingerprint, from_ron, to_ron, write_atomic};
use crate::model::is_safe_name;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};

/// Name of the intent file in the project folder, present only while a
/// multi-file change is under way (or was interrupted).
pub const INTENT_FILE: &str = ".newscoder-intent.ron";

/// What a change in progress is about to do, as written to [`INTENT_FILE`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Intent {
    /// SHA-256 of `project.ron` before the change (`None`: there was none).
    from: Option<String>,
    /// SHA-256 of `project.ron` once the change is made.
    to: Option<String>,
    /// Files the change creates (relative to the project folder).
    created: Vec<String>,
    /// Folders the change creates, parents first.
    created_dirs: Vec<String>,
    /// Files the change replaces, each with where its current version is
    /// kept until the change is over.
    replaced: Vec<(String, String)>,
}

/// A multi-file change under way: the intent is on disk and the project's
/// write lock held. Write the files, then [`Change::commit`]; dropping it
/// uncommitted rolls the change back.
#[derive(Debug)]
#[must_use = "an uncommitted change is rolled back when dropped"]
pub struct Change {
    root: PathBuf,
    intent: Intent,
    done: bool,
    /// Files written by [`Change::write_new`], not yet synced.
    unsynced: Vec<PathBuf>,
    _lock: WriteLock,
}

impl Change {
    /// Records the intent to write `files` (inside the project at `root`)
    /// and then `project.ron` with `project_text` (`None`: `project.ron`
    /// stays as it is). Creates the folders the files need.
    pub fn begin(
        root: &Path,
        files: &[PathBuf],
        project_text: Option<&str>,
    ) -> Result<Change, StoreError> {
        let lock = WriteLock::acquire(root)?;
        let from = fingerprint(&root.join(PROJECT_FILE))?;
        let to = match project_text {
            Some(text) => Some(crate::text::bytes_hash(text.as_bytes())),
            None => from.clone(),
        };
        let mut intent = Intent {
            from,
            to,
            ..Intent::default()
        };
        for (i, file) in files.iter().enumerate() {
            let rel = relative(root, file)?;
            let mut at = PathBuf::new();
            for part in Path::new(&rel).parent().into_iter().flat_map(|p| p.iter()) {
                at.push(part);
                let name = at.to_string_lossy().into_owned();
                if !root.join(&at).exists() && !intent.created_dirs.contains(&name) {
                    intent.created_dirs.push(name);
                }
            }
            if file.exists() {
                let kept = Path::new(&rel).with_file_name(format!(".newscoder-kept-{i}.tmp"));
                intent
                    .replaced
                    .push((rel, kept.to_string_lossy().into_owned()));
            } else {
                intent.created.push(rel);
            }
        }
        let path = root.join(INTENT_FILE);
        write_atomic(&path, to_ron(&intent, 2, &path)?.as_bytes())?;
        let change = Change {
            root: root.to_path_buf(),
            intent,
            done: false,
            unsynced: Vec::new(),
            _lock: lock,
        };
        for dir in &change.intent.created_dirs {
            let d = root.join(dir);
            std::fs::create_dir_all(&d).map_err(|e| StoreError::io(&d, e))?;
        }
        for (file, kept) in &change.intent.replaced {
            let (file, kept) = (root.join(file), root.join(kept));
            let _ = std::fs::remove_file(&kept);
            if std::fs::hard_link(&file, &kept).is_err() {
                let bytes = super::read_plain(&file).map_err(|e| StoreError::io(&file, e))?;
                write_atomic(&kept, &bytes)?;
            }
        }
        Ok(change)
    }

    /// Writes `bytes` to `path`, one of the files the change creates, without
    /// syncing it: [`Change::commit`] syncs every such file at once before
    /// the commit point (a file torn by a crash before that is removed with
    /// the rest of the uncommitted change). A file the change replaces is
    /// written atomically, with its backup, as any save.
    pub fn write_new(&mut self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let created =
            relative(&self.root, path).is_ok_and(|rel| self.intent.created.contains(&rel));
        if !created {
            return super::write_with_backup(path, bytes);
        }
        let mut builder = std::fs::OpenOptions::new();
        builder.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            builder.mode(0o644);
        }
        let mut file = builder.open(path).map_err(|e| StoreError::io(path, e))?;
        std::io::Write::write_all(&mut file, bytes).map_err(|e| StoreError::io(path, e))?;
        self.unsynced.push(path.to_path_buf());
        Ok(())
    }

    /// Makes every file written by [`Change::write_new`] and the folders
    /// holding them durable: one `syncfs` of the project's file system on
    /// Linux (one call instead of one per file), else each file's fsync.
    fn sync_written(&self) -> Result<(), StoreError> {
        if self.unsynced.is_empty() {
            return Ok(());
        }
        if !sync_file_system(&self.root) {
            for path in &self.unsynced {
                let f = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
                f.sync_all().map_err(|e| StoreError::io(path, e))?;
            }
        }
        let mut dirs: Vec<&Path> = self.unsynced.iter().filter_map(|p| p.parent()).collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Writes `project.ron` (the commit point) and ends the change.
    pub fn commit(mut self, project_text: Option<&str>) -> Result<(), StoreError> {
        self.sync_written()?;
        if let Some(text) = project_text {
            super::write_with_backup(&self.root.join(PROJECT_FILE), text.as_bytes())?;
        }
        self.done = true;
        end(&self.root, &self.intent, true)
    }
}

impl Drop for Change {
    fn drop(&mut self) {
        if !self.done {
            // Best effort; what is left is finished by the next writer.
            let _ = end(&self.root, &self.intent, false);
        }
    }
}

/// Flushes everything written to the file system holding `root` (Linux
/// `syncfs`); false where that is not available or failed.
fn sync_file_system(root: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        if let Ok(d) = std::fs::File::open(root) {
            // SAFETY: syncfs on a descriptor we own; no memory involved.
            return unsafe { libc::syncfs(d.as_raw_fd()) } == 0;
        }
    }
    let _ = root;
    false
}

/// Finishes a change interrupted in an earlier run, if [`INTENT_FILE`] is
/// there: completes it when `project.ron` shows it was committed, else rolls
/// it back. Call with the project's write lock held. Returns whether there
/// was one.
pub(super) fn finish_interrupted(root: &Path) -> Result<bool, StoreError> {
    let Some(intent) = read_intent(root)? else {
        return Ok(false);
    };
    let now = fingerprint(&root.join(PROJECT_FILE))?;
    let committed = intent.from != intent.to && now == intent.to;
    end(root, &intent, committed)?;
    Ok(true)
}

/// Finishes (or rolls back) a change a killed command left in the project
/// at `root`, unless its writer still runs; every command that opens a
/// project calls this. Cheap when there is none; failures are left for the
/// next writer, which reports them.
pub fn finish_interrupted_change(root: &Path) {
    if root.join(INTENT_FILE).exists() {
        // Taking the lock finishes it.
        drop(WriteLock::acquire_within(root, std::time::Duration::ZERO));
    }
}

/// How many files an interrupted (or running) change names, for `validate`:
/// `None` when there is no intent.
pub fn pending_change(root: &Path) -> Result<Option<usize>, StoreError> {
    Ok(read_intent(root)?.map(|i| i.created.len() + i.replaced.len()))
}

fn read_intent(root: &Path) -> Result<Option<Intent>, StoreError> {
    let path = root.join(INTENT_FILE);
    let text = match super::read_project_file(&path) {
        Ok(text) => text,
        Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let intent: Intent = from_ron(&path, &text)?;
    let names = intent
        .created
        .iter()
        .chain(&intent.created_dirs)
        .chain(intent.replaced.iter().flat_map(|(a, b)| [a, b]));
    for name in names {
        if !is_inside(name) {
            return Err(StoreError::Invalid {
                path,
                message: format!(
                    "names {}, which is not a file of this project; remove the intent file \
                     by hand after checking the project",
                    crate::wording::quoted(name)
                ),
            });
        }
    }
    Ok(Some(intent))
}

/// Ends a change: keeps what it wrote (`committed`) or puts back what was
/// there before; then removes the kept versions and the intent.
fn end(root: &Path, intent: &Intent, committed: bool) -> Result<(), StoreError> {
    if !committed {
        for (file, kept) in intent.replaced.iter().rev() {
            let (file, kept) = (root.join(file), root.join(kept));
            if no_link_on_the_way(root, &kept) && kept.exists() {
                std::fs::rename(&kept, &file).map_err(|e| StoreError::io(&file, e))?;
                // Renaming a file over another link to itself (it was never
                // written) does nothing and leaves both names.
                let _ = std::fs::remove_file(&kept);
            }
        }
        for file in intent.created.iter().rev() {
            let file = root.join(file);
            if no_link_on_the_way(root, &file) {
                match std::fs::remove_file(&file) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(StoreError::io(&file, e));
                    }
                    _ => {}
                }
            }
        }
        for dir in intent.created_dirs.iter().rev() {
            // Only when empty: something else may have been put there.
            let _ = std::fs::remove_dir(root.join(dir));
        }
    } else {
        for (_, kept) in &intent.replaced {
            let kept = root.join(kept);
            if no_link_on_the_way(root, &kept) {
                let _ = std::fs::remove_file(kept);
            }
        }
    }
    let path = root.join(INTENT_FILE);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(&path, e)),
        _ => {
            if let Ok(d) = std::fs::File::open(root) {
                let _ = d.sync_all();
            }
            Ok(())
        }
    }
}

/// `file` relative to `root`, refused when it lies elsewhere.
fn relative(root: &Path, file: &Path) -> Result<String, StoreError> {
    let rel = file
        .strip_prefix(root)
        .ok()
        .map(|r| r.to_string_lossy().into_owned())
        .filter(|r| is_inside(r));
    rel.ok_or_else(|| StoreError::Invalid {
        path: file.to_path_buf(),
        message: "lies outside the project folder".into(),
    })
}

/// Whether a relative name stays inside the project: plain safe names
/// (and our hidden `.newscoder-` ones) joined by `/`, nothing else.
fn is_inside(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && path.components().all(|c| match c {
            Component::Normal(part) => part.to_str().is_some_and(|p| {
                is_safe_name(p.strip_suffix(".txt").unwrap_or(p))
                    || is_safe_name(p.strip_suffix(".ron").unwrap_or(p))
                    || (p.starts_with(".newscoder-kept-") && p.ends_with(".tmp"))
            }),
            _ => false,
        })
}

/// Whether no part of `path` below `root` is a symbolic link.
fn no_link_on_the_way(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut at = root.to_path_buf();
    rel.components().all(|c| {
        at.push(c);
        !std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(root: &Path) {
        std::fs::write(root.join(PROJECT_FILE), "old index").unwrap();
        std::fs::create_dir_all(root.join("annotations/alice")).unwrap();
        std::fs::write(root.join("annotations/alice/d1.ron"), "old set").unwrap();
    }

    fn files(root: &Path) -> Vec<PathBuf> {
        vec![
            root.join("documents/d2.txt"),
            root.join("annotations/alice/d1.ron"),
            root.join("annotations/bob/d2.ron"),
        ]
    }

    fn write_new(root: &Path) {
        write_atomic(&root.join("documents/d2.txt"), b"text").unwrap();
        write_atomic(&root.join("annotations/alice/d1.ron"), b"new set").unwrap();
        write_atomic(&root.join("annotations/bob/d2.ron"), b"bob's set").unwrap();
    }

    fn listing(root: &Path) -> Vec<String> {
        let mut out: Vec<String> = walk(root)
            .into_iter()
            .filter(|p| !p.ends_with(super::super::WRITE_LOCK_FILE))
            .map(|p| {
                let content = std::fs::read_to_string(&p).unwrap_or_default();
                format!("{}={content}", p.strip_prefix(root).unwrap().display())
            })
            .collect();
        out.sort();
        out
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = vec![dir.to_path_buf()];
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn an_uncommitted_change_is_rolled_back_at_every_step() {
        // Stopped (as a kill would) after the intent, after each file
        // written, and before the commit: the next writer restores the
        // project exactly.
        for stop_after in 0..=3 {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path();
            project(root);
            let before = listing(root);
            let change = Change::begin(root, &files(root), Some("new index")).unwrap();
            let writes: [(&str, &str); 3] = [
                ("documents/d2.txt", "text"),
                ("annotations/alice/d1.ron", "new set"),
                ("annotations/bob/d2.ron", "bob's set"),
            ];
            for (file, content) in writes.iter().take(stop_after) {
                write_atomic(&root.join(file), content.as_bytes()).unwrap();
            }
            std::mem::forget(change); // killed: no drop
            assert!(root.join(INTENT_FILE).exists());
            // What the next writer does once it has the lock.
            assert!(finish_interrupted(root).unwrap());
            assert_eq!(listing(root), before, "stopped after {stop_after} writes");
        }
    }

    #[test]
    fn a_committed_change_is_kept_and_cleaned_up() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        project(root);
        let change = Change::begin(root, &files(root), Some("new index")).unwrap();
        write_new(root);
        // Killed right after the commit point, before the intent was removed.
        write_atomic(&root.join(PROJECT_FILE), b"new index").unwrap();
        std::mem::forget(change);
        assert!(finish_interrupted(root).unwrap());
        let after = listing(root);
        assert!(after.contains(&"annotations/alice/d1.ron=new set".to_string()));
        assert!(after.contains(&"annotations/bob/d2.ron=bob's set".to_string()));
        assert!(after.iter().all(|f| !f.contains(".newscoder-kept")));
        assert!(!root.join(INTENT_FILE).exists());
        // A normal commit ends the same way.
        let change = Change::begin(root, &[root.join("documents/d3.txt")], Some("3")).unwrap();
        std::fs::write(root.join("documents/d3.txt"), "three").unwrap();
        change.commit(Some("3")).unwrap();
        assert!(!root.join(INTENT_FILE).exists());
        assert_eq!(
            std::fs::read_to_string(root.join(PROJECT_FILE)).unwrap(),
            "3"
        );
    }

    #[test]
    fn a_change_that_keeps_the_index_commits_by_removing_the_intent() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        project(root);
        let before = listing(root);
        let set = root.join("annotations/alice/d1.ron");
        let change = Change::begin(root, std::slice::from_ref(&set), None).unwrap();
        // Replaced files are always written by renaming a new file over
        // them (the kept version is another name of the old file).
        write_atomic(&set, b"new set").unwrap();
        std::mem::forget(change);
        assert!(finish_interrupted(root).unwrap());
        assert_eq!(listing(root), before);
    }

    #[test]
    fn a_hostile_intent_touches_nothing_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        std::fs::create_dir_all(&root).unwrap();
        project(&root);
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        for name in ["../victim.txt", "/etc/passwd", "documents/../../victim.txt"] {
            let intent = Intent {
                created: vec![name.to_string()],
                ..Intent::default()
            };
            let path = root.join(INTENT_FILE);
            std::fs::write(&path, to_ron(&intent, 2, &path).unwrap()).unwrap();
            let err = finish_interrupted(&root).unwrap_err();
            assert!(
                err.to_string().contains("not a file of this project"),
                "{err}"
            );
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
