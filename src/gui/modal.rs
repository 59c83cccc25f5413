//! The dialogs that hold the keyboard until answered (who is coding, an
//! error, an import report, a failed save on close, a lock held elsewhere,
//! unsaved edits to recover, an earlier `project.ron` to restore, a merge
//! to confirm). They
//! are one [`Modal`] each in one stack, [`Modals`]: only the top one is
//! shown and answered, the others wait their turn, so a second question
//! never hides (or silently replaces) the first.

use super::dialogs::CoderDialog;
use super::safety_dialogs::LockPrompt;
use crate::edit::SetKey;
use std::path::PathBuf;

/// A title and a text, e.g. an error or an import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitledText {
    /// The title.
    pub title: String,
    /// The text.
    pub text: String,
}

/// A project that failed to open and the earlier `project.ron` that could
/// be restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectRestore {
    /// The project folder.
    pub root: PathBuf,
    /// Why it did not open.
    pub error: String,
    /// The earlier version offered.
    pub backup: crate::store::Backup,
}

/// One dialog.
#[derive(Clone, Debug)]
pub enum Modal {
    /// "Who is coding?"
    CoderName(CoderDialog),
    /// Something failed.
    Error(TitledText),
    /// What an import did.
    Report(TitledText),
    /// Saving on close failed: stay, or close without saving.
    CloseFailed(String),
    /// Another live window holds the coder's lock.
    LockHeld(LockPrompt),
    /// Unsaved edits of a crashed session, offered back.
    Recovery(Vec<SetKey>),
    /// `project.ron` is damaged; an earlier version can be restored.
    RestoreProject(ProjectRestore),
    /// File › Merge another copy…: every decision, to merge or cancel.
    MergePreview(MergePreview),
}

/// A merge previewed (decided, nothing written) and waiting for Merge or
/// Cancel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergePreview {
    /// The other copy's folder.
    pub other: PathBuf,
    /// The report's lines, as `newscoder merge --dry-run` prints them.
    pub lines: Vec<String>,
    /// Whether merging would change nothing (then only Close is offered).
    pub changes_nothing: bool,
}

/// The open dialogs, the last on top.
#[derive(Debug, Default)]
pub struct Modals(Vec<Modal>);

impl Modals {
    /// Shows `modal` on top; an open dialog of the same kind is replaced
    /// (there is one question of each kind at a time).
    pub fn push(&mut self, modal: Modal) {
        let kind = std::mem::discriminant(&modal);
        self.0.retain(|m| std::mem::discriminant(m) != kind);
        self.0.push(modal);
    }

    /// Whether no dialog is open.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The dialog shown.
    pub fn top_mut(&mut self) -> Option<&mut Modal> {
        self.0.last_mut()
    }

    /// Closes the dialogs `which` picks.
    pub fn close(&mut self, which: impl Fn(&Modal) -> bool) {
        self.0.retain(|m| !which(m));
    }

    /// The first open dialog `pick` recognises, as what it returns.
    pub fn find<'a, T>(&'a self, pick: impl Fn(&'a Modal) -> Option<&'a T>) -> Option<&'a T>
    where
        T: ?Sized,
    {
        self.0.iter().find_map(pick)
    }

    /// Takes out the first open dialog `pick` recognises.
    pub fn take<T>(&mut self, pick: impl Fn(&Modal) -> Option<T>) -> Option<T> {
        let i = self.0.iter().position(|m| pick(m).is_some())?;
        pick(&self.0.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> Modal {
        Modal::Error(TitledText {
            title: "t".into(),
            text: text.into(),
        })
    }

    #[test]
    fn the_newest_is_on_top_and_replaces_its_own_kind() {
        let mut m = Modals::default();
        m.push(Modal::CloseFailed("disk full".into()));
        m.push(error("one"));
        m.push(error("two"));
        assert!(matches!(m.top_mut(), Some(Modal::Error(t)) if t.text == "two"));
        m.close(|x| matches!(x, Modal::Error(_)));
        assert!(matches!(m.top_mut(), Some(Modal::CloseFailed(_))));
        let e = m.take(|x| match x {
            Modal::CloseFailed(e) => Some(e.clone()),
            _ => None,
        });
        assert_eq!(e.as_deref(), Some("disk full"));
        assert!(m.is_empty());
    }
}
