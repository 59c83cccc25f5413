//! A model's predictions in the text view: the current document's
//! suggestions that the coder has no identical span for are outlined
//! dashed in their label colour; a bar above the text steps through them
//! (`]` next, `[` previous, or a click), accepts (`Enter` or `Y`) or
//! rejects (`N`) the selected one, or accepts every suggestion of a label.
//! Accepting and rejecting are ordinary transactions (see
//! `crate::suggestions`), so undo covers them. File › Import suggestions…
//! reads a model's JSONL (doccano or Prodigy) output.

use super::commands::Command;
use super::document::DocView;
use super::style;
use crate::edit::{SetKey, Workspace};
use crate::model::{Span, SpanId};
use crate::session::Session;
use crate::suggestions::{SUGGESTIONS_CODER, accept_label_tx, accept_tx, pending, reject_tx};
use egui::{Key, Rect, RichText, Shape, Stroke, Ui};
use std::collections::BTreeMap;

/// The keys for a model's suggestions in the text (keys, what), for the F1
/// overlay.
pub const SHORTCUTS: [(&str, &str); 4] = [
    ("]  [", "next / previous suggestion"),
    ("Enter  Y", "accept the selected suggestion"),
    ("N", "reject it"),
    ("Click", "select a suggestion (dashed)"),
];

/// Which suggestion is selected, per document.
#[derive(Clone, Debug, Default)]
pub struct SuggestionState {
    /// The document the selection belongs to.
    document: String,
    /// The selected suggestion (an id in the suggestions set).
    pub selected: Option<SpanId>,
}

impl SuggestionState {
    /// The selected suggestion of `document`, if any.
    pub fn selected_in(&self, document: &str) -> Option<SpanId> {
        self.selected.filter(|_| self.document == document)
    }

    fn select(&mut self, document: &str, id: Option<SpanId>) {
        self.document = document.to_string();
        self.selected = id;
    }
}

/// The key of the suggestions set of the document shown as `key`.
fn suggestions_key(key: &SetKey) -> SetKey {
    SetKey::new(SUGGESTIONS_CODER, &key.document)
}

/// Loads the suggestions of the document (an empty set if it has none), so
/// accept and reject can go through the workspace. A file that cannot be
/// read just shows no suggestions; the status bar is not the place for it
/// on every frame.
pub fn ensure_loaded(s: &mut Session, key: &SetKey) {
    if key.coder != SUGGESTIONS_CODER {
        let _ = s.ensure_loaded(&suggestions_key(key));
    }
}

/// The suggestions of the document still waiting for the coder.
pub fn pending_of<'a>(ws: &'a Workspace, key: &SetKey) -> Vec<&'a Span> {
    if key.coder == SUGGESTIONS_CODER {
        return Vec::new();
    }
    match (ws.set(&suggestions_key(key)), ws.set(key)) {
        (Some(sugg), Some(coded)) => pending(sugg, coded),
        _ => Vec::new(),
    }
}

/// The transaction accepting suggestion `id` in the document shown as `key`.
pub fn accept(ws: &Workspace, key: &SetKey, id: SpanId) -> Option<crate::edit::Transaction> {
    let sugg = ws.set(&suggestions_key(key))?;
    accept_tx(ws.project(), sugg, ws.set(key)?, key, id)
}

/// The transaction rejecting suggestion `id` in the document shown as `key`.
pub fn reject(ws: &Workspace, key: &SetKey, id: SpanId) -> Option<crate::edit::Transaction> {
    reject_tx(ws.set(&suggestions_key(key))?, id)
}

/// The suggestion after (or before) the selected one, in document order.
fn step(list: &[&Span], current: Option<SpanId>, forward: bool) -> Option<SpanId> {
    if list.is_empty() {
        return None;
    }
    let at = current.and_then(|c| list.iter().position(|s| s.id == c));
    let i = match (at, forward) {
        (None, true) => 0,
        (None, false) => list.len() - 1,
        (Some(i), true) => (i + 1) % list.len(),
        (Some(i), false) => (i + list.len() - 1) % list.len(),
    };
    Some(list[i].id)
}

/// The suggestion to select once `id` is gone: the next one, else the
/// previous one.
fn after_removing(list: &[&Span], id: SpanId) -> Option<SpanId> {
    let i = list.iter().position(|s| s.id == id)?;
    list.get(i + 1)
        .or_else(|| i.checked_sub(1).map(|j| &list[j]))
        .map(|s| s.id)
}

/// The bar above the text while the document has pending suggestions, and
/// its keys. `was_typing`: a text field had the keyboard at the end of the
/// last frame (its Enter is not an accept, though the field may have let
/// go of the focus by now).
#[must_use]
pub fn bar_ui(
    ui: &mut Ui,
    state: &mut SuggestionState,
    ws: &Workspace,
    view: &mut DocView,
    was_typing: bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    let list = pending_of(ws, &view.key);
    let doc = view.key.document.clone();
    let mut selected = state
        .selected_in(&doc)
        .filter(|id| list.iter().any(|s| s.id == *id));
    if list.is_empty() {
        state.select(&doc, None);
        return out;
    }
    let typing = was_typing || ui.ctx().egui_wants_keyboard_input();
    let (mut next, mut prev, mut yes, mut no) = (false, false, false, false);
    if !typing {
        ui.input_mut(|i| {
            let m = egui::Modifiers::NONE;
            next = i.consume_key(m, Key::CloseBracket);
            prev = i.consume_key(m, Key::OpenBracket);
            if selected.is_some() {
                yes = i.consume_key(m, Key::Enter) || i.consume_key(m, Key::Y);
                no = i.consume_key(m, Key::N);
            }
        });
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &list {
        *counts.entry(s.label.as_str()).or_default() += 1;
    }
    let mut accept_label: Option<String> = None;
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(28, 4))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let n = list.len();
                ui.label(
                    RichText::new(format!(
                        "{n} suggestion{} from the model",
                        if n == 1 { "" } else { "s" }
                    ))
                    .color(style::SUGGESTION)
                    .strong(),
                );
                prev |= ui
                    .small_button("Previous")
                    .on_hover_text("Previous suggestion ( [ )")
                    .clicked();
                next |= ui
                    .small_button("Next")
                    .on_hover_text("Next suggestion ( ] )")
                    .clicked();
                if let Some(s) = selected.and_then(|id| list.iter().find(|s| s.id == id)) {
                    ui.label(format!("{} “{}”", s.label, view.slice(s.start..s.end)));
                    yes |= ui
                        .small_button("Accept")
                        .on_hover_text("Enter or Y")
                        .clicked();
                    no |= ui.small_button("Reject").on_hover_text("N").clicked();
                }
                ui.separator();
                for (label, n) in &counts {
                    if ui
                        .small_button(format!("Accept all {label} ({n})"))
                        .on_hover_text("Accept every suggested span of this label in this document")
                        .clicked()
                    {
                        accept_label = Some(label.to_string());
                    }
                }
            });
        });
    if let Some(label) = accept_label
        && let (Some(sugg), Some(coded)) = (ws.set(&suggestions_key(&view.key)), ws.set(&view.key))
        && let Some(tx) = accept_label_tx(ws.project(), sugg, coded, &view.key, &label)
    {
        out.push(Command::Apply(tx));
    }
    if let Some(id) = selected
        && (yes || no)
    {
        let tx = if yes {
            accept(ws, &view.key, id)
        } else {
            reject(ws, &view.key, id)
        };
        out.extend(tx.map(Command::Apply));
        selected = after_removing(&list, id);
    } else if next || prev {
        selected = step(&list, selected, next);
        if let Some(s) = selected.and_then(|id| list.iter().find(|s| s.id == id)) {
            view.scroll_to = Some((s.start..s.end, 4));
        }
    }
    state.select(&doc, selected);
    out
}

/// Outlines the pending suggestions dashed in their label colours (the
/// selected one solid), over the text the text view drew this frame, and
/// selects one that is clicked.
pub fn paint(ui: &Ui, state: &mut SuggestionState, ws: &Workspace, view: &DocView) {
    let list = pending_of(ws, &view.key);
    if list.is_empty() {
        return;
    }
    let painter = ui.painter().with_clip_rect(view.clip);
    let selected = state.selected_in(&view.key.document);
    let cb = &ws.project().codebook;
    let click = ui.input(|i| {
        i.pointer
            .primary_clicked()
            .then(|| i.pointer.interact_pos())
            .flatten()
    });
    let mut clicked = None;
    for s in &list {
        let color = cb
            .label(&s.label)
            .map(|l| style::label_color(l.color))
            .unwrap_or(style::SUGGESTION);
        for p in view.screen_pieces(s.start..s.end) {
            let r = p.band.expand2(egui::vec2(1.5, 2.0));
            if selected == Some(s.id) {
                painter.rect_stroke(r, 2.0, Stroke::new(2.5, color), egui::StrokeKind::Outside);
            } else {
                dashed_rect(&painter, r, Stroke::new(1.5, color));
            }
            if click.is_some_and(|c| r.contains(c) && view.clip.contains(c)) {
                clicked = Some(s.id);
            }
        }
    }
    if clicked.is_some() {
        state.select(&view.key.document, clicked);
    }
}

fn dashed_rect(painter: &egui::Painter, r: Rect, stroke: Stroke) {
    let points = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&points, stroke, 4.0, 3.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans() -> Vec<Span> {
        (1..=3)
            .map(|i| Span::new(SpanId(i), i as usize * 10, i as usize * 10 + 3, "Person"))
            .collect()
    }

    #[test]
    fn stepping_wraps_around_and_starts_at_either_end() {
        let owned = spans();
        let list: Vec<&Span> = owned.iter().collect();
        assert_eq!(step(&list, None, true), Some(SpanId(1)));
        assert_eq!(step(&list, None, false), Some(SpanId(3)));
        assert_eq!(step(&list, Some(SpanId(3)), true), Some(SpanId(1)));
        assert_eq!(step(&list, Some(SpanId(1)), false), Some(SpanId(3)));
        assert_eq!(step(&[], None, true), None);
    }

    #[test]
    fn after_removing_moves_to_the_next_else_the_previous() {
        let owned = spans();
        let list: Vec<&Span> = owned.iter().collect();
        assert_eq!(after_removing(&list, SpanId(2)), Some(SpanId(3)));
        assert_eq!(after_removing(&list, SpanId(3)), Some(SpanId(2)));
        assert_eq!(after_removing(&list[..1], SpanId(1)), None);
    }
}
