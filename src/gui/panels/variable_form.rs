//! The settings of one document variable in the codebook editor: name,
//! kind, values (in order, which is the scale's order for an ordinal
//! variable), description, position, and deleting it. Like the label form,
//! it only reports what the user asked for; the editor turns it into a
//! (possibly confirmed) action.

use crate::edit::{CodebookChange, EditError, Workspace, rename_variable, rename_variable_value};
use crate::model::{Codebook, VariableDef, VariableKind};
use egui::RichText;

/// Text typed into the form and not applied yet. Reset when the selection
/// changes.
#[derive(Debug, Default)]
pub(super) struct VariableDrafts {
    name: Option<String>,
    description: Option<String>,
    new_value: String,
    /// (value, new name) of a value being renamed.
    renaming_value: Option<(String, String)>,
}

/// What the user asked the form for.
pub(super) enum VariableOutcome {
    /// Nothing.
    None,
    /// Show this message (a refused change).
    Message(String),
    /// Replace the codebook (codes adjusted, confirmed if any is lost).
    Codebook(Codebook, String),
    /// The variable is being renamed to the given name.
    Renamed(String, Result<CodebookChange, EditError>),
    /// A value renamed in the codebook and the codes.
    Rename(Result<CodebookChange, EditError>),
}

/// The codebook with variable `name` changed by `f`.
fn with_variable(
    cb: &Codebook,
    name: &str,
    what: String,
    f: impl FnOnce(&mut VariableDef),
) -> VariableOutcome {
    let mut new = cb.clone();
    match new.variables.iter_mut().find(|v| v.name == name) {
        Some(v) => {
            f(v);
            VariableOutcome::Codebook(new, what)
        }
        None => VariableOutcome::None,
    }
}

/// Draws the form for variable `var`, coded in `used` documents.
pub(super) fn variable_form(
    ui: &mut egui::Ui,
    ws: &Workspace,
    var: &VariableDef,
    used: usize,
    d: &mut VariableDrafts,
) -> VariableOutcome {
    let cb = &ws.project().codebook;
    let mut out = VariableOutcome::None;
    ui.heading(&var.name);
    ui.weak(format!(
        "Document variable · {} · coded in {} (all loaded annotations)",
        var.kind.label(),
        crate::wording::count(used, "document", "documents")
    ));
    ui.add_space(6.0);
    egui::Grid::new("variable-settings")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Name");
            ui.horizontal(|ui| {
                let draft = d.name.get_or_insert_with(|| var.name.clone());
                let r = ui
                    .add(egui::TextEdit::singleline(draft).desired_width(200.0))
                    .labelled_by(l.id);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Rename variable").clicked() || enter)
                    && draft.trim() != var.name
                    && !draft.trim().is_empty()
                {
                    let to = draft.trim().to_string();
                    out = VariableOutcome::Renamed(to.clone(), rename_variable(ws, &var.name, &to));
                }
            });
            ui.end_row();

            let l = ui.label("Kind");
            let mut kind = var.kind;
            egui::ComboBox::from_id_salt("variable-kind")
                .selected_text(kind.label())
                .show_ui(ui, |ui| {
                    for k in VariableKind::ALL {
                        ui.selectable_value(&mut kind, k, k.label());
                    }
                })
                .response
                .labelled_by(l.id)
                .on_hover_text(
                    "single choice: one value of the list · multiple choice: any of them · \
                     ordinal scale: one value of an ordered list · number · free text",
                );
            if kind != var.kind {
                out = with_variable(
                    cb,
                    &var.name,
                    format!("Make {} a {}", var.name, kind.label()),
                    |v| {
                        v.kind = kind;
                        if !kind.has_values() {
                            v.values.clear();
                        } else if v.values.is_empty() {
                            // A list needs values: two to rename.
                            v.values = vec!["yes".into(), "no".into()];
                        }
                    },
                );
            }
            ui.end_row();

            let l = ui.label("Key");
            ui.horizontal(|ui| {
                let mut key = var.key.map(String::from).unwrap_or_default();
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut key)
                            .char_limit(1)
                            .desired_width(24.0),
                    )
                    .labelled_by(l.id)
                    .on_hover_text(
                        "A letter or digit that starts coding this variable by keyboard \
                         (not one a label uses)",
                    );
                ui.weak("starts coding it by keyboard");
                let new_key = key.chars().next().filter(char::is_ascii_alphanumeric);
                if r.changed() && new_key != var.key {
                    out =
                        with_variable(cb, &var.name, format!("Set the key of {}", var.name), |v| {
                            v.key = new_key
                        });
                }
            });
            ui.end_row();

            let l = ui.label("Description");
            let draft = d.description.get_or_insert_with(|| var.description.clone());
            let r = ui
                .add(
                    egui::TextEdit::multiline(draft)
                        .desired_rows(3)
                        .desired_width(360.0)
                        .hint_text("What the variable means and how to decide (shown on hover)"),
                )
                .labelled_by(l.id);
            if r.lost_focus() && draft.trim() != var.description {
                let text = draft.trim().to_string();
                out = with_variable(cb, &var.name, format!("Describe {}", var.name), |v| {
                    v.description = text;
                });
            }
            ui.end_row();
        });

    if var.kind.has_values() {
        ui.add_space(6.0);
        let order = if var.kind == VariableKind::Ordinal {
            "Values (in the scale's order, lowest first)"
        } else {
            "Values"
        };
        ui.label(RichText::new(order).strong());
        let n = var.values.len();
        for (i, value) in var.values.iter().enumerate() {
            ui.horizontal(|ui| {
                if let Some((of, draft)) = &mut d.renaming_value
                    && of == value
                {
                    let r = ui.add(egui::TextEdit::singleline(draft).desired_width(200.0));
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Rename").clicked() || enter {
                        let to = draft.trim().to_string();
                        let from = of.clone();
                        d.renaming_value = None;
                        if to != from {
                            out = VariableOutcome::Rename(rename_variable_value(
                                ws, &var.name, &from, &to,
                            ));
                        }
                    }
                    return;
                }
                ui.label(value);
                if ui.small_button("Rename…").clicked() {
                    d.renaming_value = Some((value.clone(), value.clone()));
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up").small())
                    .clicked()
                {
                    out = with_variable(cb, &var.name, format!("Move value {value}"), |v| {
                        v.values.swap(i, i - 1)
                    });
                }
                if ui
                    .add_enabled(i + 1 < n, egui::Button::new("Down").small())
                    .clicked()
                {
                    out = with_variable(cb, &var.name, format!("Move value {value}"), |v| {
                        v.values.swap(i, i + 1)
                    });
                }
                let remove = ui
                    .add_enabled(n > 1, egui::Button::new("Remove").small())
                    .on_hover_text("Remove the value; codes that hold it lose it (Undo restores)")
                    .on_disabled_hover_text("A list needs at least one value");
                if remove.clicked() {
                    out = with_variable(cb, &var.name, format!("Remove value {value}"), |v| {
                        v.values.remove(i);
                    });
                }
            });
        }
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut d.new_value)
                    .hint_text("New value")
                    .desired_width(200.0),
            );
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let value = d.new_value.trim().to_string();
            if (ui.button("Add value").clicked() || enter) && !value.is_empty() {
                if var.values.contains(&value) {
                    out = VariableOutcome::Message(format!(
                        "{} already has a value {value:?}.",
                        var.name
                    ));
                } else {
                    d.new_value.clear();
                    out = with_variable(cb, &var.name, format!("Add value {value}"), |v| {
                        v.values.push(value)
                    });
                }
            }
        });
    }

    ui.add_space(8.0);
    let index = cb.variables.iter().position(|v| v.name == var.name);
    ui.horizontal(|ui| {
        let Some(i) = index else {
            return;
        };
        if ui
            .add_enabled(i > 0, egui::Button::new("Move up"))
            .clicked()
        {
            let mut new = cb.clone();
            new.variables.swap(i, i - 1);
            out = VariableOutcome::Codebook(new, format!("Move variable {}", var.name));
        }
        if ui
            .add_enabled(i + 1 < cb.variables.len(), egui::Button::new("Move down"))
            .clicked()
        {
            let mut new = cb.clone();
            new.variables.swap(i, i + 1);
            out = VariableOutcome::Codebook(new, format!("Move variable {}", var.name));
        }
        if ui
            .button("Delete variable")
            .on_hover_text("Delete the variable and every coder's codes for it (Undo restores)")
            .clicked()
        {
            let mut new = cb.clone();
            new.variables.remove(i);
            out = VariableOutcome::Codebook(new, format!("Delete variable {}", var.name));
        }
    });
    out
}
