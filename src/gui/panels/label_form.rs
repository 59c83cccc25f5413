//! The settings of one label in the codebook editor: name, colour, shortcut
//! key, category and position, attributes with their value lists, and link
//! roles with the labels each may point to. The form only reports what the
//! user asked for; the editor turns it into a (possibly confirmed) action.

use super::PanelAction;
use super::common::swatch;
use crate::edit::{
    CodebookChange, EditError, Workspace, rename_attribute, rename_attribute_value,
    rename_label_tx, rename_role,
};
use crate::model::{AttributeDef, AttributeKind, Codebook, Color, Label, RoleDef};
use egui::RichText;
use std::collections::BTreeMap;

/// Text typed into the form and not applied yet. Reset when the selection
/// changes.
#[derive(Debug, Default)]
pub(super) struct FormDrafts {
    /// Name field (label or category).
    pub name: Option<String>,
    key: Option<String>,
    description: Option<String>,
    /// Colour being picked; applied when the mouse button is released so a
    /// drag in the picker is one undo step.
    colour: Option<[u8; 3]>,
    new_attr: String,
    new_attr_closed: bool,
    new_values: BTreeMap<String, String>,
    /// (attribute, value, new name) of a value being renamed.
    renaming_value: Option<(String, String, String)>,
    /// (attribute, new name).
    renaming_attr: Option<(String, String)>,
    /// (role, new name).
    renaming_role: Option<(String, String)>,
    new_role: String,
}

/// What the user asked the form for.
pub(super) enum FormOutcome {
    /// Nothing.
    None,
    /// Show this message (a refused change).
    Message(String),
    /// The label is being renamed to the given name by the action.
    Renamed(String, PanelAction),
    /// Replace the codebook (spans adjusted, confirmed if touched).
    Codebook(Codebook, String),
    /// A rename of an attribute, value or role, carried into the spans;
    /// it loses nothing, so it is applied without asking.
    Rename(Result<CodebookChange, EditError>),
    /// Delete the label (confirmed if used).
    Delete,
}

/// Draws the form for `label`, used by `used` spans.
pub(super) fn label_form(
    ui: &mut egui::Ui,
    ws: &Workspace,
    label: &Label,
    used: usize,
    d: &mut FormDrafts,
) -> FormOutcome {
    let cb = &ws.project().codebook;
    let mut out = FormOutcome::None;
    ui.horizontal(|ui| {
        swatch(ui, label.color);
        ui.heading(&label.name);
    });
    let category = cb.category_of(&label.name).unwrap_or("").to_string();
    let used = crate::wording::count(used, "span", "spans");
    ui.weak(format!("Label in category {category} · used by {used}"));
    ui.add_space(6.0);

    egui::Grid::new("label-settings")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Name");
            ui.horizontal(|ui| {
                let draft = d.name.get_or_insert_with(|| label.name.clone());
                let r = ui
                    .add(egui::TextEdit::singleline(draft).desired_width(160.0))
                    .labelled_by(l.id);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let hover = "Renames the label in every coder's annotations too";
                if (ui.button("Rename label").on_hover_text(hover).clicked() || enter)
                    && draft.trim() != label.name
                {
                    out = match rename_label_tx(cb, &label.name, draft) {
                        Ok(tx) => {
                            FormOutcome::Renamed(draft.trim().to_string(), PanelAction::Apply(tx))
                        }
                        Err(e) => FormOutcome::Message(e.to_string()),
                    };
                }
            });
            ui.end_row();

            let l = ui.label("Colour");
            let mut rgb = d.colour.unwrap_or(label.color.0);
            if ui
                .color_edit_button_srgb(&mut rgb)
                .labelled_by(l.id)
                .changed()
            {
                d.colour = Some(rgb);
            }
            if let Some(rgb) = d.colour
                && !ui.input(|i| i.pointer.any_down())
            {
                d.colour = None;
                if rgb != label.color.0 {
                    out = with_label(cb, &label.name, "Recolour", |l| l.color = Color(rgb));
                }
            }
            ui.end_row();

            let l = ui.label("Shortcut key");
            ui.horizontal(|ui| {
                let draft = d
                    .key
                    .get_or_insert_with(|| label.key.map(String::from).unwrap_or_default());
                let r = ui
                    .add(
                        egui::TextEdit::singleline(draft)
                            .char_limit(1)
                            .desired_width(24.0),
                    )
                    .labelled_by(l.id);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Set key").clicked() || enter {
                    out = set_key(cb, label, draft);
                }
                if ui
                    .add_enabled(label.key.is_some(), egui::Button::new("Clear key"))
                    .clicked()
                {
                    d.key = Some(String::new());
                    out = with_label(cb, &label.name, "Clear shortcut", |l| l.key = None);
                }
            });
            ui.end_row();

            let l = ui.label("Category");
            let mut target = category.clone();
            egui::ComboBox::from_id_salt("label-category")
                .selected_text(target.as_str())
                .show_ui(ui, |ui| {
                    for c in &cb.categories {
                        ui.selectable_value(&mut target, c.name.clone(), &c.name);
                    }
                })
                .response
                .labelled_by(l.id);
            if target != category {
                out = move_to_category(cb, &label.name, &target);
            }
            ui.end_row();

            ui.label("Position");
            ui.horizontal(|ui| {
                let (ci, li) = position(cb, &label.name);
                let len = cb.categories.get(ci).map_or(0, |c| c.labels.len());
                if ui
                    .add_enabled(li > 0, egui::Button::new("Move up"))
                    .clicked()
                {
                    out = reorder(cb, ci, li, li - 1, &label.name);
                }
                if ui
                    .add_enabled(li + 1 < len, egui::Button::new("Move down"))
                    .clicked()
                {
                    out = reorder(cb, ci, li, li + 1, &label.name);
                }
            });
            ui.end_row();

            ui.label("Actor mentions");
            let mut actor = label.actor;
            if ui
                .checkbox(&mut actor, "Spans may point to an actor")
                .changed()
            {
                out = with_label(cb, &label.name, "Change actor setting", |l| l.actor = actor);
            }
            ui.end_row();

            let l = ui.label("Description");
            let draft = d
                .description
                .get_or_insert_with(|| label.description.clone());
            let r = ui
                .add(
                    egui::TextEdit::multiline(draft)
                        .desired_rows(2)
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
            if r.lost_focus() && *draft != label.description {
                let text = draft.clone();
                out = with_label(cb, &label.name, "Edit description", |l| {
                    l.description = text
                });
            }
            ui.end_row();
        });

    ui.add_space(8.0);
    ui.label(RichText::new("Attributes").strong());
    for attr in &label.attributes {
        if let Some(o) = attribute_ui(ui, ws, label, attr, d) {
            out = o;
        }
    }
    ui.horizontal(|ui| {
        let enter =
            super::common::new_name_field(ui, &mut d.new_attr, "New attribute", Some(140.0));
        ui.checkbox(&mut d.new_attr_closed, "Closed list of values");
        if (ui.button("Add attribute").clicked() || enter) && !d.new_attr.trim().is_empty() {
            let name = d.new_attr.trim().to_string();
            if label.attribute(&name).is_some() {
                out = FormOutcome::Message(format!(
                    "{:?} already has an attribute {name:?}.",
                    label.name
                ));
            } else {
                let kind = if d.new_attr_closed {
                    AttributeKind::Closed(Vec::new())
                } else {
                    AttributeKind::Free
                };
                d.new_attr.clear();
                out = with_label(cb, &label.name, &format!("Add attribute {name}"), |l| {
                    l.attributes.push(AttributeDef { name, kind })
                });
            }
        }
    });

    ui.add_space(8.0);
    ui.label(RichText::new("Link roles").strong());
    for role in &label.roles {
        if let Some(o) = role_ui(ui, ws, label, role, d) {
            out = o;
        }
    }
    ui.horizontal(|ui| {
        let enter = super::common::new_name_field(ui, &mut d.new_role, "New role", Some(140.0));
        if (ui.button("Add role").clicked() || enter) && !d.new_role.trim().is_empty() {
            let name = d.new_role.trim().to_string();
            if label.role(&name).is_some() {
                out =
                    FormOutcome::Message(format!("{:?} already has a role {name:?}.", label.name));
            } else {
                d.new_role.clear();
                out = with_label(cb, &label.name, &format!("Add role {name}"), |l| {
                    l.roles.push(RoleDef {
                        name,
                        takes: crate::model::RoleArity::Many,
                        targets: Vec::new(),
                    })
                });
            }
        }
    });

    ui.add_space(12.0);
    let delete = RichText::new("Delete label…").color(ui.visuals().error_fg_color);
    let hover = format!("Used by {used}; you will be asked first");
    if ui.button(delete).on_hover_text(hover).clicked() {
        out = FormOutcome::Delete;
    }
    out
}

/// One attribute: its kind, its values (closed lists), rename and remove.
fn attribute_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    label: &Label,
    attr: &AttributeDef,
    d: &mut FormDrafts,
) -> Option<FormOutcome> {
    let cb = &ws.project().codebook;
    let mut out = None;
    let title = match &attr.kind {
        AttributeKind::Closed(v) => format!("{} — one of {} values", attr.name, v.len()),
        AttributeKind::Free => format!("{} — free text", attr.name),
    };
    egui::CollapsingHeader::new(title)
        .id_salt(("attr", &label.name, &attr.name))
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let closed = matches!(attr.kind, AttributeKind::Closed(_));
                let mut want = closed;
                ui.radio_value(&mut want, true, "Closed list")
                    .on_hover_text("Coders pick one of the values below");
                ui.radio_value(&mut want, false, "Free text");
                if want != closed {
                    let kind = if want {
                        AttributeKind::Closed(Vec::new())
                    } else {
                        AttributeKind::Free
                    };
                    out = Some(with_attr(
                        cb,
                        label,
                        &attr.name,
                        "Change attribute kind",
                        |a| a.kind = kind,
                    ));
                }
            });
            if let AttributeKind::Closed(values) = &attr.kind {
                for v in values {
                    ui.horizontal(|ui| {
                        ui.add_space(8.0);
                        match &mut d.renaming_value {
                            Some((a, from, draft)) if *a == attr.name && from == v => {
                                let r = ui
                                    .add(egui::TextEdit::singleline(draft).desired_width(160.0))
                                    .accessible_name(format!("New name for value {v}"));
                                let enter =
                                    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                                if ui.button("Save").clicked() || enter {
                                    let to = draft.clone();
                                    d.renaming_value = None;
                                    if to.trim() != v {
                                        let r = rename_attribute_value(
                                            ws,
                                            &label.name,
                                            &attr.name,
                                            v,
                                            &to,
                                        );
                                        out = Some(FormOutcome::Rename(r));
                                    }
                                } else if ui.button("Cancel").clicked() {
                                    d.renaming_value = None;
                                }
                            }
                            _ => {
                                ui.label(v);
                                let rename = ui
                                    .small_button("Rename")
                                    .accessible_name(format!("Rename value {v}"));
                                if rename.clicked() {
                                    d.renaming_value =
                                        Some((attr.name.clone(), v.clone(), v.clone()));
                                }
                                let remove = ui
                                    .small_button("Remove")
                                    .accessible_name(format!("Remove value {v}"));
                                if remove.clicked() {
                                    out = Some(with_attr(
                                        cb,
                                        label,
                                        &attr.name,
                                        &format!("Remove value {v}"),
                                        |a| {
                                            if let AttributeKind::Closed(vs) = &mut a.kind {
                                                vs.retain(|x| x != v);
                                            }
                                        },
                                    ));
                                }
                            }
                        }
                    });
                }
                ui.horizontal(|ui| {
                    ui.add_space(8.0);
                    let draft = d.new_values.entry(attr.name.clone()).or_default();
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(draft)
                                .hint_text("New value")
                                .desired_width(160.0),
                        )
                        .accessible_name(format!("New value of {}", attr.name));
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let add = ui
                        .button("Add value")
                        .accessible_name(format!("Add value to {}", attr.name));
                    if (add.clicked() || enter) && !draft.trim().is_empty() {
                        let value = draft.trim().to_string();
                        if values.contains(&value) {
                            out = Some(FormOutcome::Message(format!(
                                "{:?} is a value already.",
                                value
                            )));
                        } else {
                            draft.clear();
                            out = Some(with_attr(
                                cb,
                                label,
                                &attr.name,
                                &format!("Add value {value}"),
                                |a| {
                                    if let AttributeKind::Closed(vs) = &mut a.kind {
                                        vs.push(value);
                                    }
                                },
                            ));
                        }
                    }
                });
            }
            ui.horizontal(|ui| match &mut d.renaming_attr {
                Some((a, draft)) if *a == attr.name => {
                    let r = ui
                        .add(egui::TextEdit::singleline(draft).desired_width(160.0))
                        .accessible_name(format!("New name for attribute {}", attr.name));
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Save").clicked() || enter {
                        let to = draft.clone();
                        d.renaming_attr = None;
                        if to.trim() != attr.name {
                            out = Some(FormOutcome::Rename(rename_attribute(
                                ws,
                                &label.name,
                                &attr.name,
                                &to,
                            )));
                        }
                    } else if ui.button("Cancel").clicked() {
                        d.renaming_attr = None;
                    }
                }
                _ => {
                    let rename = ui
                        .button("Rename attribute")
                        .accessible_name(format!("Rename attribute {}", attr.name));
                    if rename.clicked() {
                        d.renaming_attr = Some((attr.name.clone(), attr.name.clone()));
                    }
                    let remove = ui
                        .button("Remove attribute")
                        .accessible_name(format!("Remove attribute {}", attr.name));
                    if remove.clicked() {
                        out = Some(with_label(
                            cb,
                            &label.name,
                            &format!("Remove attribute {}", attr.name),
                            |l| l.attributes.retain(|a| a.name != attr.name),
                        ));
                    }
                }
            });
        });
    out
}

/// One link role: the labels it may point to, rename and remove.
fn role_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    label: &Label,
    role: &RoleDef,
    d: &mut FormDrafts,
) -> Option<FormOutcome> {
    let cb = &ws.project().codebook;
    let mut out = None;
    egui::CollapsingHeader::new(format!("{}: points to {}", role.name, targets_text(role)))
        .id_salt(("role", &label.name, &role.name))
        .default_open(true)
        .show(ui, |ui| {
            let was_many = role.takes == crate::model::RoleArity::Many;
            let mut many = was_many;
            let r = ui
                .checkbox(&mut many, "Takes several spans")
                .accessible_name(format!("{} takes several spans", role.name))
                .on_hover_text(
                    "Whether one span may link several in this role (\"the US and Canada \
                     recognized Guaidó\": two holders). Turning it off keeps the first link \
                     of each span.",
                );
            if r.changed() && many != was_many {
                let what = format!("Change how many spans role {} takes", role.name);
                out = Some(with_label(cb, &label.name, &what, |l| {
                    if let Some(r) = l.roles.iter_mut().find(|r| r.name == role.name) {
                        r.takes = if many {
                            crate::model::RoleArity::Many
                        } else {
                            crate::model::RoleArity::One
                        };
                    }
                }));
            }
            ui.label("May point to:");
            ui.horizontal_wrapped(|ui| {
                for (_, target) in cb.labels() {
                    let was = role.targets.contains(&target.name);
                    let mut on = was;
                    let r = ui
                        .checkbox(&mut on, &target.name)
                        .accessible_name(format!("{} may point to {}", role.name, target.name));
                    if r.changed() && on != was {
                        let what = format!("Change targets of role {}", role.name);
                        out = Some(with_label(cb, &label.name, &what, |l| {
                            if let Some(r) = l.roles.iter_mut().find(|r| r.name == role.name) {
                                if on {
                                    r.targets.push(target.name.clone());
                                } else {
                                    r.targets.retain(|t| *t != target.name);
                                }
                            }
                        }));
                    }
                }
            });
            ui.horizontal(|ui| match &mut d.renaming_role {
                Some((r, draft)) if *r == role.name => {
                    let resp = ui
                        .add(egui::TextEdit::singleline(draft).desired_width(160.0))
                        .accessible_name(format!("New name for role {}", role.name));
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Save").clicked() || enter {
                        let to = draft.clone();
                        d.renaming_role = None;
                        if to.trim() != role.name {
                            out = Some(FormOutcome::Rename(rename_role(
                                ws,
                                &label.name,
                                &role.name,
                                &to,
                            )));
                        }
                    } else if ui.button("Cancel").clicked() {
                        d.renaming_role = None;
                    }
                }
                _ => {
                    let rename = ui
                        .button("Rename role")
                        .accessible_name(format!("Rename role {}", role.name));
                    if rename.clicked() {
                        d.renaming_role = Some((role.name.clone(), role.name.clone()));
                    }
                    let remove = ui
                        .button("Remove role")
                        .accessible_name(format!("Remove role {}", role.name));
                    if remove.clicked() {
                        out = Some(with_label(
                            cb,
                            &label.name,
                            &format!("Remove role {}", role.name),
                            |l| l.roles.retain(|r| r.name != role.name),
                        ));
                    }
                }
            });
        });
    out
}

/// "Person, Organization" or "nothing yet".
fn targets_text(role: &RoleDef) -> String {
    if role.targets.is_empty() {
        "nothing yet".into()
    } else {
        role.targets.join(", ")
    }
}

/// Validates a shortcut key and refuses one another label has.
fn set_key(cb: &Codebook, label: &Label, draft: &str) -> FormOutcome {
    let mut chars = draft.trim().chars();
    let (Some(k), None) = (chars.next(), chars.next()) else {
        return FormOutcome::Message("Type one letter or digit as the shortcut key.".into());
    };
    if !k.is_alphanumeric() {
        return FormOutcome::Message(format!(
            "{k:?} cannot be a shortcut key: use a letter or a digit."
        ));
    }
    let k = k.to_lowercase().next().unwrap_or(k);
    if let Some(other) = cb.label_for_key(k).filter(|o| o.name != label.name) {
        return FormOutcome::Message(format!(
            "Key {k:?} is already the shortcut of {:?}; choose another key or clear that one first.",
            other.name
        ));
    }
    if label.key == Some(k) {
        return FormOutcome::None;
    }
    with_label(
        cb,
        &label.name,
        &format!("Set key {k} for {}", label.name),
        |l| l.key = Some(k),
    )
}

/// A codebook where label `name` was changed by `f`.
fn with_label(cb: &Codebook, name: &str, what: &str, f: impl FnOnce(&mut Label)) -> FormOutcome {
    let mut new = cb.clone();
    match new.label_mut(name) {
        Some(l) => {
            f(l);
            FormOutcome::Codebook(new, what.to_string())
        }
        None => FormOutcome::Message(format!("There is no label {name:?}.")),
    }
}

/// A codebook where attribute `attr` of `label` was changed by `f`.
fn with_attr(
    cb: &Codebook,
    label: &Label,
    attr: &str,
    what: &str,
    f: impl FnOnce(&mut AttributeDef),
) -> FormOutcome {
    with_label(cb, &label.name, what, |l| {
        if let Some(a) = l.attributes.iter_mut().find(|a| a.name == attr) {
            f(a);
        }
    })
}

/// (category index, label index) of label `name`; (0, 0) if missing, which
/// the caller never asks for.
fn position(cb: &Codebook, name: &str) -> (usize, usize) {
    cb.categories
        .iter()
        .enumerate()
        .find_map(|(ci, c)| {
            c.labels
                .iter()
                .position(|l| l.name == name)
                .map(|li| (ci, li))
        })
        .unwrap_or((0, 0))
}

fn reorder(cb: &Codebook, ci: usize, from: usize, to: usize, name: &str) -> FormOutcome {
    let mut new = cb.clone();
    new.categories[ci].labels.swap(from, to);
    FormOutcome::Codebook(new, format!("Move label {name}"))
}

fn move_to_category(cb: &Codebook, name: &str, target: &str) -> FormOutcome {
    let mut new = cb.clone();
    let mut moved = None;
    for c in &mut new.categories {
        if let Some(i) = c.labels.iter().position(|l| l.name == name) {
            moved = Some(c.labels.remove(i));
        }
    }
    match (moved, new.categories.iter_mut().find(|c| c.name == target)) {
        (Some(l), Some(c)) => {
            c.labels.push(l);
            FormOutcome::Codebook(new, format!("Move label {name} to {target}"))
        }
        _ => FormOutcome::Message(format!("Cannot move {name:?} to {target:?}.")),
    }
}
