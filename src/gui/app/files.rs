//! What the app does with files: asking for one (the system dialog where
//! one can show, else the window's own chooser — see
//! [`crate::gui::file_requests`]), acting on the paths picked, and files or
//! folders dropped on the window.

use super::NewscoderApp;
use crate::gui::commands::Command;
use crate::gui::file_chooser::{ChooserOutcome, FileChooser, FilePicking};
use crate::gui::file_requests::*;
use crate::model::Codebook;
use crate::store::ProjectDir;
use std::path::{Path, PathBuf};
use std::time::Instant;

impl NewscoderApp {
    /// Asks for what `request` describes: the system dialog where it
    /// works (its answer is applied at once; this runs after the frame),
    /// else the window's chooser opens and answers in a later frame.
    pub(in crate::gui) fn request_file(&mut self, ctx: &egui::Context, request: PickRequest) {
        let request = match request.start_dir {
            Some(_) => request,
            None => {
                let recent = self.settings.recent_folders.first().cloned();
                request.in_dir(recent.as_deref())
            }
        };
        if self.settings.own_file_chooser || self.files.native == Native::Unavailable {
            self.open_chooser(ctx, request);
            return;
        }
        let started = Instant::now();
        let paths = native_pick(&request);
        match native_answer(paths, started.elapsed()) {
            NativeAnswer::Chosen(paths) => self.picked(ctx, request.purpose, paths),
            NativeAnswer::NoDialog => {
                // No dialog showed: say so once, and use ours from now on.
                self.files.native = Native::Unavailable;
                self.set_status(
                    "No system file dialog could be shown; using the window's own file chooser",
                    false,
                );
                self.open_chooser(ctx, request);
            }
            NativeAnswer::Cancelled => {}
        }
    }

    pub(super) fn open_chooser(&mut self, ctx: &egui::Context, request: PickRequest) {
        self.files.chooser = Some(FileChooser::new(request, &self.settings.recent_folders));
        // Opened after the frame was drawn: show it now.
        ctx.request_repaint();
    }

    /// The window's file picking state (tests look at the chooser).
    pub fn file_picking(&self) -> &FilePicking {
        &self.files
    }

    /// The window's file picking state, to drive the chooser (tests).
    pub fn file_picking_mut(&mut self) -> &mut FilePicking {
        &mut self.files
    }

    /// Draws the window's chooser when open, and handles files dragged
    /// over or dropped on the window; returns what to apply.
    #[must_use]
    pub(in crate::gui) fn files_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(c) = &mut self.files.chooser {
            match c.ui(ctx) {
                ChooserOutcome::Open => {}
                ChooserOutcome::Cancelled => self.files.chooser = None,
                ChooserOutcome::Chosen(paths) => {
                    let purpose = c.request().purpose.clone();
                    self.files.chooser = None;
                    out.push(Command::Picked { purpose, paths });
                }
            }
        }
        out.extend(crate::gui::file_drop::drop_ui(ctx, self.session.is_some()));
        out
    }

    /// Acts on paths picked for `purpose`.
    pub(in crate::gui) fn picked(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        paths: Vec<PathBuf>,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        // A project folder is remembered by where it lies, so the next
        // pick shows it among its siblings.
        let folder = match purpose {
            Purpose::NewProject | Purpose::OpenProject | Purpose::MergeCopy => {
                first.parent().unwrap_or(&first)
            }
            _ => &first,
        };
        self.remember_folder(folder);
        match purpose {
            Purpose::NewProject => self.create_project(&first),
            Purpose::OpenProject => {
                if first.join(crate::store::PROJECT_FILE).is_file() {
                    self.open_project(&first);
                } else {
                    self.show_error(
                        "Not a newscoder project",
                        format!(
                            "{} holds no {}.\n\nFile › New project… creates a project there.",
                            first.display(),
                            crate::store::PROJECT_FILE
                        ),
                    );
                }
            }
            Purpose::ImportArticles => self.import_paths(&paths),
            Purpose::ImportSuggestions => self.import_suggestion_paths(&paths),
            Purpose::MergeCopy => self.preview_merge(&first),
            Purpose::Export => {
                if let Some(s) = &self.session {
                    self.export_window.start(ctx, s.ws().dir(), first);
                }
            }
            Purpose::SavePlot(plot) => self.overview.export.save(ctx, plot, first),
        }
    }

    /// Remembers the folder of `path` (or `path`, a folder) as recent.
    pub(super) fn remember_folder(&mut self, path: &Path) {
        let folder = if path.is_dir() {
            Some(path)
        } else {
            path.parent()
        };
        let Some(folder) = folder.filter(|f| f.is_dir()) else {
            return;
        };
        let recent = &mut self.settings.recent_folders;
        recent.retain(|p| p != folder);
        recent.insert(0, folder.to_path_buf());
        recent.truncate(MAX_RECENT_FOLDERS);
    }

    /// Creates a project in `folder` (made if missing) and opens it.
    pub(super) fn create_project(&mut self, folder: &Path) {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".into());
        match ProjectDir::create(folder, &name, Codebook::default_media()) {
            Ok(_) => {
                self.open_project(folder);
                self.set_status(
                    format!(
                        "Created {name} in {} — now File › Import articles… (or drop article files on the window)",
                        folder.display()
                    ),
                    false,
                );
            }
            Err(e) => self.show_error(
                "Could not create the project",
                format!("{}\n\n{e}", folder.display()),
            ),
        }
    }

    /// Files or folders dropped on the window: a folder holding a project
    /// is opened; anything else is imported as articles into the open
    /// project, with the import report shown.
    pub(in crate::gui) fn dropped(&mut self, paths: Vec<PathBuf>) {
        let (projects, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| p.join(crate::store::PROJECT_FILE).is_file());
        if let Some(project) = projects.first() {
            self.open_project(project);
            let left = projects.len() - 1 + files.len();
            if left > 0 && self.session.as_ref().is_some_and(|s| s.root() == *project) {
                self.set_status(
                    format!(
                        "Opened {}; the other {left} dropped item(s) were left alone — drop articles on the open project",
                        project.display()
                    ),
                    false,
                );
            }
            return;
        }
        let names = files
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n  ");
        if self.session.is_none() {
            self.show_error(
                "Nothing imported: no project is open",
                format!(
                    "Dropped:\n  {names}\n\nArticles are imported into a project. Open one (File › Open project…, \
                     or drop its folder on the window) or create one (File › New project…), then drop the \
                     articles again."
                ),
            );
            return;
        }
        self.import_paths(&files);
    }
}
