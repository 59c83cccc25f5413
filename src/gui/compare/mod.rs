//! The compare view: pick coder A and coder B, read the agreement summary
//! per label and per document (sortable; click a row to jump), see both
//! coders' spans side by side with agreements and each kind of
//! disagreement distinct, walk the disagreements with the keyboard, and
//! adjudicate them into a gold set — take A, take B, both, neither, or edit
//! by hand — with "N of M resolved" per document and every decision in an
//! auditable log (`adjudication/<gold>/<document>.ron`).
//!
//! Self-contained: the app keeps a [`CompareView`], calls
//! [`CompareView::ui`] with the workspace where the view should appear, and
//! handles the [`CompareRequest`]s it returns. Gold edits go through
//! `Workspace::apply`, so the app's undo/redo and autosave cover them.

mod data;
mod list;
mod panes;
mod summary;
mod view;

pub use list::SHORTCUTS;
pub use view::{CompareRequest, CompareView, Sort};

use crate::agreement::Choice;
use crate::edit::{SetKey, Workspace};
use egui::{Panel, Ui};
use list::ListAction;
use summary::SummaryClick;

/// Below this width (points) the view stacks: the figures fold away
/// above the document instead of standing beside it.
const NARROW: f32 = 980.0;

impl CompareView {
    /// Draws the view inside `ui` and performs what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, ws: &mut Workspace) -> Vec<CompareRequest> {
        let mut requests = Vec::new();
        self.choose_coders_ui(ui, ws);
        self.sync(ws);
        if let Err(why) = self.coders_ok() {
            ui.label(why);
            return requests;
        }
        let mut actions = list::keys(ui);
        let mut click = None;
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
                            &mut self.label_sort,
                            &mut self.doc_sort,
                            self.doc.as_deref(),
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
        if let Some((text, error)) = &self.message {
            let color = if *error {
                crate::gui::style::ERROR
            } else {
                crate::gui::style::OK
            };
            ui.colored_label(color, text);
        }
        let scroll = std::mem::take(&mut self.scroll_pending);
        actions.extend(self.document_ui(ui, ws, scroll));
        match click {
            Some(SummaryClick::Document(id)) => self.open_document(&id),
            Some(SummaryClick::Label(l)) => self.jump_to_label(&l),
            None => {}
        }
        for a in actions {
            if let Some(r) = self.perform(ws, a) {
                requests.push(r);
            }
        }
        requests
    }

    /// Coder A, coder B and the gold coder.
    fn choose_coders_ui(&mut self, ui: &mut Ui, ws: &Workspace) {
        if self.coders.is_empty() {
            self.coders = ws.dir().all_coders().unwrap_or_default();
        }
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
                        for c in &self.coders {
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
                self.coders = ws.dir().all_coders().unwrap_or_default();
                self.refresh();
            }
        });
    }

    /// The document shown: its disagreements and the two panes.
    fn document_ui(&mut self, ui: &mut Ui, ws: &Workspace, scroll: bool) -> Vec<ListAction> {
        let mut out = Vec::new();
        let Some(doc) = self.doc.clone() else {
            return out;
        };
        let Some(data) = &self.data else { return out };
        let Some(row) = data.row(&doc) else {
            return out;
        };
        let status: Vec<Option<Choice>> = (0..row.comparison.disagreements.len())
            .map(|i| self.is_resolved(ws, i))
            .collect();
        ui.heading(format!("{} — {}", row.title, row.id));
        out.extend(list::list_ui(
            ui,
            &row.comparison.disagreements,
            &status,
            self.current,
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
        let text = data.texts.get(&doc).map(String::as_str).unwrap_or("");
        let current = (!row.comparison.disagreements.is_empty()).then_some(self.current);
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

    fn perform(&mut self, ws: &mut Workspace, action: ListAction) -> Option<CompareRequest> {
        let result = match action {
            ListAction::Select(i) => {
                self.select(i);
                Ok(None)
            }
            ListAction::Next => {
                self.next();
                Ok(None)
            }
            ListAction::Previous => {
                self.previous();
                Ok(None)
            }
            ListAction::Decide(choice) => self
                .decide(ws, choice)
                .map(|()| Some(format!("Resolved: {}", choice.label()))),
            ListAction::AcceptAgreed => self
                .accept_agreed(ws)
                .map(|n| Some(format!("Accepted {n} agreed spans into {}", self.gold))),
            ListAction::Edit => {
                return self
                    .edit_request(ws)
                    .map_err(|e| self.message = Some((e, true)))
                    .ok();
            }
        };
        match result {
            Ok(Some(text)) => {
                self.message = Some((text.clone(), false));
                Some(CompareRequest::Status(text))
            }
            Ok(None) => None,
            Err(e) => {
                self.message = Some((e, true));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
