//! Undo/redo stacks of inverse transactions, with the saved revision
//! remembered so that "modified" is a comparison, not a flag.

use super::Transaction;

/// A transaction as recorded: its inverse, and the revisions before and
/// after it.
#[derive(Clone, Debug)]
struct Entry {
    undo: Transaction,
    before: u64,
    after: u64,
}

/// Undo/redo history.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    current: u64,
    next_revision: u64,
    saved: u64,
}

impl History {
    /// Records a transaction that was just applied, given its inverse.
    /// Clears the redo stack.
    pub fn record(&mut self, inverse: Transaction) {
        self.next_revision += 1;
        let after = self.next_revision;
        self.undo.push(Entry {
            undo: inverse,
            before: self.current,
            after,
        });
        self.current = after;
        self.redo.clear();
    }

    /// The inverse to apply for undo, if any; call [`History::undone`] with
    /// the inverse of that once applied.
    pub fn peek_undo(&self) -> Option<&Transaction> {
        self.undo.last().map(|e| &e.undo)
    }

    /// The transaction to apply for redo, if any.
    pub fn peek_redo(&self) -> Option<&Transaction> {
        self.redo.last().map(|e| &e.undo)
    }

    /// Moves the top undo entry to the redo stack, storing `redo` (the
    /// inverse of the undo just applied).
    pub fn undone(&mut self, redo: Transaction) {
        if let Some(e) = self.undo.pop() {
            self.current = e.before;
            self.redo.push(Entry {
                undo: redo,
                before: e.before,
                after: e.after,
            });
        }
    }

    /// Moves the top redo entry back to the undo stack.
    pub fn redone(&mut self, undo: Transaction) {
        if let Some(e) = self.redo.pop() {
            self.current = e.after;
            self.undo.push(Entry {
                undo,
                before: e.before,
                after: e.after,
            });
        }
    }

    /// Label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.undo.label.as_str())
    }

    /// Label of the step redo would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.undo.label.as_str())
    }

    /// Marks the current revision as the one on disk.
    pub fn mark_saved(&mut self) {
        self.saved = self.current;
    }

    /// Whether the state differs from the saved one.
    pub fn is_modified(&self) -> bool {
        self.current != self.saved
    }

    /// An id of the current state; changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.current
    }
}
