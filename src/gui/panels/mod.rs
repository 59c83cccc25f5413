//! Self-contained panels of the window: the codebook editor and the actor
//! registry. They hold only their own view state, read the [`Workspace`],
//! and never change it: every change they want is returned as a
//! [`PanelAction`] that the app performs after the frame, normally with
//! [`PanelAction::perform`], which goes through `Workspace::apply`, so the
//! history records everything and undo works. The transactions themselves
//! are built by `edit`'s recipes (`src/edit/recipes/`).
//!
//! # Wiring
//!
//! ```text
//! // after the panel's ui call:
//! if let Some(action) = panel_result {
//!     match action.perform(&mut ws) {
//!         Ok(Performed::Done) => {}                       // changed or loaded: just repaint
//!         Ok(Performed::Jump { coder, document, span, range }) => { /* open document, select */ }
//!         Err(message) => { /* show it: an edit refused, or files that could not be read */ }
//!     }
//! }
//! ```
//!
//! `perform` does: `Apply(tx)` (and `ApplyNeedsAllSets(tx)`, the same) ->
//! `ws.apply(tx)` (the workspace loads every set a label rename or a
//! narrowing codebook change must reach); `LoadAllSets` ->
//! `ws.load_all_sets()`; `JumpTo{..}` -> `Ok(Performed::Jump{..})`.
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

pub use crate::edit::MentionSuggestion;
pub use actor_panel::{ActorPanel, MentionScope};
pub use codebook_editor::{CodebookEditor, CodebookSelection};

use crate::edit::{Transaction, Workspace};
use crate::model::SpanId;

/// What a panel asks the app to do after the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum PanelAction {
    /// Apply the transaction with `Workspace::apply`.
    Apply(Transaction),
    /// The same as `Apply`: the workspace itself now loads every set an
    /// edit must reach. No panel asks for it any more; it goes once the
    /// window no longer names it.
    ApplyNeedsAllSets(Transaction),
    /// Load every coder's annotation set of every document
    /// (`Workspace::load_all_sets`); the panel asks for this before it counts or
    /// builds edits over the whole project, and shows the result next frame.
    LoadAllSets,
    /// Show this place in the text view: switch to `coder`'s set of
    /// `document` and select `span` or the character `range`.
    JumpTo {
        /// Coder whose annotations to show.
        coder: String,
        /// Document id.
        document: String,
        /// Span to select.
        span: Option<SpanId>,
        /// Character range `[start, end)` to select or scroll to.
        range: Option<(usize, usize)>,
    },
}

/// What is left for the app after [`PanelAction::perform`].
#[derive(Clone, Debug, PartialEq)]
pub enum Performed {
    /// The workspace was changed (or loaded); nothing else to do.
    Done,
    /// Navigate: the app owns the current document and selection.
    Jump {
        /// Coder whose annotations to show.
        coder: String,
        /// Document id.
        document: String,
        /// Span to select.
        span: Option<SpanId>,
        /// Character range to select or scroll to.
        range: Option<(usize, usize)>,
    },
}

impl PanelAction {
    /// Performs the workspace part of the action; returns what is left for
    /// the app (navigation) or a message to show when an edit was refused.
    pub fn perform(self, ws: &mut Workspace) -> Result<Performed, String> {
        match self {
            PanelAction::Apply(tx) | PanelAction::ApplyNeedsAllSets(tx) => ws
                .apply(tx)
                .map(|()| Performed::Done)
                .map_err(|e| e.to_string()),
            PanelAction::LoadAllSets => load_all(ws).map(|()| Performed::Done),
            PanelAction::JumpTo {
                coder,
                document,
                span,
                range,
            } => Ok(Performed::Jump {
                coder,
                document,
                span,
                range,
            }),
        }
    }
}

/// Loads every set, turning unreadable files into one message.
fn load_all(ws: &mut Workspace) -> Result<(), String> {
    let failed = ws.load_all_sets();
    if failed.is_empty() {
        Ok(())
    } else {
        let lines: Vec<String> = failed.iter().map(ToString::to_string).collect();
        Err(lines.join("\n"))
    }
}
