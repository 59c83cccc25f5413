//! The actor registry panel: search and list actors with their kind, aliases
//! and mention counts; add, rename, re-kind, alias, merge and delete actors;
//! and "Find mentions", which offers every unannotated occurrence of an
//! actor's names as a suggestion the coder accepts or rejects — nothing is
//! ever tagged without the coder's click.

use super::PanelAction;
use super::common::{Confirm, LoadRequest, confirm_ui, message_ui};
use crate::edit::{
    MentionSuggestion, SetKey, Workspace, accept_mentions_tx, actor_mention_counts, add_actor_tx,
    delete_actor_tx, find_mentions, mention_label, merge_actors_tx, update_actor_tx,
};
use crate::model::{Actor, ActorId, ActorKind};
use egui::{RichText, ScrollArea};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Where "Find mentions" looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionScope {
    /// The document shown in the text view.
    Document,
    /// Every document of the project.
    Project,
}

/// State of the actor panel.
#[derive(Debug)]
pub struct ActorPanel {
    query: String,
    selected: Option<ActorId>,
    new_name: String,
    new_kind: ActorKind,
    rename: Option<(ActorId, String)>,
    new_alias: String,
    merge_with: Option<ActorId>,
    keep_selected: bool,
    confirm: Option<Confirm>,
    message: Option<String>,
    load: LoadRequest,
    counts: Option<((u64, usize), HashMap<ActorId, usize>)>,
    /// Current suggestions, in document order.
    suggestions: Vec<MentionSuggestion>,
    /// What the suggestions were found for: actor, scope, coder.
    found_for: Option<(ActorId, MentionScope, String)>,
    /// A search waiting for the sets it needs to be loaded.
    pending_search: Option<(ActorId, MentionScope)>,
    /// Suggestions the coder rejected: not offered again this session.
    rejected: HashSet<(String, usize, usize, ActorId)>,
    /// Document texts read so far (they never change after import).
    texts: HashMap<String, Arc<str>>,
    texts_root: Option<PathBuf>,
    /// Revision at which the suggestions were last checked against the
    /// annotations.
    checked_at: Option<u64>,
    /// A search already asked for the sets to be loaded once; if they are
    /// still missing, say so instead of asking forever.
    load_asked_for_search: bool,
    /// New suggestions were found: scroll them into view once.
    reveal: bool,
}

impl Default for ActorPanel {
    fn default() -> Self {
        ActorPanel {
            query: String::new(),
            selected: None,
            new_name: String::new(),
            new_kind: ActorKind::Person,
            rename: None,
            new_alias: String::new(),
            merge_with: None,
            keep_selected: true,
            confirm: None,
            message: None,
            load: LoadRequest::default(),
            counts: None,
            suggestions: Vec::new(),
            found_for: None,
            pending_search: None,
            rejected: HashSet::new(),
            texts: HashMap::new(),
            texts_root: None,
            checked_at: None,
            load_asked_for_search: false,
            reveal: false,
        }
    }
}

impl ActorPanel {
    /// A panel with nothing selected.
    pub fn new() -> ActorPanel {
        ActorPanel::default()
    }

    /// Mention suggestions waiting for the coder's decision, for the text
    /// view to draw (e.g. dashed underlines for those of its document).
    pub fn suggestions(&self) -> &[MentionSuggestion] {
        &self.suggestions
    }

    /// The selected actor.
    pub fn selected(&self) -> Option<ActorId> {
        self.selected
    }

    /// Selects an actor (e.g. the one of the span selected in the text).
    pub fn select(&mut self, id: ActorId) {
        self.selected = Some(id);
    }

    /// The message shown at the top (a refused change, or a result).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Starts "Find mentions" of `actor` for `coder`, as the buttons do; the
    /// suggestions appear at the next call of [`ActorPanel::ui`] (which may
    /// first ask for the annotation sets to be loaded).
    pub fn find_mentions(&mut self, actor: ActorId, scope: MentionScope) {
        self.selected = Some(actor);
        self.pending_search = Some((actor, scope));
    }

    /// Draws the panel for `coder`, with `document` the one shown in the
    /// text view; returns what the app should do after the frame.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        coder: &str,
        document: Option<&str>,
    ) -> Option<PanelAction> {
        let mut action = self.load.request(ws);
        if self.texts_root.as_deref() != Some(ws.dir().root()) {
            self.texts.clear();
            self.suggestions.clear();
            self.found_for = None;
            self.texts_root = Some(ws.dir().root().to_path_buf());
        }
        if self.found_for.as_ref().is_some_and(|(_, _, c)| c != coder) {
            // Suggestions are relative to one coder's annotations.
            self.suggestions.clear();
            self.found_for = None;
        }
        if let Some(id) = self.selected
            && ws.project().actors.get(id).is_none()
        {
            self.selected = None;
        }
        self.drop_covered(ws, coder);
        if let Some((actor, scope)) = self.pending_search.take()
            && let Some(a) = self.run_search(ws, coder, document, actor, scope)
        {
            action = Some(a);
        }
        let counts = self.counts(ws);

        // The window's title says "Actors" already: no heading here.
        message_ui(ui, &mut self.message);
        if let Some(confirm) = &self.confirm {
            match confirm_ui(ui, confirm) {
                Some(true) => action = self.confirm.take().map(|c| c.action),
                Some(false) => self.confirm = None,
                None => {}
            }
        }
        let enabled = self.confirm.is_none();
        let mut act = |a: Option<PanelAction>| {
            if a.is_some() {
                action = a;
            }
        };
        ui.add_enabled_ui(enabled, |ui| {
            act(self.add_ui(ui, ws));
            ui.separator();
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("Search actors by name or alias")
                    .desired_width(f32::INFINITY),
            )
            .accessible_name("Search actors");
            // The list gets the room until an actor is picked; then its
            // details and mentions need most of it. Its height does not
            // follow its content, so the details below do not move when
            // an alias line appears in the list.
            let share = if self.selected.is_some() { 0.3 } else { 0.85 };
            let list_height = (ui.available_height() * share).max(96.0);
            ScrollArea::vertical()
                .id_salt("actor-list")
                .max_height(list_height)
                .auto_shrink([false, false])
                .show(ui, |ui| self.list_ui(ui, ws, &counts));
            ui.separator();
            ScrollArea::vertical()
                .id_salt("actor-details")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(actor) = self.selected.and_then(|id| ws.project().actors.get(id)) {
                        // Found mentions right under the buttons that find
                        // them, before the rarer settings.
                        self.details_ui(ui, actor, &counts, document);
                        act(self.suggestions_ui(ui, ws, coder));
                        act(self.settings_ui(ui, ws, actor));
                    } else {
                        ui.weak("Select an actor to edit it or to find its mentions.");
                        act(self.suggestions_ui(ui, ws, coder));
                    }
                });
        });
        action
    }

    /// Mention counts over the loaded sets, recomputed when they change.
    fn counts(&mut self, ws: &Workspace) -> HashMap<ActorId, usize> {
        let key = (ws.history().revision(), ws.loaded_sets().count());
        match &self.counts {
            Some((k, c)) if *k == key => c.clone(),
            _ => {
                let c = actor_mention_counts(ws);
                self.counts = Some((key, c.clone()));
                c
            }
        }
    }

    fn add_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace) -> Option<PanelAction> {
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let enter = super::common::new_name_field(
                ui,
                &mut self.new_name,
                "New actor name",
                Some(160.0),
            );
            kind_combo(
                ui,
                "new-actor-kind",
                "Kind of new actor",
                &mut self.new_kind,
            );
            if (ui.button("Add actor").clicked() || enter) && !self.new_name.trim().is_empty() {
                match add_actor_tx(&ws.project().actors, &self.new_name, self.new_kind) {
                    Ok((id, tx)) => {
                        self.new_name.clear();
                        self.selected = Some(id);
                        self.message = None;
                        action = Some(PanelAction::Apply(tx));
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
        });
        action
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, counts: &HashMap<ActorId, usize>) {
        let mut shown = 0;
        for actor in ws.project().actors.search(&self.query) {
            shown += 1;
            let n = counts.get(&actor.id).copied().unwrap_or(0);
            ui.horizontal(|ui| {
                let selected = self.selected == Some(actor.id);
                let row = ui
                    .selectable_label(selected, RichText::new(&actor.name).strong())
                    .accessible_name(format!("Actor {}", actor.name));
                if row.clicked() {
                    self.selected = Some(actor.id);
                    self.merge_with = None;
                }
                ui.weak(actor.kind.as_str());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak(mentions(n));
                });
            });
            if !actor.aliases.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(12.0);
                    ui.weak(format!("also: {}", actor.aliases.join(", ")));
                });
            }
        }
        if shown == 0 {
            ui.weak(if ws.project().actors.actors.is_empty() {
                "No actors yet: add one above, or create one from a span in the inspector."
            } else {
                "No actor matches the search."
            });
        }
    }

    /// The selected actor's name, kind, mention count and the "Find
    /// mentions" buttons.
    fn details_ui(
        &mut self,
        ui: &mut egui::Ui,
        actor: &Actor,
        counts: &HashMap<ActorId, usize>,
        document: Option<&str>,
    ) {
        ui.heading(&actor.name);
        ui.weak(format!(
            "{} · {}",
            actor.kind.as_str(),
            mentions(counts.get(&actor.id).copied().unwrap_or(0))
        ));
        ui.add_space(4.0);
        ui.label(RichText::new("Find mentions").strong());
        ui.weak("Occurrences of the name and aliases you have not tagged yet, to accept or reject one by one.");
        ui.horizontal(|ui| {
            let here = ui
                .add_enabled(document.is_some(), egui::Button::new("In this document"))
                .on_disabled_hover_text("Open a document first");
            if here.clicked() {
                self.pending_search = Some((actor.id, MentionScope::Document));
            }
            if ui.button("In the whole project").clicked() {
                self.pending_search = Some((actor.id, MentionScope::Project));
            }
        });
    }

    /// The selected actor's name, kind and aliases, merging and deleting.
    fn settings_ui(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        actor: &Actor,
    ) -> Option<PanelAction> {
        let reg = &ws.project().actors;
        let mut action = None;
        let mut update =
            |message: &mut Option<String>, new: Actor, what: &str| match update_actor_tx(
                reg, new, what,
            ) {
                Ok(tx) => {
                    *message = None;
                    action = Some(PanelAction::Apply(tx));
                }
                Err(e) => *message = Some(e.to_string()),
            };
        ui.add_space(8.0);
        ui.separator();
        egui::Grid::new("actor-settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Name");
                ui.horizontal(|ui| {
                    if self.rename.as_ref().is_none_or(|(id, _)| *id != actor.id) {
                        self.rename = Some((actor.id, actor.name.clone()));
                    }
                    if let Some((_, draft)) = &mut self.rename {
                        let r = ui
                            .add(egui::TextEdit::singleline(draft).desired_width(180.0))
                            .labelled_by(l.id);
                        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        if (ui.button("Rename actor").clicked() || enter)
                            && draft.trim() != actor.name
                        {
                            let mut new = actor.clone();
                            new.name = draft.clone();
                            update(
                                &mut self.message,
                                new,
                                &format!("Rename actor {}", actor.name),
                            );
                        }
                    }
                });
                ui.end_row();

                ui.label("Kind");
                let mut kind = actor.kind;
                if kind_combo(ui, "actor-kind", "Kind", &mut kind) && kind != actor.kind {
                    let new = Actor {
                        kind,
                        ..actor.clone()
                    };
                    update(
                        &mut self.message,
                        new,
                        &format!("Change kind of {}", actor.name),
                    );
                }
                ui.end_row();

                // The field first, on the "Aliases" row: adding an alias
                // lists it below, so the field and its button stay put for
                // the next one.
                ui.label("Aliases");
                ui.horizontal(|ui| {
                    let enter = super::common::new_name_field(
                        ui,
                        &mut self.new_alias,
                        "New alias",
                        Some(160.0),
                    );
                    if (ui.button("Add alias").clicked() || enter)
                        && !self.new_alias.trim().is_empty()
                    {
                        let mut new = actor.clone();
                        new.aliases.push(self.new_alias.trim().to_string());
                        self.new_alias.clear();
                        update(
                            &mut self.message,
                            new,
                            &format!("Add alias to {}", actor.name),
                        );
                    }
                });
                ui.end_row();
                for alias in &actor.aliases {
                    ui.label("");
                    ui.horizontal(|ui| {
                        ui.label(alias);
                        let remove = ui
                            .small_button("Remove")
                            .accessible_name(format!("Remove alias {alias}"));
                        if remove.clicked() {
                            let mut new = actor.clone();
                            new.aliases.retain(|a| a != alias);
                            update(&mut self.message, new, &format!("Remove alias {alias}"));
                        }
                    });
                    ui.end_row();
                }
            });

        ui.add_space(8.0);
        ui.label(RichText::new("Merge").strong());
        let others: Vec<&Actor> = reg.actors.iter().filter(|a| a.id != actor.id).collect();
        if others.is_empty() {
            ui.weak("There is no other actor to merge with.");
        } else {
            if self
                .merge_with
                .is_some_and(|m| reg.get(m).is_none() || m == actor.id)
            {
                self.merge_with = None;
            }
            let current = self
                .merge_with
                .and_then(|m| reg.get(m))
                .map(|a| a.name.as_str())
                .unwrap_or("choose…");
            let l = ui.label("Merge with");
            egui::ComboBox::from_id_salt("merge-with")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for o in &others {
                        ui.selectable_value(&mut self.merge_with, Some(o.id), &o.name);
                    }
                })
                .response
                .labelled_by(l.id);
            if let Some(other) = self.merge_with.and_then(|m| reg.get(m)) {
                ui.horizontal(|ui| {
                    ui.label("Keep");
                    ui.radio_value(&mut self.keep_selected, true, actor.name.as_str());
                    ui.radio_value(&mut self.keep_selected, false, other.name.as_str());
                });
                if ui.button("Merge…").clicked() {
                    let (keep, gone) = if self.keep_selected {
                        (actor, other)
                    } else {
                        (other, actor)
                    };
                    match merge_actors_tx(ws, keep.id, gone.id) {
                        Ok((tx, moved)) => {
                            self.confirm = Some(Confirm {
                                question: format!(
                                    "Merge {:?} into {:?}? {} (all coders) will point to {:?}; {:?} is removed and its names become aliases of {:?}. Undo restores it.",
                                    gone.name,
                                    keep.name,
                                    mentions(moved),
                                    keep.name,
                                    gone.name,
                                    keep.name
                                ),
                                yes: "Merge".into(),
                                action: PanelAction::Apply(tx),
                            });
                            self.selected = Some(keep.id);
                            self.merge_with = None;
                        }
                        Err(e) => self.message = Some(e.to_string()),
                    }
                }
            }
        }

        ui.add_space(8.0);
        let delete = RichText::new("Delete actor…").color(ui.visuals().error_fg_color);
        if ui.button(delete).clicked() {
            match delete_actor_tx(ws, actor.id) {
                Ok((tx, unlinked)) => {
                    self.confirm = Some(Confirm {
                        question: format!(
                            "Delete actor {:?}? {} (all coders) keep their label but lose the actor. Undo restores it.",
                            actor.name,
                            mentions(unlinked)
                        ),
                        yes: "Delete actor".into(),
                        action: PanelAction::Apply(tx),
                    });
                }
                Err(e) => self.message = Some(e.to_string()),
            }
        }
        action
    }

    fn suggestions_ui(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        coder: &str,
    ) -> Option<PanelAction> {
        let (actor_id, scope, _) = self.found_for.clone()?;
        let Some(actor) = ws.project().actors.get(actor_id) else {
            self.suggestions.clear();
            self.found_for = None;
            return None;
        };
        ui.add_space(8.0);
        ui.separator();
        let place = match scope {
            MentionScope::Document => "this document",
            MentionScope::Project => "the project",
        };
        let heading = ui.label(
            RichText::new(format!("Suggested mentions of {} in {place}", actor.name)).strong(),
        );
        if std::mem::take(&mut self.reveal) {
            // Scroll only as far as needed to show the first results.
            let first = egui::Rect::from_min_size(
                heading.rect.min,
                egui::vec2(heading.rect.width(), 160.0),
            );
            ui.scroll_to_rect(first, None);
        }
        if self.suggestions.is_empty() {
            ui.weak("No untagged mention left.");
            if ui.button("Close suggestions").clicked() {
                self.found_for = None;
            }
            return None;
        }
        let label = mention_label(ws, actor);
        match &label {
            Some(l) => ui.weak(format!(
                "{} · accepted ones are tagged {l}",
                crate::wording::count(self.suggestions.len(), "suggestion", "suggestions")
            )),
            None => ui.colored_label(
                ui.visuals().warn_fg_color,
                "The codebook has no actor label to tag with.",
            ),
        };
        let mut accept: Vec<usize> = Vec::new();
        let mut reject: Vec<usize> = Vec::new();
        let mut action = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(label.is_some(), egui::Button::new("Accept all"))
                .clicked()
            {
                accept = (0..self.suggestions.len()).collect();
            }
            if ui.button("Reject all").clicked() {
                reject = (0..self.suggestions.len()).collect();
            }
        });
        for (i, s) in self.suggestions.iter().enumerate() {
            let title = if scope == MentionScope::Project {
                ws.project()
                    .document(&s.document)
                    .map(|d| d.title.as_str())
                    .unwrap_or(&s.document)
            } else {
                ""
            };
            ui.add_space(4.0);
            ui.label(snippet(ui, title, s));
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(label.is_some(), egui::Button::new("Accept"))
                    .accessible_name(format!("Accept mention {} at {}", i + 1, s.start))
                    .clicked()
                {
                    accept = vec![i];
                }
                if ui
                    .button("Reject")
                    .accessible_name(format!("Reject mention {} at {}", i + 1, s.start))
                    .clicked()
                {
                    reject = vec![i];
                }
                let show = ui.button("Show in text").accessible_name(format!(
                    "Show mention {} at {}",
                    i + 1,
                    s.start
                ));
                if show.clicked() {
                    action = Some(PanelAction::JumpTo(super::Jump {
                        coder: coder.to_string(),
                        document: s.document.clone(),
                        span: s.existing,
                        range: Some((s.start, s.end)),
                    }));
                }
            });
        }
        if let Some(label) = label
            && !accept.is_empty()
        {
            let chosen: Vec<MentionSuggestion> = accept
                .iter()
                .map(|&i| self.suggestions[i].clone())
                .collect();
            match accept_mentions_tx(ws, coder, &label, &chosen) {
                Ok(tx) => {
                    self.remove(&accept);
                    action = Some(PanelAction::Apply(tx));
                }
                Err(e) => self.message = Some(e.to_string()),
            }
        }
        if !reject.is_empty() {
            for &i in &reject {
                let s = &self.suggestions[i];
                self.rejected
                    .insert((s.document.clone(), s.start, s.end, s.actor));
            }
            self.remove(&reject);
        }
        action
    }

    /// Removes the suggestions at `indices`.
    fn remove(&mut self, indices: &[usize]) {
        let drop: HashSet<usize> = indices.iter().copied().collect();
        let mut i = 0;
        self.suggestions.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }

    /// Drops suggestions that the annotations cover by now (tagged by hand,
    /// or accepted), checking again only after an edit.
    fn drop_covered(&mut self, ws: &Workspace, coder: &str) {
        let rev = ws.history().revision();
        if self.checked_at == Some(rev) {
            return;
        }
        self.checked_at = Some(rev);
        self.suggestions.retain(|s| {
            ws.set(&SetKey::new(coder, &s.document)).is_none_or(|set| {
                !set.spans
                    .iter()
                    .any(|sp| sp.actor == Some(s.actor) && sp.start < s.end && s.start < sp.end)
            })
        });
    }

    /// Runs "Find mentions", or asks for the sets it needs first (and runs
    /// it again next frame).
    fn run_search(
        &mut self,
        ws: &Workspace,
        coder: &str,
        document: Option<&str>,
        actor_id: ActorId,
        scope: MentionScope,
    ) -> Option<PanelAction> {
        let actor = ws.project().actors.get(actor_id)?;
        let docs: Vec<String> = match scope {
            MentionScope::Document => document.map(|d| vec![d.to_string()]).unwrap_or_default(),
            MentionScope::Project => ws
                .project()
                .documents
                .iter()
                .map(|d| d.id.clone())
                .collect(),
        };
        if docs
            .iter()
            .any(|d| ws.set(&SetKey::new(coder, d)).is_none())
        {
            if self.load_asked_for_search {
                self.message = Some(format!(
                    "The annotations of {coder} could not all be loaded; suggestions would not be reliable."
                ));
                self.load_asked_for_search = false;
                return None;
            }
            self.load_asked_for_search = true;
            self.pending_search = Some((actor_id, scope));
            return Some(PanelAction::LoadAllSets);
        }
        self.load_asked_for_search = false;
        let mut found = Vec::new();
        let mut unreadable = Vec::new();
        for d in &docs {
            let Some(text) = self.text(ws, d) else {
                unreadable.push(d.clone());
                continue;
            };
            let set = ws.set(&SetKey::new(coder, d));
            found.extend(
                find_mentions(&text, d, actor, set, &ws.project().codebook)
                    .into_iter()
                    .filter(|s| {
                        !self
                            .rejected
                            .contains(&(s.document.clone(), s.start, s.end, s.actor))
                    }),
            );
        }
        self.message = (!unreadable.is_empty())
            .then(|| format!("Could not read the text of {}.", unreadable.join(", ")));
        self.suggestions = found;
        self.found_for = Some((actor_id, scope, coder.to_string()));
        self.reveal = true;
        self.checked_at = Some(ws.history().revision());
        None
    }

    /// The text of document `id`, read once.
    fn text(&mut self, ws: &Workspace, id: &str) -> Option<Arc<str>> {
        if let Some(t) = self.texts.get(id) {
            return Some(t.clone());
        }
        // A text changed since import shows no excerpt rather than the
        // wrong words.
        let text: Arc<str> = ws.dir().read_checked_text_of(id).ok()?.into();
        self.texts.insert(id.to_string(), text.clone());
        Some(text)
    }
}

/// A combo box of actor kinds; true when the user picked one.
fn kind_combo(ui: &mut egui::Ui, id: &str, name: &str, kind: &mut ActorKind) -> bool {
    let before = *kind;
    egui::ComboBox::from_id_salt(id)
        .selected_text(before.as_str())
        .show_ui(ui, |ui| {
            for k in ActorKind::ALL {
                ui.selectable_value(kind, k, k.as_str());
            }
        })
        .response
        .accessible_name(name);
    *kind != before
}

/// "1 mention" / "3 mentions".
fn mentions(n: usize) -> String {
    crate::wording::count(n, "mention", "mentions").to_string()
}

/// "title: …before **match** after…" as one wrapped text.
fn snippet(ui: &egui::Ui, title: &str, s: &MentionSuggestion) -> egui::text::LayoutJob {
    use egui::text::{LayoutJob, TextFormat};
    let font = egui::TextStyle::Body.resolve(ui.style());
    let weak = TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
    let strong = TextFormat {
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.5),
        ..TextFormat::simple(font, ui.visuals().strong_text_color())
    };
    let mut job = LayoutJob::default();
    if !title.is_empty() {
        job.append(&format!("{title}: "), 0.0, strong.clone());
    }
    job.append(&format!("…{}", s.before.trim_start()), 0.0, weak.clone());
    job.append(&s.matched, 0.0, strong);
    job.append(&format!("{}…", s.after.trim_end()), 0.0, weak);
    job.wrap.max_width = ui.available_width();
    job
}
