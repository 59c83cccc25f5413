//! Crash-safe file replacement: write a temporary file in the same folder,
//! fsync it, rename it over the target, fsync the folder.

use super::StoreError;
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` so that a crash or kill at any moment leaves
/// either the old or the new file, never a torn one. Creates missing parent
/// folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_through(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] with the write itself supplied by the caller, so tests
/// can simulate a full disk or a failing device.
fn write_atomic_through(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".newscoder-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    write(tmp.as_file_mut(), bytes).map_err(|e| StoreError::io(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| StoreError::io(path, e))?;
    // On error the temporary file is removed by its destructor and the old
    // file is untouched.
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Suffix of the previous version kept beside every project file.
pub const BACKUP_SUFFIX: &str = "bak";

/// The path of `path`'s backup: `x.ron` -> `x.ron.bak`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(BACKUP_SUFFIX);
    std::path::PathBuf::from(name)
}

/// Like [`write_atomic`], but first keeps the current content of `path` (if
/// any, and if it differs) as `path.bak`, so the previous version can be
/// restored after a mistaken save.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    match std::fs::read(path) {
        Ok(old) if old != bytes => keep_backup(path, &old)?,
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(path, e)),
    }
    write_atomic(path, bytes)
}

/// Makes `path.bak` hold `old`, the current content of `path`. A hard link
/// costs no copy and no data sync: the atomic write that follows replaces
/// `path` with a new file, leaving the old one alive under the `.bak` name.
/// Where links are not supported, the content is copied.
fn keep_backup(path: &Path, old: &[u8]) -> Result<(), StoreError> {
    let bak = backup_path(path);
    match std::fs::remove_file(&bak) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&bak, e)),
    }
    if std::fs::hard_link(path, &bak).is_ok() {
        return Ok(());
    }
    write_atomic(&bak, old)
}

/// Makes the rename durable. Failure is ignored: some filesystems do not
/// support syncing a directory, and the data itself is already safe.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"old content").unwrap();
        let full_disk = |f: &mut std::fs::File, b: &[u8]| {
            f.write_all(&b[..3])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        };
        let err = write_atomic_through(&p, b"new content", full_disk).unwrap_err();
        assert!(err.to_string().contains("a.ron") && err.to_string().contains("No space left"));
        assert_eq!(std::fs::read(&p).unwrap(), b"old content");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn backups_keep_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_with_backup(&p, b"one").unwrap();
        assert!(!backup_path(&p).exists());
        write_with_backup(&p, b"two").unwrap();
        write_with_backup(&p, b"two").unwrap();
        assert_eq!(std::fs::read(backup_path(&p)).unwrap(), b"one");
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    #[test]
    fn replaces_content_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.ron");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["a.ron"]);
    }
}
