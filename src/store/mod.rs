//! The project folder on disk: `project.ron`, `actors/<id>.ron`,
//! `documents/<id>.txt` and `annotations/<coder>/<id>.ron`. Reads report the file, line and column of
//! what is wrong; every write is atomic; no name from a file or an argument
//! can make it touch anything outside the project folder.

mod atomic;
mod backup;
mod checked;
mod error;
mod fast_set;
mod intent;
mod lock;
mod migrate;
mod plain_file;
mod project_dir;
mod ron_io;
mod validate;
mod write_lock;

pub use atomic::{BACKUP_SUFFIX, backup_path, write_atomic, write_with_backup};
pub use backup::{Backup, list_backups, restore_backup};
pub use error::StoreError;
pub use fast_set::parse_annotation_set;
pub use intent::{Change, INTENT_FILE, finish_interrupted_change, pending_change};
pub use lock::{CoderLock, LOCK_FILE, LockHolder, LockOutcome};
pub use migrate::{BACKUP_DIR_PREFIX, backup_dir_name};
pub use plain_file::{open_plain, read_plain};
pub use project_dir::{
    ACTORS_DIR, ADJUDICATION_DIR, ANNOTATIONS_DIR, DOCUMENTS_DIR, PROJECT_FILE, ProjectDir,
    RECOVERY_DIR, fingerprint, is_project_file, read_project_file,
};
pub use ron_io::{from_ron, to_ron};
pub use validate::{FileProblem, validate_project};
pub use write_lock::{WRITE_LOCK_FILE, WRITE_LOCK_WAIT, WriteLock};
