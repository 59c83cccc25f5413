//! The project-wide write lock: an exclusive advisory lock (`flock`) on
//! `.newscoder-write.lock` in the project folder, held by every
//! read-modify-write of `project.ron` and the files it indexes (imports,
//! the window's save, restore). Two newscoder processes writing one project
//! at once take turns instead of the last writer of `project.ron` silently
//! dropping what the other added; a writer that waits too long gives up
//! with a clear message. The kernel releases the lock when its holder dies,
//! so a killed command never leaves it held.
//!
//! Taking the lock first finishes a multi-file change that a killed
//! writer left (see [`super::Change`]).
//!
//! Within one process the lock is re-entrant (a save inside an import does
//! not wait for itself): processes, not threads, are what it separates.

use super::StoreError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Name of the lock file in the project folder. It is never removed (a
/// removed lock file could be locked twice); it holds no data.
pub const WRITE_LOCK_FILE: &str = ".newscoder-write.lock";

/// How long a writer waits for another one before giving up.
pub const WRITE_LOCK_WAIT: Duration = Duration::from_secs(60);

/// Lock files this process holds, by canonical project folder, with how
/// many [`WriteLock`]s share each.
static HELD: Mutex<Option<HashMap<PathBuf, (std::fs::File, usize)>>> = Mutex::new(None);

/// The write lock of one project, held until dropped.
#[derive(Debug)]
#[must_use = "the lock is released when dropped"]
pub struct WriteLock {
    /// Canonical project folder; `None` when the folder could not be
    /// locked because it is read-only (then nothing can be written anyway).
    key: Option<PathBuf>,
}

impl WriteLock {
    /// Takes the write lock of the project at `root`, waiting up to
    /// [`WRITE_LOCK_WAIT`] for another writer to finish.
    pub fn acquire(root: &Path) -> Result<WriteLock, StoreError> {
        WriteLock::acquire_within(root, WRITE_LOCK_WAIT)
    }

    /// [`WriteLock::acquire`] with an explicit wait.
    pub fn acquire_within(root: &Path, wait: Duration) -> Result<WriteLock, StoreError> {
        let key = root.canonicalize().map_err(|e| StoreError::io(root, e))?;
        if let Some((_, n)) = held().get_or_insert_with(HashMap::new).get_mut(&key) {
            *n += 1;
            return Ok(WriteLock { key: Some(key) });
        }
        let path = key.join(WRITE_LOCK_FILE);
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => f,
            // A folder we may not write to: no writer can change it either
            // (the write that follows reports the real error).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Ok(WriteLock { key: None });
            }
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        // Waited for without holding `HELD`, so other threads go on.
        let start = Instant::now();
        loop {
            match try_lock(&file) {
                Ok(true) => break,
                Ok(false) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(false) => {
                    return Err(StoreError::Invalid {
                        path: root.to_path_buf(),
                        message: format!(
                            "another newscoder is writing this project (waited {} s for it to \
                             finish); try again when it is done",
                            wait.as_secs()
                        ),
                    });
                }
                Err(e) => return Err(StoreError::io(&path, e)),
            }
        }
        held()
            .get_or_insert_with(HashMap::new)
            .insert(key.clone(), (file, 1));
        let lock = WriteLock { key: Some(key) };
        // The first writer after a killed one finishes what it left.
        super::intent::finish_interrupted(root)?;
        Ok(lock)
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let Some(key) = &self.key else { return };
        let mut held = held();
        let Some(map) = held.as_mut() else { return };
        if let Some((_, n)) = map.get_mut(key) {
            *n -= 1;
            if *n == 0 {
                // Closing the file releases the lock.
                map.remove(key);
            }
        }
    }
}

/// The table of held locks (a panic elsewhere does not poison it for good).
fn held() -> std::sync::MutexGuard<'static, Option<HashMap<PathBuf, (std::fs::File, usize)>>> {
    HELD.lock().unwrap_or_else(|p| p.into_inner())
}

/// Tries to take an exclusive lock on `file` without waiting.
#[cfg(unix)]
fn try_lock(file: &std::fs::File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a file descriptor we own; no memory is involved.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EWOULDBLOCK) => Ok(false),
        Some(libc::EINTR) => Ok(false),
        _ => Err(e),
    }
}

/// Elsewhere, the standard library's lock.
#[cfg(not(unix))]
fn try_lock(file: &std::fs::File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_reentrant_in_a_process_and_released_when_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let a = WriteLock::acquire(tmp.path()).unwrap();
        let b = WriteLock::acquire_within(tmp.path(), Duration::ZERO).unwrap();
        drop(a);
        // Still held by `b`: another open file description cannot take it.
        let other = std::fs::File::open(tmp.path().join(WRITE_LOCK_FILE)).unwrap();
        assert!(!try_lock(&other).unwrap());
        drop(b);
        assert!(try_lock(&other).unwrap());
    }

    #[test]
    fn a_lock_held_elsewhere_is_waited_for_then_refused_clearly() {
        let tmp = tempfile::tempdir().unwrap();
        let other = std::fs::File::create(tmp.path().join(WRITE_LOCK_FILE)).unwrap();
        assert!(try_lock(&other).unwrap());
        let err = WriteLock::acquire_within(tmp.path(), Duration::from_millis(50)).unwrap_err();
        assert!(
            err.to_string()
                .contains("another newscoder is writing this project"),
            "{err}"
        );
        drop(other);
        drop(WriteLock::acquire_within(tmp.path(), Duration::ZERO).unwrap());
    }
}
