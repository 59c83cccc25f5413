//! The eframe app: persisted settings, the open session, the view state of
//! the panels and dialogs. Constructible without a window for tests and
//! benchmarks ([`NewscoderApp::new_for_project`]).
//!
//! Everything that knows the app is in this folder; the views elsewhere in
//! `gui` get the state they draw and return commands, and never name the
//! app:
//!
//! | file | job |
//! |---|---|
//! | `mod.rs` | the state, construction, opening a project, accessors |
//! | `frame.rs` | one frame: keys, panels, windows, dialogs, then the commands; autosave |
//! | `views.rs` | menu and status bars, palette and inspector, the text, compare, side windows |
//! | `run.rs` | applying commands after the frame |
//! | `files.rs` | file picks (system dialog or own chooser) and dropped files |
//! | `answers.rs` | the modal dialogs and what each answer does |

mod answers;
mod files;
mod frame;
mod merging;
mod run;
mod views;

use super::style;
use crate::gui::backups_window::BackupsWindow;
use crate::gui::dialogs::CoderDialog;
use crate::gui::doc_list::DocListState;
use crate::gui::document::DocView;
use crate::gui::export_window::ExportWindow;
use crate::gui::inspector::InspectorState;
use crate::gui::modal::{Modal, Modals, ProjectRestore, TitledText};
use crate::gui::panels::{ActorPanel, CodebookEditor};
use crate::gui::safety_dialogs::LockPrompt;
use crate::gui::windows::{self, Floating};
use crate::session::compare::CompareState;
use crate::session::settings::{self, Settings};
use crate::session::{Session, StatusLine};
use egui::Ui;
use std::path::{Path, PathBuf};

/// Where the status line last accounted for edits: a project folder, a
/// coder and a history revision.
struct SeenEdit {
    root: PathBuf,
    coder: String,
    revision: u64,
}

/// The window's state.
pub struct NewscoderApp {
    /// Remembered between runs.
    settings: Settings,
    /// The open project, if any.
    session: Option<Session>,
    /// The session's open document as the text view shows it (layout,
    /// selection); rebuilt by [`NewscoderApp::sync_doc`] when the session
    /// opens another document.
    doc: Option<DocView>,
    /// Project to open once the coder is known.
    pending_project: Option<PathBuf>,
    doc_list: DocListState,
    inspector: InspectorState,
    /// The document codes section (coding by keyboard, typed values).
    doc_codes: crate::gui::doc_codes::DocCodesState,
    /// The dialogs waiting for an answer (only the top one shows).
    modals: Modals,
    show_shortcuts: bool,
    /// Help › Guide is open.
    show_guide: bool,
    show_codebook: bool,
    show_actors: bool,
    /// The document list is shown (F9 collapses it).
    show_documents: bool,
    /// The label palette and the inspector are shown (F10 collapses them).
    show_inspector: bool,
    codebook_editor: CodebookEditor,
    actor_panel: ActorPanel,
    export_window: ExportWindow,
    /// The compare view, shown instead of the coding view while set.
    compare: Option<CompareState>,
    allow_close: bool,
    status: Option<StatusLine>,
    now: f64,
    /// The kept file of a disk conflict the user chose to decide later.
    conflict_later: Option<PathBuf>,
    /// File › Restore earlier version….
    backups: BackupsWindow,
    /// A text field had the keyboard at the end of the last frame (egui
    /// drops focus on Escape before the frame runs, and that Escape belongs
    /// to the field, not to the text view).
    was_typing: bool,
    title: String,
    /// The selected model suggestion of the document on screen.
    suggestions: crate::gui::suggestions::SuggestionState,
    /// View › Overview and View › Actor network.
    overview: crate::gui::overview::OverviewState,
    /// Counts status messages, so a frame knows whether it said anything.
    status_serial: u64,
    /// The project folder, coder and history revision the status line last
    /// accounted for: an edit that said nothing itself is reported after
    /// the frame, so the line never keeps an older message ("Saved").
    seen_edit: Option<SeenEdit>,
    /// The system file dialog's use and the window's own file chooser.
    files: crate::gui::file_chooser::FilePicking,
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
    pub fn overview_mut(&mut self) -> &mut crate::gui::overview::OverviewState {
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
            crate::gui::suggestions::ensure_loaded(s, &key);
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
            doc_codes: Default::default(),
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
        app.files = crate::gui::file_chooser::FilePicking::for_window();
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

    /// Reads the project at `root` again after a change made outside the
    /// session's edits (an import, a merge) so every view sees it, and
    /// shows `document` again; false (with the error in the status line)
    /// when that document cannot be shown.
    pub(super) fn reopen_project(&mut self, root: &Path, document: Option<String>) -> bool {
        self.overview.invalidate();
        self.open_project(root);
        if let Some(id) = document
            && let Some(s) = &mut self.session
            && let Err(e) = s.open_document(&id)
        {
            self.sync_doc();
            self.set_status(e, true);
            return false;
        }
        self.sync_doc();
        true
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
