//! Small pieces shared by the panels: the confirmation box, the message
//! line, a colour swatch, and the once-per-project request to load every
//! annotation set.

use super::PanelAction;
use crate::edit::Workspace;
use crate::model::Color;
use std::path::PathBuf;

/// A change waiting for the user's yes.
#[derive(Debug)]
pub(super) struct Confirm {
    /// What will happen, with counts.
    pub question: String,
    /// Text of the button that goes ahead.
    pub yes: String,
    /// What to do on yes.
    pub action: PanelAction,
}

/// Shows the question; `Some(true)` on yes, `Some(false)` on cancel.
pub(super) fn confirm_ui(ui: &mut egui::Ui, confirm: &Confirm) -> Option<bool> {
    let mut answer = None;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.label(&confirm.question);
            ui.horizontal(|ui| {
                let yes = egui::RichText::new(&confirm.yes).color(ui.visuals().error_fg_color);
                if ui.button(yes).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
    answer
}

/// Shows `message` (if any) with a button to dismiss it.
pub(super) fn message_ui(ui: &mut egui::Ui, message: &mut Option<String>) {
    let Some(text) = message.as_deref() else {
        return;
    };
    let mut dismiss = false;
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(ui.visuals().warn_fg_color, text);
        dismiss = ui
            .small_button("OK")
            .on_hover_text("Dismiss this message")
            .clicked();
    });
    if dismiss {
        *message = None;
    }
}

/// A small filled square in a label's colour.
pub(super) fn swatch(ui: &mut egui::Ui, color: Color) {
    let [r, g, b] = color.0;
    let size = egui::vec2(12.0, 12.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, egui::Color32::from_rgb(r, g, b));
}

/// Remembers for which project shape (folder, number of documents and of
/// coders) every set was last requested, so the request is made once, not
/// every frame.
#[derive(Debug, Default)]
pub(super) struct LoadRequest {
    asked_for: Option<(PathBuf, usize, usize)>,
}

impl LoadRequest {
    /// [`PanelAction::LoadAllSets`] the first time it is called for this
    /// project shape, else `None`.
    pub fn request(&mut self, ws: &Workspace) -> Option<PanelAction> {
        let p = ws.project();
        let shape = (p.documents.len(), p.coders.len());
        match &self.asked_for {
            Some((root, d, c)) if root == ws.dir().root() && (*d, *c) == shape => None,
            _ => {
                self.asked_for = Some((ws.dir().root().to_path_buf(), shape.0, shape.1));
                Some(PanelAction::LoadAllSets)
            }
        }
    }
}

/// A one-line field for a new name (label, role, alias, …), named for
/// screen readers by its `hint`; returns whether Enter was pressed in it,
/// which adds the name like the button beside it.
pub(super) fn new_name_field(
    ui: &mut egui::Ui,
    text: &mut String,
    hint: &str,
    width: Option<f32>,
) -> bool {
    let mut edit = egui::TextEdit::singleline(text).hint_text(hint);
    if let Some(w) = width {
        edit = edit.desired_width(w);
    }
    let r = ui.add(edit).accessible_name(hint);
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}
