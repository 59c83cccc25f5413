//! What can go wrong reading or writing a project folder.

use crate::wording::quoted;
use std::path::PathBuf;

/// An error of the store, always naming the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The operating system refused a read or write.
    #[error("{}: {source}", path.display())]
    Io {
        /// File or folder concerned.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A RON file does not parse or does not have the expected shape.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The file was written by a newer version of newscoder.
    #[error("{}: written by a newer newscoder (format version {found}; this build reads up to {supported})", path.display())]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// The folder has no `project.ron`.
    #[error("{}: not a newscoder project (no project.ron in it)", path.display())]
    NotAProject {
        /// The folder.
        path: PathBuf,
    },
    /// Creating a project where one exists already.
    #[error("{}: a project already exists here", path.display())]
    AlreadyExists {
        /// The folder.
        path: PathBuf,
    },
    /// A document id or coder name that could escape the project folder.
    #[error(
        "{} cannot be used as a file name in the project: {}",
        quoted(.name),
        crate::model::unsafe_name_reason(.name).unwrap_or_default()
    )]
    UnsafeName {
        /// The offending name.
        name: String,
    },
    /// The file was changed by someone else (another window, another
    /// machine syncing the folder) since it was read; it was not
    /// overwritten. Our version was kept beside it.
    #[error("{}: changed on disk by someone else since it was opened; not overwritten (your version was kept as {})", path.display(), kept.display())]
    ChangedOnDisk {
        /// The file that changed.
        path: PathBuf,
        /// Where our version was written instead.
        kept: PathBuf,
    },
    /// A file's content contradicts the project (wrong hash, too big, …).
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl StoreError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
