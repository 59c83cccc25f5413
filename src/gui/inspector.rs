//! The inspector on the right: the selected span's text, label, attribute
//! values, actor reference (searching the registry as you type), links by
//! role (jump, remove, "Link…" then click the target) and note. Every
//! change it makes is returned as a transaction.

use super::commands::Command;
use super::document::DocView;
use super::style;
use super::text_view::label_chip_ui;
use crate::edit::spans as span_edits;
use crate::edit::{SetKey, Transaction, Workspace};
use crate::model::{AttributeKind, Span, SpanId};
use egui::{RichText, Ui};
use std::collections::BTreeMap;

/// Text being typed in the inspector, committed when the field loses the
/// keyboard (one undo step per field edit, not per keystroke).
#[derive(Clone, Debug, Default)]
pub struct InspectorState {
    for_span: Option<(SetKey, SpanId)>,
    note: String,
    free: BTreeMap<String, String>,
    /// What is typed in the actor search field.
    pub actor_query: String,
}

/// Turns an edit result into a command (or a message if it was refused).
fn tx(result: Result<Transaction, String>) -> Command {
    match result {
        Ok(t) => Command::Apply(t),
        Err(e) => Command::Error(e),
    }
}

/// The inspector of the selected span, or a hint when none is selected.
#[must_use]
pub fn inspector_ui(
    ui: &mut Ui,
    state: &mut InspectorState,
    view: &DocView,
    ws: &Workspace,
) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(set) = ws.set(&view.key) else {
        return out;
    };
    let span = view.selected_span.and_then(|id| set.span(id));
    let Some(span) = span else {
        state.for_span = None;
        if let Some(sel) = &view.selection {
            ui.heading("Selection");
            ui.label(
                RichText::new(format!(
                    "“{}”",
                    crate::wording::excerpt(&view.slice(sel.clone()), 300)
                ))
                .size(15.0),
            );
            ui.weak(format!("characters {}–{}", sel.start, sel.end));
            ui.add_space(4.0);
            ui.label("Press a label key or click a label above to tag it. Shift+Left/Right changes the selection by a word.");
        } else {
            ui.heading("No span selected");
            ui.label("Click a coloured span to inspect it, or select text to tag it.");
            ui.add_space(6.0);
            ui.weak(format!(
                "{} in this document",
                crate::wording::count(set.spans.len(), "span", "spans")
            ));
        }
        return out;
    };
    let key = view.key.clone();
    if state.for_span != Some((key.clone(), span.id)) {
        *state = InspectorState {
            for_span: Some((key.clone(), span.id)),
            ..InspectorState::default()
        };
    }
    let project = ws.project();
    let cb = &project.codebook;
    let label = cb.label(&span.label);
    let color = label
        .map(|l| style::label_color(l.color))
        .unwrap_or(egui::Color32::GRAY);

    ui.horizontal(|ui| {
        label_chip_ui(ui, &span.label, color);
        ui.weak(format!("span {} · {}–{}", span.id.0, span.start, span.end));
    });
    ui.label(
        RichText::new(format!(
            "“{}”",
            crate::wording::excerpt(&view.slice(span.start..span.end), 300)
        ))
        .size(15.0),
    );
    ui.add_space(4.0);

    egui::Grid::new("span-fields")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let l = ui.label("Label");
            let mut chosen = None;
            egui::ComboBox::from_id_salt("span-label")
                .selected_text(&span.label)
                .show_ui(ui, |ui| {
                    for (_, def) in cb.labels() {
                        if ui
                            .selectable_label(def.name == span.label, &def.name)
                            .clicked()
                        {
                            chosen = Some(def.name.clone());
                        }
                    }
                })
                .response
                .labelled_by(l.id);
            if let Some(name) = chosen
                && name != span.label
            {
                out.push(Command::Tag(name));
            }
            ui.end_row();

            if let Some(def) = label {
                for attr in &def.attributes {
                    let l = ui.label(&attr.name);
                    let current = span.attrs.get(&attr.name).cloned();
                    match &attr.kind {
                        AttributeKind::Closed(values) => {
                            ui.label_inputs_by(l.id, |ui| {
                                // Top-aligned: a wrapped row in the grid's centred cell
                                // would start a line low.
                                ui.vertical(|ui| {
                                    ui.horizontal_wrapped(|ui| {
                                        if values.len() <= 4 {
                                            for v in values {
                                                if ui
                                                    .radio(
                                                        current.as_deref() == Some(v.as_str()),
                                                        v,
                                                    )
                                                    .clicked()
                                                {
                                                    out.push(tx(span_edits::set_attribute(
                                                        ws,
                                                        &key,
                                                        span.id,
                                                        &attr.name,
                                                        Some(v.clone()),
                                                    )));
                                                }
                                            }
                                            if current.is_some()
                                                && ui
                                                    .small_button("×")
                                                    .accessible_name(format!("Clear {}", attr.name))
                                                    .on_hover_text("Clear the value")
                                                    .clicked()
                                            {
                                                out.push(tx(span_edits::set_attribute(
                                                    ws, &key, span.id, &attr.name, None,
                                                )));
                                            }
                                        } else {
                                            let mut picked = None;
                                            egui::ComboBox::from_id_salt(("attr", &attr.name))
                                                .selected_text(
                                                    current.clone().unwrap_or_else(|| "—".into()),
                                                )
                                                .width(ui.available_width().min(180.0))
                                                .truncate()
                                                .show_ui(ui, |ui| {
                                                    if ui
                                                        .selectable_label(current.is_none(), "—")
                                                        .clicked()
                                                    {
                                                        picked = Some(None);
                                                    }
                                                    for v in values {
                                                        if ui
                                                            .selectable_label(
                                                                current.as_deref()
                                                                    == Some(v.as_str()),
                                                                v,
                                                            )
                                                            .clicked()
                                                        {
                                                            picked = Some(Some(v.clone()));
                                                        }
                                                    }
                                                });
                                            if let Some(v) = picked
                                                && v != current
                                            {
                                                out.push(tx(span_edits::set_attribute(
                                                    ws, &key, span.id, &attr.name, v,
                                                )));
                                            }
                                        }
                                    });
                                });
                            });
                        }
                        AttributeKind::Free => {
                            let buf = state.free.entry(attr.name.clone()).or_default();
                            let id = ui.make_persistent_id(("free-attr", &attr.name));
                            let focused = ui.memory(|m| m.has_focus(id));
                            if !focused {
                                *buf = current.clone().unwrap_or_default();
                            }
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(buf)
                                        .id(id)
                                        .desired_width(ui.available_width().min(180.0)),
                                )
                                .labelled_by(l.id);
                            if r.lost_focus()
                                && Some(buf.trim()) != current.as_deref().map(str::trim)
                                && !(buf.trim().is_empty() && current.is_none())
                            {
                                out.push(tx(span_edits::set_attribute(
                                    ws,
                                    &key,
                                    span.id,
                                    &attr.name,
                                    Some(buf.trim().to_string()),
                                )));
                            }
                        }
                    }
                    ui.end_row();
                }
            }
        });

    if label.is_some_and(|l| l.actor) {
        ui.separator();
        actor_ui(ui, state, view, ws, span, &mut out);
    }
    if let Some(def) = label
        && !def.roles.is_empty()
    {
        ui.separator();
        ui.strong("Links");
        for (n, role) in def.roles.iter().enumerate() {
            links_row_ui(ui, n, role, span, set, view, ws, color, &mut out);
        }
    }
    let incoming: Vec<(&Span, &str)> = set.links_to(span.id).collect();
    if !incoming.is_empty() {
        ui.separator();
        ui.strong("Linked from");
        for (s, role) in incoming {
            let text = format!(
                "{} {} “{}”",
                role,
                s.label,
                crate::wording::excerpt(&view.slice(s.start..s.end), 28)
            );
            if ui.link(text).clicked() {
                out.push(Command::SelectSpan(Some(s.id)));
            }
        }
    }

    ui.separator();
    let l = ui.label("Note");
    let id = ui.make_persistent_id("span-note");
    if !ui.memory(|m| m.has_focus(id)) {
        state.note = span.note.clone();
    }
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut state.note)
                .id(id)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("why you coded it this way"),
        )
        .labelled_by(l.id);
    if r.lost_focus() && state.note != span.note {
        out.push(tx(span_edits::set_note(
            ws,
            &key,
            span.id,
            state.note.clone(),
        )));
    }
    ui.add_space(6.0);
    if ui
        .button("Delete span")
        .on_hover_text(super::actions::Action::DeleteSpan.tooltip())
        .clicked()
    {
        out.push(Command::Run(super::actions::Action::DeleteSpan));
    }
    out
}

/// The actor reference: current actor, registry search, new actor.
fn actor_ui(
    ui: &mut Ui,
    state: &mut InspectorState,
    view: &DocView,
    ws: &Workspace,
    span: &Span,
    out: &mut Vec<Command>,
) {
    let key = &view.key;
    let actors = &ws.project().actors;
    ui.horizontal(|ui| {
        ui.strong("Actor");
        match span.actor.and_then(|a| actors.get(a)) {
            Some(a) => {
                ui.label(&a.name).on_hover_text(if a.aliases.is_empty() {
                    format!("{} ({})", a.name, a.kind.as_str())
                } else {
                    format!(
                        "{} ({}), also: {}",
                        a.name,
                        a.kind.as_str(),
                        a.aliases.join(", ")
                    )
                });
                if ui
                    .small_button("×")
                    .accessible_name("Clear actor")
                    .clicked()
                {
                    out.push(tx(span_edits::set_actor(ws, key, span.id, None)));
                }
            }
            None => {
                ui.weak("none");
            }
        }
    });
    let l = ui.label("Find actor");
    ui.add(
        egui::TextEdit::singleline(&mut state.actor_query)
            .hint_text("type a name or alias")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    let q = state.actor_query.trim();
    if !q.is_empty() {
        let mut shown = 0;
        for a in actors.search(q).take(6) {
            shown += 1;
            let text = if a.aliases.is_empty() {
                a.name.clone()
            } else {
                format!("{}  ({})", a.name, a.aliases.join(", "))
            };
            if ui
                .selectable_label(span.actor == Some(a.id), text)
                .clicked()
            {
                out.push(tx(span_edits::set_actor(ws, key, span.id, Some(a.id))));
                state.actor_query.clear();
            }
        }
        if shown == 0 {
            ui.weak("no actor matches");
        }
    }
    let text = view.slice(span.start..span.end);
    let name = crate::wording::excerpt(&text, 40);
    if actors.find_by_name(&text).is_none()
        && ui
            .button(format!("New actor “{name}”"))
            .on_hover_text("Add an actor named after the span text and refer to it")
            .clicked()
    {
        out.push(tx(span_edits::new_actor_from_span(ws, key, span.id, &text)));
    }
}

/// One role of the selected span: its targets (click one to select it, ×
/// to remove that link) and the button that starts linking (which adds a
/// target where the role takes many, replaces it where it takes one).
#[allow(clippy::too_many_arguments)]
fn links_row_ui(
    ui: &mut Ui,
    n: usize,
    role: &crate::model::RoleDef,
    span: &Span,
    set: &crate::model::AnnotationSet,
    view: &DocView,
    ws: &Workspace,
    color: egui::Color32,
    out: &mut Vec<Command>,
) {
    let targets: Vec<&Span> = span
        .targets(&role.name)
        .iter()
        .filter_map(|t| set.span(*t))
        .collect();
    let many = role.takes == crate::model::RoleArity::Many;
    ui.horizontal(|ui| {
        ui.label(RichText::new(&role.name).strong())
            .on_hover_text(format!("May point to: {}", role.targets.join(", ")));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if view.linking.as_deref() == Some(role.name.as_str()) {
                if ui
                    .button(RichText::new("Click the target… (Esc)").color(style::ink(color)))
                    .accessible_name("Cancel linking")
                    .clicked()
                {
                    out.push(Command::Run(super::actions::Action::Cancel));
                }
            } else {
                let shortcut = if n < 3 {
                    format!(" (Ctrl+{})", n + 1)
                } else {
                    String::new()
                };
                let text = match (targets.is_empty(), many) {
                    (true, _) => "Link…",
                    (false, true) => "Add…",
                    (false, false) => "Change…",
                };
                if ui
                    .button(text)
                    .on_hover_text(format!(
                        "Then click the {} in the text{shortcut}{}",
                        role.name,
                        if many {
                            "; this role takes several spans"
                        } else {
                            ""
                        }
                    ))
                    .accessible_name(format!("Link {}", role.name))
                    .clicked()
                {
                    out.push(Command::StartLink(role.name.clone()));
                }
            }
        });
    });
    if targets.is_empty() {
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            ui.weak("not linked");
        });
    }
    for t in targets {
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let excerpt = crate::wording::excerpt(&view.slice(t.start..t.end), 60);
            if ui
                .small_button("×")
                .accessible_name(format!("Remove {} link to {excerpt}", role.name))
                .on_hover_text("Remove this link")
                .clicked()
            {
                out.push(tx(span_edits::remove_link(
                    ws, &view.key, span.id, &role.name, t.id,
                )));
            }
            if ui
                .link(format!("{} “{excerpt}”", t.label))
                .on_hover_text("Select the linked span")
                .clicked()
            {
                out.push(Command::SelectSpan(Some(t.id)));
            }
        });
    }
}
