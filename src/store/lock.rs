//! A per-coder lock file, so the same coder opening a project twice (two
//! windows, or two machines on a synced folder) is warned instead of the two
//! silently overwriting each other. Different coders write different files
//! and need no lock.

use super::{ANNOTATIONS_DIR, StoreError, from_ron, to_ron, write_atomic};
use crate::model::is_safe_name;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Name of the lock file inside `annotations/<coder>/`.
pub const LOCK_FILE: &str = ".lock";

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// When the lock was taken (seconds since the Unix epoch).
    pub since: u64,
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "process {} on {}", self.pid, self.host)
    }
}

/// What [`CoderLock::acquire`] found.
#[derive(Debug)]
pub enum LockOutcome {
    /// The lock is ours.
    Acquired(CoderLock),
    /// Another live process holds it; nothing was changed.
    HeldBy(LockHolder),
}

/// A held lock; released (file removed) when dropped.
#[derive(Debug)]
pub struct CoderLock {
    path: PathBuf,
    me: LockHolder,
}

impl CoderLock {
    /// Takes `coder`'s lock in the project at `root`. A lock left by a
    /// process that no longer runs on this host (a crash) is stale and taken
    /// over; a lock from another host is respected, since we cannot tell.
    pub fn acquire(root: &Path, coder: &str) -> Result<LockOutcome, StoreError> {
        if !is_safe_name(coder) {
            return Err(StoreError::UnsafeName {
                name: coder.to_string(),
            });
        }
        let path = root.join(ANNOTATIONS_DIR).join(coder).join(LOCK_FILE);
        let me = LockHolder {
            pid: std::process::id(),
            host: host_name(),
            since: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        };
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(holder) = from_ron::<LockHolder>(&path, &text)
            && !(holder.host == me.host && (holder.pid == me.pid || !process_alive(holder.pid)))
        {
            return Ok(LockOutcome::HeldBy(holder));
        }
        Self::force(path, me).map(LockOutcome::Acquired)
    }

    /// Takes the lock even though someone holds it (the user chose to).
    pub fn take_over(root: &Path, coder: &str) -> Result<CoderLock, StoreError> {
        let path = root.join(ANNOTATIONS_DIR).join(coder).join(LOCK_FILE);
        if !is_safe_name(coder) {
            return Err(StoreError::UnsafeName {
                name: coder.to_string(),
            });
        }
        let me = LockHolder {
            pid: std::process::id(),
            host: host_name(),
            since: 0,
        };
        Self::force(path, me)
    }

    fn force(path: PathBuf, me: LockHolder) -> Result<CoderLock, StoreError> {
        let text = to_ron(&me, 1, &path)?;
        write_atomic(&path, text.as_bytes())?;
        Ok(CoderLock { path, me })
    }
}

impl Drop for CoderLock {
    fn drop(&mut self) {
        // Only remove the file if it is still ours (someone may have taken
        // it over).
        let ours = std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| from_ron::<LockHolder>(&self.path, &t).ok())
            .is_some_and(|h| h.pid == self.me.pid && h.host == self.me.host);
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// This machine's host name.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

/// Whether a process with this pid runs on this machine. Where that cannot
/// be told, assume it does (the safe answer).
fn process_alive(pid: u32) -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let Ok(stat) = std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat"))
    else {
        return false;
    };
    // A killed process whose parent has not reaped it yet is a zombie: it
    // still has a /proc entry but will never write again.
    !is_zombie(&stat)
}

/// Whether a `/proc/<pid>/stat` line is of a zombie or dead process. The
/// state letter follows the command name, which is in parentheses and may
/// itself contain ')' — hence the last one.
fn is_zombie(stat: &str) -> bool {
    stat.rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().next())
        .is_some_and(|state| matches!(state, "Z" | "X" | "x"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_sees_the_holder_and_stale_locks_are_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let LockOutcome::Acquired(lock) = CoderLock::acquire(tmp.path(), "alice").unwrap() else {
            panic!("first acquire must succeed");
        };
        let path = tmp.path().join("annotations/alice/.lock");
        assert!(path.exists());
        // Another live process on this host (pid 1 always runs on Linux).
        let other = LockHolder {
            pid: 1,
            host: host_name(),
            since: 0,
        };
        std::fs::write(&path, to_ron(&other, 1, &path).unwrap()).unwrap();
        match CoderLock::acquire(tmp.path(), "alice").unwrap() {
            LockOutcome::HeldBy(h) if cfg!(target_os = "linux") => assert_eq!(h.pid, 1),
            LockOutcome::HeldBy(_) => {}
            LockOutcome::Acquired(_) => panic!("a live holder must be reported"),
        }
        drop(lock); // not ours any more: the file stays
        assert!(path.exists());
        // A dead process's lock is stale.
        let dead = LockHolder {
            pid: u32::MAX - 1,
            host: host_name(),
            since: 0,
        };
        std::fs::write(&path, to_ron(&dead, 1, &path).unwrap()).unwrap();
        if cfg!(target_os = "linux") {
            assert!(matches!(
                CoderLock::acquire(tmp.path(), "alice").unwrap(),
                LockOutcome::Acquired(_)
            ));
        }
    }

    #[test]
    fn zombie_state_is_read_after_the_last_parenthesis() {
        assert!(is_zombie("4242 (newscoder) Z 1 4242 4242 0 -1"));
        assert!(is_zombie("4242 (odd) name)) X 1"));
        assert!(!is_zombie("4242 (newscoder) S 1 4242 4242 0 -1"));
        assert!(!is_zombie("4242 (a) Z name) R 1"));
        assert!(!is_zombie(""));
    }

    /// A killed window whose parent has not reaped it yet (a zombie) holds
    /// no lock: the next start must not ask whether it is still open.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_but_unreaped_holder_is_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let Ok(mut child) = std::process::Command::new("sleep").arg("30").spawn() else {
            return; // no `sleep` here: nothing to test with
        };
        let path = tmp.path().join("annotations/alice/.lock");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let holder = LockHolder {
            pid: child.id(),
            host: host_name(),
            since: 0,
        };
        std::fs::write(&path, to_ron(&holder, 1, &path).unwrap()).unwrap();
        assert!(matches!(
            CoderLock::acquire(tmp.path(), "alice").unwrap(),
            LockOutcome::HeldBy(_)
        ));
        child.kill().unwrap();
        // Not waited for yet: a zombie until `wait` below.
        let stat = Path::new("/proc").join(child.id().to_string()).join("stat");
        for _ in 0..200 {
            if std::fs::read_to_string(&stat).is_ok_and(|s| is_zombie(&s)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let outcome = CoderLock::acquire(tmp.path(), "alice").unwrap();
        child.wait().unwrap();
        assert!(matches!(outcome, LockOutcome::Acquired(_)));
    }
}
