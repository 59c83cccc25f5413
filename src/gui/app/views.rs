//! The parts of the window drawn every frame from the app's state: menu
//! bar, status bar, label palette and inspector, the text with its title,
//! the compare view, and the codebook and actor windows. Each reads the
//! session and returns commands.

use super::NewscoderApp;
use crate::gui::actions::Action;
use crate::gui::commands::Command;
use crate::gui::doc_list;
use crate::gui::find_bar;
use crate::gui::inspector;
use crate::gui::palette::{self, PaletteMode};
use crate::gui::style;
use crate::gui::text_view::{self, TextViewInput};
use crate::gui::top_bar::{self, MenuInfo};
use crate::gui::windows::Floating;
use egui::{RichText, Ui};

impl NewscoderApp {
    #[must_use]
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let s = self.session.as_ref();
        let history = s.map(|s| s.ws().history());
        let coders: Vec<String> = s
            .map(|s| s.ws().project().coders.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| !crate::suggestions::is_suggestions_coder(c))
            .collect();
        let info = MenuInfo {
            has_project: s.is_some(),
            has_document: s.is_some() && self.doc.is_some(),
            has_span: self.doc.as_ref().is_some_and(|d| d.selected_span.is_some()),
            undo: history.and_then(|h| h.undo_label()),
            redo: history.and_then(|h| h.redo_label()),
            recent: &self.settings.recent_projects,
            coder: self.settings.coder.as_deref(),
            coders: &coders,
            modified: s.is_some_and(|s| s.ws().is_modified()),
            autosave_in: s.and_then(|s| s.autosave_in(self.now)),
            project_name: s.map(|s| s.ws().project().name.as_str()),
            read_only: s.is_some_and(|s| s.is_read_only()),
            documents_shown: self.show_documents,
            inspector_shown: self.show_inspector,
            own_file_chooser: self.settings.own_file_chooser,
        };
        top_bar::top_bar_ui(ui, &info)
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(st) = &self.status {
                let color = if st.error {
                    style::ERROR
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&st.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak("F1: shortcuts");
                if let Some(d) = self.doc.as_ref() {
                    if let Some(role) = &d.linking {
                        ui.label(
                            RichText::new(format!(
                                "Linking {role}: click the target span · Esc cancels"
                            ))
                            .strong(),
                        );
                    } else if let Some(sel) = &d.selection {
                        ui.weak(format!("{} characters selected", sel.len()));
                    }
                }
            });
        });
    }

    #[must_use]
    pub(super) fn right_panel_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(s) = &self.session else {
            return out;
        };
        let Some(d) = &self.doc else {
            ui.weak("No document open.");
            return out;
        };
        let set = s.ws().set(&d.key);
        if let Some(set) = set {
            let shortcut = Action::CodeDocument
                .shortcut_text(ui.ctx())
                .unwrap_or_default();
            out.extend(crate::gui::doc_codes::doc_codes_ui(
                ui,
                &mut self.doc_codes,
                &s.ws().project().codebook,
                set,
                &d.key,
                s.is_read_only(),
                &shortcut,
            ));
            if !s.ws().project().codebook.variables.is_empty() {
                ui.separator();
            }
        }
        let current = d
            .selected_span
            .and_then(|id| set.and_then(|x| x.span(id)))
            .map(|x| x.label.as_str());
        let mode = if d.selection.is_some() {
            PaletteMode::Tag
        } else if current.is_some() {
            PaletteMode::Relabel
        } else {
            PaletteMode::Idle
        };
        ui.horizontal(|ui| {
            ui.strong("Labels");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let key = Action::ToggleInspector
                    .shortcut_text(ui.ctx())
                    .unwrap_or_default();
                if ui
                    .small_button("»")
                    .accessible_name("Hide the labels and the inspector")
                    .on_hover_text(format!(
                        "Hide the labels and the inspector ({key}); label keys still work"
                    ))
                    .clicked()
                {
                    out.push(Command::Run(Action::ToggleInspector));
                }
            });
        });
        out.extend(palette::palette_ui(
            ui,
            &s.ws().project().codebook,
            mode,
            current,
        ));
        ui.separator();
        out.extend(inspector::inspector_ui(ui, &mut self.inspector, d, s.ws()));
        out
    }

    #[must_use]
    pub(super) fn central_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(s) = &mut self.session else {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                if let Some(p) = &self.pending_project {
                    // Waiting for the coder's name before opening it.
                    ui.heading(format!("Opening {}", p.display()));
                    ui.label("as soon as you say who is coding.");
                } else {
                    ui.heading("No project open");
                    ui.label("Use File › New project… or File › Open project…");
                }
                guide_link_ui(ui, &mut out);
            });
            return out;
        };
        let revision = s.ws().history().revision();
        // Pending "find mentions" suggestions of this document, drawn dashed.
        let suggestions: Vec<std::ops::Range<usize>> = match &self.doc {
            Some(d) => self
                .actor_panel
                .suggestions()
                .iter()
                .filter(|m| m.document == d.key.document)
                .map(|m| m.start..m.end)
                .collect(),
            None => Vec::new(),
        };
        if self.doc.is_none()
            && let Some(b) = &s.broken
        {
            out.extend(broken_document_ui(ui, b));
            return out;
        }
        let Some(d) = &mut self.doc else {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                ui.heading("No documents yet");
                ui.label(
                    "Use File › Import articles… (Ctrl+I), or drop article files on the window, \
                     to add articles to this project.",
                );
                guide_link_ui(ui, &mut out);
            });
            return out;
        };
        let Some(set) = s.ws().set(&d.key) else {
            return out;
        };
        egui::Frame::new()
            .inner_margin(egui::Margin {
                left: 28,
                right: 16,
                top: 14,
                bottom: 6,
            })
            .show(ui, |ui| {
                ui.label(
                    RichText::new(&d.title)
                        .size(21.0)
                        .strong()
                        .color(style::TEXT_COLOR),
                );
                // Wrapped: a long byline must not push the rest off the edge.
                ui.horizontal_wrapped(|ui| {
                    if !d.byline.is_empty() {
                        ui.label(RichText::new(&d.byline).color(egui::Color32::from_gray(95)));
                        ui.weak("·");
                    }
                    doc_list::status_ui(ui, set.status)
                        .on_hover_text("Ctrl+D marks the document done (or back in progress)");
                    ui.weak(format!(
                        "· {} span{} · coded by {}",
                        set.spans.len(),
                        if set.spans.len() == 1 { "" } else { "s" },
                        d.key.coder
                    ));
                });
            });
        if d.search.open {
            egui::Frame::new()
                .inner_margin(egui::Margin {
                    left: 28,
                    right: 16,
                    top: 2,
                    bottom: 4,
                })
                .show(ui, |ui| {
                    out.extend(find_bar::find_bar_ui(ui, &mut d.search, &d.text));
                });
        }
        out.extend(crate::gui::suggestions::bar_ui(
            ui,
            &mut self.suggestions,
            s.ws(),
            d,
            self.was_typing,
        ));
        ui.separator();
        let input = TextViewInput {
            set,
            project: s.ws().project(),
            suggestions: &suggestions,
            revision,
        };
        out.extend(text_view::text_view_ui(ui, d, &input));
        crate::gui::suggestions::paint(ui, &mut self.suggestions, s.ws(), d);
        out
    }

    /// The compare view in place of the coding view, with a way back.
    pub(super) fn compare_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            ui.heading("Compare coders");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Back to coding")
                    .on_hover_text(Action::CompareCoders.tooltip())
                    .clicked()
                {
                    out.push(Command::Run(Action::CompareCoders));
                }
            });
        });
        ui.separator();
        let (Some(view), Some(s)) = (&mut self.compare, &self.session) else {
            return out;
        };
        out.extend(crate::gui::compare::compare_ui(ui, view, s));
        out
    }

    /// The codebook editor and the actor registry, as windows.
    #[must_use]
    pub(super) fn panel_windows_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(s) = &self.session else {
            return out;
        };
        // Listing the coders reads the annotations folder: only when shown.
        let coders = if self.export_window.is_open() {
            s.ws()
                .dir()
                .all_coders()
                .unwrap_or_else(|_| s.ws().project().coders.clone())
        } else {
            Vec::new()
        };
        out.extend(self.export_window.show(ctx, s.ws().dir(), &coders));
        egui::Window::new("Codebook")
            .id(Floating::Codebook.id())
            .open(&mut self.show_codebook)
            .default_size([860.0, 580.0])
            .default_pos([40.0, 60.0])
            .constrain_to(style::work_area(ctx))
            .show(ctx, |ui| {
                out.extend(self.codebook_editor.ui(ui, s.ws()).map(Command::Panel));
            });
        let document = self.doc.as_ref().map(|d| d.key.document.as_str());
        egui::Window::new("Actors")
            .id(Floating::Actors.id())
            .open(&mut self.show_actors)
            .default_size([420.0, 600.0])
            .default_pos([300.0, 60.0])
            .constrain_to(style::work_area(ctx))
            .show(ctx, |ui| {
                out.extend(
                    self.actor_panel
                        .ui(ui, s.ws(), s.coder(), document)
                        .map(Command::Panel),
                );
            });
        out
    }
}

/// In place of the text: why a document's annotations cannot be shown,
/// and the way back (restoring an earlier version, if one is kept).
#[must_use]
pub(super) fn broken_document_ui(ui: &mut Ui, b: &crate::session::BrokenDocument) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Frame::new()
        .inner_margin(egui::Margin::same(28))
        .show(ui, |ui| {
            let heading = if b.text_changed {
                "This document's text has changed since it was imported"
            } else {
                "This document's annotations cannot be read"
            };
            ui.heading(RichText::new(heading).color(style::ERROR));
            ui.add_space(6.0);
            ui.label(RichText::new(&b.error).monospace());
            ui.add_space(8.0);
            if b.text_changed {
                ui.label("Its annotations were made on the text as imported; on this text they would mark other words, so it is not shown. Put the imported text back (from a backup or version control); nothing here has been changed. The other documents work as usual.");
                return;
            }
            ui.label("The file is left exactly as it is and cannot be edited here until it is fixed or an earlier version is restored. The other documents work as usual.");
            ui.add_space(8.0);
            if b.has_backup {
                if ui.button("Restore earlier version…").clicked() {
                    out.push(Command::ShowBackups(b.file.clone()));
                }
            } else {
                ui.weak("No earlier version of this file is kept; fix it in a text editor (the position above shows where), then reopen the project.");
            }
        });
    out
}

/// "New here?" with a link that opens Help › Guide, for the empty states.
pub(super) fn guide_link_ui(ui: &mut Ui, out: &mut Vec<Command>) {
    ui.add_space(12.0);
    let key = Action::ShowGuide
        .shortcut_text(ui.ctx())
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    if ui
        .link(format!("New here? Read the guide{key}"))
        .on_hover_text(Action::ShowGuide.tooltip())
        .clicked()
    {
        out.push(Command::Run(Action::ShowGuide));
    }
}
