//! Bringing a project of an earlier format version up to this build's.
//!
//! A project of an earlier version opens as it is: the reader understands
//! the older files (format 1's numbered actors and single links read as
//! ULIDs of the same value and lists of one) and the store holds it in the
//! new form in memory. Nothing is written until something is saved; then,
//! before anything else, [`ProjectDir::migrate_if_needed`]:
//!
//! 1. keeps the project's files as they are under
//!    `format-<old>-backup/` (hard links where the file system allows:
//!    saves replace files by renaming, so a link keeps the old content);
//! 2. writes every actor to `actors/<id>.ron`;
//! 3. rewrites every annotation file in the new form;
//! 4. writes `project.ron` with the new version — the commit point.
//!
//! A kill at any step leaves a project that opens: before step 4 it is
//! still of the old version (annotation files already rewritten read the
//! same either way) and the next save migrates again, keeping the backup
//! taken first (files already in it are never replaced).

use super::{
    ANNOTATIONS_DIR, PROJECT_FILE, ProjectDir, StoreError, from_ron, read_project_file, to_ron,
    write_atomic,
};
use crate::model::{AnnotationSet, is_safe_name};
use std::path::Path;

/// Start of the name of the folder an earlier version's files are kept in
/// (`format-1-backup`).
pub const BACKUP_DIR_PREFIX: &str = "format-";

/// The folder the files of format `version` are kept in.
pub fn backup_dir_name(version: u32) -> String {
    format!("{BACKUP_DIR_PREFIX}{version}-backup")
}

impl ProjectDir {
    /// Migrates a project of an earlier format version on disk (see the
    /// module documentation); does nothing for a current one. Every writer
    /// calls it before writing anything else, holding the write lock.
    pub fn migrate_if_needed(&mut self) -> Result<(), StoreError> {
        let Some(from) = self.migrate_from else {
            return Ok(());
        };
        let root = self.root().to_path_buf();
        let backup = root.join(backup_dir_name(from));
        keep(&root, &backup, Path::new(PROJECT_FILE))?;
        let annotations = root.join(ANNOTATIONS_DIR);
        let mut sets = Vec::new();
        for coder in self.coders_on_disk()? {
            let folder = annotations.join(&coder);
            self.ensure_inside(&folder)?;
            let entries = std::fs::read_dir(&folder).map_err(|e| StoreError::io(&folder, e))?;
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron") && !n.starts_with('.'))
                .collect();
            names.sort();
            for name in names {
                let rel = Path::new(ANNOTATIONS_DIR).join(&coder).join(&name);
                keep(&root, &backup, &rel)?;
                sets.push(rel);
            }
        }
        // Coders format 1 listed without a folder keep being coders.
        for coder in self.project.coders.iter().filter(|c| is_safe_name(c)) {
            let folder = annotations.join(coder);
            std::fs::create_dir_all(&folder).map_err(|e| StoreError::io(&folder, e))?;
        }
        for (path, text) in self.actor_changes()? {
            if let Some(text) = text {
                write_atomic(&path, text.as_bytes())?;
            }
        }
        for rel in &sets {
            let path = root.join(rel);
            let text = read_project_file(&path)?;
            // A file that does not parse stays as it is: `validate` and the
            // window report it, and migrating must not lose it.
            let Ok(set) = from_ron::<AnnotationSet>(&path, &text) else {
                continue;
            };
            let mut sorted = set;
            sorted.sort();
            let new = to_ron(&sorted, 2, &path)?;
            if new != text {
                write_atomic(&path, new.as_bytes())?;
            }
        }
        super::project_dir::write_gitignore(&root)?;
        self.migrate_from = None;
        self.project.format_version = crate::model::FORMAT_VERSION;
        self.actors_saved();
        let text = self.project_text()?;
        write_atomic(&self.project_file(), text.as_bytes())
    }
}

/// Keeps `rel` (a file of the project at `root`) in the backup folder,
/// unless a version of it is kept there already.
fn keep(root: &Path, backup: &Path, rel: &Path) -> Result<(), StoreError> {
    let from = root.join(rel);
    let to = backup.join(rel);
    if to.exists() || !from.is_file() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    if std::fs::hard_link(&from, &to).is_err() {
        let bytes = super::read_plain(&from).map_err(|e| StoreError::io(&from, e))?;
        write_atomic(&to, &bytes)?;
    }
    Ok(())
}
