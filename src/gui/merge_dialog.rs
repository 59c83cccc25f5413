//! File › Merge another copy…: the preview of every decision, with Merge
//! and Cancel.

use super::modal::MergePreview;
use egui::{Id, Modal, RichText};

/// What the analyst chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeChoice {
    /// Still reading.
    Undecided,
    /// Apply the merge.
    Merge,
    /// Close without merging.
    Cancel,
}

/// Shows the merge report (the lines `newscoder merge --dry-run` prints).
pub fn merge_dialog_ui(ctx: &egui::Context, preview: &MergePreview) -> MergeChoice {
    let mut choice = MergeChoice::Undecided;
    let modal = Modal::new(Id::unique("merge-preview")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("Merge another copy");
        ui.label(format!(
            "What merging {} into this project would do (nothing is written until you press Merge; the other copy is only read):",
            preview.other.display()
        ));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            // One height from the first frame on: a height that grew frame
            // by frame moved the buttons under the pointer.
            .max_height(380.0)
            .min_scrolled_height(380.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for line in &preview.lines {
                    let text = RichText::new(line).monospace();
                    if line.contains("CONFLICT") || line.contains("conflict:") {
                        ui.label(text.color(super::style::ERROR));
                    } else {
                        ui.label(text);
                    }
                }
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if preview.changes_nothing {
                ui.weak("This project holds all of it already.");
                if ui.button("Close").clicked() {
                    choice = MergeChoice::Cancel;
                }
            } else {
                if ui.button("Merge").clicked() {
                    choice = MergeChoice::Merge;
                }
                if ui.button("Cancel").clicked() {
                    choice = MergeChoice::Cancel;
                }
            }
        });
    });
    if modal.should_close() && choice == MergeChoice::Undecided {
        choice = MergeChoice::Cancel;
    }
    choice
}
