//! What the views ask the app to do. Views draw and return commands; the
//! app applies them after every panel is drawn, so no view changes the
//! workspace in the middle of a frame.

use super::actions::Action;
use super::file_requests::{PickRequest, Purpose};
use super::panels::PanelAction;
use crate::edit::Transaction;
use crate::model::SpanId;
use crate::session::compare::{Adjudicate, GoldEdit};
use std::ops::Range;
use std::path::PathBuf;

/// A request from a view to the app.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Run an action (as if its shortcut was pressed).
    Run(Action),
    /// A decision in the compare view (changes the gold set).
    Adjudicate(Adjudicate),
    /// Show the document with this id.
    OpenDocument(String),
    /// Tag the text selection with this label, or give the selected span
    /// this label.
    Tag(String),
    /// Apply an edit built by a view.
    Apply(Transaction),
    /// Select a span (or nothing) and scroll to it.
    SelectSpan(Option<SpanId>),
    /// Select a character range of the text and scroll to it.
    SelectText(Range<usize>),
    /// Move span `id` to `range` (an edge was dragged).
    Resize {
        /// The span.
        id: SpanId,
        /// Its new range.
        range: Range<usize>,
    },
    /// Start linking the selected span in this role.
    StartLink(String),
    /// Link the selected span to `target` in the role being linked.
    Link {
        /// Role name.
        role: String,
        /// Target span.
        target: SpanId,
    },
    /// Leave the compare view to edit the gold set by hand.
    EditGold(GoldEdit),
    /// Open the project folder.
    OpenProject(PathBuf),
    /// Code as this coder from now on.
    SetCoder(String),
    /// Something a side panel asked for.
    Panel(PanelAction),
    /// Show an error in the status bar.
    Error(String),
    /// Show a message in the status bar.
    Status(String),
    /// Ask for a file or folder (the system dialog or the window's own
    /// chooser); the answer comes back as [`Command::Picked`].
    PickFile(PickRequest),
    /// The paths picked for a request, and what they are for.
    Picked {
        /// What the request was for.
        purpose: Purpose,
        /// The folder, save target, or files chosen.
        paths: Vec<PathBuf>,
    },
    /// Files or folders dropped on the window.
    DropFiles(Vec<PathBuf>),
    /// Always use the window's own file chooser (or the system's dialog
    /// where one can show).
    OwnFileChooser(bool),
    /// Open File › Restore earlier version…, for every file or only this
    /// one (relative to the project).
    ShowBackups(Option<PathBuf>),
}

impl Command {
    /// Whether running the command would change annotations, the codebook,
    /// the actors or the gold set. A read-only session refuses every data
    /// change itself ([`crate::session::Session::apply`] and the other
    /// changing methods); this lets the app refuse such a command before it
    /// starts (e.g. entering link mode) and say why.
    pub fn changes_data(&self) -> bool {
        use super::panels::PanelAction;
        match self {
            Command::Tag(_)
            | Command::Apply(_)
            | Command::Adjudicate(_)
            | Command::Resize { .. }
            | Command::Link { .. }
            | Command::StartLink(_) => true,
            Command::Panel(a) => matches!(a, PanelAction::Apply(_)),
            Command::Run(a) => a.changes_data(),
            _ => false,
        }
    }
}
