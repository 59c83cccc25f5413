//! The dialogs that wait for an answer (see [`crate::gui::modal`]) and what
//! each answer does: who is coding, errors and reports, a failed save on
//! close, a lock held elsewhere, unsaved edits to recover, a damaged
//! `project.ron` to restore, and a file changed on disk by someone else.

use super::NewscoderApp;
use crate::gui::commands::Command;
use crate::gui::dialogs::{self, CloseChoice, DialogResult};
use crate::gui::modal::Modal;
use crate::gui::safety_dialogs::{self, ConflictChoice, LockChoice, RecoveryChoice};
use std::path::Path;

impl NewscoderApp {
    #[must_use]
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        out.extend(self.modal_ui(ctx));
        if self.show_shortcuts {
            let cb = self.session.as_ref().map(|s| &s.ws().project().codebook);
            if dialogs::shortcuts_ui(ctx, cb) {
                self.show_shortcuts = false;
            }
        }
        let cb = self.session.as_ref().map(|s| &s.ws().project().codebook);
        crate::gui::guide::guide_ui(ctx, &mut self.show_guide, cb);
        self.safety_dialogs_ui(ctx);
        out
    }

    /// The disk-conflict question (when no other dialog is open) and
    /// File › Restore earlier version….
    pub(super) fn safety_dialogs_ui(&mut self, ctx: &egui::Context) {
        // The modal dialogs come first: the disk-conflict question waits.
        if self.modals.is_empty()
            && let Some(c) = self.conflict_shown()
        {
            let choice = safety_dialogs::conflict_dialog_ui(ctx, c);
            self.conflict_choice(choice);
        }
        if let Some(b) = self.backups.show(ctx) {
            self.restore_backup(&b);
        }
    }

    /// The project that failed to open and whose earlier `project.ron` is
    /// offered, while asked.
    pub fn project_restore_offer(&self) -> Option<&Path> {
        self.modals.find(|m| match m {
            Modal::RestoreProject(r) => Some(r.root.as_path()),
            _ => None,
        })
    }

    /// Draws the dialog on top of the stack and acts on its answer.
    #[must_use]
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(top) = self.modals.top_mut() else {
            return out;
        };
        match top {
            Modal::CoderName(d) => match dialogs::coder_dialog_ui(ctx, d) {
                DialogResult::Open => {}
                DialogResult::Closed => self.close_modal(|m| matches!(m, Modal::CoderName(_))),
                DialogResult::Done(c) => out.push(c),
            },
            Modal::Error(t) => {
                if dialogs::message_ui(ctx, "error", &t.title, &t.text) {
                    self.close_modal(|m| matches!(m, Modal::Error(_)));
                }
            }
            Modal::Report(t) => {
                if dialogs::message_ui(ctx, "report", &t.title, &t.text) {
                    self.close_modal(|m| matches!(m, Modal::Report(_)));
                }
            }
            Modal::CloseFailed(e) => match dialogs::close_failed_ui(ctx, e) {
                CloseChoice::Undecided => {}
                CloseChoice::Stay => self.close_modal(|m| matches!(m, Modal::CloseFailed(_))),
                CloseChoice::Discard => {
                    self.close_modal(|m| matches!(m, Modal::CloseFailed(_)));
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            },
            Modal::LockHeld(p) => {
                let choice = safety_dialogs::lock_dialog_ui(ctx, p);
                self.lock_choice(choice);
            }
            Modal::Recovery(keys) => {
                let docs: Vec<String> = keys.iter().map(|k| k.document.clone()).collect();
                let registry = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.recoverable_registry());
                let choice = safety_dialogs::recovery_dialog_ui(ctx, &docs, registry);
                self.recovery_choice(choice);
            }
            Modal::MergePreview(p) => {
                let choice = crate::gui::merge_dialog::merge_dialog_ui(ctx, p);
                self.merge_choice(choice);
            }
            Modal::RestoreProject(r) => {
                match safety_dialogs::project_restore_ui(ctx, &r.error, &r.backup) {
                    None => {}
                    Some(false) => self.close_modal(|m| matches!(m, Modal::RestoreProject(_))),
                    Some(true) => {
                        let (root, backup) = (r.root.clone(), r.backup.backup.clone());
                        self.close_modal(|m| matches!(m, Modal::RestoreProject(_)));
                        match crate::store::restore_backup(&root, &backup) {
                            Ok(_) => {
                                self.open_project(&root);
                                if self.session.as_ref().is_some_and(|s| s.root() == root) {
                                    self.set_status(
                                        format!("Restored project.ron from {}", backup.display()),
                                        false,
                                    );
                                }
                            }
                            Err(e) => self.show_error("Could not restore", e.to_string()),
                        }
                    }
                }
            }
        }
        out
    }

    /// Closes the dialogs `which` picks.
    pub(in crate::gui) fn close_modal(&mut self, which: impl Fn(&Modal) -> bool) {
        self.modals.close(which);
    }

    /// Acts on the answer to "already open in another window".
    pub fn lock_choice(&mut self, choice: LockChoice) {
        if choice == LockChoice::Undecided {
            return;
        }
        let Some(p) = self.modals.take(|m| match m {
            Modal::LockHeld(p) => Some(p.clone()),
            _ => None,
        }) else {
            return;
        };
        match choice {
            LockChoice::Undecided => {}
            LockChoice::ReadOnly => self.set_status(
                format!("Read-only: {}", safety_dialogs::lock_message(&p)),
                false,
            ),
            LockChoice::OpenAnyway => {
                let Some(s) = &mut self.session else {
                    return;
                };
                match s.take_over_lock() {
                    Ok(()) => {
                        self.set_status(format!("Coding as {} (lock taken over)", p.coder), false);
                        self.after_open(p.previous);
                    }
                    Err(e) => self.show_error("Could not take the lock over", e),
                }
            }
            LockChoice::Cancel => match &p.previous {
                // May ask again, if that coder's lock was taken meanwhile.
                Some(prev) => self.set_coder(prev),
                None => {
                    self.session = None;
                    self.set_status("Not opened: the annotations are open elsewhere", false);
                }
            },
        }
    }

    /// Acts on the answer to the recovery offer.
    pub fn recovery_choice(&mut self, choice: RecoveryChoice) {
        let Some(keys) = self.recovery_offer().map(<[_]>::to_vec) else {
            return;
        };
        let Some(s) = &mut self.session else {
            self.close_modal(|m| matches!(m, Modal::Recovery(_)));
            return;
        };
        match choice {
            RecoveryChoice::Undecided => return,
            RecoveryChoice::Restore => match s.recover(&keys) {
                Ok(()) => {
                    self.sync_doc();
                    self.set_status(
                        format!(
                            "Recovered unsaved edits of {} document(s) — Ctrl+Z takes them back",
                            keys.len()
                        ),
                        false,
                    );
                }
                Err(e) => self.show_error("Could not recover the unsaved edits", e),
            },
            RecoveryChoice::Discard => {
                s.discard_recovery();
                self.set_status("Discarded the unsaved edits of the earlier session", false);
            }
        }
        self.close_modal(|m| matches!(m, Modal::Recovery(_)));
    }

    /// Acts on the answer to "file changed on disk".
    pub fn conflict_choice(&mut self, choice: ConflictChoice) {
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(c) = s.conflict.clone() else {
            return;
        };
        match choice {
            ConflictChoice::Undecided => {}
            ConflictChoice::Later => {
                self.conflict_later = Some(c.kept.clone());
                self.set_status(
                    format!(
                        "Not saved: {} changed on disk — File › Save tries again",
                        c.path.display()
                    ),
                    true,
                );
            }
            ConflictChoice::LoadTheirs if c.path.ends_with(crate::store::PROJECT_FILE) => {
                // No partial reload of project.ron: read the project again
                // (our version stays in the kept file, so the journal and
                // mirror of our unsaved edits must not offer it back).
                let root = s.root();
                s.discard_recovery();
                self.session = None;
                self.open_project(&root);
                self.set_status(
                    format!(
                        "Loaded their project.ron; yours is kept as {}",
                        c.kept.display()
                    ),
                    false,
                );
            }
            ConflictChoice::LoadTheirs => match s.load_their_version() {
                Ok(doc) => {
                    self.sync_doc();
                    self.set_status(
                        format!(
                            "Loaded their version of {doc}; yours is kept as {}",
                            c.kept.display()
                        ),
                        false,
                    )
                }
                Err(e) => self.show_error("Could not load their version", e),
            },
        }
    }
}
