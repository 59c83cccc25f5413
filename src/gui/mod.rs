//! The window: an eframe app over the core. The only module that knows egui.
//!
//! Shape: [`NewscoderApp`] keeps the persisted
//! [`Settings`](crate::session::settings::Settings) apart from the open
//! [`Session`](crate::session::Session) (the editor without a window:
//! workspace, coder, open document, lock) and from the view state. Views are
//! functions ending in `_ui` that read the session and return
//! [`commands::Command`]s; the app applies them after the frame, and every
//! data change goes through the session, so undo/redo, the unsaved state,
//! autosave and the read-only rule hold for all of them. Menus, shortcuts
//! and the F1 overlay come from one list, [`actions::Action`]. Only
//! `gui::app` knows the app.

pub mod actions;
mod app;
pub mod backups_window;
pub mod commands;
pub mod compare;
mod dialogs;
pub mod doc_codes;
pub mod doc_list;
pub mod document;
pub mod export_window;
pub mod file_chooser;
mod file_drop;
pub mod file_requests;
pub mod find_bar;
pub mod guide;
pub mod inspector;
pub mod merge_dialog;
pub mod modal;
pub mod overview;
pub mod palette;
pub mod panels;
pub mod rtl_layout;
pub mod safety_dialogs;
pub mod span_index;
pub mod style;
pub mod suggestions;
pub mod text_layout;
pub mod text_view;
mod top_bar;
pub mod windows;

pub use crate::session::StatusLine;
pub use app::NewscoderApp;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on `project`, the last project, or the bundled example.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("newscoder")
            .with_app_id("newscoder")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "newscoder",
        options,
        Box::new(move |cc| Ok(Box::new(NewscoderApp::from_cc(cc, project)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
