//! Previous versions of project files (`<file>.bak`, written before every
//! overwrite) and versions kept when a file changed on disk under us
//! (`<file>.mine-<time>`): listing them and restoring one.

use super::{ANNOTATIONS_DIR, PROJECT_FILE, StoreError, backup_path, from_ron, write_atomic};
use crate::model::{AnnotationSet, Project, is_safe_name};
use std::path::{Component, Path, PathBuf};

/// A restorable earlier version of a project file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The project file it is a version of, relative to the project root.
    pub file: PathBuf,
    /// The backup itself, relative to the project root.
    pub backup: PathBuf,
    /// When the backup was written.
    pub modified: Option<std::time::SystemTime>,
}

/// Every backup in the project at `root`, `project.ron`'s first.
pub fn list_backups(root: &Path) -> Vec<Backup> {
    let mut out = Vec::new();
    collect(root, Path::new(""), &mut out);
    let annotations = root.join(ANNOTATIONS_DIR);
    if let Ok(coders) = std::fs::read_dir(&annotations) {
        let mut coders: Vec<_> = coders.filter_map(|e| e.ok()).collect();
        coders.sort_by_key(|e| e.file_name());
        for coder in coders {
            let name = coder.file_name().to_string_lossy().into_owned();
            if is_safe_name(&name) && coder.path().is_dir() {
                collect(root, &Path::new(ANNOTATIONS_DIR).join(&name), &mut out);
            }
        }
    }
    out
}

fn collect(root: &Path, rel_dir: &Path, out: &mut Vec<Backup>) {
    let Ok(entries) = std::fs::read_dir(root.join(rel_dir)) else {
        return;
    };
    let mut found: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let original = name
                .strip_suffix(".bak")
                .or_else(|| name.rsplit_once(".mine-").map(|(f, _)| f))?;
            if !original.ends_with(".ron") {
                return None;
            }
            Some(Backup {
                file: rel_dir.join(original),
                backup: rel_dir.join(&name),
                modified: e.metadata().and_then(|m| m.modified()).ok(),
            })
        })
        .collect();
    found.sort_by(|a, b| a.backup.cmp(&b.backup));
    out.extend(found);
}

/// Restores `backup` (a path relative to the project, as listed by
/// [`list_backups`]) over its file. The current version becomes the new
/// `.bak`, so a restore can itself be undone. A backup that does not parse
/// is refused.
pub fn restore_backup(root: &Path, backup: &Path) -> Result<PathBuf, StoreError> {
    let entry = list_backups(root)
        .into_iter()
        .find(|b| b.backup == backup || b.file == backup)
        .ok_or_else(|| StoreError::Invalid {
            path: root.join(backup),
            message: "no such backup (run `newscoder restore PROJECT` to list them)".into(),
        })?;
    check_inside(&entry.backup)?;
    let source = root.join(&entry.backup);
    let target = root.join(&entry.file);
    let text = std::fs::read_to_string(&source).map_err(|e| StoreError::io(&source, e))?;
    if entry.file == Path::new(PROJECT_FILE) {
        from_ron::<Project>(&source, &text)?;
    } else {
        from_ron::<AnnotationSet>(&source, &text)?;
    }
    match std::fs::read(&target) {
        Ok(current) => write_atomic(&backup_path(&target), &current)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&target, e)),
    }
    // A `.mine-` version used here stays in place as a record.
    write_atomic(&target, text.as_bytes())?;
    Ok(target)
}

/// Backups are only ever looked up among listed files, but make sure the
/// relative path cannot climb out regardless.
fn check_inside(rel: &Path) -> Result<(), StoreError> {
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(())
    } else {
        Err(StoreError::UnsafeName {
            name: rel.display().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Codebook;
    use crate::store::ProjectDir;

    #[test]
    fn restore_swaps_the_backup_in_and_keeps_the_current_version() {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = ProjectDir::create(tmp.path(), "first", Codebook::default_media()).unwrap();
        dir.project.name = "second".into();
        dir.save_project().unwrap();
        let listed = list_backups(tmp.path());
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].file, Path::new("project.ron"));
        restore_backup(tmp.path(), Path::new("project.ron.bak")).unwrap();
        assert_eq!(ProjectDir::open(tmp.path()).unwrap().project.name, "first");
        restore_backup(tmp.path(), Path::new("project.ron")).unwrap();
        assert_eq!(ProjectDir::open(tmp.path()).unwrap().project.name, "second");
        assert!(restore_backup(tmp.path(), Path::new("../x.ron.bak")).is_err());
    }

    #[test]
    fn a_damaged_backup_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        ProjectDir::create(tmp.path(), "p", Codebook::default_media()).unwrap();
        std::fs::write(tmp.path().join("project.ron.bak"), "(oops").unwrap();
        let before = std::fs::read(tmp.path().join("project.ron")).unwrap();
        assert!(matches!(
            restore_backup(tmp.path(), Path::new("project.ron.bak")),
            Err(StoreError::Parse { .. })
        ));
        assert_eq!(
            std::fs::read(tmp.path().join("project.ron")).unwrap(),
            before
        );
    }
}
