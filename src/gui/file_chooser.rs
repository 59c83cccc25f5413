//! The window's own file chooser, used when no system file dialog can be
//! shown (a Linux desktop without an XDG portal and without `zenity`:
//! i3, sway, minimal setups, Xvfb) and whenever the user asks for it
//! (File › Use the window's own file chooser).
//!
//! Why our own and not a crate: `egui-file-dialog` needs another egui
//! release than ours, and `egui_file`'s text fields carry no accessible
//! labels (screen readers and our kittest tests find widgets by label) and
//! it prints its errors to stdout, where nobody sees them. What a coder
//! needs is small: a path field with Tab completion (keyboard first), the
//! folder's entries (folders first, files filtered by type), several files
//! at once for imports, the recent folders, Enter to confirm and Esc to
//! close. Errors are shown in the chooser, naming the path.
//!
//! The folder is read when it changes (and on Tab), never per frame, and
//! nothing here animates, so an open chooser leaves the window idle.

use super::file_requests::{PickKind, PickRequest};
use egui::{Id, Key, Modal, RichText, Ui};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One entry of the listed folder.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    dir: bool,
}

/// What the chooser decided this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ChooserOutcome {
    /// Still open.
    Open,
    /// Closed without a choice (Cancel, Esc).
    Cancelled,
    /// These paths were chosen (one folder, one save target, or files).
    Chosen(Vec<PathBuf>),
}

/// The open chooser.
#[derive(Debug)]
pub struct FileChooser {
    request: PickRequest,
    /// The folder listed.
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Why the folder could not be listed.
    list_error: Option<String>,
    /// What the path field holds (absolute, relative to `dir`, or `~/…`).
    path: String,
    /// Names in `dir` selected in the list (several for file imports).
    selected: BTreeSet<String>,
    /// Which of the request's filters is active.
    filter: usize,
    /// Why the last confirm was refused, or the candidates of a Tab.
    message: Option<(String, bool)>,
    /// A save target that exists: confirming again replaces it.
    overwrite: Option<PathBuf>,
    /// Give the path field the keyboard on the next frame.
    focus_path: bool,
    /// Recent folders offered (from the settings).
    recent: Vec<PathBuf>,
    /// The path as its field showed it this frame.
    drawn: String,
}

impl FileChooser {
    /// A chooser for `request`, listing its start folder (else the most
    /// recent folder, else the home folder); `recent` are offered.
    pub fn new(request: PickRequest, recent: &[PathBuf]) -> FileChooser {
        let start = request
            .start_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| recent.iter().find(|d| d.is_dir()).cloned())
            // Where newscoder was started from (`newscoder study` in the
            // folder of the study), unless that is the file system's root.
            .or_else(|| {
                std::env::current_dir()
                    .ok()
                    .filter(|d| d.parent().is_some())
            })
            .or_else(home)
            .unwrap_or_else(|| PathBuf::from("/"));
        let path = match &request.kind {
            PickKind::Save { file_name, .. } => start.join(file_name).display().to_string(),
            _ => with_slash(&start),
        };
        let mut c = FileChooser {
            request,
            dir: PathBuf::new(),
            entries: Vec::new(),
            list_error: None,
            path,
            selected: BTreeSet::new(),
            filter: 0,
            message: None,
            overwrite: None,
            focus_path: true,
            recent: recent.to_vec(),
            drawn: String::new(),
        };
        c.list(start);
        c
    }

    /// The request being answered.
    pub fn request(&self) -> &PickRequest {
        &self.request
    }

    /// The folder listed.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the path field holds.
    pub fn path_text(&self) -> &str {
        &self.path
    }

    /// The message under the path field (text, is error), if any.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|(t, e)| (t.as_str(), *e))
    }

    /// Lists `dir` (reads the folder once; the list is kept until the
    /// folder changes).
    fn list(&mut self, dir: PathBuf) {
        self.selected.clear();
        self.overwrite = None;
        match read_entries(&dir) {
            Ok(entries) => {
                self.entries = entries;
                self.list_error = None;
            }
            Err(e) => {
                self.entries.clear();
                self.list_error = Some(format!("Cannot list {}: {e}", dir.display()));
            }
        }
        self.dir = dir;
    }

    /// Lists `dir` and puts it into the path field (keeping a save
    /// target's file name).
    fn go_to(&mut self, dir: PathBuf) {
        self.path = match &self.request.kind {
            PickKind::Save { .. } => {
                let name = Path::new(&self.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                dir.join(name).display().to_string()
            }
            _ => with_slash(&dir),
        };
        self.list(dir);
        self.message = None;
        self.focus_path = true;
    }

    /// The extensions of the active filter (empty: every file).
    fn extensions(&self) -> &[String] {
        match &self.request.kind {
            PickKind::Files { filters, .. } => filters
                .get(self.filter)
                .map(|f| f.extensions.as_slice())
                .unwrap_or_default(),
            PickKind::Save {
                extension: Some(ext),
                ..
            } => std::slice::from_ref(ext),
            _ => &[],
        }
    }

    /// The entries shown: folders, then the files the filter lets through
    /// (no files when picking a folder).
    fn shown(&self) -> impl Iterator<Item = &Entry> {
        let exts = self.extensions();
        let folders = matches!(self.request.kind, PickKind::Folder { .. });
        self.entries
            .iter()
            .filter(move |e| e.dir || (!folders && matches_extension(&e.name, exts)))
    }

    /// The path field as a path: `~` is the home folder, a relative path
    /// is inside the listed folder.
    fn typed_path(&self) -> PathBuf {
        resolve(&self.dir, self.path.trim())
    }

    /// Tab in the path field: completes the last part to the longest
    /// common start of the matching names; a unique folder is entered.
    fn complete(&mut self) {
        let typed = self.path.trim().to_string();
        let (parent, prefix) = split_for_completion(&self.dir, &typed);
        let names = match read_entries(&parent) {
            Ok(e) => e,
            Err(e) => {
                self.message = Some((format!("Cannot list {}: {e}", parent.display()), true));
                return;
            }
        };
        let hits: Vec<&Entry> = names
            .iter()
            .filter(|e| e.name.starts_with(&prefix))
            .collect();
        match hits.as_slice() {
            [] => {
                self.message = Some((
                    format!("Nothing in {} starts with “{prefix}”", parent.display()),
                    true,
                ));
            }
            [one] => {
                let full = parent.join(&one.name);
                if one.dir {
                    self.go_to(full);
                } else {
                    self.path = full.display().to_string();
                    if parent != self.dir {
                        self.list(parent);
                    }
                    self.message = None;
                }
            }
            many => {
                let common = common_prefix(many.iter().map(|e| e.name.as_str()));
                self.path = parent.join(&common).display().to_string();
                if parent != self.dir {
                    self.list(parent);
                }
                let shown: Vec<&str> = many.iter().take(12).map(|e| e.name.as_str()).collect();
                let more = many.len().saturating_sub(shown.len());
                let mut text = shown.join("  ");
                if more > 0 {
                    text.push_str(&format!("  … and {more} more"));
                }
                self.message = Some((text, false));
            }
        }
        self.focus_path = true;
    }

    /// Enter or the confirm button: checks the choice and returns it, or
    /// says why not (or enters the folder typed).
    fn confirm(&mut self) -> Option<Vec<PathBuf>> {
        let multiple = matches!(self.request.kind, PickKind::Files { multiple: true, .. });
        if !self.selected.is_empty()
            && (multiple || self.selected.len() == 1)
            && matches!(self.request.kind, PickKind::Files { .. })
            && self.path.trim().is_empty()
        {
            return Some(self.selected.iter().map(|n| self.dir.join(n)).collect());
        }
        let typed = if self.path.trim().is_empty() {
            self.dir.clone()
        } else {
            self.typed_path()
        };
        let err = |c: &mut FileChooser, text: String| {
            c.message = Some((text, true));
            c.focus_path = true;
            None
        };
        match &self.request.kind {
            PickKind::Folder { may_create } => {
                if typed.is_dir() || (*may_create && !typed.exists()) {
                    Some(vec![typed])
                } else if typed.exists() {
                    err(self, format!("{} is a file, not a folder", typed.display()))
                } else {
                    err(self, format!("No such folder: {}", typed.display()))
                }
            }
            PickKind::Files { .. } => {
                if typed.is_dir() {
                    self.go_to(typed);
                    None
                } else if typed.is_file() {
                    Some(vec![typed])
                } else {
                    err(self, format!("No such file: {}", typed.display()))
                }
            }
            PickKind::Save { .. } => {
                if typed.is_dir() {
                    self.go_to(typed);
                    return None;
                }
                let parent = typed.parent().map(Path::to_path_buf).unwrap_or_default();
                if !parent.is_dir() {
                    return err(self, format!("No such folder: {}", parent.display()));
                }
                if typed.exists() && self.overwrite.as_ref() != Some(&typed) {
                    self.overwrite = Some(typed.clone());
                    return err(
                        self,
                        format!(
                            "{} exists; {} again to replace it",
                            typed.display(),
                            self.request.confirm
                        ),
                    );
                }
                Some(vec![typed])
            }
        }
    }

    /// A click on a list entry; `toggle` (Ctrl) adds it to or removes it
    /// from a multiple selection.
    fn click(&mut self, name: &str, dir: bool, toggle: bool) {
        self.message = None;
        self.overwrite = None;
        let multiple = matches!(self.request.kind, PickKind::Files { multiple: true, .. });
        let full = self.dir.join(name);
        if dir {
            self.selected.clear();
            self.path = with_slash(&full);
            return;
        }
        if toggle && multiple {
            if !self.selected.remove(name) {
                self.selected.insert(name.to_string());
            }
        } else {
            self.selected.clear();
            self.selected.insert(name.to_string());
        }
        self.path = match self.selected.len() {
            0 => with_slash(&self.dir),
            1 => self
                .dir
                .join(
                    self.selected
                        .iter()
                        .next()
                        .map(String::as_str)
                        .unwrap_or(name),
                )
                .display()
                .to_string(),
            // Several files: they are listed as selected, the field is free.
            _ => String::new(),
        };
    }

    /// Draws the chooser as a modal window sized to fit the screen.
    pub fn ui(&mut self, ctx: &egui::Context) -> ChooserOutcome {
        let mut outcome = ChooserOutcome::Open;
        let screen = ctx.content_rect();
        let width = (screen.width() - 40.0).clamp(280.0, 620.0);
        let list_height = (screen.height() - 330.0).clamp(100.0, 320.0);
        let modal = Modal::new(Id::unique("file-chooser")).show(ctx, |ui| {
            // A steady cursor: a blinking one repaints the window twice a
            // second for as long as the chooser stays open.
            ui.visuals_mut().text_cursor.blink = false;
            ui.set_width(width);
            ui.heading(&self.request.title);
            if let Some(hint) = &self.request.hint {
                ui.weak(hint);
            }
            ui.add_space(4.0);
            self.nav_ui(ui);
            ui.add_space(2.0);
            if let Some(done) = self.path_ui(ui) {
                outcome = done;
            }
            self.list_ui(ui, list_height, &mut outcome);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let confirm = ui.button(RichText::new(&self.request.confirm).strong());
                if confirm.clicked()
                    && let Some(paths) = self.confirm()
                {
                    outcome = ChooserOutcome::Chosen(paths);
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    outcome = ChooserOutcome::Cancelled;
                }
                ui.weak("Tab completes · Enter confirms · Esc cancels");
            });
        });
        // Enter after picking in the list (the path field no longer has
        // the keyboard) confirms too.
        if outcome == ChooserOutcome::Open
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input(|i| i.key_pressed(Key::Enter))
            && let Some(paths) = self.confirm()
        {
            outcome = ChooserOutcome::Chosen(paths);
        }
        if outcome == ChooserOutcome::Open && modal.should_close() {
            outcome = ChooserOutcome::Cancelled;
        }
        if outcome == ChooserOutcome::Open && self.path != self.drawn {
            // The path changed after its field was drawn (Tab, a click in
            // the list): draw this frame again so it shows now.
            ctx.request_discard("the file chooser's path changed");
        }
        outcome
    }

    /// Up, Home, the recent folders and the filter.
    fn nav_ui(&mut self, ui: &mut Ui) {
        let mut go = None;
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(self.dir.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above")
                .clicked()
            {
                go = self.dir.parent().map(Path::to_path_buf);
            }
            if let Some(h) = home()
                && ui.button("Home").clicked()
            {
                go = Some(h);
            }
            if !self.recent.is_empty() {
                // Each label stays with its box when the row wraps.
                ui.horizontal(|ui| self.recent_ui(ui, &mut go));
            }
            if let PickKind::Files { filters, .. } = &self.request.kind
                && filters.len() > 1
            {
                let filters = filters.clone();
                ui.horizontal(|ui| self.filter_ui(ui, &filters));
            }
        });
        if let Some(d) = go {
            self.go_to(d);
        }
    }

    fn recent_ui(&self, ui: &mut Ui, go: &mut Option<PathBuf>) {
        let label = ui.label("Recent folders");
        egui::ComboBox::from_id_salt("chooser-recent")
            .selected_text("choose…")
            .width(150.0)
            .show_ui(ui, |ui| {
                for d in &self.recent {
                    if ui
                        .selectable_label(false, d.display().to_string())
                        .clicked()
                    {
                        *go = Some(d.clone());
                    }
                }
            })
            .response
            .labelled_by(label.id);
    }

    fn filter_ui(&mut self, ui: &mut Ui, filters: &[super::file_requests::FileFilter]) {
        let label = ui.label("Show");
        let current = filters
            .get(self.filter)
            .map(|f| f.describe())
            .unwrap_or_default();
        let mut filter = self.filter;
        egui::ComboBox::from_id_salt("chooser-filter")
            .selected_text(current)
            .width(170.0)
            .show_ui(ui, |ui| {
                for (i, f) in filters.iter().enumerate() {
                    ui.selectable_value(&mut filter, i, f.describe());
                }
            })
            .response
            .labelled_by(label.id);
        if filter != self.filter {
            self.filter = filter;
            self.selected.clear();
        }
    }

    /// The path field (Tab completes, Enter confirms) and the message.
    fn path_ui(&mut self, ui: &mut Ui) -> Option<ChooserOutcome> {
        let mut outcome = None;
        let label = ui.label("Path");
        let id = Id::unique("file-chooser-path");
        let before = self.path.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut self.path)
                    .id(id)
                    // Tab completes instead of moving the focus.
                    .lock_focus(true)
                    .desired_width(f32::INFINITY)
                    .font(egui::TextStyle::Monospace),
            )
            .labelled_by(label.id);
        if self.path != before {
            // Typing replaces a selection made in the list.
            self.selected.clear();
            self.overwrite = None;
        }
        self.drawn = self.path.clone();
        // After the field took this frame's typing (keys typed fast come
        // in one frame with the Tab).
        if r.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab)) {
            self.complete();
        }
        if r.lost_focus()
            && ui.input(|i| i.key_pressed(Key::Enter))
            && let Some(paths) = self.confirm()
        {
            outcome = Some(ChooserOutcome::Chosen(paths));
        }
        if self.focus_path {
            self.focus_path = false;
            r.request_focus();
            move_cursor_to_end(ui.ctx(), id, self.path.chars().count());
        }
        let note = match (&self.message, self.selected.len()) {
            (Some((text, error)), _) => Some((text.clone(), *error)),
            (None, n) if n > 1 => Some((format!("{n} files selected"), false)),
            _ => None,
        };
        if let Some((text, error)) = note {
            if error {
                ui.colored_label(super::style::ERROR, text);
            } else {
                ui.weak(text);
            }
        }
        outcome
    }

    /// The folder's entries: click selects, Ctrl+click adds (imports),
    /// double-click enters a folder or confirms a file.
    fn list_ui(&mut self, ui: &mut Ui, height: f32, outcome: &mut ChooserOutcome) {
        ui.label(RichText::new(self.dir.display().to_string()).weak().small());
        let mut clicked: Option<(String, bool, bool)> = None;
        let mut entered: Option<(String, bool)> = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("chooser-list")
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(e) = &self.list_error {
                        ui.colored_label(super::style::ERROR, e);
                    }
                    let mut any = false;
                    for e in self.shown() {
                        any = true;
                        let text = if e.dir {
                            RichText::new(format!("{}/", e.name)).strong()
                        } else {
                            RichText::new(&e.name)
                        };
                        let r = ui.selectable_label(self.selected.contains(&e.name), text);
                        if r.double_clicked() {
                            entered = Some((e.name.clone(), e.dir));
                        } else if r.clicked() {
                            let toggle = ui.input(|i| i.modifiers.command);
                            clicked = Some((e.name.clone(), e.dir, toggle));
                        }
                    }
                    if !any && self.list_error.is_none() {
                        ui.weak("(nothing to show here)");
                    }
                });
        });
        if let Some((name, dir, toggle)) = clicked {
            self.click(&name, dir, toggle);
        }
        if let Some((name, dir)) = entered {
            let full = self.dir.join(&name);
            if dir {
                // Also when picking a folder: double-click enters it, the
                // confirm button picks the folder in the path field.
                self.go_to(full);
            } else {
                self.selected.clear();
                self.path = full.display().to_string();
                if let Some(paths) = self.confirm() {
                    *outcome = ChooserOutcome::Chosen(paths);
                }
            }
        }
    }

    /// Types `text` into the path field (tests and scripts).
    pub fn set_path_text(&mut self, text: &str) {
        self.path = text.to_string();
        self.selected.clear();
    }
}

/// Puts the text cursor of the field `id` at character `at`.
fn move_cursor_to_end(ctx: &egui::Context, id: Id, at: usize) {
    if let Some(mut state) = egui::text_edit::TextEditState::load(ctx, id) {
        let c = egui::text::CCursor::new(at);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(c)));
        state.store(ctx, id);
    }
}

/// The user's home folder.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
}

/// `dir` with a trailing separator, so typing continues inside it.
fn with_slash(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.ends_with(std::path::MAIN_SEPARATOR) {
        s
    } else {
        format!("{s}{}", std::path::MAIN_SEPARATOR)
    }
}

/// The entries of `dir`: folders first, then files, each sorted by name
/// ignoring case; hidden entries (a leading dot) left out.
fn read_entries(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follows symbolic links, so a linked folder is listed as one.
        let dir = entry.path().is_dir();
        out.push(Entry { name, dir });
    }
    out.sort_by_cached_key(|e| (!e.dir, e.name.to_lowercase(), e.name.clone()));
    Ok(out)
}

/// Whether `name` has one of `exts` (case-insensitive); every name
/// matches an empty list.
fn matches_extension(name: &str, exts: &[String]) -> bool {
    if exts.is_empty() {
        return true;
    }
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    exts.iter().any(|e| e.eq_ignore_ascii_case(ext))
}

/// `text` as a path: `~` or `~/…` is in the home folder, a relative path
/// is inside `dir`.
fn resolve(dir: &Path, text: &str) -> PathBuf {
    if text == "~" {
        return home().unwrap_or_else(|| dir.to_path_buf());
    }
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    let p = Path::new(text);
    normalize(&if p.is_absolute() {
        p.to_path_buf()
    } else {
        dir.join(p)
    })
}

/// `path` without `.` and with each `..` taking the folder before it off
/// (by the text alone), so "articles/../other" is remembered as "other".
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                // Above the root is the root; a relative path keeps it.
                if !out.pop() && !out.has_root() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The folder to look in and the start of the name to complete.
fn split_for_completion(dir: &Path, typed: &str) -> (PathBuf, String) {
    if typed.is_empty() {
        return (dir.to_path_buf(), String::new());
    }
    if typed.ends_with('/') || typed.ends_with(std::path::MAIN_SEPARATOR) {
        return (resolve(dir, typed), String::new());
    }
    let full = resolve(dir, typed);
    let prefix = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = full
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.to_path_buf());
    (parent, prefix)
}

/// The longest start all `names` share (whole characters).
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut len = first.len();
    for n in names {
        len = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map(|((i, a), _)| i + a.len_utf8())
            .unwrap_or(0)
            .min(len);
    }
    first[..len].to_string()
}

/// The window's file picking: whether the system dialog is used and the
/// window's own chooser while it is open.
#[derive(Debug)]
pub struct FilePicking {
    /// Whether the system dialog may be tried.
    pub(super) native: super::file_requests::Native,
    /// The window's own chooser, while open.
    pub(super) chooser: Option<FileChooser>,
}

impl Default for FilePicking {
    /// Never the system dialog (tests, benches): see [`FilePicking::for_window`].
    fn default() -> Self {
        FilePicking {
            native: super::file_requests::Native::Unavailable,
            chooser: None,
        }
    }
}

impl FilePicking {
    /// For a real window: the system dialog is tried where one can show.
    pub fn for_window() -> FilePicking {
        FilePicking {
            native: if super::file_requests::native_may_work() {
                super::file_requests::Native::Try
            } else {
                super::file_requests::Native::Unavailable
            },
            chooser: None,
        }
    }

    /// The window's own chooser, while open.
    pub fn chooser(&self) -> Option<&FileChooser> {
        self.chooser.as_ref()
    }

    /// The open chooser, to type into it (tests and scripts).
    pub fn chooser_mut(&mut self) -> Option<&mut FileChooser> {
        self.chooser.as_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::super::file_requests::{FileFilter, Purpose};
    use super::*;

    fn request(kind: PickKind) -> PickRequest {
        PickRequest {
            kind,
            title: "t".into(),
            hint: None,
            confirm: "OK".into(),
            start_dir: None,
            purpose: Purpose::OpenProject,
        }
    }

    #[test]
    fn common_prefix_stops_at_the_first_difference() {
        assert_eq!(common_prefix(["alpha", "alpine", "al"].into_iter()), "al");
        assert_eq!(common_prefix(["één", "ééx"].into_iter()), "éé");
        assert_eq!(common_prefix(["x"].into_iter()), "x");
        assert_eq!(common_prefix(["a", "b"].into_iter()), "");
    }

    #[test]
    fn typed_paths_are_resolved_in_the_listed_folder() {
        let dir = Path::new("/data/articles");
        assert_eq!(resolve(dir, "../other/"), PathBuf::from("/data/other"));
        assert_eq!(
            resolve(dir, "./a.txt"),
            PathBuf::from("/data/articles/a.txt")
        );
        assert_eq!(resolve(dir, "/x/../y"), PathBuf::from("/y"));
    }

    #[test]
    fn extensions_filter_ignoring_case() {
        let exts = vec!["txt".to_string(), "md".to_string()];
        assert!(matches_extension("a.TXT", &exts));
        assert!(!matches_extension("a.html", &exts));
        assert!(!matches_extension("README", &exts));
        assert!(matches_extension("README", &[]));
    }

    #[test]
    fn folders_come_first_and_tab_completes_a_unique_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("zeta")).unwrap();
        std::fs::create_dir(tmp.path().join("articles")).unwrap();
        std::fs::write(tmp.path().join("a.txt"), "x").unwrap();
        std::fs::write(tmp.path().join(".hidden"), "x").unwrap();
        let names: Vec<String> = read_entries(tmp.path())
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["articles", "zeta", "a.txt"]);

        let mut req = request(PickKind::Files {
            filters: vec![FileFilter::new("Text", &["txt"])],
            multiple: true,
        });
        req.start_dir = Some(tmp.path().to_path_buf());
        let mut c = FileChooser::new(req, &[]);
        c.path = format!("{}/ar", tmp.path().display());
        c.complete();
        assert_eq!(c.dir(), tmp.path().join("articles"));
        assert_eq!(c.path_text(), with_slash(&tmp.path().join("articles")));
        // Two candidates: completed to what they share, both named.
        std::fs::write(tmp.path().join("articles/report-1.txt"), "x").unwrap();
        std::fs::write(tmp.path().join("articles/report-2.txt"), "x").unwrap();
        c.path.push_str("re");
        c.complete();
        assert!(c.path_text().ends_with("articles/report-"));
        let (text, error) = c.message().unwrap();
        assert!(!error && text.contains("report-1.txt") && text.contains("report-2.txt"));
    }

    #[test]
    fn confirm_checks_the_path_and_names_it() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.txt"), "x").unwrap();
        let mut req = request(PickKind::Files {
            filters: Vec::new(),
            multiple: true,
        });
        req.start_dir = Some(tmp.path().to_path_buf());
        let mut c = FileChooser::new(req, &[]);
        c.set_path_text("missing.txt");
        assert_eq!(c.confirm(), None);
        let (text, error) = c.message().unwrap();
        assert!(error && text.contains("missing.txt"), "{text}");
        c.set_path_text("a.txt");
        assert_eq!(c.confirm(), Some(vec![tmp.path().join("a.txt")]));

        let mut req = request(PickKind::Save {
            file_name: "a.txt".into(),
            extension: None,
        });
        req.start_dir = Some(tmp.path().to_path_buf());
        let mut c = FileChooser::new(req, &[]);
        // An existing target is replaced only when confirmed twice.
        assert_eq!(c.confirm(), None);
        assert!(c.message().unwrap().0.contains("exists"));
        assert_eq!(c.confirm(), Some(vec![tmp.path().join("a.txt")]));

        let mut req = request(PickKind::Folder { may_create: true });
        req.start_dir = Some(tmp.path().to_path_buf());
        let mut c = FileChooser::new(req, &[]);
        c.set_path_text("new-study");
        assert_eq!(c.confirm(), Some(vec![tmp.path().join("new-study")]));
    }
}
