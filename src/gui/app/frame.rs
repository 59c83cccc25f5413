//! One frame of the window: keyboard first, then the menu, the status bar,
//! the side panels, the text (or the compare view), the floating windows and
//! the dialogs are drawn, each returning commands; the commands run after
//! everything is drawn; then the status line is brought up to date and
//! autosave and the recovery mirror get their turn. Also the side panels'
//! widths, which shrink with the window so the text keeps at least half.

use super::{NewscoderApp, SeenEdit};
use crate::gui::actions::{self, Action};
use crate::gui::commands::Command;
use crate::gui::doc_list;
use crate::gui::modal::Modal;
use crate::gui::style;
use egui::{Panel, Ui};

impl NewscoderApp {
    /// Draws the whole window and applies what the user did. This is the
    /// body of `eframe::App::ui`, callable on any `Ui` (tests, benches).
    pub fn window_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        self.handle_close_request(&ctx);
        let mut commands = self.keyboard(&ctx);
        self.prepare_frame();

        Panel::top("menu").show(ui, |ui| {
            commands.extend(self.menu_ui(ui));
        });
        Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        // Windows and overlays stay between the menu bar and the status bar.
        let work = ui.available_rect_before_wrap();
        style::set_work_area(&ctx, work);
        if self.compare.is_some() {
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(self.compare_ui(ui));
            });
        } else {
            // The side panels shrink with the window, so the text keeps
            // at least half of it; each collapses to a strip (F9, F10).
            let (left_max, right_max) = side_panel_max(work.width());
            if self.show_documents {
                let range = panel_range(&ctx, "documents", 290.0, LEFT_MIN, left_max);
                let shown = Panel::left("documents")
                    .default_size(290.0)
                    .size_range(range)
                    .show(ui, |ui| {
                        // Fill the panel so it keeps its width (panels shrink to their content).
                        ui.take_available_width();
                        if let Some(s) = &self.session {
                            let current = self.doc.as_ref().map(|d| d.key.document.as_str());
                            commands.extend(doc_list::doc_list_ui(
                                ui,
                                &mut self.doc_list,
                                s.ws(),
                                s.coder(),
                                current,
                            ));
                        } else {
                            ui.weak("No project open.");
                        }
                    });
                let width = shown.response.rect.width();
                panel_shown(&ctx, "documents", 290.0, width, left_max);
            } else {
                commands.extend(collapsed_strip_ui(ui, Action::ToggleDocuments));
            }
            if self.show_inspector {
                let range = panel_range(&ctx, "inspector", 330.0, RIGHT_MIN, right_max);
                let shown = Panel::right("inspector")
                    .default_size(330.0)
                    .size_range(range)
                    .show(ui, |ui| {
                        ui.take_available_width();
                        // Long texts wrap instead of widening the panel.
                        ui.set_max_width(ui.available_width());
                        egui::ScrollArea::vertical()
                            .id_salt("inspector-scroll")
                            .show(ui, |ui| {
                                // The floating scroll bar is drawn over the
                                // content's right edge: keep that strip free.
                                egui::Frame::new()
                                    .inner_margin(egui::Margin {
                                        right: 12,
                                        ..Default::default()
                                    })
                                    .show(ui, |ui| {
                                        commands.extend(self.right_panel_ui(ui));
                                    });
                            });
                    });
                let width = shown.response.rect.width();
                panel_shown(&ctx, "inspector", 330.0, width, right_max);
            } else {
                commands.extend(collapsed_strip_ui(ui, Action::ToggleInspector));
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::new().fill(style::PAPER))
                .show(ui, |ui| {
                    commands.extend(self.central_ui(ui));
                });
        }
        commands.extend(self.panel_windows_ui(&ctx));
        if let Some(s) = &self.session {
            commands.extend(crate::gui::overview::overview_windows_ui(
                &ctx,
                &mut self.overview,
                s,
            ));
        }
        commands.extend(self.dialogs_ui(&ctx));
        commands.extend(self.files_ui(&ctx));

        let said = self.status_serial;
        for c in commands {
            self.run_command(&ctx, c);
        }
        self.report_edit(said);
        self.autosave(&ctx);
        self.was_typing = ctx.egui_wants_keyboard_input();
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Puts an edit of this frame on the status line if the code that made
    /// it said nothing (resizing a span, attaching an actor, …), and says
    /// when the edited document is marked done: it stays done, which
    /// should not happen unseen. `said` is the status counter before the
    /// frame's commands ran.
    pub(super) fn report_edit(&mut self, said: u64) {
        let Some(s) = &self.session else {
            self.seen_edit = None;
            return;
        };
        let history = s.ws().history();
        let revision = history.revision();
        // The common frame (nothing changed) compares without allocating.
        let root = s.ws().dir().root();
        let same_place = |seen: &SeenEdit| seen.root == root && seen.coder == s.coder();
        match &mut self.seen_edit {
            Some(seen) if same_place(seen) && seen.revision == revision => return,
            Some(seen) if same_place(seen) => seen.revision = revision,
            _ => {
                // Another project or coder: nothing to report yet.
                self.seen_edit = Some(SeenEdit {
                    root: root.to_path_buf(),
                    coder: s.coder().to_string(),
                    revision,
                });
                return;
            }
        }
        let label = history.undo_label().map(str::to_string);
        // Marking done (or not) is itself a status edit: nothing to warn of.
        let status_edit = history.peek_undo().is_some_and(|tx| {
            tx.edits
                .iter()
                .all(|e| matches!(e, crate::edit::Edit::SetStatus { .. }))
        });
        let done = s
            .key()
            .and_then(|k| s.ws().set(k))
            .is_some_and(|set| set.status == crate::model::Status::Done);
        if said == self.status_serial
            && let Some(label) = label
        {
            self.set_status(format!("{label} · Ctrl+Z undoes it"), false);
        }
        if done
            && !status_edit
            && self.compare.is_none()
            && let Some(st) = &mut self.status
        {
            st.text
                .push_str(" — this document is marked done (Ctrl+D sets it back in progress)");
        }
    }

    /// Collapses or expands the document list or the right panel.
    pub(in crate::gui) fn toggle_panel(&mut self, action: Action) {
        match action {
            Action::ToggleDocuments => self.show_documents = !self.show_documents,
            Action::ToggleInspector => self.show_inspector = !self.show_inspector,
            _ => {}
        }
    }

    /// Whether the document list and the right panel (labels and
    /// inspector) are shown rather than collapsed.
    pub fn side_panels_shown(&self) -> (bool, bool) {
        (self.show_documents, self.show_inspector)
    }

    /// Keyboard shortcuts of this frame as commands.
    #[must_use]
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if self.has_dialog() {
            return Vec::new();
        }
        let typing = self.was_typing || ctx.egui_wants_keyboard_input();
        // The compare view has keys of its own: only global commands then.
        let comparing = self.compare.is_some();
        // An open menu or drop-down closes on Esc by itself: leave the key
        // to it, so Esc closes what is on top.
        let popup = egui::Popup::is_any_open(ctx);
        // Over the compare view too, Esc closes an open window or F1.
        let closable = comparing
            && ctx.input(|i| i.key_pressed(egui::Key::Escape))
            && (self.show_shortcuts || !self.open_windows().is_empty());
        let allowed = |a: Action| {
            if a == Action::Cancel && popup {
                return false;
            }
            if a == Action::Cancel && comparing && !typing && closable {
                return true;
            }
            if typing || comparing {
                a.works_while_typing()
                    || (comparing
                        && !typing
                        && matches!(
                            a,
                            Action::Undo | Action::Redo | Action::ShowShortcuts | Action::ShowGuide
                        ))
            } else {
                true
            }
        };
        // Coding the document by keyboard takes Tab, the arrows, digits
        // and Delete before the shortcuts do.
        let mut out: Vec<Command> = Vec::new();
        if self.doc_codes.active.is_some() && !comparing && !self.show_shortcuts {
            match (&self.session, &self.doc) {
                (Some(s), Some(d)) => {
                    if let Some(set) = s.ws().set(&d.key) {
                        out = crate::gui::doc_codes::take_keys(
                            ctx,
                            &mut self.doc_codes,
                            &s.ws().project().codebook,
                            set,
                            &d.key,
                            typing,
                        );
                    }
                }
                _ => self.doc_codes.stop(),
            }
        }
        out.extend(
            ctx.input_mut(|i| actions::take_pressed(i, allowed))
                .into_iter()
                .map(Command::Run),
        );
        if self.show_shortcuts {
            return out;
        }
        if !typing
            && !comparing
            && let Some(s) = &self.session
            && self.doc.is_some()
        {
            let cb = &s.ws().project().codebook;
            let var_for_key = |c: char| {
                cb.variables
                    .iter()
                    .position(|v| v.key.map(|k| k.to_ascii_lowercase()) == Some(c))
            };
            if let Some(c) = ctx.input_mut(|i| {
                actions::take_label_key(i, |c| {
                    cb.label_for_key(c).is_some() || var_for_key(c).is_some()
                })
            }) {
                if let Some(l) = cb.label_for_key(c) {
                    out.push(Command::Tag(l.name.clone()));
                } else if let Some(i) = var_for_key(c) {
                    // A variable's key codes it by keyboard.
                    self.show_inspector = true;
                    self.doc_codes.start(i);
                }
            }
        }
        out
    }

    /// Saves on close; if that fails, keeps the window open and asks.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if let Some(s) = &mut self.session
            && let Err(e) = s.save_pending()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modals.push(Modal::CloseFailed(e));
        }
    }

    /// Writes changes a few seconds after the last edit.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = self.now;
        let Some(s) = &mut self.session else {
            return;
        };
        let due = s.autosave_due(now);
        // A second after the last edit, mirror it for crash recovery; a
        // failed mirror is only reported (saving is what counts).
        let mirror = s.write_recovery_if_due(now);
        if let Some(wait) = s.recovery_in(now).filter(|w| *w > 0.0) {
            ctx.request_repaint_after_secs(wait as f32 + 0.05);
        }
        if let Err(e) = mirror {
            self.set_status(format!("Could not write the recovery copy: {e}"), true);
        }
        let Some(s) = &mut self.session else {
            return;
        };
        if due {
            match s.save() {
                Ok(_) => self.set_status("Saved", false),
                Err(e) => {
                    // Retry later rather than every frame.
                    s.dirty_since = Some(now);
                    self.set_status(format!("Autosave failed: {e}"), true);
                }
            }
        } else if let Some(wait) = s.autosave_in(now) {
            ctx.request_repaint_after_secs(wait as f32 + 0.05);
        }
    }
}

/// Narrowest the document list may be made.
pub(super) const LEFT_MIN: f32 = 150.0;

/// Narrowest the right panel (labels and inspector) may be made.
pub(super) const RIGHT_MIN: f32 = 200.0;

/// Widest the document list and the right panel may be in a window area
/// `width` points wide: together at most half of it, so the text keeps
/// a readable column on a small screen (about 400 points at 800).
pub(super) fn side_panel_max(width: f32) -> (f32, f32) {
    (
        (width * 0.23).clamp(LEFT_MIN, 460.0),
        (width * 0.27).clamp(RIGHT_MIN, 520.0),
    )
}

/// Where the width the user gave side panel `name` is remembered (across
/// runs), and the width it had in the last frame.
pub(super) fn panel_width_ids(name: &str) -> (egui::Id, egui::Id) {
    let id = egui::Id::unique(("newscoder-panel-width", name));
    (id, id.with("last"))
}

/// The size range of side panel `name` this frame, between `min` and what
/// the window allows (`max`). A panel that a smaller window squeezed gets
/// back the width the user gave it once there is room again (egui alone
/// keeps the squeezed width).
pub(super) fn panel_range(
    ctx: &egui::Context,
    name: &str,
    default: f32,
    min: f32,
    max: f32,
) -> egui::Rangef {
    let (chosen, last) = panel_width_ids(name);
    let (chosen, last) = ctx.data_mut(|d| {
        (
            d.get_persisted::<f32>(chosen).unwrap_or(default),
            d.get_temp::<f32>(last),
        )
    });
    let target = chosen.min(max);
    match last {
        Some(w) if w >= target - 0.5 => egui::Rangef::new(min.min(max), max),
        _ => egui::Rangef::new(target, max),
    }
}

/// Notes the width side panel `name` got this frame: below the window's
/// limit `max` it is the user's choice; at the limit it may be squeezed,
/// so a wider earlier choice (or the `default`) is kept.
pub(super) fn panel_shown(ctx: &egui::Context, name: &str, default: f32, width: f32, max: f32) {
    let (chosen_id, last_id) = panel_width_ids(name);
    ctx.data_mut(|d| {
        let chosen = if width < max - 0.5 {
            width
        } else {
            d.get_persisted::<f32>(chosen_id)
                .unwrap_or(default)
                .max(width)
        };
        d.insert_persisted(chosen_id, chosen);
        d.insert_temp(last_id, width);
    });
}

/// The narrow strip a collapsed side panel leaves, with a button that
/// brings it back (`toggle` says which panel).
#[must_use]
pub(super) fn collapsed_strip_ui(ui: &mut Ui, toggle: Action) -> Option<Command> {
    let (panel, text, name) = if toggle == Action::ToggleDocuments {
        (
            Panel::left("documents-collapsed"),
            "»",
            "Show the document list",
        )
    } else {
        (
            Panel::right("inspector-collapsed"),
            "«",
            "Show the labels and the inspector",
        )
    };
    let mut out = None;
    panel.exact_size(28.0).resizable(false).show(ui, |ui| {
        let key = toggle.shortcut_text(ui.ctx()).unwrap_or_default();
        if ui
            .button(text)
            .accessible_name(name)
            .on_hover_text(format!("{name} ({key})"))
            .clicked()
        {
            out = Some(Command::Run(toggle));
        }
    });
    out
}
