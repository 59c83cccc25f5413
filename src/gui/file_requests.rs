//! Every file or folder the window asks for goes through here: a view or
//! an action makes a [`PickRequest`] (what kind of pick, a title, what it
//! is for), the app shows the system's file dialog where one can work or
//! the window's own chooser ([`super::file_chooser`]) otherwise, and the
//! answer comes back as [`Command::Picked`](super::commands::Command::Picked), applied after the frame like
//! every other command.
//!
//! Why not just `rfd`: under a Linux desktop with neither an XDG portal
//! nor `zenity`, rfd returns `None` at once, exactly as for a cancel, and
//! the action silently did nothing. So the system dialog is only tried
//! where one can exist (on Linux and the BSDs: a session bus is set, or
//! `zenity` is on PATH; macOS and Windows always), and an answer of "none"
//! faster than a person can cancel ([`FAST_CANCEL`]) is taken as "no dialog
//! here": the window's chooser opens instead, and is used for the rest of
//! the run. File › Use the window's own file chooser makes that permanent.
//!
//! Only the app made for a real window ([`NewscoderApp::from_cc`](super::NewscoderApp::from_cc)) may use
//! the system dialog; apps built for tests always use the window's chooser
//! (a blocking native dialog in a test would hang it).

use egui::Rect;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A system dialog that answers "nothing chosen" sooner than this did not
/// show: nobody closes a file dialog that fast.
pub const FAST_CANCEL: Duration = Duration::from_millis(300);

/// A plot to save once its file is picked: the SVG text (made when the
/// button was clicked, from the figures then shown), or the screen area
/// to crop from a screenshot of the next frame for PNG.
#[derive(Clone, Debug, PartialEq)]
pub enum PlotSave {
    /// Write this SVG.
    Svg(String),
    /// Screenshot this area (points) of the window.
    Png(Rect),
}

/// A named set of file extensions offered in a file picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFilter {
    /// Shown to the user, e.g. "Articles".
    pub name: String,
    /// Extensions without the dot; empty for every file.
    pub extensions: Vec<String>,
}

impl FileFilter {
    /// A filter named `name` for `extensions` (none: every file).
    pub fn new(name: &str, extensions: &[&str]) -> FileFilter {
        FileFilter {
            name: name.to_string(),
            extensions: extensions.iter().map(|e| e.to_string()).collect(),
        }
    }

    /// "Articles (.txt .md …)" for a menu.
    pub fn describe(&self) -> String {
        if self.extensions.is_empty() {
            return self.name.clone();
        }
        let exts: Vec<String> = self.extensions.iter().map(|e| format!(".{e}")).collect();
        format!("{} ({})", self.name, exts.join(" "))
    }
}

/// What is picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// One folder; `may_create`: it may not exist yet (a new project).
    Folder {
        /// A folder that does not exist yet may be named.
        may_create: bool,
    },
    /// Existing files, shown through `filters` (the first is active).
    Files {
        /// The filters offered.
        filters: Vec<FileFilter>,
        /// Several files may be chosen.
        multiple: bool,
    },
    /// A file to write, proposed as `file_name`.
    Save {
        /// The proposed name.
        file_name: String,
        /// The extension of the format written, if it has one.
        extension: Option<String>,
    },
}

/// What the picked paths are for: the app acts on them when they arrive.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// File › New project…: create a project in the folder.
    NewProject,
    /// File › Open project….
    OpenProject,
    /// File › Import articles….
    ImportArticles,
    /// File › Import suggestions….
    ImportSuggestions,
    /// File › Merge another copy…: preview merging that project folder.
    MergeCopy,
    /// File › Export…: run the export window's export to the file.
    Export,
    /// A chart or the network saved as SVG or PNG.
    SavePlot(PlotSave),
}

/// A request for a file or folder.
#[derive(Clone, Debug, PartialEq)]
pub struct PickRequest {
    /// What is picked.
    pub kind: PickKind,
    /// The dialog's title.
    pub title: String,
    /// One line under the title (the window's chooser only).
    pub hint: Option<String>,
    /// The confirm button ("Open", "Import", …).
    pub confirm: String,
    /// The folder shown first, if it matters.
    pub start_dir: Option<PathBuf>,
    /// What the answer is for.
    pub purpose: Purpose,
}

impl PickRequest {
    /// File › New project….
    pub fn new_project() -> PickRequest {
        PickRequest {
            kind: PickKind::Folder { may_create: true },
            title: "New project".into(),
            hint: Some(
                "Type the path of a new or empty folder (it is created), or pick one.".into(),
            ),
            confirm: "Create project".into(),
            start_dir: None,
            purpose: Purpose::NewProject,
        }
    }

    /// File › Open project….
    pub fn open_project() -> PickRequest {
        PickRequest {
            kind: PickKind::Folder { may_create: false },
            title: "Open a newscoder project folder".into(),
            hint: Some("A project folder holds project.ron.".into()),
            confirm: "Open project".into(),
            start_dir: None,
            purpose: Purpose::OpenProject,
        }
    }

    /// File › Import articles….
    pub fn import_articles() -> PickRequest {
        PickRequest {
            kind: PickKind::Files {
                filters: vec![
                    FileFilter::new("Articles", &["txt", "md", "html", "htm", "jsonl", "csv"]),
                    FileFilter::new("All files", &[]),
                ],
                multiple: true,
            },
            title: "Import articles".into(),
            hint: Some("Ctrl+click picks several files.".into()),
            confirm: "Import".into(),
            start_dir: None,
            purpose: Purpose::ImportArticles,
        }
    }

    /// File › Merge another copy….
    pub fn merge_copy() -> PickRequest {
        PickRequest {
            kind: PickKind::Folder { may_create: false },
            title: "Merge another copy of this project".into(),
            hint: Some(
                "Pick the other copy's project folder (it holds project.ron); it is only read."
                    .into(),
            ),
            confirm: "Preview merge".into(),
            start_dir: None,
            purpose: Purpose::MergeCopy,
        }
    }

    /// File › Import suggestions….
    pub fn import_suggestions() -> PickRequest {
        PickRequest {
            kind: PickKind::Files {
                filters: vec![
                    FileFilter::new(
                        "JSON Lines (doccano, Prodigy)",
                        &["jsonl", "ndjson", "json"],
                    ),
                    FileFilter::new("All files", &[]),
                ],
                multiple: true,
            },
            title: "Import suggestions (model predictions)".into(),
            hint: None,
            confirm: "Import".into(),
            start_dir: None,
            purpose: Purpose::ImportSuggestions,
        }
    }

    /// Saving to a file proposed as `file_name` with `extension`.
    pub fn save(
        title: &str,
        file_name: String,
        extension: Option<&str>,
        purpose: Purpose,
    ) -> PickRequest {
        PickRequest {
            kind: PickKind::Save {
                file_name,
                extension: extension.filter(|e| !e.is_empty()).map(str::to_string),
            },
            title: title.into(),
            hint: None,
            confirm: "Save".into(),
            start_dir: None,
            purpose,
        }
    }

    /// The same request, starting in `dir`.
    pub fn in_dir(mut self, dir: Option<&Path>) -> PickRequest {
        self.start_dir = dir.map(Path::to_path_buf);
        self
    }
}

/// Whether the system file dialog may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Native {
    /// Not in this app (tests), or it did not show once this run.
    Unavailable,
    /// Worth trying.
    Try,
}

/// Whether a system file dialog can exist here: on Linux and the BSDs
/// rfd talks to the XDG desktop portal over the session bus, else runs
/// `zenity`; without both it returns at once with nothing.
pub(super) fn native_may_work() -> bool {
    native_may_work_with(
        cfg!(any(target_os = "macos", target_os = "windows")),
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").as_deref(),
        std::env::var_os("PATH").as_deref(),
    )
}

/// [`native_may_work`] from what it looks at: whether the system always
/// has a dialog, the session bus address and PATH.
fn native_may_work_with(always: bool, bus: Option<&OsStr>, path: Option<&OsStr>) -> bool {
    always
        || bus.is_some_and(|b| !b.is_empty())
        || path.is_some_and(|p| std::env::split_paths(p).any(|d| d.join("zenity").is_file()))
}

/// What the system dialog's answer means.
#[derive(Debug, PartialEq)]
pub(super) enum NativeAnswer {
    /// These paths were chosen.
    Chosen(Vec<PathBuf>),
    /// The user closed it without a choice.
    Cancelled,
    /// It never showed (it answered faster than anyone can cancel).
    NoDialog,
}

/// Reads the system dialog's answer `paths`, given after `took`.
pub(super) fn native_answer(paths: Option<Vec<PathBuf>>, took: Duration) -> NativeAnswer {
    match paths {
        Some(p) if !p.is_empty() => NativeAnswer::Chosen(p),
        _ if took < FAST_CANCEL => NativeAnswer::NoDialog,
        _ => NativeAnswer::Cancelled,
    }
}

/// Shows the system dialog for `request`; `None` when nothing was chosen.
pub(super) fn native_pick(request: &PickRequest) -> Option<Vec<PathBuf>> {
    let mut d = rfd::FileDialog::new().set_title(&request.title);
    if let Some(dir) = &request.start_dir {
        d = d.set_directory(dir);
    }
    match &request.kind {
        PickKind::Folder { .. } => d.pick_folder().map(|p| vec![p]),
        PickKind::Files { filters, multiple } => {
            for f in filters {
                let exts: Vec<&str> = if f.extensions.is_empty() {
                    vec!["*"]
                } else {
                    f.extensions.iter().map(String::as_str).collect()
                };
                d = d.add_filter(&f.name, &exts);
            }
            if *multiple {
                d.pick_files()
            } else {
                d.pick_file().map(|p| vec![p])
            }
        }
        PickKind::Save {
            file_name,
            extension,
        } => {
            d = d.set_file_name(file_name);
            if let Some(ext) = extension {
                d = d.add_filter(ext.to_uppercase(), &[ext.as_str()]);
            }
            d.save_file().map(|p| vec![p])
        }
    }
}

/// Most recent folders the file pickers remember.
pub(super) const MAX_RECENT_FOLDERS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_dialog_is_tried_only_where_one_can_show() {
        let tmp = tempfile::tempdir().unwrap();
        let empty = tmp.path().join("empty");
        let with = tmp.path().join("bin");
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::create_dir_all(&with).unwrap();
        std::fs::write(with.join("zenity"), "").unwrap();
        let path = |dirs: &[&Path]| std::env::join_paths(dirs).unwrap();
        let none = path(&[&empty]);
        assert!(!native_may_work_with(false, None, Some(&none)));
        assert!(!native_may_work_with(
            false,
            Some(OsStr::new("")),
            Some(&none)
        ));
        let bus = OsStr::new("unix:path=/run/user/1000/bus");
        assert!(native_may_work_with(false, Some(bus), Some(&none)));
        assert!(native_may_work_with(
            false,
            None,
            Some(&path(&[&empty, &with]))
        ));
        assert!(native_may_work_with(true, None, None));
    }

    #[test]
    fn nothing_chosen_at_once_means_no_dialog_showed() {
        let p = vec![PathBuf::from("/a.txt")];
        let quick = Duration::from_millis(20);
        let slow = Duration::from_secs(4);
        assert_eq!(
            native_answer(Some(p.clone()), quick),
            NativeAnswer::Chosen(p)
        );
        assert_eq!(native_answer(None, quick), NativeAnswer::NoDialog);
        assert_eq!(native_answer(None, slow), NativeAnswer::Cancelled);
    }
}
