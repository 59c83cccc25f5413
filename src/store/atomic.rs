//! Crash-safe file replacement: write a temporary file in the same folder,
//! fsync it, rename it over the target, fsync the folder.

use super::StoreError;
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` so that a crash or kill at any moment leaves
/// either the old or the new file, never a torn one. Creates missing parent
/// folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
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
    tmp.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| StoreError::io(path, e))?;
    // On error the temporary file is removed by its destructor and the old
    // file is untouched.
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
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
