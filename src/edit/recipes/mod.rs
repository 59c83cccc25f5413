//! Ready-made transactions for the bigger edits of the codebook and the
//! actor registry (rename or delete a label, merge actors, accept mention
//! suggestions, …) and the counts the user must see before confirming them.
//!
//! Everything here reads a [`Workspace`] and returns data or a
//! [`Transaction`](super::Transaction); nothing changes until the caller
//! applies it, so the window, the command line and tests share one
//! behaviour. Edits that touch spans are computed over the *loaded* sets:
//! call [`Workspace::load_all_sets`] first when they must reach every
//! coder's files (the workspace refuses a codebook change that would leave
//! spans on disk it no longer allows, and loads every set itself for a
//! label rename).

mod actors;
mod codebook;
mod codes;
mod mentions;
pub mod spans;

pub use actors::{
    actor_mention_counts, add_actor_tx, delete_actor_tx, merge_actors_tx, update_actor_tx,
};
pub use codebook::{
    CodebookChange, change_codebook, delete_label, label_span_counts, rename_attribute,
    rename_attribute_value, rename_label_tx, rename_role, without_label,
};
pub use codes::{rename_variable, rename_variable_value};
pub use mentions::{MentionSuggestion, accept_mentions_tx, find_mentions, mention_label};

#[cfg(test)]
mod tests;
