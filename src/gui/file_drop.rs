//! Files dragged onto the window: a hint while they hover, and on drop
//! article files are imported into the open project (with the same
//! per-file report as `newscoder import`) and a project folder is opened.

use super::app::NewscoderApp;
use super::commands::Command;
use egui::{Align2, Color32, FontId, Id, LayerId, Order};
use std::path::PathBuf;

/// Reads this frame's dropped files (as one command) and, while files
/// hover over the window, draws what dropping them will do.
#[must_use]
pub fn drop_ui(ctx: &egui::Context, has_project: bool) -> Option<Command> {
    let (hovering, dropped) = ctx.input(|i| {
        let dropped: Vec<PathBuf> = i
            .raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        (!i.raw.hovered_files.is_empty(), dropped)
    });
    if hovering {
        let text = if has_project {
            "Drop article files to import them into this project\n(a project folder is opened instead)"
        } else {
            "Drop a project folder to open it\n(to import articles, open or create a project first)"
        };
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(LayerId::new(Order::Foreground, Id::unique("file-drop")));
        painter.rect_filled(screen, 0.0, Color32::from_black_alpha(150));
        painter.text(
            screen.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(20.0),
            Color32::WHITE,
        );
    }
    (!dropped.is_empty()).then_some(Command::DropFiles(dropped))
}

impl NewscoderApp {
    /// Files or folders dropped on the window: a folder holding a project
    /// is opened; anything else is imported as articles into the open
    /// project, with the import report shown.
    pub(super) fn dropped(&mut self, paths: Vec<PathBuf>) {
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
