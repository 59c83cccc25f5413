//! Exports' output. A file target is written into a hidden temporary file
//! beside it and renamed into place only when complete, so a failed or
//! interrupted export never leaves a half-written dataset (or a truncated
//! copy of the previous one). What is not a file is written through, never
//! replaced: a symbolic link's target gets the export (the link stays), a
//! FIFO or character device is streamed into, `-` means standard output.
//! Temporary files that killed exports left behind are removed by the next
//! export into the same folder; a live export holds a lock on its own, so
//! it is never taken for one of them.

use super::ExportError;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const TEMP_PREFIX: &str = ".newscoder-export-";
const BUFFER: usize = 256 * 1024;
/// A temporary file younger than this is never removed as abandoned: its
/// export may have created it a moment ago and not yet locked it.
const MIN_ABANDONED_AGE: std::time::Duration = std::time::Duration::from_secs(10);

/// Where an export's bytes go.
#[derive(Debug)]
enum Destination {
    /// Standard output (`-`).
    Stdout,
    /// Written into directly: a FIFO or a character device.
    Stream(PathBuf),
    /// A regular file (or none yet) at this path, after following links:
    /// replaced atomically.
    Replace(PathBuf),
}

/// What an output writes into.
pub(crate) enum Sink {
    /// The temporary file that will replace the target.
    Temp(tempfile::NamedTempFile),
    /// A FIFO or device, written as it comes.
    Stream(File),
    /// Standard output.
    Stdout(std::io::Stdout),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Temp(f) => f.write(buf),
            Sink::Stream(f) => f.write(buf),
            Sink::Stdout(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Temp(f) => f.flush(),
            Sink::Stream(f) => f.flush(),
            Sink::Stdout(s) => s.flush(),
        }
    }
}

/// A file being written that replaces (or is streamed to) `target` on
/// [`AtomicFile::commit`]; a temporary file vanishes if dropped before.
pub(crate) struct AtomicFile {
    target: PathBuf,
    /// The regular file replaced on commit (the target, links followed).
    replaces: Option<PathBuf>,
    out: BufWriter<Sink>,
}

impl AtomicFile {
    /// Starts writing `target`, whose folder must exist: `-` for standard
    /// output, a FIFO or device to stream into, or a file (through any
    /// symbolic links) to replace.
    pub fn create(target: &Path) -> Result<AtomicFile, ExportError> {
        let (sink, replaces) = match destination(target)? {
            Destination::Stdout => (Sink::Stdout(std::io::stdout()), None),
            Destination::Stream(path) => {
                let f = File::options()
                    .write(true)
                    .open(&path)
                    .map_err(|e| ExportError::io(target, e))?;
                (Sink::Stream(f), None)
            }
            Destination::Replace(path) => {
                let parent = existing_parent(&path)?;
                remove_abandoned(&parent);
                (Sink::Temp(temp_file(&parent)?), Some(path))
            }
        };
        Ok(AtomicFile {
            target: target.to_path_buf(),
            replaces,
            out: BufWriter::with_capacity(BUFFER, sink),
        })
    }

    /// The buffered writer.
    pub fn writer(&mut self) -> &mut BufWriter<Sink> {
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

    /// Flushes; a temporary file is synced and renamed over the target.
    pub fn commit(self) -> Result<PathBuf, ExportError> {
        let target = self.target;
        let sink = self
            .out
            .into_inner()
            .map_err(|e| ExportError::io(&target, e.into_error()))?;
        match (sink, self.replaces) {
            (Sink::Temp(tmp), Some(path)) => {
                tmp.as_file()
                    .sync_all()
                    .map_err(|e| ExportError::io(&target, e))?;
                tmp.persist(&path)
                    .map_err(|e| ExportError::io(&target, e.error))?;
            }
            (mut other, _) => other.flush().map_err(|e| ExportError::io(&target, e))?,
        }
        Ok(target)
    }
}

/// Writes `bytes` to `target` as an export does (see [`AtomicFile`]).
pub fn write_output(target: &Path, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    let mut out = AtomicFile::create(target)?;
    out.writer()
        .write_all(bytes)
        .map_err(|e| ExportError::io(target, e))?;
    out.commit()
}

/// Where the bytes for `target` go. The kernel follows links (including
/// `/dev/stdout`'s) to tell a FIFO or device; a regular file is replaced
/// where its links lead, so the links stay.
fn destination(target: &Path) -> Result<Destination, ExportError> {
    if target == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    let refuse = |message: &str| {
        Err(ExportError::Target {
            path: target.to_path_buf(),
            message: message.into(),
        })
    };
    match std::fs::metadata(target) {
        Ok(m) if m.is_dir() => refuse("is a folder; give a file name"),
        Ok(m) if m.is_file() => {
            let real = target
                .canonicalize()
                .map_err(|e| ExportError::io(target, e))?;
            Ok(Destination::Replace(real))
        }
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                let t = m.file_type();
                if t.is_block_device() {
                    return refuse("is a disk device; give a file name");
                }
                if t.is_socket() {
                    return refuse("is a socket; give a file name");
                }
            }
            let _ = m;
            Ok(Destination::Stream(target.to_path_buf()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(Destination::Replace(follow_links(target)?))
        }
        Err(e) => Err(ExportError::io(target, e)),
    }
}

/// Where a chain of symbolic links ending nowhere (yet) points: the file
/// is created there.
fn follow_links(path: &Path) -> Result<PathBuf, ExportError> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|e| ExportError::io(&p, e))?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(ExportError::Target {
        path: path.to_path_buf(),
        message: "too many levels of symbolic links".into(),
    })
}

/// A locked temporary file in `dir` (see [`remove_abandoned`]).
fn temp_file(dir: &Path) -> Result<tempfile::NamedTempFile, ExportError> {
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
        .tempfile_in(dir)
        .map_err(|e| ExportError::io(dir, e))?;
    lock(tmp.as_file());
    Ok(tmp)
}

/// Takes an exclusive lock on `f` (held until it is closed, also when the
/// process is killed), marking its temporary file as in use.
fn lock(f: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor this File owns.
        unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = f;
        true
    }
}

/// Removes the temporary files and folders of exports that were killed
/// in `dir`: named like ours, older than a few seconds, and not locked by
/// a live export. Failures are ignored (it is only tidying).
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= MIN_ABANDONED_AGE);
        // (Never open a FIFO or device that merely has our name.)
        if !old || !(meta.is_file() || meta.is_dir()) {
            continue;
        }
        let path = entry.path();
        // Unix: whoever holds no lock is dead. Elsewhere: only a day-old
        // leftover is surely abandoned.
        let abandoned = if cfg!(unix) {
            File::open(&path).is_ok_and(|f| lock(&f))
        } else {
            meta.modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if abandoned {
            let _ = if meta.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
}

/// A folder being filled that takes the place of `target` on
/// [`AtomicFolder::commit`] and is removed if dropped before.
pub(crate) struct AtomicFolder {
    target: PathBuf,
    tmp: tempfile::TempDir,
    /// The folder, open and locked while it is filled (see
    /// [`remove_abandoned`]).
    _lock: Option<File>,
}

impl AtomicFolder {
    /// Starts a folder that will become `target`. `target` must not exist,
    /// be empty, or be a previous export that `replaceable` recognises.
    pub fn create(
        target: &Path,
        replaceable: fn(&Path) -> bool,
    ) -> Result<AtomicFolder, ExportError> {
        if target == Path::new("-") {
            return Err(ExportError::Target {
                path: target.to_path_buf(),
                message: "this format writes a folder; give a folder name".into(),
            });
        }
        check_folder_target(target, replaceable)?;
        let parent = existing_parent(target)?;
        remove_abandoned(&parent);
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
        let lock_handle = File::open(tmp.path()).ok().filter(lock);
        Ok(AtomicFolder {
            target: target.to_path_buf(),
            tmp,
            _lock: lock_handle,
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
            let held = File::open(&aside_path).ok().filter(lock);
            Some((aside, held))
        } else {
            None
        };
        let tmp = self.tmp.keep();
        if let Err(e) = std::fs::rename(&tmp, &target) {
            // Put the old export back rather than leave nothing.
            if let Some((old, _)) = &old {
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
