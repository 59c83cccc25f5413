//! Small windows over the main view: the coder's name (asked on first
//! run), error messages, the keyboard-shortcut overlay, the import summary,
//! and what to do when changes cannot be saved on close.

use super::actions::Action;
use super::commands::Command;
use crate::model::{Codebook, is_safe_name, safe_name};
use egui::{Id, Modal, RichText, Ui};

/// The "who is coding?" dialog.
#[derive(Clone, Debug, Default)]
pub struct CoderDialog {
    /// What is typed.
    pub name: String,
    /// Why the typed name was refused.
    pub error: Option<String>,
    /// Whether this is the first run (no cancel button then).
    pub first_run: bool,
    /// Coders the project knows, offered as buttons.
    pub known: Vec<String>,
    /// Whether the name field was given the keyboard yet. It is asked for
    /// once: asking every frame (as long as the field "has no focus", which
    /// egui also says while the window itself is unfocused) interrupted the
    /// input method each frame, and on X11 that fed a loop of frames that
    /// burnt the CPU and swallowed every key and click.
    pub focus_asked: bool,
}

/// What a dialog decided this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogResult {
    /// Still open.
    Open,
    /// Closed without a decision.
    Closed,
    /// Closed with a command to run.
    Done(Command),
}

/// Asks for the coder's name; existing coders of the project are offered.
pub fn coder_dialog_ui(ctx: &egui::Context, dialog: &mut CoderDialog) -> DialogResult {
    let mut result = DialogResult::Open;
    // The model's suggestions are stored as a coder, but nobody codes as it.
    let known: Vec<String> = dialog
        .known
        .iter()
        .filter(|c| !crate::suggestions::is_suggestions_coder(c))
        .cloned()
        .collect();
    let modal = Modal::new(Id::unique("coder-dialog")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.heading(if dialog.first_run { "Welcome to newscoder" } else { "Switch coder" });
        ui.label("Your annotations are saved under your coder name, so two people can code the same articles and be compared.");
        if dialog.first_run {
            ui.weak("New here? Help › Guide (F2) shows the first steps once you are in.");
        }
        ui.add_space(6.0);
        if !known.is_empty() {
            ui.label("Continue as:");
            ui.horizontal_wrapped(|ui| {
                for c in &known {
                    if ui.button(c).clicked() {
                        result = DialogResult::Done(Command::SetCoder(c.clone()));
                    }
                }
            });
            ui.add_space(4.0);
        }
        let l = ui.label("Your name (letters, digits, - _ .)");
        let r = ui
            .add(egui::TextEdit::singleline(&mut dialog.name).hint_text("e.g. alice").desired_width(f32::INFINITY))
            .labelled_by(l.id);
        if !dialog.focus_asked {
            r.request_focus();
            dialog.focus_asked = true;
        }
        let typed = dialog.name.trim().to_string();
        let mut suggestion = safe_name(&typed, "");
        if crate::suggestions::is_suggestions_coder(&suggestion) {
            ui.weak("“suggestions” is reserved for a model's predictions");
            suggestion.clear();
        }
        if !typed.is_empty() && !is_safe_name(&typed) && !suggestion.is_empty() {
            ui.weak(format!("will be saved as “{suggestion}”"));
        }
        if let Some(e) = &dialog.error {
            ui.colored_label(super::style::ERROR, e);
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(!suggestion.is_empty(), egui::Button::new("Start coding"));
            if ok.clicked() || (enter && !suggestion.is_empty()) {
                result = DialogResult::Done(Command::SetCoder(suggestion.clone()));
            }
            if !dialog.first_run && ui.button("Cancel").clicked() {
                result = DialogResult::Closed;
            }
        });
    });
    if modal.should_close() && !dialog.first_run && result == DialogResult::Open {
        result = DialogResult::Closed;
    }
    result
}

/// A message with an OK button; returns whether it was closed.
pub fn message_ui(ctx: &egui::Context, id: &str, title: &str, text: &str) -> bool {
    let mut close = false;
    let modal = Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                ui.label(text);
            });
        ui.add_space(6.0);
        if ui.button("OK").clicked() {
            close = true;
        }
    });
    close || modal.should_close()
}

/// What to do when the window closes and saving failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseChoice {
    /// Still deciding.
    Undecided,
    /// Keep the window open (to fix the problem).
    Stay,
    /// Close and lose the unsaved changes.
    Discard,
}

/// Asks whether to close without saving after a failed save.
pub fn close_failed_ui(ctx: &egui::Context, error: &str) -> CloseChoice {
    let mut choice = CloseChoice::Undecided;
    Modal::new(Id::unique("close-failed")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Changes could not be saved");
        ui.label(error);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Keep the window open").clicked() {
                choice = CloseChoice::Stay;
            }
            if ui
                .button(RichText::new("Close and lose changes").color(super::style::ERROR))
                .clicked()
            {
                choice = CloseChoice::Discard;
            }
        });
    });
    choice
}

/// The F1 overlay: every action's shortcut, the label keys and the mouse
/// gestures. Returns whether it should close.
pub fn shortcuts_ui(ctx: &egui::Context, codebook: Option<&Codebook>) -> bool {
    const COLUMN: f32 = 420.0;
    const GAP: f32 = 16.0;
    let mut close = false;
    let id = Id::unique("shortcuts");
    // Kept between the menu bar and the status bar; two columns where
    // they fit, one on a small screen.
    let work = super::style::work_area(ctx);
    let room = (work.width() - 48.0).max(240.0);
    let two_columns = room >= 2.0 * COLUMN + GAP;
    let width = if two_columns {
        2.0 * COLUMN + GAP
    } else {
        room.min(COLUMN)
    };
    let height = (work.height() - 24.0).max(240.0);
    let area = Modal::default_area(id)
        .constrain_to(work)
        .default_size([width + 16.0, height]);
    let modal = Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(width);
        ui.horizontal(|ui| {
            ui.heading("Keyboard shortcuts");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
        ui.add(
            egui::Label::new(
                RichText::new(
                    "A label key tags the selected text, or gives the selected span that label.",
                )
                .weak(),
            )
            .wrap(),
        );
        ui.separator();
        // What the heading, the hint and the frame take.
        let max_height = (height - 110.0).max(120.0);
        egui::ScrollArea::vertical()
            .max_height(max_height)
            .show(ui, |ui| {
                let columns: &[&[&str]] = if two_columns {
                    &[
                        &["Select and tag", "Edit"],
                        &["Navigate", "Search", "Project", "View"],
                    ]
                } else {
                    &[&[
                        "Select and tag",
                        "Edit",
                        "Navigate",
                        "Search",
                        "Project",
                        "View",
                    ]]
                };
                ui.horizontal_top(|ui| {
                    for (c, groups) in columns.iter().enumerate() {
                        ui.vertical(|ui| {
                            ui.set_width(width.min(COLUMN));
                            for group in groups.iter() {
                                group_ui(ui, c, group, codebook);
                            }
                            if c + 1 == columns.len() {
                                fixed_group_ui(ui, "Compare coders", &super::compare::SHORTCUTS);
                                fixed_group_ui(
                                    ui,
                                    "Model suggestions",
                                    &super::suggestions::SHORTCUTS,
                                );
                            }
                        });
                        if two_columns && c == 0 {
                            ui.add_space(GAP);
                        }
                    }
                });
            });
    });
    close || modal.should_close()
}

/// One heading of the overlay with its shortcuts.
fn group_ui(ui: &mut Ui, column: usize, group: &str, codebook: Option<&Codebook>) {
    ui.strong(group);
    egui::Grid::new(("shortcut-group", column, group))
        .num_columns(2)
        .min_col_width(130.0)
        .spacing([10.0, 3.0])
        .show(ui, |ui| {
            if group == "Select and tag" {
                gestures_ui(ui, codebook);
            }
            for a in Action::ALL.into_iter().filter(|a| a.group() == group) {
                let keys: Vec<String> = a.shortcuts().iter().map(|s| s.text(ui.ctx())).collect();
                if keys.is_empty() {
                    continue;
                }
                ui.monospace(keys.join("  "));
                ui.label(a.label()).on_hover_text(a.tooltip());
                ui.end_row();
            }
        });
    ui.add_space(8.0);
}

/// A heading with the keys of one view (compare, suggestions), which
/// that view handles itself rather than through [`Action`].
fn fixed_group_ui(ui: &mut Ui, group: &str, keys: &[(&str, &str)]) {
    ui.strong(group);
    egui::Grid::new(("shortcut-fixed", group))
        .num_columns(2)
        .min_col_width(130.0)
        .spacing([10.0, 3.0])
        .show(ui, |ui| {
            for (k, what) in keys {
                ui.monospace(*k);
                ui.label(*what);
                ui.end_row();
            }
        });
    ui.add_space(8.0);
}

/// Rows for the mouse gestures and the label keys.
fn gestures_ui(ui: &mut Ui, codebook: Option<&Codebook>) {
    for (keys, what) in [
        ("Drag", "Select text (snaps to whole words)"),
        ("Double-click", "Select a word"),
        ("Click span", "Select it (again: the span around it)"),
    ] {
        ui.monospace(keys);
        ui.label(what);
        ui.end_row();
    }
    if let Some(cb) = codebook {
        for (_, l) in cb.labels() {
            if let Some(k) = l.key {
                ui.monospace(k.to_string());
                ui.label(format!("Tag as {}", l.name));
                ui.end_row();
            }
        }
    }
}
