//! Self-contained panels of the window: the codebook editor and the actor
//! registry. They hold only their own view state, read the [`Workspace`](crate::edit::Workspace),
//! and never change it: every change they want is returned as a
//! [`PanelAction`] that the app performs after the frame with
//! [`PanelAction::perform`], through the session, so the history records
//! everything, undo works and a read-only session refuses edits. The
//! transactions themselves are built by `edit`'s recipes
//! (`src/edit/recipes/`).
//!
//! `perform` does: `Apply(tx)` -> `Session::apply` (the workspace loads
//! every set a label rename or a narrowing codebook change must reach);
//! `LoadAllSets` -> `Session::load_all_sets`; `JumpTo(jump)` -> `Ok(Some(jump))`,
//! for the app to open the document and select the place.
//!
//! # Widgets
//!
//! Each `ui` call draws the panel into the given `Ui` and returns at most
//! one action. The codebook editor lays out a label list (240 px, left) and
//! the selected item's form, so it wants a wide area (a window or the
//! central area, at least ~700 px); the actor panel works in a side panel
//! from ~340 px wide.
//!
//! ```text
//! CodebookEditor::new()
//!     .ui(&mut self, ui, &Workspace) -> Option<PanelAction>
//!     .select_label(&str)   .selection() -> Option<&CodebookSelection>   .message()
//! ActorPanel::new()
//!     .ui(&mut self, ui, &Workspace, coder: &str, document: Option<&str>) -> Option<PanelAction>
//!     .suggestions() -> &[MentionSuggestion]   // pending "Find mentions" results, every
//!                                               // document; the text view draws those of its
//!                                               // document (e.g. dashed), fields document,
//!                                               // start, end (chars), actor, existing span
//!     .select(ActorId)   .selected()   .find_mentions(ActorId, MentionScope)   .message()
//! ```
//!
//! Both panels return [`PanelAction::LoadAllSets`] the first time they are
//! shown for a project (and again when documents or coders are added), so
//! that counts, renames, deletions and merges reach every coder's
//! annotations. A destructive change (deleting a label in use, a codebook
//! change that drops attribute values or links, merging or deleting
//! actors) is returned only after the user confirmed a question that gives
//! the number of spans affected; nothing is ever tagged without a click
//! (mention suggestions are accepted one by one or all at once).

mod actor_panel;
mod codebook_editor;
mod common;
mod label_form;
mod variable_form;

pub use crate::edit::MentionSuggestion;
pub use actor_panel::{ActorPanel, MentionScope};
pub use codebook_editor::{CodebookEditor, CodebookSelection};

use crate::edit::Transaction;
use crate::model::SpanId;
use crate::session::Session;

/// What a panel asks the app to do after the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum PanelAction {
    /// Apply the transaction through the session (the workspace itself
    /// loads every set a label rename or a narrowing codebook change must
    /// reach).
    Apply(Transaction),
    /// Load every coder's annotation set of every document; the panel asks
    /// for this before it counts or builds edits over the whole project,
    /// and shows the result next frame.
    LoadAllSets,
    /// Show a place in the text view.
    JumpTo(Jump),
}

/// A place to show in the text view: `coder`'s set of `document`, with
/// `span` or the character `range` selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jump {
    /// Coder whose annotations to show.
    pub coder: String,
    /// Document id.
    pub document: String,
    /// Span to select.
    pub span: Option<SpanId>,
    /// Character range `[start, end)` to select or scroll to.
    pub range: Option<(usize, usize)>,
}

impl PanelAction {
    /// Performs the data part of the action through the session (so a
    /// read-only session refuses edits); returns the place to show, if the
    /// action was a jump, or a message saying why it was refused.
    pub fn perform(self, s: &mut Session) -> Result<Option<Jump>, String> {
        match self {
            PanelAction::Apply(tx) => s.apply(tx).map(|()| None),
            PanelAction::LoadAllSets => s.load_all_sets().map(|()| None),
            PanelAction::JumpTo(jump) => Ok(Some(jump)),
        }
    }
}
