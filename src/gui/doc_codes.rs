//! "Document codes" at the top of the right panel: the coder's value for
//! each document variable of the codebook (genre, main topic, tone…), set
//! by mouse (a drop-down, checkboxes, a number or text field) or by
//! keyboard ("Code the document": Tab and Shift+Tab move between the
//! variables, Up/Down or 1–9 choose a value, Space ticks a multiple
//! choice's value, Delete clears, Esc or Enter finishes). Every change is
//! returned as an `Edit::SetCode` transaction; only values the codebook
//! allows can be chosen (numbers are parsed, choices come from the list).

use super::commands::Command;
use super::style;
use crate::edit::{Edit, SetKey, Transaction};
use crate::model::{AnnotationSet, CodeValue, Codebook, VariableDef, VariableKind};
use egui::{Key, RichText, Ui};
use std::collections::BTreeMap;

/// What the codes section remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct DocCodesState {
    /// The variable coded by keyboard (index into the codebook's
    /// variables), while "Code the document" is on.
    pub active: Option<usize>,
    /// The highlighted value of an active multiple choice (Space ticks it).
    cursor: usize,
    /// The active variable's field should take the keyboard next frame.
    focus_field: bool,
    /// Text typed into number and free-text fields, not yet committed.
    drafts: BTreeMap<String, String>,
    /// The variable whose field had the keyboard last frame (its draft is
    /// kept until the field lets go of it and commits).
    editing: Option<String>,
}

impl DocCodesState {
    /// Starts coding by keyboard at the first variable (or the variable
    /// `index`).
    pub fn start(&mut self, index: usize) {
        self.active = Some(index);
        self.cursor = 0;
        self.focus_field = true;
    }

    /// Stops coding by keyboard.
    pub fn stop(&mut self) {
        self.active = None;
    }
}

/// A set's codes by variable.
type Codes = BTreeMap<String, CodeValue>;

/// The transaction that sets (or clears) `variable` of set `key`.
pub fn set_code(key: &SetKey, variable: &str, value: Option<CodeValue>) -> Command {
    let what = if value.is_some() { "Code" } else { "Clear" };
    Command::Apply(Transaction::single(
        format!("{what} {variable}"),
        Edit::SetCode {
            key: key.clone(),
            variable: variable.to_string(),
            value,
        },
    ))
}

/// The values chosen for `var` in `codes` (empty when not coded).
fn chosen(codes: &Codes, var: &VariableDef) -> Vec<String> {
    codes
        .get(&var.name)
        .map(CodeValue::values)
        .unwrap_or_default()
}

/// The code of a multiple choice with `value` ticked or unticked.
fn toggled(codes: &Codes, var: &VariableDef, value: &str) -> Option<CodeValue> {
    let mut now = chosen(codes, var);
    if let Some(i) = now.iter().position(|v| v == value) {
        now.remove(i);
    } else {
        now.push(value.to_string());
    }
    now.sort();
    now.dedup();
    (!now.is_empty()).then_some(CodeValue::Many(now))
}

/// What a number field's text means: `Ok(None)` when empty, the number,
/// or why it is not one.
pub fn parse_number(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(format!("{} is not a number", crate::wording::quoted(text))),
    }
}

/// Keeps only what can be part of a number.
fn number_chars(text: &mut String) {
    text.retain(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
}

/// The id of the text field of `var`.
fn field_id(var: &str) -> egui::Id {
    egui::Id::unique(("doc-code-field", var))
}

/// Takes the keys of coding by keyboard out of this frame's input and
/// returns the changes they make. `typing` says whether a text field has
/// the keyboard (then only Tab, Shift+Tab and Esc are taken).
#[must_use]
pub fn take_keys(
    ctx: &egui::Context,
    state: &mut DocCodesState,
    cb: &Codebook,
    set: &AnnotationSet,
    key: &SetKey,
    typing: bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(mut index) = state.active else {
        return out;
    };
    if cb.variables.is_empty() {
        state.stop();
        return out;
    }
    index = index.min(cb.variables.len() - 1);
    let mut pressed: Vec<(Key, egui::Modifiers)> = Vec::new();
    ctx.input_mut(|i| {
        i.events.retain(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.command && !modifiers.alt && !modifiers.ctrl => {
                let ours = matches!(key, Key::Tab | Key::Escape)
                    || (!typing
                        && (matches!(
                            key,
                            Key::ArrowUp
                                | Key::ArrowDown
                                | Key::Delete
                                | Key::Backspace
                                | Key::Enter
                                | Key::Space
                        ) || digit(*key).is_some()));
                if ours {
                    pressed.push((*key, *modifiers));
                }
                !ours
            }
            _ => true,
        })
    });
    if !pressed.is_empty() {
        // egui would move the keyboard focus with Tab and the arrows (to
        // the document filter, say); these keys are ours now.
        ctx.memory_mut(|mem| mem.move_focus(egui::FocusDirection::None));
    }
    // Several keys can come in one frame: each sees the codes the
    // earlier ones made.
    let mut codes = if pressed.is_empty() {
        Codes::new()
    } else {
        set.codes.clone()
    };
    let change = |out: &mut Vec<Command>, codes: &mut Codes, var: &str, v: Option<CodeValue>| {
        match &v {
            Some(v) => codes.insert(var.to_string(), v.clone()),
            None => codes.remove(var),
        };
        out.push(set_code(key, var, v));
    };
    for (k, m) in pressed {
        let Some(var) = cb.variables.get(index) else {
            break;
        };
        let values = &var.values;
        let current = chosen(&codes, var);
        match k {
            Key::Tab => {
                let n = cb.variables.len();
                index = if m.shift {
                    (index + n - 1) % n
                } else {
                    (index + 1) % n
                };
                // A field being typed in commits as it loses the keyboard.
                ctx.memory_mut(|mem| {
                    if let Some(f) = mem.focused() {
                        mem.surrender_focus(f);
                    }
                });
                state.cursor = 0;
                state.focus_field = true;
            }
            Key::Escape | Key::Enter => {
                state.stop();
                return out;
            }
            Key::Delete | Key::Backspace => {
                if codes.contains_key(&var.name) {
                    change(&mut out, &mut codes, &var.name, None);
                }
            }
            Key::ArrowUp | Key::ArrowDown if var.kind == VariableKind::Multiple => {
                let n = values.len().max(1);
                state.cursor = if k == Key::ArrowUp {
                    (state.cursor + n - 1) % n
                } else {
                    (state.cursor + 1) % n
                };
            }
            Key::ArrowUp | Key::ArrowDown if var.kind.has_values() && !values.is_empty() => {
                let at = current
                    .first()
                    .and_then(|c| values.iter().position(|v| v == c));
                let next = match (at, k == Key::ArrowDown) {
                    (None, true) => 0,
                    (None, false) => values.len() - 1,
                    (Some(i), true) => (i + 1).min(values.len() - 1),
                    (Some(i), false) => i.saturating_sub(1),
                };
                if at != Some(next) {
                    let v = Some(CodeValue::Text(values[next].clone()));
                    change(&mut out, &mut codes, &var.name, v);
                }
            }
            Key::Space if var.kind == VariableKind::Multiple => {
                if let Some(v) = values.get(state.cursor) {
                    let v = toggled(&codes, var, v);
                    change(&mut out, &mut codes, &var.name, v);
                }
            }
            other => {
                let Some(n) = digit(other) else {
                    continue;
                };
                let Some(v) = n.checked_sub(1).and_then(|i| values.get(i)) else {
                    continue;
                };
                match var.kind {
                    VariableKind::Multiple => {
                        state.cursor = n - 1;
                        let v = toggled(&codes, var, v);
                        change(&mut out, &mut codes, &var.name, v);
                    }
                    VariableKind::Single | VariableKind::Ordinal => {
                        if current.first() != Some(v) {
                            let v = Some(CodeValue::Text(v.clone()));
                            change(&mut out, &mut codes, &var.name, v);
                        }
                    }
                    VariableKind::Number | VariableKind::Text => {}
                }
            }
        }
    }
    state.active = Some(index);
    out
}

/// The digit a key types, 1–9.
fn digit(key: Key) -> Option<usize> {
    let d = match key {
        Key::Num1 => 1,
        Key::Num2 => 2,
        Key::Num3 => 3,
        Key::Num4 => 4,
        Key::Num5 => 5,
        Key::Num6 => 6,
        Key::Num7 => 7,
        Key::Num8 => 8,
        Key::Num9 => 9,
        _ => return None,
    };
    Some(d)
}

/// The section: a heading, then one row per variable. `shortcut` is the
/// text of the "Code the document" shortcut, for the hint.
#[must_use]
pub fn doc_codes_ui(
    ui: &mut Ui,
    state: &mut DocCodesState,
    cb: &Codebook,
    set: &AnnotationSet,
    key: &SetKey,
    read_only: bool,
    shortcut: &str,
) -> Vec<Command> {
    let mut out = Vec::new();
    if cb.variables.is_empty() {
        state.stop();
        return out;
    }
    let coded = cb
        .variables
        .iter()
        .filter(|v| set.codes.contains_key(&v.name))
        .count();
    let header = egui::CollapsingHeader::new(RichText::new("Document codes").strong())
        .id_salt("doc-codes")
        .default_open(true)
        .show(ui, |ui| {
            if state.active.is_some() {
                ui.label(
                    RichText::new(
                        "Tab: next · Up/Down or 1–9: choose · Space: tick · Del: clear · Esc: done",
                    )
                    .small()
                    .color(style::SELECTION_EDGE),
                );
            } else {
                ui.label(
                    RichText::new(format!(
                        "{coded} of {} coded · {shortcut}: by keyboard",
                        cb.variables.len()
                    ))
                    .small()
                    .weak(),
                )
                .on_hover_text(format!(
                    "{}'s codes for the whole article; point at a name for its meaning",
                    key.coder
                ));
            }
            ui.add_enabled_ui(!read_only, |ui| {
                for (i, var) in cb.variables.iter().enumerate() {
                    let active = state.active == Some(i);
                    out.extend(variable_ui(ui, state, var, set, key, active));
                }
            });
        });
    // A click elsewhere (in the text, on a span) ends coding by keyboard,
    // so Delete and the arrows go back to the text.
    if state.active.is_some() {
        let inside = header.body_response.as_ref().map(|r| r.rect);
        let clicked_outside = ui.input(|i| {
            i.pointer.any_pressed()
                && i.pointer
                    .press_origin()
                    .is_some_and(|p| inside.is_none_or(|r| !r.contains(p)))
        });
        if clicked_outside {
            state.stop();
        }
    }
    out
}

/// Narrower than this, a variable's name goes above its value.
const STACKED_BELOW: f32 = 260.0;

/// One variable: its name (with the description as hover text) and its
/// value; the active variable shows its values with their digits.
fn variable_ui(
    ui: &mut Ui,
    state: &mut DocCodesState,
    var: &VariableDef,
    set: &AnnotationSet,
    key: &SetKey,
    active: bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    let stroke = if active {
        egui::Stroke::new(1.5, style::SELECTION_EDGE)
    } else {
        egui::Stroke::NONE
    };
    egui::Frame::new()
        .stroke(stroke)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(3, 1))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let width = ui.available_width();
            let mut name = RichText::new(&var.name).size(12.5);
            if active {
                name = name.strong();
            }
            let hover = if var.description.is_empty() {
                format!("{} ({})", var.name, var.kind.label())
            } else {
                format!("{} ({})\n{}", var.name, var.kind.label(), var.description)
            };
            if width < STACKED_BELOW {
                // A narrow panel (a small screen): the name above its
                // value, both whole rather than cut short.
                ui.spacing_mut().item_spacing.y = 1.0;
                let l = ui
                    .add(egui::Label::new(name).truncate())
                    .on_hover_text(&hover);
                out.extend(value_ui(ui, state, var, set, key, active, (l.id, &hover)));
            } else {
                // Two columns, so the values line up under each other.
                ui.horizontal(|ui| {
                    let value_width = (width * 0.55).clamp(90.0, 220.0);
                    let name_width = (width - value_width - ui.spacing().item_spacing.x).max(40.0);
                    let row = egui::Layout::left_to_right(egui::Align::Center);
                    let l = ui
                        .allocate_ui_with_layout(egui::vec2(name_width, 20.0), row, |ui| {
                            ui.set_width(name_width);
                            ui.add(egui::Label::new(name).truncate())
                                .on_hover_text(&hover)
                        })
                        .inner;
                    ui.allocate_ui_with_layout(egui::vec2(value_width, 20.0), row, |ui| {
                        out.extend(value_ui(ui, state, var, set, key, active, (l.id, &hover)));
                    });
                });
            }
            if active {
                out.extend(keyboard_values_ui(ui, state, var, set, key));
            }
        });
    out
}

/// The value widget of `var`: a drop-down for a choice or a scale, a
/// drop-down of checkboxes for a multiple choice, a field for a number or
/// free text. `label` is the name's widget (for screen readers and tests)
/// and the hover text it shows, which the value shows too.
fn value_ui(
    ui: &mut Ui,
    state: &mut DocCodesState,
    var: &VariableDef,
    set: &AnnotationSet,
    key: &SetKey,
    active: bool,
    (label, hover): (egui::Id, &str),
) -> Vec<Command> {
    let mut out = Vec::new();
    let current = set.codes.get(&var.name);
    let width = ui.available_width();
    match var.kind {
        VariableKind::Single | VariableKind::Ordinal => {
            let text = current.map_or_else(|| "—".to_string(), CodeValue::display);
            let mut picked: Option<Option<CodeValue>> = None;
            egui::ComboBox::from_id_salt(("doc-code", &var.name))
                .selected_text(text)
                .width(width)
                .truncate()
                .show_ui(ui, |ui| {
                    for v in &var.values {
                        let is = current.is_some_and(|c| c.display() == *v);
                        if ui.selectable_label(is, v).clicked() && !is {
                            picked = Some(Some(CodeValue::Text(v.clone())));
                        }
                    }
                    ui.separator();
                    if ui
                        .selectable_label(current.is_none(), "not coded")
                        .clicked()
                        && current.is_some()
                    {
                        picked = Some(None);
                    }
                })
                .response
                .labelled_by(label)
                .on_hover_text(hover);
            if let Some(value) = picked {
                out.push(set_code(key, &var.name, value));
            }
        }
        VariableKind::Multiple => {
            let now = chosen(&set.codes, var);
            let text = if now.is_empty() {
                "—".to_string()
            } else {
                now.join(", ")
            };
            egui::ComboBox::from_id_salt(("doc-code", &var.name))
                .selected_text(text)
                .width(width)
                .truncate()
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show_ui(ui, |ui| {
                    for v in &var.values {
                        let mut on = now.contains(v);
                        if ui.checkbox(&mut on, v).changed() {
                            out.push(set_code(key, &var.name, toggled(&set.codes, var, v)));
                        }
                    }
                })
                .response
                .labelled_by(label)
                .on_hover_text(hover);
        }
        VariableKind::Number | VariableKind::Text => {
            let id = field_id(&var.name);
            let shown = current.map(CodeValue::display).unwrap_or_default();
            let editing = state.editing.as_deref() == Some(var.name.as_str());
            let draft = state.drafts.entry(var.name.clone()).or_default();
            if !editing {
                *draft = shown.clone();
            }
            let number = var.kind == VariableKind::Number;
            let response = ui
                .add(
                    egui::TextEdit::singleline(draft)
                        .id(id)
                        .desired_width(width)
                        .hint_text(if number { "number" } else { "text" })
                        .lock_focus(false),
                )
                .labelled_by(label)
                .on_hover_text(hover);
            if number {
                number_chars(draft);
            }
            if active && std::mem::take(&mut state.focus_field) {
                response.request_focus();
            }
            if response.has_focus() {
                state.editing = Some(var.name.clone());
            } else if editing {
                state.editing = None;
            }
            // Esc in the field (not coding by keyboard) takes back what
            // was typed.
            let escaped = !active && ui.input(|i| i.key_pressed(Key::Escape));
            if editing && !response.has_focus() && escaped {
                *draft = shown.clone();
            }
            if editing && !response.has_focus() && *draft != shown {
                let value = if number {
                    match parse_number(draft) {
                        Ok(n) => Ok(n.map(CodeValue::Number)),
                        Err(e) => Err(e),
                    }
                } else {
                    let t = draft.trim();
                    Ok((!t.is_empty()).then(|| CodeValue::Text(t.to_string())))
                };
                match value {
                    Ok(v) if v.as_ref() != current => out.push(set_code(key, &var.name, v)),
                    Ok(_) => {}
                    Err(e) => {
                        *draft = shown;
                        out.push(Command::Error(e));
                    }
                }
            }
        }
    }
    out
}

/// Under the active variable: its values numbered for the keyboard (and
/// clickable), the current ones marked.
fn keyboard_values_ui(
    ui: &mut Ui,
    state: &mut DocCodesState,
    var: &VariableDef,
    set: &AnnotationSet,
    key: &SetKey,
) -> Vec<Command> {
    let mut out = Vec::new();
    if !var.kind.has_values() {
        ui.weak(if var.kind == VariableKind::Number {
            "Type a number; Enter keeps it"
        } else {
            "Type the text; Enter keeps it"
        });
        return out;
    }
    let now = chosen(&set.codes, var);
    for (i, v) in var.values.iter().enumerate() {
        let n = if i < 9 {
            format!("{} ", i + 1)
        } else {
            "   ".to_string()
        };
        let on = now.contains(v);
        let text = format!("{n}{v}");
        let mut rich = RichText::new(text).size(12.5);
        if var.kind == VariableKind::Multiple && state.cursor == i {
            rich = rich.underline();
        }
        if ui.selectable_label(on, rich).clicked() {
            let value = if var.kind == VariableKind::Multiple {
                toggled(&set.codes, var, v)
            } else {
                Some(CodeValue::Text(v.clone()))
            };
            if var.kind == VariableKind::Multiple || !on {
                out.push(set_code(key, &var.name, value));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_with_a_comma_and_refuse_words() {
        assert_eq!(parse_number(" 3 "), Ok(Some(3.0)));
        assert_eq!(parse_number("2,5"), Ok(Some(2.5)));
        assert_eq!(parse_number(""), Ok(None));
        assert!(parse_number("-").is_err());
        let mut t = "12a-b.5".to_string();
        number_chars(&mut t);
        assert_eq!(t, "12-.5");
    }
}
