//! The menu bar (File, Edit, Document, View, Help) built from the action
//! list, with the coder switcher and the save state on the right.

use super::actions::Action;
use super::commands::Command;
use egui::{RichText, Ui};
use std::path::PathBuf;

/// What the menus need to know to enable and label their entries.
pub struct MenuInfo<'a> {
    /// A project is open.
    pub has_project: bool,
    /// A document is open.
    pub has_document: bool,
    /// A span is selected.
    pub has_span: bool,
    /// Label of the step undo would revert.
    pub undo: Option<&'a str>,
    /// Label of the step redo would re-apply.
    pub redo: Option<&'a str>,
    /// Recent projects, most recent first.
    pub recent: &'a [PathBuf],
    /// The coder.
    pub coder: Option<&'a str>,
    /// Coders of the project.
    pub coders: &'a [String],
    /// Unsaved changes exist.
    pub modified: bool,
    /// Seconds until autosave.
    pub autosave_in: Option<f64>,
    /// Project name.
    pub project_name: Option<&'a str>,
    /// The coder's annotations are open in another window: nothing is
    /// saved.
    pub read_only: bool,
    /// The document list is shown (not collapsed).
    pub documents_shown: bool,
    /// The labels and the inspector are shown (not collapsed).
    pub inspector_shown: bool,
    /// Files are picked with the window's own chooser, never the system's.
    pub own_file_chooser: bool,
}

/// A menu entry for `action`, with its shortcut; returns the command if
/// clicked.
#[must_use]
fn item(ui: &mut Ui, action: Action, enabled: bool, label: Option<String>) -> Option<Command> {
    let mut button = egui::Button::new(label.unwrap_or_else(|| action.label()));
    if let Some(s) = action.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(RichText::new(s).weak());
    }
    let r = ui
        .add_enabled(enabled, button)
        .on_hover_text(action.tooltip());
    r.clicked().then_some(Command::Run(action))
}

/// Draws the menu bar; returns the commands chosen.
#[must_use]
pub fn top_bar_ui(ui: &mut Ui, info: &MenuInfo<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            out.extend(item(ui, Action::NewProject, true, None));
            out.extend(item(ui, Action::OpenProject, true, None));
            ui.menu_button("Recent projects", |ui| {
                if info.recent.is_empty() {
                    ui.weak("none yet");
                }
                for p in info.recent {
                    if ui
                        .button(recent_label(p))
                        .on_hover_text(p.display().to_string())
                        .clicked()
                    {
                        out.push(Command::OpenProject(p.clone()));
                    }
                }
            });
            ui.separator();
            out.extend(item(ui, Action::ImportArticles, info.has_project, None));
            out.extend(item(ui, Action::ImportSuggestions, info.has_project, None));
            out.extend(item(ui, Action::MergeCopy, info.has_project, None));
            out.extend(item(ui, Action::Export, info.has_project, None));
            out.extend(item(ui, Action::Save, info.has_project, None));
            out.extend(item(ui, Action::RestoreEarlier, info.has_project, None));
            ui.separator();
            let mut own = info.own_file_chooser;
            if ui
                .checkbox(&mut own, "Use the window's own file chooser")
                .on_hover_text(
                    "Pick files in the window instead of the system's file dialog \
                     (used anyway when the system has none)",
                )
                .changed()
            {
                out.push(Command::OwnFileChooser(own));
            }
            ui.separator();
            out.extend(item(ui, Action::Quit, true, None));
        });
        ui.menu_button("Edit", |ui| {
            let undo = info.undo.map(|l| format!("Undo {l}"));
            out.extend(item(ui, Action::Undo, info.undo.is_some(), undo));
            let redo = info.redo.map(|l| format!("Redo {l}"));
            out.extend(item(ui, Action::Redo, info.redo.is_some(), redo));
            ui.separator();
            out.extend(item(ui, Action::DeleteSpan, info.has_span, None));
            for a in [
                Action::StartEarlier,
                Action::StartLater,
                Action::EndEarlier,
                Action::EndLater,
            ] {
                out.extend(item(ui, a, info.has_span, None));
            }
            ui.separator();
            out.extend(item(ui, Action::Find, info.has_document, None));
            out.extend(item(ui, Action::FindNext, info.has_document, None));
            out.extend(item(ui, Action::FindPrevious, info.has_document, None));
        });
        ui.menu_button("Document", |ui| {
            for a in [
                Action::PreviousDocument,
                Action::NextDocument,
                Action::ToggleDone,
                Action::CodeDocument,
                Action::PreviousSpan,
                Action::NextSpan,
            ] {
                out.extend(item(ui, a, info.has_document, None));
            }
        });
        ui.menu_button("View", |ui| {
            out.extend(item(ui, Action::ShowCodebook, info.has_project, None));
            out.extend(item(ui, Action::ShowActors, info.has_project, None));
            out.extend(item(ui, Action::ShowOverview, info.has_project, None));
            out.extend(item(ui, Action::ShowNetwork, info.has_project, None));
            ui.separator();
            let verb = |shown: bool| if shown { "Hide" } else { "Show" };
            let text = format!("{} document list", verb(info.documents_shown));
            out.extend(item(ui, Action::ToggleDocuments, true, Some(text)));
            let text = format!("{} labels and inspector", verb(info.inspector_shown));
            out.extend(item(ui, Action::ToggleInspector, true, Some(text)));
            ui.separator();
            out.extend(item(ui, Action::CompareCoders, info.has_project, None));
        });
        ui.menu_button("Help", |ui| {
            out.extend(item(ui, Action::ShowGuide, true, None));
            out.extend(item(ui, Action::ShowShortcuts, true, None));
        });

        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let coder = info.coder.unwrap_or("nobody");
            ui.menu_button(RichText::new(format!("Coder: {coder}")).strong(), |ui| {
                ui.weak("Code as");
                for c in info.coders {
                    if ui
                        .selectable_label(Some(c.as_str()) == info.coder, c)
                        .clicked()
                    {
                        out.push(Command::SetCoder(c.clone()));
                    }
                }
                ui.separator();
                out.extend(item(
                    ui,
                    Action::SwitchCoder,
                    true,
                    Some("Another coder…".into()),
                ));
            })
            .response
            .on_hover_text("Your annotations are saved under this name. Click to switch.");
            ui.separator();
            if info.has_project {
                let (text, color) = match (info.modified, info.autosave_in) {
                    _ if info.read_only => ("read-only".to_string(), super::style::ERROR),
                    (false, _) => ("Saved".to_string(), super::style::OK),
                    (true, Some(s)) => (
                        format!("unsaved · autosave in {:.0}s", s.ceil()),
                        egui::Color32::from_rgb(0xb0, 0x6a, 0x00),
                    ),
                    (true, None) => (
                        "unsaved".to_string(),
                        egui::Color32::from_rgb(0xb0, 0x6a, 0x00),
                    ),
                };
                ui.label(RichText::new(text).color(color).size(12.5));
            }
            if let Some(name) = info.project_name {
                ui.label(RichText::new(name).strong());
            }
        });
    });
    out
}

/// A recent project as the menu shows it: the folder's name, then where it
/// is (two projects named `study` must be told apart), the home folder
/// written `~`.
pub fn recent_label(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return name;
    };
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let place = match home.as_deref().and_then(|h| parent.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_string(),
        Some(rest) => format!("~/{}", rest.display()),
        None => parent.display().to_string(),
    };
    format!("{name} — {place}")
}

#[cfg(test)]
mod tests {
    use super::recent_label;
    use std::path::Path;

    #[test]
    fn recent_projects_of_the_same_name_are_told_apart() {
        let a = recent_label(Path::new("/data/2019/study"));
        let b = recent_label(Path::new("/data/2020/study"));
        assert_eq!(a, "study — /data/2019");
        assert_eq!(b, "study — /data/2020");
    }
}
