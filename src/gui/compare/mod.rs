//! The compare view: pick coder A and coder B, read the agreement summary
//! per label and per document (sortable; click a row to jump) and, with
//! three coders or more, Krippendorff's alpha over all of them, see both
//! coders' spans side by side with agreements and each kind of
//! disagreement distinct, walk the disagreements with the keyboard, and
//! adjudicate them into a gold set — take A, take B, both, neither, or edit
//! by hand — with "N of M resolved" per document and every decision in an
//! auditable log (`adjudication/<gold>/<document>.ron`).
//!
//! The state and the adjudication logic live in [`crate::session::compare`]
//! (no window needed); this module only draws a [`CompareState`]. Moving
//! between documents and disagreements changes view state at once; a
//! decision is returned as [`Command::Adjudicate`] and performed by the app
//! after the frame through the session, so undo, autosave and the
//! read-only rule cover it.

mod codes;
mod list;
mod panes;
mod summary;

pub use list::SHORTCUTS;

use super::commands::Command;
use crate::agreement::Choice;
use crate::edit::SetKey;
use crate::session::Session;
use crate::session::compare::{Adjudicate, CompareState};
use egui::{Panel, Ui};
use list::ListAction;
use summary::SummaryClick;

/// Below this width (points) the view stacks: the figures fold away
/// above the document instead of standing beside it.
const NARROW: f32 = 980.0;

/// Draws the compare view of `view` inside `ui` (call
/// [`CompareState::sync`] first); moving around is done at once, decisions
/// are returned.
#[must_use]
pub fn compare_ui(ui: &mut Ui, view: &mut CompareState, s: &Session) -> Vec<Command> {
    view.ui(ui, s)
}

impl CompareState {
    fn ui(&mut self, ui: &mut Ui, s: &Session) -> Vec<Command> {
        let mut requests = Vec::new();
        self.choose_coders_ui(ui, s);
        if let Err(why) = self.coders_ok() {
            ui.label(why);
            return requests;
        }
        let mut actions = list::keys(ui);
        let mut click = None;
        let doc = self.document().map(str::to_string);
        if let Some(data) = &self.data {
            for p in data.problems.iter().take(3) {
                ui.colored_label(crate::gui::style::ERROR, p);
            }
            let Some(report) = &data.report else {
                ui.label(format!(
                    "{} and {} have not both annotated any document (started, or with spans).",
                    self.coder_a, self.coder_b
                ));
                return requests;
            };
            let width = ui.available_width();
            let mut summary = |ui: &mut Ui| {
                egui::ScrollArea::vertical()
                    .id_salt("compare-summary-scroll")
                    .show(ui, |ui| {
                        click = summary::summary_ui(
                            ui,
                            data,
                            report,
                            self.team.as_ref(),
                            summary::Sorts {
                                labels: &mut self.label_sort,
                                team: &mut self.team_sort,
                                documents: &mut self.doc_sort,
                            },
                            doc.as_deref(),
                        );
                    });
            };
            if width < NARROW {
                // A small screen: the figures fold away above the
                // document, which gets the whole width.
                egui::CollapsingHeader::new("Agreement figures")
                    .id_salt("compare-summary-fold")
                    .default_open(false)
                    .show(ui, |ui| {
                        ui.set_max_height(220.0);
                        summary(ui);
                    });
            } else {
                Panel::left("compare-summary")
                    .default_size(460.0)
                    .size_range(260.0..=(width * 0.45).max(260.0))
                    .resizable(true)
                    .show(ui, summary);
            }
        }
        if let Some(m) = &self.message {
            let color = if m.error {
                crate::gui::style::ERROR
            } else {
                crate::gui::style::OK
            };
            ui.colored_label(color, &m.text);
        }
        let scroll = std::mem::take(&mut self.scroll_pending);
        actions.extend(self.document_ui(ui, s, scroll));
        match click {
            Some(SummaryClick::Document(id)) => self.open_document(&id),
            Some(SummaryClick::Label(l)) => self.jump_to_label(&l),
            None => {}
        }
        for a in actions {
            let decision = match a {
                ListAction::Select(i) => {
                    self.select(i);
                    continue;
                }
                ListAction::Next => {
                    self.next();
                    continue;
                }
                ListAction::Previous => {
                    self.previous();
                    continue;
                }
                ListAction::Decide(choice) => Adjudicate::Decide(choice),
                ListAction::AcceptAgreed => Adjudicate::AcceptAgreed,
                ListAction::Edit => Adjudicate::EditInGold,
                ListAction::Code { variable, choice } => Adjudicate::Code { variable, choice },
            };
            requests.push(Command::Adjudicate(decision));
        }
        requests
    }

    /// Coder A, coder B and the gold coder.
    fn choose_coders_ui(&mut self, ui: &mut Ui, s: &Session) {
        ui.horizontal_wrapped(|ui| {
            for (label, value) in [("Coder A", 0), ("Coder B", 1)] {
                let current = if value == 0 {
                    &mut self.coder_a
                } else {
                    &mut self.coder_b
                };
                let name = ui.label(label);
                egui::ComboBox::from_id_salt(label)
                    .selected_text(if current.is_empty() {
                        "choose…"
                    } else {
                        current.as_str()
                    })
                    .show_ui(ui, |ui| {
                        for c in self.coders.as_deref().unwrap_or_default() {
                            ui.selectable_value(current, c.clone(), c);
                        }
                    })
                    .response
                    .labelled_by(name.id);
            }
            let name = ui.label("Gold standard:");
            let input = self.gold_input.get_or_insert_with(|| self.gold.clone());
            let r = ui
                .add(egui::TextEdit::singleline(input).desired_width(90.0))
                .labelled_by(name.id);
            // egui's `has_focus` is also false while the window is in the
            // background: ask whether the field holds the keyboard, or a
            // name being typed is dropped when the user looks elsewhere.
            if !ui.memory(|m| m.has_focus(r.id)) {
                // Typed names apply when the field is left, not per key.
                if let Some(typed) = self.gold_input.take()
                    && r.lost_focus()
                {
                    self.gold = typed.trim().to_string();
                }
            }
            ui.weak(format!("adjudicator: {}", self.adjudicator));
            if ui
                .button("Refresh")
                .on_hover_text("Recompute the figures")
                .clicked()
            {
                self.reload(s);
            }
        });
    }

    /// The document shown: its disagreements and the two panes.
    fn document_ui(&mut self, ui: &mut Ui, s: &Session, scroll: bool) -> Vec<ListAction> {
        let ws = s.ws();
        let mut out = Vec::new();
        let Some(doc) = self.document().map(str::to_string) else {
            return out;
        };
        let Some(data) = &self.data else { return out };
        let Some(row) = data.row(&doc) else {
            return out;
        };
        let status: Vec<Option<Choice>> = (0..row.comparison.disagreements.len())
            .map(|i| self.is_resolved(s, i))
            .collect();
        ui.heading(format!("{} — {}", row.title, row.id));
        out.extend(list::list_ui(
            ui,
            &row.comparison.disagreements,
            &status,
            self.current_index(),
            [&self.coder_a, &self.coder_b],
            scroll,
        ));
        ui.separator();
        let (a, b) = (
            SetKey::new(&self.coder_a, &doc),
            SetKey::new(&self.coder_b, &doc),
        );
        let (Some(sa), Some(sb)) = (ws.set(&a), ws.set(&b)) else {
            return out;
        };
        let gold = ws.set(&SetKey::new(&self.gold, &doc));
        if let Some(action) = codes::codes_ui(
            ui,
            &ws.project().codebook,
            [sa, sb],
            gold,
            [&self.coder_a, &self.coder_b],
        ) {
            out.push(action);
        }
        let text = data.texts.get(&doc).map(String::as_str).unwrap_or("");
        let current = (!row.comparison.disagreements.is_empty()).then_some(self.current_index());
        if let Some(i) = panes::panes_ui(
            ui,
            text,
            [sa, sb],
            [&self.coder_a, &self.coder_b],
            &row.comparison,
            current,
            &ws.project().codebook,
            scroll,
        ) {
            out.push(ListAction::Select(i));
        }
        out
    }
}

#[cfg(test)]
mod tests;
