//! The eframe app: persisted settings, the open session, the view state of
//! the panels and dialogs, and the frame: draw every panel, collect their
//! commands, then apply them (see `run.rs`). Constructible without a window
//! for tests and benchmarks ([`NewscoderApp::new_for_project`]).

use super::actions::{self, Action};
use super::backups_window::BackupsWindow;
use super::commands::Command;
use super::dialogs::{self, CloseChoice, CoderDialog, DialogResult};
use super::doc_list::{self, DocListState};
use super::document::DocView;
use super::export_window::ExportWindow;
use super::find_bar;
use super::inspector::{self, InspectorState};
use super::modal::{Modal, Modals, ProjectRestore, TitledText};
use super::palette::{self, PaletteMode};
use super::panels::{ActorPanel, CodebookEditor};
use super::safety_dialogs::{self, ConflictChoice, LockChoice, LockPrompt, RecoveryChoice};
use super::style;
use super::text_view::{self, TextViewInput};
use super::top_bar::{self, MenuInfo};
use super::windows::{self, Floating};
use crate::session::compare::CompareState;
use crate::session::settings::{self, Settings};
use crate::session::{Session, StatusLine};
use egui::{Panel, RichText, Ui};
use std::path::{Path, PathBuf};

/// The window's state.
pub struct NewscoderApp {
    /// Remembered between runs.
    pub(super) settings: Settings,
    /// The open project, if any.
    pub(super) session: Option<Session>,
    /// The session's open document as the text view shows it (layout,
    /// selection); rebuilt by [`NewscoderApp::sync_doc`] when the session
    /// opens another document.
    pub(super) doc: Option<DocView>,
    /// Project to open once the coder is known.
    pub(super) pending_project: Option<PathBuf>,
    pub(super) doc_list: DocListState,
    pub(super) inspector: InspectorState,
    /// The dialogs waiting for an answer (only the top one shows).
    pub(super) modals: Modals,
    pub(super) show_shortcuts: bool,
    /// Help › Guide is open.
    pub(super) show_guide: bool,
    pub(super) show_codebook: bool,
    pub(super) show_actors: bool,
    /// The document list is shown (F9 collapses it).
    pub(super) show_documents: bool,
    /// The label palette and the inspector are shown (F10 collapses them).
    pub(super) show_inspector: bool,
    codebook_editor: CodebookEditor,
    actor_panel: ActorPanel,
    pub(super) export_window: ExportWindow,
    /// The compare view, shown instead of the coding view while set.
    pub(super) compare: Option<CompareState>,
    pub(super) allow_close: bool,
    pub(super) status: Option<StatusLine>,
    pub(super) now: f64,
    /// The kept file of a disk conflict the user chose to decide later.
    pub(super) conflict_later: Option<PathBuf>,
    /// File › Restore earlier version….
    pub(super) backups: BackupsWindow,
    /// A text field had the keyboard at the end of the last frame (egui
    /// drops focus on Escape before the frame runs, and that Escape belongs
    /// to the field, not to the text view).
    was_typing: bool,
    title: String,
    /// The selected model suggestion of the document on screen.
    pub(super) suggestions: super::suggestions::SuggestionState,
    /// View › Overview and View › Actor network.
    pub(super) overview: super::overview::OverviewState,
    /// Counts status messages, so a frame knows whether it said anything.
    status_serial: u64,
    /// The project folder, coder and history revision the status line last
    /// accounted for: an edit that said nothing itself is reported after
    /// the frame, so the line never keeps an older message ("Saved").
    seen_edit: Option<(PathBuf, String, u64)>,
    /// The system file dialog's use and the window's own file chooser.
    pub(super) files: super::file_requests::FilePicking,
}

/// The copy of the bundled example the window opens (see
/// [`settings::example_working_copy`]); the bundled folder itself only if no
/// per-user data folder can be had.
fn example_to_open(bundled: &std::path::Path) -> PathBuf {
    eframe::storage_dir("newscoder")
        .and_then(|data| settings::example_working_copy(bundled, &data).ok())
        .unwrap_or_else(|| bundled.to_path_buf())
}

impl NewscoderApp {
    /// The open document as the text view shows it (selection, layout).
    pub fn doc(&self) -> Option<&DocView> {
        self.doc.as_ref()
    }

    /// The overview state (filters, picked bar), for the window and tests.
    pub fn overview_mut(&mut self) -> &mut super::overview::OverviewState {
        &mut self.overview
    }

    /// Rebuilds the text view's document when the session opened another
    /// one (or the same one again), and drops it when none is open.
    pub(super) fn sync_doc(&mut self) {
        let open = self.session.as_ref().and_then(Session::document);
        match open {
            Some(o) if self.doc.as_ref().is_some_and(|d| d.serial == o.serial) => {}
            Some(o) => self.doc = Some(DocView::new(o)),
            None => self.doc = None,
        }
    }

    /// Work that needs the session mutably but draws nothing, done before
    /// the views are drawn (they only read): the document view follows the
    /// session, the open document's suggestions are loaded, and the compare
    /// view's figures are brought up to date.
    fn prepare_frame(&mut self) {
        self.sync_doc();
        let Some(s) = &mut self.session else {
            return;
        };
        if let Some(key) = s.key().cloned() {
            super::suggestions::ensure_loaded(s, &key);
        }
        if let Some(view) = &mut self.compare {
            view.sync(s);
        }
    }

    fn empty(settings: Settings) -> NewscoderApp {
        NewscoderApp {
            settings,
            session: None,
            doc: None,
            pending_project: None,
            modals: Modals::default(),
            doc_list: DocListState::default(),
            inspector: InspectorState::default(),
            show_shortcuts: false,
            show_guide: false,
            show_codebook: false,
            show_actors: false,
            show_documents: true,
            show_inspector: true,
            codebook_editor: CodebookEditor::new(),
            actor_panel: ActorPanel::new(),
            export_window: ExportWindow::new(),
            compare: None,
            allow_close: false,
            status: None,
            now: 0.0,
            conflict_later: None,
            backups: BackupsWindow::default(),
            was_typing: false,
            title: String::new(),
            suggestions: Default::default(),
            overview: Default::default(),
            status_serial: 0,
            seen_edit: None,
            files: Default::default(),
        }
    }

    /// The app for the window: settings from eframe's storage, then
    /// `project`, the last project, or the bundled example; the coder's
    /// name is asked first if unknown.
    pub fn from_cc(cc: &eframe::CreationContext<'_>, project: Option<PathBuf>) -> NewscoderApp {
        style::apply(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, settings::STORAGE_KEY))
            .unwrap_or_default();
        let mut app = NewscoderApp::new(settings, project);
        // Only a real window may show the system's file dialog.
        app.files = super::file_requests::FilePicking::for_window();
        app
    }

    /// The app as [`NewscoderApp::from_cc`] makes it, from settings given
    /// directly: opens `project`, the last project or the bundled example,
    /// asking for the coder's name first if `settings` has none.
    pub fn new(settings: Settings, project: Option<PathBuf>) -> NewscoderApp {
        let mut app = NewscoderApp::empty(settings);
        let target = project
            .or_else(|| {
                app.settings
                    .last_project
                    .clone()
                    .filter(|p| p.join(crate::store::PROJECT_FILE).is_file())
            })
            .or_else(|| settings::example_project().map(|bundled| example_to_open(&bundled)));
        match target {
            Some(path) => app.open_project(&path),
            None => app.set_status("Open or create a project to start (File menu)", false),
        }
        app
    }

    /// An app on the project in `root`, coding as `coder`, with no storage
    /// (for tests and benchmarks).
    pub fn new_for_project(root: &Path, coder: &str) -> anyhow::Result<NewscoderApp> {
        let settings = Settings {
            coder: Some(coder.to_string()),
            ..Settings::default()
        };
        let mut app = NewscoderApp::empty(settings);
        let session =
            Session::open(root, coder).map_err(|e| anyhow::anyhow!("{}: {e}", root.display()))?;
        app.settings.remember_project(root);
        app.session = Some(session);
        app.after_open(None);
        Ok(app)
    }

    /// After a project was opened or the coder switched: asks about a lock
    /// held elsewhere, else offers edits a crashed session left unsaved.
    pub(super) fn after_open(&mut self, previous: Option<String>) {
        self.sync_doc();
        self.modals
            .close(|m| matches!(m, Modal::Recovery(_) | Modal::LockHeld(_)));
        self.conflict_later = None;
        let Some(s) = &self.session else {
            return;
        };
        if let Some(holder) = &s.lock_holder {
            self.modals.push(Modal::LockHeld(LockPrompt {
                holder: holder.clone(),
                coder: s.coder().to_string(),
                previous,
            }));
            return;
        }
        if let Some(e) = &s.lock_error {
            let text = format!("Opened read-only: the lock could not be written ({e})");
            self.set_status(text, true);
            return;
        }
        let keys = s.recoverable();
        if !keys.is_empty() || s.recoverable_registry() {
            self.modals.push(Modal::Recovery(keys));
        }
    }

    /// The "already open elsewhere" question, while shown.
    pub fn lock_prompt(&self) -> Option<&LockPrompt> {
        self.modals.find(|m| match m {
            Modal::LockHeld(p) => Some(p),
            _ => None,
        })
    }

    /// The documents whose unsaved edits are offered back, while asked.
    pub fn recovery_offer(&self) -> Option<&[crate::edit::SetKey]> {
        self.modals.find(|m| match m {
            Modal::Recovery(keys) => Some(keys.as_slice()),
            _ => None,
        })
    }

    /// File › Restore earlier version….
    pub fn backups_window(&self) -> &BackupsWindow {
        &self.backups
    }

    /// The error dialog's title and text, while it is open.
    pub fn error_dialog(&self) -> Option<&TitledText> {
        self.modals.find(|m| match m {
            Modal::Error(t) => Some(t),
            _ => None,
        })
    }

    /// The failed save on close being asked about.
    pub fn close_failed(&self) -> Option<&str> {
        self.modals.find(|m| match m {
            Modal::CloseFailed(e) => Some(e.as_str()),
            _ => None,
        })
    }

    /// The settings that persist between runs.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open project's session.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Mutable access to the session (tests and benchmarks drive edits
    /// through `Session::apply` like the views do).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// The actor registry panel (shown with View › Actors…), for driving
    /// "find mentions" from tests and scripts.
    pub fn actor_panel_mut(&mut self) -> &mut ActorPanel {
        &mut self.actor_panel
    }

    /// Whether the export window is open.
    pub fn export_shown(&self) -> bool {
        self.export_window.is_open()
    }

    /// Whether the actor registry window is open.
    pub fn actors_shown(&self) -> bool {
        self.show_actors
    }

    /// The last status-bar message.
    pub fn status(&self) -> Option<&StatusLine> {
        self.status.as_ref()
    }

    /// Whether a modal dialog (coder name, error, …) is showing.
    pub fn has_dialog(&self) -> bool {
        !self.modals.is_empty() || self.conflict_shown().is_some() || self.files.chooser().is_some()
    }

    /// The floating windows that are open, in no particular order.
    pub fn open_windows(&self) -> Vec<Floating> {
        [
            (Floating::Codebook, self.show_codebook),
            (Floating::Actors, self.show_actors),
            (Floating::Export, self.export_window.is_open()),
            (Floating::Overview, self.overview.open),
            (Floating::Network, self.overview.network.open),
            (Floating::Backups, self.backups.is_open()),
            (Floating::Guide, self.show_guide),
        ]
        .into_iter()
        .filter_map(|(w, open)| open.then_some(w))
        .collect()
    }

    /// Closes the window on top, if any is open (Esc); returns whether one
    /// was closed.
    pub(super) fn close_topmost_window(&mut self, ctx: &egui::Context) -> bool {
        let Some(w) = windows::topmost(ctx, &self.open_windows()) else {
            return false;
        };
        match w {
            Floating::Codebook => self.show_codebook = false,
            Floating::Actors => self.show_actors = false,
            Floating::Export => self.export_window.close(),
            Floating::Overview => self.overview.open = false,
            Floating::Network => self.overview.network.open = false,
            Floating::Backups => self.backups.close(),
            Floating::Guide => self.show_guide = false,
        }
        true
    }

    /// The disk conflict to ask about this frame, if any.
    fn conflict_shown(&self) -> Option<&crate::session::DiskConflict> {
        self.session
            .as_ref()
            .and_then(|s| s.conflict.as_ref())
            .filter(|c| self.conflict_later.as_ref() != Some(&c.kept))
    }

    /// The window title for the current state.
    pub fn window_title(&self) -> String {
        match &self.session {
            Some(s) if s.is_read_only() => {
                format!("{} (read-only) — newscoder", s.ws().project().name)
            }
            Some(s) if s.ws().is_modified() => {
                format!("• {} (unsaved) — newscoder", s.ws().project().name)
            }
            Some(s) => format!("{} — newscoder", s.ws().project().name),
            None => "newscoder".to_string(),
        }
    }

    pub(super) fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status_serial += 1;
        self.status = Some(StatusLine {
            text: text.into(),
            error,
        });
    }

    pub(super) fn show_error(&mut self, title: &str, text: impl Into<String>) {
        let text = text.into();
        self.set_status(
            format!("{title}: {}", text.lines().next().unwrap_or_default()),
            true,
        );
        self.modals.push(Modal::Error(TitledText {
            title: title.to_string(),
            text,
        }));
    }

    /// Opens the project in `root` (saving the current one first); asks
    /// for the coder's name first if it is not known yet.
    pub fn open_project(&mut self, root: &Path) {
        if let Some(s) = &mut self.session
            && let Err(e) = s.save_pending()
        {
            self.show_error("Could not save the current project", e);
            return;
        }
        let Some(coder) = self.settings.coder.clone() else {
            self.pending_project = Some(root.to_path_buf());
            let known = crate::store::ProjectDir::open(root)
                .map(|d| d.project.coders)
                .unwrap_or_default();
            self.modals.push(Modal::CoderName(CoderDialog {
                first_run: true,
                known,
                ..CoderDialog::default()
            }));
            return;
        };
        // Reopening the same folder: release its lock before taking it
        // again (the old guard would remove the new lock file on drop).
        let same = self.session.as_ref().is_some_and(|s| {
            std::fs::canonicalize(s.root()).ok() == std::fs::canonicalize(root).ok()
        });
        if same {
            self.session = None;
        }
        // The document left on screen last time, if this is that project.
        let resume = self
            .settings
            .last_document
            .clone()
            .filter(|_| self.settings.last_project.as_deref() == Some(root));
        match Session::open(root, &coder) {
            Ok(mut s) => {
                if let Some(id) = resume
                    && s.key().is_some_and(|k| k.document != id)
                    && s.ws().project().document(&id).is_some()
                {
                    let _ = s.open_document(&id);
                }
                let name = s.ws().project().name.clone();
                let docs = s.ws().project().documents.len();
                let problems = s.load_errors.len();
                self.session = Some(s);
                self.settings.remember_project(root);
                self.doc_list = DocListState::default();
                if problems > 0 {
                    self.set_status(
                        format!("Opened {name}: {problems} annotation file(s) could not be read"),
                        true,
                    );
                } else {
                    self.set_status(
                        format!(
                            "Opened {name} ({})",
                            crate::wording::count(docs, "document", "documents")
                        ),
                        false,
                    );
                }
                self.after_open(None);
            }
            Err(e) => {
                self.settings.forget_project(root);
                let text = format!("{}\n\n{e}", root.display());
                let backup = crate::store::list_backups(root)
                    .into_iter()
                    .find(|b| b.file == Path::new(crate::store::PROJECT_FILE));
                match backup {
                    // A kept earlier project.ron: offer it right away.
                    Some(b) => {
                        self.set_status(format!("Could not open the project: {e}"), true);
                        self.modals.push(Modal::RestoreProject(ProjectRestore {
                            root: root.to_path_buf(),
                            error: text,
                            backup: b,
                        }));
                    }
                    None => self.show_error("Could not open the project", text),
                }
            }
        }
    }

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
            commands.extend(super::overview::overview_windows_ui(
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
    fn report_edit(&mut self, said: u64) {
        let Some(s) = &self.session else {
            self.seen_edit = None;
            return;
        };
        let history = s.ws().history();
        let revision = history.revision();
        // The common frame (nothing changed) compares without allocating.
        let root = s.ws().dir().root();
        let same_place = |(r, c, _): &(PathBuf, String, u64)| r == root && *c == s.coder();
        match &mut self.seen_edit {
            Some(seen) if same_place(seen) && seen.2 == revision => return,
            Some(seen) if same_place(seen) => seen.2 = revision,
            _ => {
                // Another project or coder: nothing to report yet.
                self.seen_edit = Some((root.to_path_buf(), s.coder().to_string(), revision));
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
    pub(super) fn toggle_panel(&mut self, action: Action) {
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
    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Command> {
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
        let mut out: Vec<Command> = ctx
            .input_mut(|i| actions::take_pressed(i, allowed))
            .into_iter()
            .map(Command::Run)
            .collect();
        if self.show_shortcuts {
            return out;
        }
        if !typing
            && !comparing
            && let Some(s) = &self.session
            && self.doc.is_some()
        {
            let cb = &s.ws().project().codebook;
            if let Some(c) =
                ctx.input_mut(|i| actions::take_label_key(i, |c| cb.label_for_key(c).is_some()))
                && let Some(l) = cb.label_for_key(c)
            {
                out.push(Command::Tag(l.name.clone()));
            }
        }
        out
    }

    /// Saves on close; if that fails, keeps the window open and asks.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
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
    fn autosave(&mut self, ctx: &egui::Context) {
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

    #[must_use]
    fn menu_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
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

    fn status_bar_ui(&mut self, ui: &mut Ui) {
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
    fn right_panel_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(s) = &self.session else {
            return out;
        };
        let Some(d) = &self.doc else {
            ui.weak("No document open.");
            return out;
        };
        let set = s.ws().set(&d.key);
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
    fn central_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
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
        out.extend(super::suggestions::bar_ui(
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
        super::suggestions::paint(ui, &mut self.suggestions, s.ws(), d);
        out
    }

    /// The compare view in place of the coding view, with a way back.
    fn compare_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
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
        out.extend(super::compare::compare_ui(ui, view, s));
        out
    }

    /// The codebook editor and the actor registry, as windows.
    #[must_use]
    fn panel_windows_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
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

    #[must_use]
    fn dialogs_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        out.extend(self.modal_ui(ctx));
        if self.show_shortcuts {
            let cb = self.session.as_ref().map(|s| &s.ws().project().codebook);
            if dialogs::shortcuts_ui(ctx, cb) {
                self.show_shortcuts = false;
            }
        }
        let cb = self.session.as_ref().map(|s| &s.ws().project().codebook);
        super::guide::guide_ui(ctx, &mut self.show_guide, cb);
        self.safety_dialogs_ui(ctx);
        out
    }

    /// The disk-conflict question (when no other dialog is open) and
    /// File › Restore earlier version….
    fn safety_dialogs_ui(&mut self, ctx: &egui::Context) {
        // The modal dialogs come first: the disk-conflict question waits.
        if self.modals.is_empty()
            && let Some(c) = self.conflict_shown()
        {
            let choice = safety_dialogs::conflict_dialog_ui(ctx, c);
            self.conflict_choice(choice);
        }
        if let Some(b) = self.backups.show(ctx) {
            self.restore_backup(&b);
        }
    }

    /// The project that failed to open and whose earlier `project.ron` is
    /// offered, while asked.
    pub fn project_restore_offer(&self) -> Option<&Path> {
        self.modals.find(|m| match m {
            Modal::RestoreProject(r) => Some(r.root.as_path()),
            _ => None,
        })
    }

    /// Draws the dialog on top of the stack and acts on its answer.
    #[must_use]
    fn modal_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(top) = self.modals.top_mut() else {
            return out;
        };
        match top {
            Modal::CoderName(d) => match dialogs::coder_dialog_ui(ctx, d) {
                DialogResult::Open => {}
                DialogResult::Closed => self.close_modal(|m| matches!(m, Modal::CoderName(_))),
                DialogResult::Done(c) => out.push(c),
            },
            Modal::Error(t) => {
                if dialogs::message_ui(ctx, "error", &t.title, &t.text) {
                    self.close_modal(|m| matches!(m, Modal::Error(_)));
                }
            }
            Modal::Report(t) => {
                if dialogs::message_ui(ctx, "report", &t.title, &t.text) {
                    self.close_modal(|m| matches!(m, Modal::Report(_)));
                }
            }
            Modal::CloseFailed(e) => match dialogs::close_failed_ui(ctx, e) {
                CloseChoice::Undecided => {}
                CloseChoice::Stay => self.close_modal(|m| matches!(m, Modal::CloseFailed(_))),
                CloseChoice::Discard => {
                    self.close_modal(|m| matches!(m, Modal::CloseFailed(_)));
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            },
            Modal::LockHeld(p) => {
                let choice = safety_dialogs::lock_dialog_ui(ctx, p);
                self.lock_choice(choice);
            }
            Modal::Recovery(keys) => {
                let docs: Vec<String> = keys.iter().map(|k| k.document.clone()).collect();
                let registry = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.recoverable_registry());
                let choice = safety_dialogs::recovery_dialog_ui(ctx, &docs, registry);
                self.recovery_choice(choice);
            }
            Modal::RestoreProject(r) => {
                match safety_dialogs::project_restore_ui(ctx, &r.error, &r.backup) {
                    None => {}
                    Some(false) => self.close_modal(|m| matches!(m, Modal::RestoreProject(_))),
                    Some(true) => {
                        let (root, backup) = (r.root.clone(), r.backup.backup.clone());
                        self.close_modal(|m| matches!(m, Modal::RestoreProject(_)));
                        match crate::store::restore_backup(&root, &backup) {
                            Ok(_) => {
                                self.open_project(&root);
                                if self.session.as_ref().is_some_and(|s| s.root() == root) {
                                    self.set_status(
                                        format!("Restored project.ron from {}", backup.display()),
                                        false,
                                    );
                                }
                            }
                            Err(e) => self.show_error("Could not restore", e.to_string()),
                        }
                    }
                }
            }
        }
        out
    }

    /// Closes the dialogs `which` picks.
    pub(super) fn close_modal(&mut self, which: impl Fn(&Modal) -> bool) {
        self.modals.close(which);
    }

    /// Acts on the answer to "already open in another window".
    pub fn lock_choice(&mut self, choice: LockChoice) {
        if choice == LockChoice::Undecided {
            return;
        }
        let Some(p) = self.modals.take(|m| match m {
            Modal::LockHeld(p) => Some(p.clone()),
            _ => None,
        }) else {
            return;
        };
        match choice {
            LockChoice::Undecided => {}
            LockChoice::ReadOnly => self.set_status(
                format!("Read-only: {}", safety_dialogs::lock_message(&p)),
                false,
            ),
            LockChoice::OpenAnyway => {
                let Some(s) = &mut self.session else {
                    return;
                };
                match s.take_over_lock() {
                    Ok(()) => {
                        self.set_status(format!("Coding as {} (lock taken over)", p.coder), false);
                        self.after_open(p.previous);
                    }
                    Err(e) => self.show_error("Could not take the lock over", e),
                }
            }
            LockChoice::Cancel => match &p.previous {
                // May ask again, if that coder's lock was taken meanwhile.
                Some(prev) => self.set_coder(prev),
                None => {
                    self.session = None;
                    self.set_status("Not opened: the annotations are open elsewhere", false);
                }
            },
        }
    }

    /// Acts on the answer to the recovery offer.
    pub fn recovery_choice(&mut self, choice: RecoveryChoice) {
        let Some(keys) = self.recovery_offer().map(<[_]>::to_vec) else {
            return;
        };
        let Some(s) = &mut self.session else {
            self.close_modal(|m| matches!(m, Modal::Recovery(_)));
            return;
        };
        match choice {
            RecoveryChoice::Undecided => return,
            RecoveryChoice::Restore => match s.recover(&keys) {
                Ok(()) => {
                    self.sync_doc();
                    self.set_status(
                        format!(
                            "Recovered unsaved edits of {} document(s) — Ctrl+Z takes them back",
                            keys.len()
                        ),
                        false,
                    );
                }
                Err(e) => self.show_error("Could not recover the unsaved edits", e),
            },
            RecoveryChoice::Discard => {
                s.discard_recovery();
                self.set_status("Discarded the unsaved edits of the earlier session", false);
            }
        }
        self.close_modal(|m| matches!(m, Modal::Recovery(_)));
    }

    /// Acts on the answer to "file changed on disk".
    pub fn conflict_choice(&mut self, choice: ConflictChoice) {
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(c) = s.conflict.clone() else {
            return;
        };
        match choice {
            ConflictChoice::Undecided => {}
            ConflictChoice::Later => {
                self.conflict_later = Some(c.kept.clone());
                self.set_status(
                    format!(
                        "Not saved: {} changed on disk — File › Save tries again",
                        c.path.display()
                    ),
                    true,
                );
            }
            ConflictChoice::LoadTheirs if c.path.ends_with(crate::store::PROJECT_FILE) => {
                // No partial reload of project.ron: read the project again
                // (our version stays in the kept file).
                let root = s.root();
                self.session = None;
                self.open_project(&root);
                self.set_status(
                    format!(
                        "Loaded their project.ron; yours is kept as {}",
                        c.kept.display()
                    ),
                    false,
                );
            }
            ConflictChoice::LoadTheirs => match s.load_their_version() {
                Ok(doc) => {
                    self.sync_doc();
                    self.set_status(
                        format!(
                            "Loaded their version of {doc}; yours is kept as {}",
                            c.kept.display()
                        ),
                        false,
                    )
                }
                Err(e) => self.show_error("Could not load their version", e),
            },
        }
    }

    /// Runs an action as if its shortcut was pressed (tests, benches).
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        self.run_command(ctx, Command::Run(action));
    }

    /// Applies a command as if a view had returned it (tests, scripts).
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        self.run_command(ctx, command);
    }
}

/// Narrowest the document list may be made.
const LEFT_MIN: f32 = 150.0;
/// Narrowest the right panel (labels and inspector) may be made.
const RIGHT_MIN: f32 = 200.0;

/// Widest the document list and the right panel may be in a window area
/// `width` points wide: together at most half of it, so the text keeps
/// a readable column on a small screen (about 400 points at 800).
fn side_panel_max(width: f32) -> (f32, f32) {
    (
        (width * 0.23).clamp(LEFT_MIN, 460.0),
        (width * 0.27).clamp(RIGHT_MIN, 520.0),
    )
}

/// Where the width the user gave side panel `name` is remembered (across
/// runs), and the width it had in the last frame.
fn panel_width_ids(name: &str) -> (egui::Id, egui::Id) {
    let id = egui::Id::unique(("newscoder-panel-width", name));
    (id, id.with("last"))
}

/// The size range of side panel `name` this frame, between `min` and what
/// the window allows (`max`). A panel that a smaller window squeezed gets
/// back the width the user gave it once there is room again (egui alone
/// keeps the squeezed width).
fn panel_range(ctx: &egui::Context, name: &str, default: f32, min: f32, max: f32) -> egui::Rangef {
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
fn panel_shown(ctx: &egui::Context, name: &str, default: f32, width: f32, max: f32) {
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
fn collapsed_strip_ui(ui: &mut Ui, toggle: Action) -> Option<Command> {
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

/// In place of the text: why a document's annotations cannot be shown,
/// and the way back (restoring an earlier version, if one is kept).
#[must_use]
fn broken_document_ui(ui: &mut Ui, b: &crate::session::BrokenDocument) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Frame::new()
        .inner_margin(egui::Margin::same(28))
        .show(ui, |ui| {
            ui.heading(RichText::new("This document's annotations cannot be read").color(style::ERROR));
            ui.add_space(6.0);
            ui.label(RichText::new(&b.error).monospace());
            ui.add_space(8.0);
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

impl eframe::App for NewscoderApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        // Only the small settings go through eframe's storage; save them
        // often so a crash does not forget the coder or the project.
        std::time::Duration::from_secs(5)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.last_document = self
            .session
            .as_ref()
            .and_then(|s| s.key())
            .map(|k| k.document.clone());
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        if let Some(s) = &mut self.session
            && let Err(e) = s.save_pending()
        {
            eprintln!("newscoder: could not save on exit: {e}");
        }
    }
}

/// "New here?" with a link that opens Help › Guide, for the empty states.
fn guide_link_ui(ui: &mut Ui, out: &mut Vec<Command>) {
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
