//! The dialogs that protect work: another window holds the coder's lock,
//! unsaved edits of a crashed session were found, and a file was changed
//! on disk by someone else. Each returns the user's choice; the app acts on
//! it.

use crate::session::DiskConflict;
use crate::store::LockHolder;
use egui::{Id, Modal, RichText};

/// The "already open elsewhere" question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockPrompt {
    /// Who holds the lock.
    pub holder: LockHolder,
    /// The coder whose annotations are locked.
    pub coder: String,
    /// The coder coded as before a switch (Cancel goes back to them); none
    /// when a project was being opened (Cancel closes it).
    pub previous: Option<String>,
}

/// What the user chose about a held lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockChoice {
    /// Still deciding.
    Undecided,
    /// Look without saving.
    ReadOnly,
    /// Take the lock over.
    OpenAnyway,
    /// Do not open.
    Cancel,
}

/// The warning text for a held lock.
pub fn lock_message(p: &LockPrompt) -> String {
    let since = if p.holder.since == 0 {
        String::new()
    } else {
        format!(" since {}", utc_time(p.holder.since))
    };
    format!(
        "{}'s annotations are open in process {} on {}{since}; opening them twice can overwrite work.",
        capitalised(&p.coder),
        p.holder.pid,
        p.holder.host
    )
}

/// Asks what to do when another instance holds the coder's lock.
pub fn lock_dialog_ui(ctx: &egui::Context, p: &LockPrompt) -> LockChoice {
    let mut choice = LockChoice::Undecided;
    Modal::new(Id::unique("lock-dialog")).show(ctx, |ui| {
        ui.set_max_width(500.0);
        ui.heading("Already open in another window");
        ui.label(lock_message(p));
        ui.add_space(4.0);
        ui.weak("Read-only lets you look without saving anything. Open anyway only if that window is gone (e.g. the other machine crashed).");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Open read-only").clicked() {
                choice = LockChoice::ReadOnly;
            }
            if ui
                .button(RichText::new("Open anyway").color(super::style::ERROR))
                .clicked()
            {
                choice = LockChoice::OpenAnyway;
            }
            if ui.button("Cancel").clicked() {
                choice = LockChoice::Cancel;
            }
        });
    });
    choice
}

/// What the user chose about recovered edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Still deciding.
    Undecided,
    /// Replay them (one undoable step).
    Restore,
    /// Throw them away.
    Discard,
}

/// The recovery offer's text for `n` documents.
pub fn recovery_message(n: usize) -> String {
    let docs = if n == 1 { "document" } else { "documents" };
    format!("Unsaved edits from a session that ended unexpectedly were found for {n} {docs}.")
}

/// Offers the unsaved edits of a crashed session back.
pub fn recovery_dialog_ui(
    ctx: &egui::Context,
    documents: &[String],
    registry: bool,
) -> RecoveryChoice {
    let mut choice = RecoveryChoice::Undecided;
    Modal::new(Id::unique("recovery-dialog")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Recover unsaved edits?");
        if !documents.is_empty() {
            ui.label(recovery_message(documents.len()));
            for d in documents.iter().take(8) {
                ui.weak(format!("  • {d}"));
            }
        }
        if registry {
            ui.label(
                "Unsaved changes to the codebook or the actor registry from a session that ended unexpectedly were found.",
            );
        }
        ui.weak("Restore replays them as one step (Ctrl+Z takes it back).");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = RecoveryChoice::Restore;
            }
            if ui.button("Discard").clicked() {
                choice = RecoveryChoice::Discard;
            }
        });
    });
    choice
}

/// What the user chose about a file changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Still deciding.
    Undecided,
    /// Load the version on disk (ours stays in the kept file).
    LoadTheirs,
    /// Decide later (autosave waits; File › Save retries).
    Later,
}

/// The text naming the changed file and where our version went.
pub fn conflict_message(c: &DiskConflict) -> String {
    format!(
        "{} was changed on disk by someone else (another window or a synced machine) since it was opened. It was not overwritten.\n\nYour version was kept as {}.",
        c.path.display(),
        c.kept.display()
    )
}

/// Asks what to do with a file someone else changed.
pub fn conflict_dialog_ui(ctx: &egui::Context, c: &DiskConflict) -> ConflictChoice {
    let mut choice = ConflictChoice::Undecided;
    Modal::new(Id::unique("conflict-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("File changed on disk");
        ui.label(conflict_message(c));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Load their version").clicked() {
                choice = ConflictChoice::LoadTheirs;
            }
            if ui
                .button("Decide later")
                .on_hover_text("Autosave waits; File › Save tries again")
                .clicked()
            {
                choice = ConflictChoice::Later;
            }
        });
    });
    choice
}

/// A project that failed to open, with an earlier `project.ron` kept:
/// `Some(true)` to restore it, `Some(false)` to leave it.
pub fn project_restore_ui(
    ctx: &egui::Context,
    error: &str,
    backup: &crate::store::Backup,
) -> Option<bool> {
    let mut choice = None;
    Modal::new(Id::unique("project-restore")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Could not open the project");
        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            ui.label(RichText::new(error).monospace());
        });
        ui.add_space(6.0);
        ui.label(format!(
            "An earlier version of project.ron is kept ({}, written {}). Restoring it keeps the damaged one as a backup.",
            backup.backup.display(),
            age(backup.modified)
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Restore earlier version").clicked() {
                choice = Some(true);
            }
            if ui.button("Leave it").clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `secs` since the Unix epoch as "YYYY-MM-DD HH:MM UTC".
pub fn utc_time(secs: u64) -> String {
    // Same calendar arithmetic as the adjudication log's timestamps.
    let stamp = crate::agreement::utc_timestamp(secs);
    format!("{} {} UTC", &stamp[..10], &stamp[11..16])
}

/// How long ago `t` was, in words ("just now", "5 min ago", "3 h ago").
pub fn age(t: Option<std::time::SystemTime>) -> String {
    let Some(secs) = t
        .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
        .map(|d| d.as_secs())
    else {
        return "unknown".into();
    };
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_time_formats_known_instants() {
        assert_eq!(utc_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_time(1_700_000_000), "2023-11-14 22:13 UTC");
    }
}
