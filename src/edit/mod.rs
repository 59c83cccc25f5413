//! Every change to annotations, the actor registry and the codebook goes
//! through here: an [`Edit`] is applied to a [`Workspace`] and returns its
//! inverse, edits are grouped into [`Transaction`]s, and the [`History`]
//! keeps them for undo/redo and knows which revision was saved, so
//! "unsaved changes" is derived rather than tracked by hand.

mod commands;
mod history;
mod recipes;
mod recovery;
pub use recipes::*;
mod workspace;

pub use commands::{Edit, EditError, SetKey, Transaction};
pub use history::History;
pub use recovery::{RECOVERY_DIR, RecoveryError};
pub use workspace::Workspace;

#[cfg(test)]
mod tests;
