//! File › Restore earlier version…: lists the kept earlier versions of the
//! project's files (`.bak`, and our versions kept as `.mine-<time>` when a
//! file changed on disk) and restores the chosen one after a confirmation.

use super::safety_dialogs::age;
use crate::store::{Backup, list_backups};
use egui::{Id, Modal, RichText};
use std::path::{Path, PathBuf};

/// The window's state.
#[derive(Debug, Default)]
pub struct BackupsWindow {
    open: bool,
    /// Only versions of this file (relative to the project), if set.
    only: Option<PathBuf>,
    list: Vec<Backup>,
    confirm: Option<Backup>,
}

impl BackupsWindow {
    /// Opens the window on the project at `root`, listing every backup or
    /// only those of `only`.
    pub fn open(&mut self, root: &Path, only: Option<PathBuf>) {
        self.list = list_backups(root)
            .into_iter()
            .filter(|b| only.as_ref().is_none_or(|f| &b.file == f))
            .collect();
        self.only = only;
        self.confirm = None;
        self.open = true;
    }

    /// Whether the window is showing.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The versions listed.
    pub fn listed(&self) -> &[Backup] {
        &self.list
    }

    /// Closes the window.
    pub fn close(&mut self) {
        self.open = false;
        self.confirm = None;
    }

    /// Draws the list and the confirmation; returns the backup to restore
    /// once confirmed.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Backup> {
        if !self.open {
            return None;
        }
        let mut chosen = None;
        let mut open = self.open;
        egui::Window::new("Restore earlier version")
            .id(crate::gui::windows::Floating::Backups.id())
            .open(&mut open)
            .default_size([620.0, 380.0])
            .constrain_to(super::style::work_area(ctx))
            .show(ctx, |ui| {
                if let Some(f) = &self.only {
                    ui.label(format!("Earlier versions of {}", f.display()));
                }
                if self.list.is_empty() {
                    ui.weak("No earlier versions are kept yet (one is kept each time a file is saved over).");
                    return;
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    egui::Grid::new("backups-grid")
                        .num_columns(4)
                        .striped(true)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            ui.strong("File");
                            ui.strong("Earlier version");
                            ui.strong("Written");
                            ui.label("");
                            ui.end_row();
                            for b in &self.list {
                                ui.label(b.file.display().to_string());
                                ui.monospace(
                                    b.backup
                                        .file_name()
                                        .map(|n| n.to_string_lossy().into_owned())
                                        .unwrap_or_default(),
                                );
                                ui.label(age(b.modified));
                                if ui.button("Restore…").clicked() {
                                    self.confirm = Some(b.clone());
                                }
                                ui.end_row();
                            }
                        });
                });
            });
        self.open = open;
        if let Some(b) = self.confirm.clone() {
            Modal::new(Id::unique("restore-confirm")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("Restore this version?");
                ui.label(format!(
                    "{} will be replaced by {} (written {}). The current version is kept as a backup, so this can be undone the same way.",
                    b.file.display(),
                    b.backup.display(),
                    age(b.modified)
                ));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Restore").strong()).clicked() {
                        chosen = Some(b.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm = None;
                    }
                });
            });
        }
        if chosen.is_some() {
            self.close();
        }
        chosen
    }
}
