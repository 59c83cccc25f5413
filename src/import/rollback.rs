//! Undo for a multi-file write: remembers what each file held before, so a
//! failure half-way through an import can put every file back and leave
//! nothing half-imported.

use crate::store::{StoreError, write_atomic};
use std::path::{Path, PathBuf};

/// Files (and folders) about to be written, with their previous state.
#[derive(Debug, Default)]
pub struct Journal {
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
    new_dirs: Vec<PathBuf>,
}

impl Journal {
    /// Remembers `path`'s current contents (or absence) before it is
    /// written.
    pub fn remember(&mut self, path: &Path) -> Result<(), StoreError> {
        let before = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(StoreError::io(path, e)),
        };
        self.files.push((path.to_path_buf(), before));
        Ok(())
    }

    /// Remembers that `dir` did not exist, if it does not, so rolling back
    /// removes it again.
    pub fn remember_dir(&mut self, dir: &Path) {
        if !dir.exists() {
            self.new_dirs.push(dir.to_path_buf());
        }
    }

    /// Puts every remembered file back as it was, newest first. Best
    /// effort: the caller is already reporting the original failure.
    pub fn roll_back(self) {
        for (path, before) in self.files.into_iter().rev() {
            let _ = match before {
                Some(bytes) => write_atomic(&path, &bytes),
                None => std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e)),
            };
        }
        for dir in self.new_dirs.into_iter().rev() {
            // Only succeeds if empty, which is what we want.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_changed_and_removes_new_files() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join("old.txt");
        std::fs::write(&old, "before").unwrap();
        let sub = tmp.path().join("sub");
        let new = sub.join("new.txt");
        let mut j = Journal::default();
        j.remember(&old).unwrap();
        j.remember_dir(&sub);
        j.remember(&new).unwrap();
        write_atomic(&old, b"after").unwrap();
        write_atomic(&new, b"fresh").unwrap();
        j.roll_back();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "before");
        assert!(!new.exists() && !sub.exists());
    }
}
