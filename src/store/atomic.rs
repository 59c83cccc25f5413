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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newscoder-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary file is private (0600); the file it replaces keeps
        // its mode, a new one gets the usual 0644 (less the umask), so
        // fellow coders on a shared folder can read the project.
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder
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
    match super::read_plain(path) {
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

    /// New files are readable by the group and others as the umask allows
    /// (fellow coders on a shared folder); a replaced file keeps its mode.
    #[cfg(target_os = "linux")]
    #[test]
    fn files_get_the_usual_permissions_and_keep_their_own() {
        use std::os::unix::fs::PermissionsExt;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write_atomic(&p, b"one").unwrap();
        assert_eq!(mode(&p), 0o644 & !umask);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_with_backup(&p, b"two").unwrap();
        assert_eq!(mode(&p), 0o600);
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
