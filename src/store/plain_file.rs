//! Opening a file that must be a plain (regular) file. A FIFO would block a
//! read forever and a device such as `/dev/zero` would fill memory; both
//! are refused on the opened file, before anything is read from it (so
//! nothing can be swapped in between a check and the open), and the open
//! itself does not wait for a FIFO's writer.

use std::fs::{File, Metadata};
use std::io::{Error, ErrorKind};
use std::path::Path;

/// Opens `path` for reading if it is a regular file. `follow_links`: a
/// symbolic link is followed (a file the user named) or refused (a project
/// file, which must not lead outside the project). The errors say what is
/// wrong without the path.
pub fn open_plain(path: &Path, follow_links: bool) -> Result<(File, Metadata), Error> {
    if !follow_links && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "is a symbolic link; project files must be plain files inside the project folder",
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow_links { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "is a folder, not a file",
        ));
    }
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "is not a regular file (a FIFO, device or socket); nothing was read from it",
        ));
    }
    Ok((file, meta))
}

/// The bytes of the plain file at `path` (a symbolic link, FIFO or device
/// is an error, see [`open_plain`]).
pub fn read_plain(path: &Path) -> Result<Vec<u8>, Error> {
    let (mut file, meta) = open_plain(path, false)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_links_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        // Would block forever if opened as a file.
        let err = open_plain(&fifo, true).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(
            open_plain(&zero, true)
                .unwrap_err()
                .to_string()
                .contains("not a regular")
        );
        assert!(
            open_plain(&zero, false)
                .unwrap_err()
                .to_string()
                .contains("symbolic link")
        );
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let link = dir.path().join("b.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(open_plain(&link, true).is_ok());
        assert!(open_plain(&link, false).is_err());
        assert!(
            open_plain(dir.path(), true)
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
    }
}
