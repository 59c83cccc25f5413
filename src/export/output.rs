//! All-or-nothing output: exports write into a hidden temporary file or
//! folder next to the target and rename it into place only when complete,
//! so a failed or interrupted export never leaves a half-written dataset
//! (or a truncated copy of the previous one).

use super::ExportError;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const TEMP_PREFIX: &str = ".newscoder-export-";
const BUFFER: usize = 256 * 1024;

/// A file being written that replaces `target` on [`AtomicFile::commit`]
/// and vanishes if dropped before.
pub(crate) struct AtomicFile {
    target: PathBuf,
    out: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing a replacement for `target`, whose folder must exist.
    pub fn create(target: &Path) -> Result<AtomicFile, ExportError> {
        if target.is_dir() {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "is a folder; give a file name".into(),
            });
        }
        let parent = existing_parent(target)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A temporary file is private by default; an exported dataset
            // should get the usual permissions (the umask still applies).
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let tmp = builder
            .tempfile_in(&parent)
            .map_err(|e| ExportError::io(&parent, e))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            out: BufWriter::with_capacity(BUFFER, tmp),
        })
    }

    /// The buffered writer.
    pub fn writer(&mut self) -> &mut BufWriter<tempfile::NamedTempFile> {
        &mut self.out
    }

    /// The final path, for messages.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Error helper: an I/O error on this output.
    pub fn err(&self, e: std::io::Error) -> ExportError {
        ExportError::io(&self.target, e)
    }

    /// Flushes, syncs and renames the file over the target.
    pub fn commit(self) -> Result<PathBuf, ExportError> {
        let target = self.target;
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| ExportError::io(&target, e.into_error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| ExportError::io(&target, e))?;
        tmp.persist(&target)
            .map_err(|e| ExportError::io(&target, e.error))?;
        Ok(target)
    }
}

/// A folder being filled that takes the place of `target` on
/// [`AtomicFolder::commit`] and is removed if dropped before.
pub(crate) struct AtomicFolder {
    target: PathBuf,
    tmp: tempfile::TempDir,
}

impl AtomicFolder {
    /// Starts a folder that will become `target`. `target` must not exist,
    /// be empty, or be a previous export that `replaceable` recognises.
    pub fn create(
        target: &Path,
        replaceable: fn(&Path) -> bool,
    ) -> Result<AtomicFolder, ExportError> {
        check_folder_target(target, replaceable)?;
        let parent = existing_parent(target)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o755));
        }
        let tmp = builder
            .tempdir_in(&parent)
            .map_err(|e| ExportError::io(&parent, e))?;
        Ok(AtomicFolder {
            target: target.to_path_buf(),
            tmp,
        })
    }

    /// The final path, for messages.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Creates the file `relative` inside the folder for buffered writing.
    pub fn file(&self, relative: &Path) -> Result<BufWriter<File>, ExportError> {
        let path = self.tmp.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ExportError::io(parent, e))?;
        }
        let f = File::create(&path).map_err(|e| ExportError::io(self.target.join(relative), e))?;
        Ok(BufWriter::with_capacity(BUFFER, f))
    }

    /// Flushes and syncs a file made by [`AtomicFolder::file`].
    pub fn close(&self, relative: &Path, out: BufWriter<File>) -> Result<(), ExportError> {
        let err = |e| ExportError::io(self.target.join(relative), e);
        let f = out.into_inner().map_err(|e| err(e.into_error()))?;
        f.sync_all().map_err(err)
    }

    /// Moves the folder into place. An earlier export at the target is
    /// moved aside first and deleted only once the new one is in place.
    pub fn commit(self, replaceable: fn(&Path) -> bool) -> Result<PathBuf, ExportError> {
        let target = self.target.clone();
        check_folder_target(&target, replaceable)?;
        let parent = existing_parent(&target)?;
        let old = if target.exists() {
            let aside = tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .suffix(".old")
                .tempdir_in(&parent)
                .map_err(|e| ExportError::io(&parent, e))?;
            // Rename onto the empty placeholder folder (allowed on Unix,
            // and the placeholder's guard deletes the old export later).
            let aside_path = aside.path().to_path_buf();
            std::fs::remove_dir(&aside_path).map_err(|e| ExportError::io(&aside_path, e))?;
            std::fs::rename(&target, &aside_path).map_err(|e| ExportError::io(&target, e))?;
            Some(aside)
        } else {
            None
        };
        let tmp = self.tmp.keep();
        if let Err(e) = std::fs::rename(&tmp, &target) {
            // Put the old export back rather than leave nothing.
            if let Some(old) = &old {
                let _ = std::fs::rename(old.path(), &target);
            }
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(ExportError::io(&target, e));
        }
        if let Ok(d) = File::open(&parent) {
            let _ = d.sync_all();
        }
        drop(old);
        Ok(target)
    }
}

/// Writes `bytes` as the file `relative` inside `folder`.
pub(crate) fn write_file(
    folder: &AtomicFolder,
    relative: &Path,
    bytes: &[u8],
) -> Result<(), ExportError> {
    let mut out = folder.file(relative)?;
    out.write_all(bytes)
        .map_err(|e| ExportError::io(folder.target().join(relative), e))?;
    folder.close(relative, out)
}

fn check_folder_target(target: &Path, replaceable: fn(&Path) -> bool) -> Result<(), ExportError> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(ExportError::Target {
            path: target.to_path_buf(),
            message: "exists and is not a folder; this format writes a folder".into(),
        });
    }
    let empty = std::fs::read_dir(target)
        .map_err(|e| ExportError::io(target, e))?
        .next()
        .is_none();
    if empty || replaceable(target) {
        Ok(())
    } else {
        Err(ExportError::Target {
            path: target.to_path_buf(),
            message: "exists and holds other files; choose a new or empty folder".into(),
        })
    }
}

/// The folder `target` will be created in; it must exist already, so a
/// mistyped path fails instead of creating folders in odd places.
fn existing_parent(target: &Path) -> Result<PathBuf, ExportError> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if target.file_name().is_none() {
        return Err(ExportError::Target {
            path: target.to_path_buf(),
            message: "is not a file or folder name".into(),
        });
    }
    if !parent.is_dir() {
        return Err(ExportError::Target {
            path: target.to_path_buf(),
            message: format!("the folder {} does not exist", parent.display()),
        });
    }
    Ok(parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_outputs_leave_nothing_and_commits_replace() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        std::fs::write(&target, "old").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.writer().write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let mut f = AtomicFile::create(&target).unwrap();
        f.writer().write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["out.jsonl"]);
    }

    #[test]
    fn folders_replace_only_recognised_exports() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("brat");
        let yes = |_: &Path| true;
        let no = |_: &Path| false;
        let f = AtomicFolder::create(&target, yes).unwrap();
        write_file(&f, Path::new("a.txt"), b"one").unwrap();
        f.commit(yes).unwrap();
        let f = AtomicFolder::create(&target, yes).unwrap();
        write_file(&f, Path::new("b.txt"), b"two").unwrap();
        f.commit(yes).unwrap();
        assert!(!target.join("a.txt").exists());
        assert_eq!(std::fs::read(target.join("b.txt")).unwrap(), b"two");
        assert!(AtomicFolder::create(&target, no).is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["brat"]);
        assert!(AtomicFile::create(&dir.path().join("missing/x.csv")).is_err());
    }
}
