//! File › Export…: choose a format, one coder or all, all documents or only
//! those marked done (and for CoNLL the category), pick where to save, and
//! watch the export run on a background thread with a progress bar; the
//! written path (and any warnings) are shown when it is done.
//!
//! The export reads the project from disk, so the caller saves unsaved
//! edits before opening the window. Call [`ExportWindow::show`] every frame:
//! it also collects a finished export while the window is closed.

use super::commands::Command;
use super::file_requests::{PickRequest, Purpose};
use crate::export::{ExportError, ExportOptions, ExportSummary, Format, export};
use crate::model::safe_name;
use crate::store::ProjectDir;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// How many warnings the window lists before summarising the rest.
const SHOWN_WARNINGS: usize = 50;

/// The export dialog and the export it may be running.
pub struct ExportWindow {
    open: bool,
    format: Format,
    /// `None`: every coder.
    coder: Option<String>,
    done_only: bool,
    /// Category for CoNLL.
    category: String,
    job: Option<Job>,
    outcome: Option<Outcome>,
}

/// An export running on a background thread.
struct Job {
    out: PathBuf,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    handle: JoinHandle<Result<ExportSummary, ExportError>>,
}

/// How the last export ended.
#[derive(Debug)]
pub enum Outcome {
    /// Written; the summary says where.
    Done(ExportSummary),
    /// Not written; why.
    Failed(String),
}

impl Default for ExportWindow {
    fn default() -> Self {
        ExportWindow {
            open: false,
            format: Format::Jsonl,
            coder: None,
            done_only: false,
            category: "Actor".to_string(),
            job: None,
            outcome: None,
        }
    }
}

impl ExportWindow {
    /// A closed window with jsonl, all coders and all documents selected.
    pub fn new() -> ExportWindow {
        ExportWindow::default()
    }

    /// Opens the window (File › Export…).
    pub fn open(&mut self) {
        self.open = true;
    }

    /// Whether the window is showing.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Closes the window (a running export goes on and reports when done).
    pub fn close(&mut self) {
        self.open = false;
    }

    /// Whether an export is running.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// How the last finished export ended.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// Selects the format, coder (`None` = all) and the done-only filter,
    /// as the controls do.
    pub fn select(&mut self, format: Format, coder: Option<String>, done_only: bool) {
        self.format = format;
        self.coder = coder;
        self.done_only = done_only;
    }

    /// Starts exporting `dir` to `out` with the current choices on a
    /// background thread (what the Export button does after the save
    /// dialog). Does nothing while an export is running.
    pub fn start(&mut self, ctx: &egui::Context, dir: &ProjectDir, out: PathBuf) {
        if self.job.is_some() {
            return;
        }
        let opts = ExportOptions {
            format: self.format,
            out: out.clone(),
            coder: self.coder.clone(),
            done_only: self.done_only,
            category: (self.format == Format::Conll).then(|| self.category.clone()),
        };
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(dir.project.documents.len()));
        let (d, t, repaint) = (done.clone(), total.clone(), ctx.clone());
        let dir = dir.clone();
        let handle = std::thread::spawn(move || {
            export(&dir, &opts, &mut |n, of| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
                repaint.request_repaint();
            })
        });
        self.outcome = None;
        self.job = Some(Job {
            out,
            done,
            total,
            handle,
        });
    }

    /// Collects a finished export.
    fn poll(&mut self) {
        if !self.job.as_ref().is_some_and(|j| j.handle.is_finished()) {
            return;
        }
        let Some(job) = self.job.take() else { return };
        self.outcome = Some(match job.handle.join() {
            Ok(Ok(summary)) => Outcome::Done(summary),
            Ok(Err(e)) => Outcome::Failed(e.to_string()),
            Err(_) => Outcome::Failed(format!(
                "the export to {} stopped unexpectedly; nothing was written there",
                job.out.display()
            )),
        });
    }

    /// Draws the window (when open) and collects a finished export.
    /// `coders` are offered besides "All coders". Returns the request for
    /// the file to export to when Export… is clicked (the export starts
    /// when it is answered, see [`ExportWindow::start`]).
    #[must_use]
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        dir: &ProjectDir,
        coders: &[String],
    ) -> Option<Command> {
        self.poll();
        if self.job.is_some() {
            // The thread asks for repaints too; this keeps the bar moving
            // if a document takes long.
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        if !self.open {
            return None;
        }
        let mut open = self.open;
        let mut out = None;
        egui::Window::new("Export")
            .id(crate::gui::windows::Floating::Export.id())
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .default_width(460.0)
            .default_pos([420.0, 80.0])
            // Below the menu bar, and scrolled when taller than the window.
            .constrain_to(super::style::work_area(ctx))
            .vscroll(true)
            .show(ctx, |ui| out = self.contents(ui, dir, coders));
        self.open = open;
        out
    }

    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        dir: &ProjectDir,
        coders: &[String],
    ) -> Option<Command> {
        let mut out = None;
        let running = self.job.is_some();
        ui.add_enabled_ui(!running, |ui| {
            egui::Grid::new("export-options")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Format");
                    egui::ComboBox::from_id_salt("export-format")
                        .width(300.0)
                        .selected_text(format_text(self.format))
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut self.format, f, format_text(f));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Coder");
                    let selected = self
                        .coder
                        .clone()
                        .unwrap_or_else(|| "All coders".to_string());
                    egui::ComboBox::from_id_salt("export-coder")
                        .width(300.0)
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.coder, None, "All coders");
                            for c in coders {
                                ui.selectable_value(&mut self.coder, Some(c.clone()), c);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    ui.label("Documents");
                    ui.checkbox(&mut self.done_only, "Only those marked done");
                    ui.end_row();

                    if self.format == Format::Conll {
                        let label = ui.label("Category");
                        let cats = &dir.project.codebook.categories;
                        if !cats.iter().any(|c| c.name == self.category)
                            && let Some(first) = cats.first()
                        {
                            self.category = first.name.clone();
                        }
                        egui::ComboBox::from_id_salt("export-category")
                            .width(300.0)
                            .selected_text(self.category.clone())
                            .show_ui(ui, |ui| {
                                for c in cats {
                                    ui.selectable_value(
                                        &mut self.category,
                                        c.name.clone(),
                                        &c.name,
                                    );
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            ui.weak(hint(self.format, self.coder.is_none()));
            ui.add_space(6.0);
            if ui.button("Export…").clicked() {
                out = Some(Command::PickFile(self.target_request(dir)));
            }
        });
        if let Some(job) = &self.job {
            let (done, total) = (
                job.done.load(Ordering::Relaxed),
                job.total.load(Ordering::Relaxed),
            );
            let fraction = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add_space(6.0);
            ui.label(format!("Exporting to {} …", job.out.display()));
            ui.add(egui::ProgressBar::new(fraction).text(format!("{done} / {total} documents")));
        }
        match &self.outcome {
            Some(Outcome::Done(s)) => {
                ui.add_space(6.0);
                ui.label(format!(
                    "Exported {} ({}, {}) to:",
                    crate::wording::count(s.documents, "document", "documents"),
                    crate::wording::count(s.sets, "annotation set", "annotation sets"),
                    crate::wording::count(s.spans, "span", "spans")
                ));
                for f in &s.files {
                    ui.add(
                        egui::Label::new(egui::RichText::new(f.display().to_string()).monospace())
                            .selectable(true),
                    );
                }
                let n = s.warnings.len() + s.warnings_omitted;
                if n > 0 {
                    egui::CollapsingHeader::new(format!("{n} warning(s)"))
                        .id_salt("export-warnings")
                        .show(ui, |ui| {
                            egui::ScrollArea::vertical()
                                .max_height(200.0)
                                .show(ui, |ui| {
                                    for w in s.warnings.iter().take(SHOWN_WARNINGS) {
                                        ui.label(w);
                                    }
                                    let rest = n.saturating_sub(SHOWN_WARNINGS);
                                    if rest > 0 {
                                        ui.weak(format!("… and {rest} more"));
                                    }
                                });
                        });
                }
            }
            Some(Outcome::Failed(e)) => {
                ui.add_space(6.0);
                ui.colored_label(ui.visuals().error_fg_color, format!("Export failed: {e}"));
            }
            None => {}
        }
        out
    }

    /// Where to save, asked with the project's name (and the coder's)
    /// proposed next to the project folder; brat gets a name for the
    /// folder it creates.
    pub fn target_request(&self, dir: &ProjectDir) -> PickRequest {
        let base = safe_name(&dir.project.name, "export");
        let coder = self
            .coder
            .as_deref()
            .map(|c| format!("-{c}"))
            .unwrap_or_default();
        let ext = self.format.extension();
        let title = if self.format.writes_folder() {
            "Name of the folder to create for the brat export"
        } else {
            "Export to"
        };
        let name = if ext.is_empty() {
            format!("{base}{coder}-{}", self.format.name())
        } else {
            format!("{base}{coder}.{ext}")
        };
        PickRequest::save(title, name, Some(ext), Purpose::Export).in_dir(dir.root().parent())
    }
}

fn format_text(f: Format) -> String {
    format!("{} — {}", f.name(), f.description())
}

/// One line on what the chosen format writes.
fn hint(format: Format, all_coders: bool) -> &'static str {
    match (format, all_coders) {
        (Format::Jsonl | Format::Prodigy | Format::Conll, true) => {
            "One entry per document and coder."
        }
        (Format::Csv, _) => {
            "Also writes <name>.documents.csv (metadata and status) and <name>.codes.csv (document codes)."
        }
        (Format::Xlsx, _) => "Spans, documents and codes sheets; cells are data, never formulas.",
        (Format::Brat, true) => "Creates a folder with one sub-folder per coder.",
        (Format::Brat, false) => "Creates a folder of .txt and .ann files.",
        (Format::Graphml | Format::NetworkCsv, true) => {
            "Stances of all coders are pooled; edges list each coder's count."
        }
        _ => "",
    }
}
