//! The codebook editor: the list of categories and labels, then the
//! document variables (left), and the selected item's settings (right). Every change is built
//! by `edit`'s recipes and returned as a [`PanelAction`]; a change that
//! deletes or trims spans is confirmed first, with the number of spans it
//! touches over every coder's annotations.

use super::PanelAction;
use super::common::{Confirm, LoadRequest, confirm_ui, message_ui, swatch};
use super::label_form::{FormDrafts, label_form};
use super::variable_form::{VariableDrafts, VariableOutcome, variable_form};
use crate::edit::{Workspace, all_sets_loaded, change_codebook, delete_label, label_span_counts};
use crate::model::{Category, Codebook, Label, VariableDef, VariableKind, palette_color};
use egui::{RichText, ScrollArea};
use std::collections::BTreeMap;

/// What the right-hand side shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodebookSelection {
    /// A label, by name.
    Label(String),
    /// A category, by name.
    Category(String),
    /// A document variable, by name.
    Variable(String),
}

/// State of the codebook editor; the codebook itself is read from the
/// workspace every frame.
#[derive(Debug, Default)]
pub struct CodebookEditor {
    selection: Option<CodebookSelection>,
    /// Drafts of the selected item's text fields.
    form: FormDrafts,
    new_label: String,
    new_label_category: String,
    new_category: String,
    /// Drafts of the selected variable's text fields.
    var_form: VariableDrafts,
    new_variable: String,
    new_variable_kind: Option<VariableKind>,
    confirm: Option<Confirm>,
    message: Option<String>,
    load: LoadRequest,
    counts: Option<((u64, usize), BTreeMap<String, usize>)>,
    /// Documents coded, by variable, over the loaded sets (same key).
    var_counts: BTreeMap<String, usize>,
}

/// The outcome of a proposed change: apply now, or ask first.
pub(super) enum Proposal {
    /// Nothing to do (the message says why, if anything).
    Nothing,
    /// Apply now.
    Act(PanelAction),
}

impl CodebookEditor {
    /// An editor with nothing selected.
    pub fn new() -> CodebookEditor {
        CodebookEditor::default()
    }

    /// What is selected.
    pub fn selection(&self) -> Option<&CodebookSelection> {
        self.selection.as_ref()
    }

    /// Selects a label (e.g. the one of the span selected in the text).
    pub fn select_label(&mut self, name: &str) {
        self.set_selection(Some(CodebookSelection::Label(name.to_string())));
    }

    /// The message shown above the editor (a refused change, or what a
    /// change will do).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Draws the editor; returns what the app should do after the frame.
    ///
    /// Asks for [`PanelAction::LoadAllSets`] once per project (and again when
    /// documents or coders are added) so that counts and edits reach every
    /// coder's annotations.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Workspace) -> Option<PanelAction> {
        let mut action = self.load.request(ws);
        let cb = &ws.project().codebook;
        if let Some(CodebookSelection::Label(l)) = &self.selection
            && cb.label(l).is_none()
        {
            self.set_selection(None);
        }
        if let Some(CodebookSelection::Variable(v)) = &self.selection
            && cb.variable(v).is_none()
        {
            self.set_selection(None);
        }
        let counts = self.counts(ws);
        ui.horizontal(|ui| {
            ui.heading("Codebook");
            ui.weak(format!("revision {}", cb.revision));
        });
        if !all_sets_loaded(ws) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Not every coder's annotations are loaded: counts and changes may miss some files.",
            );
        }
        message_ui(ui, &mut self.message);
        if let Some(confirm) = &self.confirm {
            match confirm_ui(ui, confirm) {
                Some(true) => {
                    action = self.confirm.take().map(|c| c.action);
                }
                Some(false) => self.confirm = None,
                None => {}
            }
        }
        let enabled = self.confirm.is_none();
        let list_action = egui::Panel::left("codebook-labels")
            .resizable(false)
            .default_size(240.0)
            .show(ui, |ui| {
                ui.add_enabled_ui(enabled, |ui| self.list_ui(ui, cb, &counts))
                    .inner
            })
            .inner;
        let detail_action = ui
            .add_enabled_ui(enabled, |ui| {
                ScrollArea::vertical()
                    .id_salt("codebook-details")
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.details_ui(ui, ws, &counts))
                    .inner
            })
            .inner;
        for proposal in [list_action, detail_action] {
            if let Proposal::Act(a) = proposal {
                action = Some(a);
            }
        }
        action
    }

    fn set_selection(&mut self, selection: Option<CodebookSelection>) {
        if self.selection != selection {
            self.form = FormDrafts::default();
            self.var_form = VariableDrafts::default();
            self.selection = selection;
        }
    }

    /// Label counts over the loaded sets, recomputed when the annotations
    /// change.
    fn counts(&mut self, ws: &Workspace) -> BTreeMap<String, usize> {
        let key = (ws.history().revision(), ws.loaded_sets().count());
        match &self.counts {
            Some((k, c)) if *k == key => c.clone(),
            _ => {
                let c = label_span_counts(ws);
                self.counts = Some((key, c.clone()));
                self.var_counts.clear();
                for set in ws.loaded_sets() {
                    for var in set.codes.keys() {
                        *self.var_counts.entry(var.clone()).or_insert(0) += 1;
                    }
                }
                c
            }
        }
    }

    /// Categories and labels, and the forms to add either.
    fn list_ui(
        &mut self,
        ui: &mut egui::Ui,
        cb: &Codebook,
        counts: &BTreeMap<String, usize>,
    ) -> Proposal {
        let mut proposal = Proposal::Nothing;
        ScrollArea::vertical()
            .id_salt("codebook-list")
            .max_height(ui.available_height() - 150.0)
            .show(ui, |ui| {
                for cat in &cb.categories {
                    let selected =
                        self.selection == Some(CodebookSelection::Category(cat.name.clone()));
                    let text = RichText::new(&cat.name).strong();
                    let row = ui
                        .selectable_label(selected, text)
                        .accessible_name(format!("Category {}", cat.name));
                    if row.clicked() {
                        self.set_selection(Some(CodebookSelection::Category(cat.name.clone())));
                    }
                    for label in &cat.labels {
                        ui.horizontal(|ui| {
                            ui.add_space(12.0);
                            swatch(ui, label.color);
                            let selected = self.selection
                                == Some(CodebookSelection::Label(label.name.clone()));
                            let mut text = label.name.clone();
                            if let Some(k) = label.key {
                                text.push_str(&format!("  [{k}]"));
                            }
                            let row = ui
                                .selectable_label(selected, text)
                                .accessible_name(format!("Label {}", label.name));
                            if row.clicked() {
                                self.set_selection(Some(CodebookSelection::Label(
                                    label.name.clone(),
                                )));
                            }
                            let n = counts.get(&label.name).copied().unwrap_or(0);
                            ui.weak(format!("{n}"))
                                .on_hover_text(format!("{n} spans over all loaded annotations"));
                        });
                    }
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Document variables").strong())
                    .on_hover_text("Codes for the whole article (genre, topic, tone…)");
                for var in &cb.variables {
                    ui.horizontal(|ui| {
                        ui.add_space(12.0);
                        let selected =
                            self.selection == Some(CodebookSelection::Variable(var.name.clone()));
                        let row = ui
                            .selectable_label(selected, &var.name)
                            .accessible_name(format!("Variable {}", var.name))
                            .on_hover_text(var.kind.label());
                        if row.clicked() {
                            self.set_selection(Some(CodebookSelection::Variable(var.name.clone())));
                        }
                        let n = self.var_counts.get(&var.name).copied().unwrap_or(0);
                        ui.weak(format!("{n}")).on_hover_text(format!(
                            "coded in {n} documents (all loaded annotations)"
                        ));
                    });
                }
                if cb.variables.is_empty() {
                    ui.weak("none yet");
                }
                // Below the variables (scrolled to like them), so the
                // forms under the list keep their room.
                ui.add_space(4.0);
                ui.label(RichText::new("Add a document variable").strong());
                let enter = super::common::new_name_field(
                    ui,
                    &mut self.new_variable,
                    "New variable name",
                    None,
                );
                ui.horizontal(|ui| {
                    let l = ui.label("Kind");
                    let kind = self.new_variable_kind.get_or_insert(VariableKind::Single);
                    egui::ComboBox::from_id_salt("new-variable-kind")
                        .selected_text(kind.label())
                        .show_ui(ui, |ui| {
                            for k in VariableKind::ALL {
                                ui.selectable_value(kind, k, k.label());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                });
                if (ui.button("Add variable").clicked() || enter)
                    && !self.new_variable.trim().is_empty()
                {
                    proposal = self.add_variable(cb);
                }
            });
        ui.separator();
        ui.label(RichText::new("Add a label").strong());
        if self.new_label_category.is_empty()
            || !cb
                .categories
                .iter()
                .any(|c| c.name == self.new_label_category)
        {
            self.new_label_category = cb
                .categories
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default();
        }
        let enter = super::common::new_name_field(ui, &mut self.new_label, "New label name", None);
        ui.horizontal(|ui| {
            let category = ui.label("Category");
            egui::ComboBox::from_id_salt("new-label-category")
                .selected_text(self.new_label_category.as_str())
                .show_ui(ui, |ui| {
                    for c in &cb.categories {
                        ui.selectable_value(&mut self.new_label_category, c.name.clone(), &c.name);
                    }
                })
                .response
                .labelled_by(category.id);
        });
        if (ui.button("Add label").clicked() || enter) && !self.new_label.trim().is_empty() {
            proposal = self.add_label(cb);
        }
        ui.label(RichText::new("Add a category").strong());
        let enter =
            super::common::new_name_field(ui, &mut self.new_category, "New category name", None);
        if (ui.button("Add category").clicked() || enter) && !self.new_category.trim().is_empty() {
            let name = self.new_category.trim().to_string();
            if cb.categories.iter().any(|c| c.name == name) {
                self.message = Some(format!("A category called {name:?} exists already."));
            } else {
                let mut new = cb.clone();
                new.categories.push(Category {
                    name: name.clone(),
                    labels: Vec::new(),
                });
                self.new_category.clear();
                self.new_label_category = name.clone();
                self.set_selection(Some(CodebookSelection::Category(name.clone())));
                proposal = Proposal::Act(PanelAction::Apply(crate::edit::Transaction::single(
                    format!("Add category {name}"),
                    crate::edit::Edit::SetCodebook(bump(cb, new)),
                )));
            }
        }
        proposal
    }

    fn add_variable(&mut self, cb: &Codebook) -> Proposal {
        let name = self.new_variable.trim().to_string();
        if cb.variable(&name).is_some() {
            self.message = Some(format!("A variable called {name:?} exists already."));
            return Proposal::Nothing;
        }
        let kind = self.new_variable_kind.unwrap_or(VariableKind::Single);
        let values = if kind.has_values() {
            self.message = Some(format!(
                "Added {name} with the values yes and no: rename them or add others on the right."
            ));
            vec!["yes".to_string(), "no".to_string()]
        } else {
            Vec::new()
        };
        let mut new = cb.clone();
        new.variables.push(VariableDef {
            name: name.clone(),
            kind,
            values,
            key: None,
            description: String::new(),
        });
        self.new_variable.clear();
        self.set_selection(Some(CodebookSelection::Variable(name.clone())));
        apply(cb, new, &format!("Add variable {name}"))
    }

    fn add_label(&mut self, cb: &Codebook) -> Proposal {
        let name = self.new_label.trim().to_string();
        if cb.label(&name).is_some() {
            self.message = Some(format!("A label called {name:?} exists already."));
            return Proposal::Nothing;
        }
        let mut new = cb.clone();
        let color = palette_color(cb.labels().count());
        let Some(cat) = new
            .categories
            .iter_mut()
            .find(|c| c.name == self.new_label_category)
        else {
            self.message = Some("Add a category first.".into());
            return Proposal::Nothing;
        };
        cat.labels.push(Label::plain(&name, color));
        self.new_label.clear();
        self.set_selection(Some(CodebookSelection::Label(name.clone())));
        Proposal::Act(PanelAction::Apply(crate::edit::Transaction::single(
            format!("Add label {name}"),
            crate::edit::Edit::SetCodebook(bump(cb, new)),
        )))
    }

    /// The right-hand side: the selected label's or category's settings.
    fn details_ui(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        counts: &BTreeMap<String, usize>,
    ) -> Proposal {
        let cb = &ws.project().codebook;
        match self.selection.clone() {
            None => {
                ui.weak("Select a label or a category on the left to edit it.");
                Proposal::Nothing
            }
            Some(CodebookSelection::Category(name)) => self.category_ui(ui, cb, &name),
            Some(CodebookSelection::Variable(name)) => {
                let Some(var) = cb.variable(&name) else {
                    return Proposal::Nothing;
                };
                let used = self.var_counts.get(&name).copied().unwrap_or(0);
                match variable_form(ui, ws, var, used, &mut self.var_form) {
                    VariableOutcome::None => Proposal::Nothing,
                    VariableOutcome::Message(m) => {
                        self.message = Some(m);
                        Proposal::Nothing
                    }
                    VariableOutcome::Codebook(new, what) => self.propose(ws, new, &what),
                    VariableOutcome::Renamed(to, result) => match result {
                        Ok(change) => {
                            self.message = None;
                            self.selection = Some(CodebookSelection::Variable(to));
                            self.var_form = VariableDrafts::default();
                            Proposal::Act(PanelAction::Apply(change.tx))
                        }
                        Err(e) => {
                            self.message = Some(e.to_string());
                            Proposal::Nothing
                        }
                    },
                    VariableOutcome::Rename(result) => self.renamed(result),
                }
            }
            Some(CodebookSelection::Label(name)) => {
                let Some(label) = cb.label(&name) else {
                    return Proposal::Nothing;
                };
                let used = counts.get(&name).copied().unwrap_or(0);
                match label_form(ui, ws, label, used, &mut self.form) {
                    super::label_form::FormOutcome::None => Proposal::Nothing,
                    super::label_form::FormOutcome::Message(m) => {
                        self.message = Some(m);
                        Proposal::Nothing
                    }
                    super::label_form::FormOutcome::Renamed(new_name, action) => {
                        self.message = None;
                        self.selection = Some(CodebookSelection::Label(new_name));
                        self.form = FormDrafts::default();
                        Proposal::Act(action)
                    }
                    super::label_form::FormOutcome::Codebook(new, what) => {
                        self.propose(ws, new, &what)
                    }
                    super::label_form::FormOutcome::Delete => self.propose_delete(ws, &name),
                    super::label_form::FormOutcome::Rename(result) => self.renamed(result),
                }
            }
        }
    }

    fn category_ui(&mut self, ui: &mut egui::Ui, cb: &Codebook, name: &str) -> Proposal {
        let Some(index) = cb.categories.iter().position(|c| c.name == name) else {
            self.set_selection(None);
            return Proposal::Nothing;
        };
        let cat = &cb.categories[index];
        ui.heading(&cat.name);
        ui.weak(format!("Category of {} labels", cat.labels.len()));
        ui.add_space(6.0);
        let mut proposal = Proposal::Nothing;
        let draft = self.form.name.get_or_insert_with(|| cat.name.clone());
        ui.horizontal(|ui| {
            let l = ui.label("Name");
            let r = ui
                .add(egui::TextEdit::singleline(draft).desired_width(180.0))
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Rename category").clicked() || enter {
                let to = draft.trim().to_string();
                if to.is_empty() || to == cat.name {
                    return;
                }
                if cb.categories.iter().any(|c| c.name == to) {
                    self.message = Some(format!("A category called {to:?} exists already."));
                } else {
                    let mut new = cb.clone();
                    new.categories[index].name = to.clone();
                    self.selection = Some(CodebookSelection::Category(to.clone()));
                    proposal = apply(cb, new, &format!("Rename category {} to {to}", cat.name));
                }
            }
        });
        ui.horizontal(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new("Move up"))
                .clicked()
            {
                let mut new = cb.clone();
                new.categories.swap(index, index - 1);
                proposal = apply(cb, new, &format!("Move category {}", cat.name));
            }
            if ui
                .add_enabled(
                    index + 1 < cb.categories.len(),
                    egui::Button::new("Move down"),
                )
                .clicked()
            {
                let mut new = cb.clone();
                new.categories.swap(index, index + 1);
                proposal = apply(cb, new, &format!("Move category {}", cat.name));
            }
            let empty = cat.labels.is_empty();
            let delete = ui
                .add_enabled(empty, egui::Button::new("Delete category"))
                .on_disabled_hover_text("Move or delete its labels first.");
            if delete.clicked() {
                let mut new = cb.clone();
                new.categories.remove(index);
                self.set_selection(None);
                proposal = apply(cb, new, &format!("Delete category {name}"));
            }
        });
        proposal
    }

    /// A codebook change: applied at once when it leaves every span as it
    /// is, otherwise confirmed with the number of spans it touches.
    /// A rename's transaction to apply, or its refusal shown.
    fn renamed(
        &mut self,
        result: Result<crate::edit::CodebookChange, crate::edit::EditError>,
    ) -> Proposal {
        match result {
            Ok(change) => {
                self.message = None;
                Proposal::Act(PanelAction::Apply(change.tx))
            }
            Err(e) => {
                self.message = Some(e.to_string());
                Proposal::Nothing
            }
        }
    }

    fn propose(&mut self, ws: &Workspace, new: Codebook, what: &str) -> Proposal {
        match change_codebook(ws, new, what) {
            Ok(change) => self.propose_change(change, "Apply change"),
            Err(e) => {
                self.message = Some(e.to_string());
                Proposal::Nothing
            }
        }
    }

    fn propose_change(&mut self, change: crate::edit::CodebookChange, button: &str) -> Proposal {
        self.message = None;
        if !change.touches_spans() {
            return Proposal::Act(PanelAction::Apply(change.tx));
        }
        let mut question = format!("{}: this ", change.tx.label);
        question.push_str(&impact(change.removed, change.changed, change.codes_lost));
        question.push_str(" over all coders' annotations. Undo restores them.");
        self.confirm = Some(Confirm {
            question,
            yes: button.to_string(),
            action: PanelAction::Apply(change.tx),
        });
        Proposal::Nothing
    }

    fn propose_delete(&mut self, ws: &Workspace, name: &str) -> Proposal {
        match delete_label(ws, name) {
            Ok(change) if change.removed > 0 => {
                let mut question = format!(
                    "Delete label {name:?}? It is used by {}, which would be deleted with it",
                    spans(change.removed)
                );
                if change.changed > 0 {
                    question.push_str(&format!(
                        ", and removes links to them from {}",
                        spans(change.changed)
                    ));
                }
                question.push_str(". This counts every coder's annotations. Undo restores them.");
                self.confirm = Some(Confirm {
                    question,
                    yes: format!("Delete label and {}", spans(change.removed)),
                    action: PanelAction::Apply(change.tx),
                });
                Proposal::Nothing
            }
            Ok(change) => {
                self.set_selection(None);
                self.propose_change(change, "Delete label")
            }
            Err(e) => {
                self.message = Some(e.to_string());
                Proposal::Nothing
            }
        }
    }
}

/// "1 span" / "3 spans".
fn spans(n: usize) -> String {
    crate::wording::count(n, "span", "spans").to_string()
}

/// "deletes 2 spans and changes 1 span", "clears or trims 3 document
/// codes".
fn impact(removed: usize, changed: usize, codes: usize) -> String {
    let mut parts = Vec::new();
    if removed > 0 {
        parts.push(format!("deletes {}", spans(removed)));
    }
    if changed > 0 {
        parts.push(format!(
            "changes {} (values or links they lose)",
            spans(changed)
        ));
    }
    if codes > 0 {
        parts.push(format!(
            "clears or trims {}",
            crate::wording::count(codes, "document code", "document codes")
        ));
    }
    parts.join(" and ")
}

/// `new` with the revision after `old`'s.
pub(super) fn bump(old: &Codebook, mut new: Codebook) -> Codebook {
    new.revision = old.revision.saturating_add(1);
    new
}

/// A change that cannot touch spans (order, names of categories, colours),
/// applied as a plain `SetCodebook`; the workspace still validates it.
fn apply(old: &Codebook, new: Codebook, what: &str) -> Proposal {
    Proposal::Act(PanelAction::Apply(crate::edit::Transaction::single(
        what,
        crate::edit::Edit::SetCodebook(bump(old, new)),
    )))
}
