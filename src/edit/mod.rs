//! Every change to annotations, the actor registry and the codebook goes
//! through here: an [`Edit`] is applied to a [`Workspace`] and returns its
//! inverse, edits are grouped into [`Transaction`]s, and the [`History`]
//! keeps them for undo/redo and knows which revision was saved, so
//! "unsaved changes" is derived rather than tracked by hand.

mod commands;
mod history;
mod journal;
mod reach;
mod recipes;
mod recovery;
mod removal;
pub use recipes::*;
mod workspace;

pub use commands::{Edit, EditError, SetKey, Transaction};
pub use history::History;
pub use journal::JOURNAL_FILE;
pub use reach::all_sets_loaded;
pub use recovery::{RECOVERY_DIR, RecoveryError};
pub use removal::{SpanRemoval, remove_spans};
pub use workspace::Workspace;

#[cfg(test)]
mod journal_tests;
#[cfg(test)]
mod reach_tests;
#[cfg(test)]
mod tests;
