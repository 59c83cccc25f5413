//! The window: an eframe app over the core. The only module that knows egui.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on `project`, the last project, or the bundled example.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let _ = project;
    anyhow::bail!("the window is not built yet")
}
