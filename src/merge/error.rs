//! Why a merge did not happen.

use crate::store::StoreError;

/// A merge refused or failed; nothing was written to the project.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A file of either project could not be read or written (the error
    /// names the file, with line and column where it does not parse).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The two copies disagree in a way the merge will not decide for the
    /// analyst (codebook changes on both sides that contradict each other);
    /// each message names what and both values.
    #[error("merge refused, nothing was written:\n  {}", .0.join("\n  "))]
    Refused(Vec<String>),
}
