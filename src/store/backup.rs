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
/// is refused, and so is a backup or file that is a symbolic link (it
/// would bring a file from outside the project in, or write out of it).
///
/// Safe at every instant: the current version is first kept under a name
/// `restore` lists (`<file>.mine-<time>`, a hard link), then the file is
/// replaced atomically, and only then is the kept version renamed to
/// `.bak`. Whenever the process dies, both versions are on disk.
pub fn restore_backup(root: &Path, backup: &Path) -> Result<PathBuf, StoreError> {
    restore_backup_with(root, backup, &mut |_| Ok(()))
}

/// The moments of a restore at which a test stops it, as a kill would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// The current version is kept as `<file>.mine-<time>`.
    KeptCurrent,
    /// The file holds the restored version; the kept one is not yet `.bak`.
    WroteFile,
}

fn restore_backup_with(
    root: &Path,
    backup: &Path,
    stop: &mut dyn FnMut(Step) -> Result<(), StoreError>,
) -> Result<PathBuf, StoreError> {
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
    refuse_link(&source)?;
    refuse_link(&target)?;
    let text = std::fs::read_to_string(&source).map_err(|e| StoreError::io(&source, e))?;
    if entry.file == Path::new(PROJECT_FILE) {
        from_ron::<Project>(&source, &text)?;
    } else {
        from_ron::<AnnotationSet>(&source, &text)?;
    }
    match std::fs::symlink_metadata(&target) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_atomic(&target, text.as_bytes())?;
            return Ok(target);
        }
        Err(e) => return Err(StoreError::io(&target, e)),
    }
    let kept = keep_aside(&target)?;
    stop(Step::KeptCurrent)?;
    // A `.mine-` version used here stays in place as a record.
    write_atomic(&target, text.as_bytes())?;
    stop(Step::WroteFile)?;
    let bak = backup_path(&target);
    std::fs::rename(&kept, &bak).map_err(|e| StoreError::io(&bak, e))?;
    sync_parent(&bak);
    Ok(target)
}

/// Keeps the current `target` as `<target>.mine-<time>` (a name no file
/// has yet): a hard link, or a copy where links are unsupported.
fn keep_aside(target: &Path) -> Result<PathBuf, StoreError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 0..1000u32 {
        let mut name = target.as_os_str().to_owned();
        name.push(format!(".mine-{secs}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        let kept = PathBuf::from(name);
        if std::fs::symlink_metadata(&kept).is_ok() {
            continue;
        }
        match std::fs::hard_link(target, &kept) {
            Ok(()) => {
                sync_parent(&kept);
                return Ok(kept);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => {
                let current = std::fs::read(target).map_err(|e| StoreError::io(target, e))?;
                write_atomic(&kept, &current)?;
                return Ok(kept);
            }
        }
    }
    Err(StoreError::Invalid {
        path: target.to_path_buf(),
        message: "too many earlier versions kept beside it; remove some `.mine-` files".into(),
    })
}

/// Refuses a symbolic link (or anything but a regular file) where a project
/// file is expected.
fn refuse_link(path: &Path) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: "is a symbolic link; restore reads and writes only the project's own files"
                .into(),
        }),
        Ok(m) if !m.is_file() => Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: "is not a regular file".into(),
        }),
        _ => Ok(()),
    }
}

/// Makes a new name in `path`'s folder durable (see `atomic::sync_dir`).
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
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
        let tmp = two_versions();
        let listed = list_backups(tmp.path());
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].file, Path::new("project.ron"));
        restore_backup(tmp.path(), Path::new("project.ron.bak")).unwrap();
        assert_eq!(ProjectDir::open(tmp.path()).unwrap().project.name, "first");
        restore_backup(tmp.path(), Path::new("project.ron")).unwrap();
        assert_eq!(ProjectDir::open(tmp.path()).unwrap().project.name, "second");
        assert!(restore_backup(tmp.path(), Path::new("../x.ron.bak")).is_err());
    }

    /// A project named "second" whose `.bak` is named "first".
    fn two_versions() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = ProjectDir::create(tmp.path(), "first", Codebook::default_media()).unwrap();
        dir.project.name = "second".into();
        dir.save_project().unwrap();
        tmp
    }

    /// The contents of `project.ron` and of every version `restore` lists.
    fn versions(root: &Path) -> Vec<Vec<u8>> {
        let mut all = vec![std::fs::read(root.join(PROJECT_FILE)).unwrap()];
        for b in list_backups(root) {
            all.push(std::fs::read(root.join(&b.backup)).unwrap());
        }
        all
    }

    #[test]
    fn a_restore_stopped_at_any_step_keeps_both_versions_listed() {
        for at in [Step::KeptCurrent, Step::WroteFile] {
            let tmp = two_versions();
            let bak = std::fs::read(tmp.path().join("project.ron.bak")).unwrap();
            let current = std::fs::read(tmp.path().join("project.ron")).unwrap();
            let mut stop = |step: Step| {
                if step == at {
                    Err(StoreError::Invalid {
                        path: PathBuf::new(),
                        message: "killed".into(),
                    })
                } else {
                    Ok(())
                }
            };
            assert!(
                restore_backup_with(tmp.path(), Path::new("project.ron.bak"), &mut stop).is_err()
            );
            let now = versions(tmp.path());
            assert!(
                now.contains(&bak) && now.contains(&current),
                "stopped at {at:?}"
            );
            // The next restore works from whatever was left.
            restore_backup(tmp.path(), Path::new("project.ron.bak")).unwrap();
            let now = versions(tmp.path());
            assert!(now.contains(&bak) && now.contains(&current), "after {at:?}");
        }
    }

    #[test]
    fn a_finished_restore_leaves_only_the_file_and_its_bak() {
        let tmp = two_versions();
        restore_backup(tmp.path(), Path::new("project.ron.bak")).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("project.ron"))
            .collect();
        names.sort();
        assert_eq!(names, ["project.ron", "project.ron.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_backup_is_not_restored_from_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        ProjectDir::create(tmp.path(), "inside", Codebook::default_media()).unwrap();
        ProjectDir::create(outside.path(), "outside", Codebook::default_media()).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("project.ron"),
            tmp.path().join("project.ron.bak"),
        )
        .unwrap();
        let err = restore_backup(tmp.path(), Path::new("project.ron.bak")).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(ProjectDir::open(tmp.path()).unwrap().project.name, "inside");
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
