//! Files dragged onto the window: a hint while they hover, and on drop
//! article files are imported into the open project (with the same
//! per-file report as `newscoder import`) and a project folder is opened.

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
