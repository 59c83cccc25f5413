//! Every command of the window in one list, each with its label, tooltip
//! and shortcuts, so the menus, the buttons, the keyboard handling and the
//! F1 overlay are all generated from the same place.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A keyboard shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    /// Modifiers that must be held (matched exactly).
    pub modifiers: Modifiers,
    /// The key.
    pub key: Key,
}

impl Shortcut {
    /// Whether a key press with `modifiers` triggers this shortcut. Keys that
    /// are themselves typed with Shift (`?`) match with or without it.
    pub fn matches(self, key: Key, modifiers: Modifiers) -> bool {
        if key != self.key {
            return false;
        }
        if self.key == Key::Questionmark {
            let mut m = modifiers;
            m.shift = false;
            return m.matches_exact(self.modifiers);
        }
        modifiers.matches_exact(self.modifiers)
    }

    /// As egui's shortcut type, for formatting in menus.
    pub fn keyboard_shortcut(self) -> KeyboardShortcut {
        KeyboardShortcut::new(self.modifiers, self.key)
    }

    /// Human-readable text, e.g. "Ctrl+Shift+Z".
    pub fn text(self, ctx: &egui::Context) -> String {
        let m = self.modifiers;
        let mut s = String::new();
        if m.command || m.ctrl || m.mac_cmd {
            s.push_str(if ctx.os() == egui::os::OperatingSystem::Mac {
                "Cmd+"
            } else {
                "Ctrl+"
            });
        }
        if m.alt {
            s.push_str("Alt+");
        }
        if m.shift {
            s.push_str("Shift+");
        }
        s.push_str(key_text(self.key));
        s
    }
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

/// The commands of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Create a project in a folder.
    NewProject,
    /// Open a project folder.
    OpenProject,
    /// Add article files to the project.
    ImportArticles,
    /// Write a labelled dataset (jsonl, CoNLL, CSV, brat, …).
    Export,
    /// Write all changes.
    Save,
    /// Close the window.
    Quit,
    /// Revert the last change.
    Undo,
    /// Re-apply the last undone change.
    Redo,
    /// Open the find bar.
    Find,
    /// Go to the next search match.
    FindNext,
    /// Go to the previous search match.
    FindPrevious,
    /// Show the previous document of the list.
    PreviousDocument,
    /// Show the next document of the list.
    NextDocument,
    /// Mark the document done, or back in progress.
    ToggleDone,
    /// Code the document's variables by keyboard.
    CodeDocument,
    /// Delete the selected span.
    DeleteSpan,
    /// Cancel linking, then clear the selection.
    Cancel,
    /// Move the selection's end one word left.
    ExtendLeft,
    /// Move the selection's end one word right.
    ExtendRight,
    /// Move the selected span's start one word left.
    StartEarlier,
    /// Move the selected span's start one word right.
    StartLater,
    /// Move the selected span's end one word left.
    EndEarlier,
    /// Move the selected span's end one word right.
    EndLater,
    /// Start linking the selected span in its n-th role (0-based).
    LinkRole(u8),
    /// Select the next span in the text.
    NextSpan,
    /// Select the previous span in the text.
    PreviousSpan,
    /// Change the coder.
    SwitchCoder,
    /// Open the codebook editor.
    ShowCodebook,
    /// Open the actor registry.
    ShowActors,
    /// Compare two coders and adjudicate into a gold standard.
    CompareCoders,
    /// Load a model's predictions as suggestions to accept or reject.
    ImportSuggestions,
    /// Bring another copy of the project (a folder passed around) in.
    MergeCopy,
    /// Put back an earlier version of a project file.
    RestoreEarlier,
    /// Charts of the coding so far.
    ShowOverview,
    /// The actor network of stances.
    ShowNetwork,
    /// Collapse or expand the document list on the left.
    ToggleDocuments,
    /// Collapse or expand the labels and the inspector on the right.
    ToggleInspector,
    /// Show all shortcuts.
    ShowShortcuts,
    /// Show the step-by-step guide for a first-time coder.
    ShowGuide,
}

impl Action {
    /// Every action, in the order the shortcut overlay lists them.
    pub const ALL: [Action; 41] = [
        Action::NewProject,
        Action::OpenProject,
        Action::ImportArticles,
        Action::ImportSuggestions,
        Action::MergeCopy,
        Action::Export,
        Action::RestoreEarlier,
        Action::Save,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Find,
        Action::FindNext,
        Action::FindPrevious,
        Action::PreviousDocument,
        Action::NextDocument,
        Action::ToggleDone,
        Action::CodeDocument,
        Action::DeleteSpan,
        Action::Cancel,
        Action::ExtendLeft,
        Action::ExtendRight,
        Action::StartEarlier,
        Action::StartLater,
        Action::EndEarlier,
        Action::EndLater,
        Action::LinkRole(0),
        Action::LinkRole(1),
        Action::LinkRole(2),
        Action::NextSpan,
        Action::PreviousSpan,
        Action::SwitchCoder,
        Action::ShowCodebook,
        Action::ShowActors,
        Action::CompareCoders,
        Action::ShowOverview,
        Action::ShowNetwork,
        Action::ToggleDocuments,
        Action::ToggleInspector,
        Action::ShowShortcuts,
        Action::ShowGuide,
    ];

    /// Menu and button text.
    pub fn label(self) -> String {
        let s = match self {
            Action::NewProject => "New project…",
            Action::OpenProject => "Open project…",
            Action::ImportArticles => "Import articles…",
            Action::Export => "Export…",
            Action::Save => "Save",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Find => "Find…",
            Action::FindNext => "Find next",
            Action::FindPrevious => "Find previous",
            Action::PreviousDocument => "Previous document",
            Action::NextDocument => "Next document",
            Action::ToggleDone => "Mark done / not done",
            Action::CodeDocument => "Code the document",
            Action::DeleteSpan => "Delete span",
            Action::Cancel => "Cancel / clear selection",
            Action::ExtendLeft => "Selection end one word left",
            Action::ExtendRight => "Selection end one word right",
            Action::StartEarlier => "Span start one word left",
            Action::StartLater => "Span start one word right",
            Action::EndEarlier => "Span end one word left",
            Action::EndLater => "Span end one word right",
            Action::LinkRole(n) => {
                let which = ["first", "second", "third"]
                    .get(n as usize)
                    .copied()
                    .unwrap_or("next");
                let e_g = ["holder, agent", "target, patient", "place"]
                    .get(n as usize)
                    .copied()
                    .unwrap_or("");
                return format!("Link the span's {which} role ({e_g})");
            }
            Action::NextSpan => "Next span",
            Action::PreviousSpan => "Previous span",
            Action::SwitchCoder => "Switch coder…",
            Action::ShowCodebook => "Codebook…",
            Action::ShowActors => "Actors…",
            Action::CompareCoders => "Compare coders…",
            Action::ImportSuggestions => "Import suggestions…",
            Action::MergeCopy => "Merge another copy…",
            Action::RestoreEarlier => "Restore earlier version…",
            Action::ShowOverview => "Overview",
            Action::ShowNetwork => "Actor network",
            Action::ToggleDocuments => "Document list (show/hide)",
            Action::ToggleInspector => "Labels and inspector (show/hide)",
            Action::ShowShortcuts => "Keyboard shortcuts",
            Action::ShowGuide => "Guide",
        };
        s.to_string()
    }

    /// Whether the action changes annotations, the codebook or the actors
    /// (refused in a read-only session).
    pub fn changes_data(self) -> bool {
        matches!(
            self,
            Action::Undo
                | Action::Redo
                | Action::ToggleDone
                | Action::DeleteSpan
                | Action::StartEarlier
                | Action::StartLater
                | Action::EndEarlier
                | Action::EndLater
                | Action::LinkRole(_)
                | Action::ImportArticles
        )
    }

    /// One sentence saying what the action does.
    pub fn tooltip(self) -> &'static str {
        match self {
            Action::NewProject => "Create a new project folder with the default codebook",
            Action::OpenProject => "Open an existing project folder",
            Action::ImportArticles => {
                "Add .txt, .md, .html, .jsonl or .csv articles to the project"
            }
            Action::Export => {
                "Write a labelled dataset (jsonl, Prodigy, CoNLL, CSV, brat, GraphML)"
            }
            Action::Save => "Write all changes now (changes are also saved automatically)",
            Action::Quit => "Save and close the window",
            Action::Undo => "Revert the last change",
            Action::Redo => "Re-apply the change just undone",
            Action::Find => "Search the document; a match can be tagged like a selection",
            Action::FindNext => "Select the next match",
            Action::FindPrevious => "Select the previous match",
            Action::PreviousDocument => "Open the previous document of the list",
            Action::NextDocument => "Open the next document of the list",
            Action::ToggleDone => "Mark this document done for you, or back in progress",
            Action::CodeDocument => {
                "Set the document codes (genre, topic, tone…) by keyboard: Tab moves between them, Up/Down or 1–9 choose, Delete clears, Esc ends"
            }
            Action::DeleteSpan => "Delete the selected span and the links to it",
            Action::Cancel => "Stop linking, or clear the selection",
            Action::ExtendLeft => "Shrink or extend the text selection by one word to the left",
            Action::ExtendRight => "Extend the text selection by one word to the right",
            Action::StartEarlier => "Extend the selected span by one word at its start",
            Action::StartLater => "Shrink the selected span by one word at its start",
            Action::EndEarlier => "Shrink the selected span by one word at its end",
            Action::EndLater => "Extend the selected span by one word at its end",
            Action::LinkRole(_) => {
                "Link the selected span in this role: then click the target span"
            }
            Action::NextSpan => "Select the span after the selected one",
            Action::PreviousSpan => "Select the span before the selected one",
            Action::SwitchCoder => "Code as another person (each coder has their own annotations)",
            Action::ShowCodebook => "Edit labels, colours, shortcut keys, attributes and roles",
            Action::ShowActors => "Edit the actor registry and find unannotated mentions",
            Action::CompareCoders => {
                "Agreement between two coders, their disagreements side by side, and adjudication into a gold standard"
            }
            Action::ImportSuggestions => {
                "A model's predicted spans (JSONL: doccano or Prodigy), to accept or reject"
            }
            Action::MergeCopy => {
                "Bring another copy of this project (coders' annotations, actors, documents, codebook additions) in; shows every decision first"
            }
            Action::RestoreEarlier => "Put back an earlier version of a project or annotation file",
            Action::ShowOverview => {
                "Charts of progress, labels, actors, stances and events, with filters"
            }
            Action::ShowNetwork => "Who holds which stance towards whom, as a network",
            Action::ToggleDocuments => {
                "Collapse the document list to give the text more room, or bring it back"
            }
            Action::ToggleInspector => {
                "Collapse the label palette and the inspector to give the text more room, or bring them back (label keys still work)"
            }
            Action::ShowShortcuts => "Show every keyboard shortcut",
            Action::ShowGuide => "How to tag, link, name actors, compare and export, step by step",
        }
    }

    /// The shortcuts, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [Shortcut] {
        macro_rules! s {
            ($m:expr, $k:expr) => {
                Shortcut {
                    modifiers: $m,
                    key: $k,
                }
            };
        }
        match self {
            Action::NewProject => &[s!(CMD, Key::N)],
            Action::OpenProject => &[s!(CMD, Key::O)],
            Action::ImportArticles => &[s!(CMD, Key::I)],
            Action::Export => &[s!(CMD, Key::E)],
            Action::Save => &[s!(CMD, Key::S)],
            Action::Quit => &[s!(CMD, Key::Q)],
            Action::Undo => &[s!(CMD, Key::Z)],
            Action::Redo => &[s!(CMD_SHIFT, Key::Z), s!(CMD, Key::Y)],
            Action::Find => &[s!(CMD, Key::F)],
            Action::FindNext => &[s!(NONE, Key::F3)],
            Action::FindPrevious => &[s!(SHIFT, Key::F3)],
            Action::PreviousDocument => &[s!(ALT, Key::ArrowUp), s!(CMD, Key::PageUp)],
            Action::NextDocument => &[s!(ALT, Key::ArrowDown), s!(CMD, Key::PageDown)],
            Action::ToggleDone => &[s!(CMD, Key::D)],
            Action::CodeDocument => &[s!(CMD_SHIFT, Key::D)],
            Action::DeleteSpan => &[s!(NONE, Key::Delete), s!(NONE, Key::Backspace)],
            Action::Cancel => &[s!(NONE, Key::Escape)],
            Action::ExtendLeft => &[s!(SHIFT, Key::ArrowLeft)],
            Action::ExtendRight => &[s!(SHIFT, Key::ArrowRight)],
            Action::StartEarlier => &[s!(ALT, Key::ArrowLeft)],
            Action::StartLater => &[s!(ALT, Key::ArrowRight)],
            Action::EndEarlier => &[s!(ALT_SHIFT, Key::ArrowLeft)],
            Action::EndLater => &[s!(ALT_SHIFT, Key::ArrowRight)],
            Action::LinkRole(0) => &[s!(CMD, Key::Num1)],
            Action::LinkRole(1) => &[s!(CMD, Key::Num2)],
            Action::LinkRole(2) => &[s!(CMD, Key::Num3)],
            Action::LinkRole(_) => &[],
            Action::NextSpan => &[s!(NONE, Key::Period)],
            Action::PreviousSpan => &[s!(NONE, Key::Comma)],
            Action::SwitchCoder => &[],
            Action::ShowCodebook => &[s!(CMD, Key::B)],
            Action::ShowActors => &[s!(CMD, Key::K)],
            Action::CompareCoders => &[s!(CMD_SHIFT, Key::C)],
            Action::ImportSuggestions | Action::MergeCopy | Action::RestoreEarlier => &[],
            Action::ShowOverview => &[s!(CMD_SHIFT, Key::O)],
            Action::ShowNetwork => &[s!(CMD_SHIFT, Key::N)],
            Action::ToggleDocuments => &[s!(NONE, Key::F9)],
            Action::ToggleInspector => &[s!(NONE, Key::F10)],
            Action::ShowShortcuts => &[s!(NONE, Key::F1), s!(NONE, Key::Questionmark)],
            Action::ShowGuide => &[s!(NONE, Key::F2)],
        }
    }

    /// Whether the shortcut still works while a text field has the
    /// keyboard: plain keys and arrows belong to the text field then.
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Action::NewProject
                | Action::OpenProject
                | Action::ImportArticles
                | Action::Export
                | Action::Save
                | Action::Quit
                | Action::Find
                | Action::FindNext
                | Action::FindPrevious
                | Action::PreviousDocument
                | Action::NextDocument
                | Action::ToggleDone
                | Action::CodeDocument
                | Action::ShowCodebook
                | Action::ShowActors
                | Action::CompareCoders
                | Action::ShowOverview
                | Action::ShowNetwork
                | Action::ToggleDocuments
                | Action::ToggleInspector
        ) || self
            .shortcuts()
            .first()
            .is_some_and(|s| matches!(s.key, Key::F1 | Key::F2))
    }

    /// Heading under which the shortcut overlay lists the action.
    pub fn group(self) -> &'static str {
        match self {
            Action::NewProject
            | Action::OpenProject
            | Action::ImportArticles
            | Action::ImportSuggestions
            | Action::MergeCopy
            | Action::Export
            | Action::RestoreEarlier
            | Action::Save
            | Action::Quit
            | Action::SwitchCoder => "Project",
            Action::Undo | Action::Redo | Action::DeleteSpan | Action::Cancel => "Edit",
            Action::Find | Action::FindNext | Action::FindPrevious => "Search",
            Action::PreviousDocument
            | Action::NextDocument
            | Action::ToggleDone
            | Action::CodeDocument
            | Action::NextSpan
            | Action::PreviousSpan => "Navigate",
            Action::ExtendLeft
            | Action::ExtendRight
            | Action::StartEarlier
            | Action::StartLater
            | Action::EndEarlier
            | Action::EndLater
            | Action::LinkRole(_) => "Select and tag",
            Action::ShowCodebook
            | Action::ShowActors
            | Action::CompareCoders
            | Action::ShowOverview
            | Action::ShowNetwork
            | Action::ToggleDocuments
            | Action::ToggleInspector
            | Action::ShowShortcuts
            | Action::ShowGuide => "View",
        }
    }

    /// Text of the first shortcut, if any (for menus and tooltips).
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| s.text(ctx))
    }
}

/// Removes from this frame's input the key presses `take` claims (given
/// the key and its modifiers); the rest stay for the widgets.
fn take_key_presses(input: &mut egui::InputState, mut take: impl FnMut(Key, Modifiers) -> bool) {
    input.events.retain(|event| match event {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => !take(*key, *modifiers),
        _ => true,
    });
}

/// Takes the key presses that trigger actions out of this frame's input and
/// returns the actions, in the order pressed. Only actions `allowed`
/// accepts fire (while a text field has the keyboard: those that
/// [`Action::works_while_typing`]); other keys are left for the widgets.
pub fn take_pressed(input: &mut egui::InputState, allowed: impl Fn(Action) -> bool) -> Vec<Action> {
    let mut fired = Vec::new();
    take_key_presses(input, |key, modifiers| {
        let hit = Action::ALL
            .into_iter()
            .find(|a| allowed(*a) && a.shortcuts().iter().any(|s| s.matches(key, modifiers)));
        fired.extend(hit);
        hit.is_some()
    });
    fired
}

/// Takes a plain key press (no modifier but Shift) of a label's shortcut
/// key out of the input; returns the key as a lower-case character.
pub fn take_label_key(
    input: &mut egui::InputState,
    is_label_key: impl Fn(char) -> bool,
) -> Option<char> {
    let mut found = None;
    take_key_presses(input, |key, m| {
        if found.is_some() || m.alt || m.command || m.ctrl || m.mac_cmd {
            return false;
        }
        found = key_char(key).filter(|c| is_label_key(*c));
        found.is_some()
    });
    found
}

/// How a key is written in menus and the overlay (plain words rather than
/// arrow symbols, which not every font has).
fn key_text(key: Key) -> &'static str {
    match key {
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::PageUp => "PgUp",
        Key::PageDown => "PgDn",
        Key::Escape => "Esc",
        other => other.symbol_or_name(),
    }
}

/// The character a letter or digit key types (lower case).
pub fn key_char(key: Key) -> Option<char> {
    let name = key.name();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// The key that types `c`, for listing label shortcuts.
pub fn char_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen = HashSet::new();
        for a in Action::ALL {
            for s in a.shortcuts() {
                assert!(
                    seen.insert((
                        s.key,
                        s.modifiers.alt,
                        s.modifiers.shift,
                        s.modifiers.command
                    )),
                    "{a:?}"
                );
            }
        }
    }

    #[test]
    fn shortcuts_match_exactly() {
        let undo = Action::Undo.shortcuts()[0];
        assert!(undo.matches(Key::Z, Modifiers::COMMAND));
        assert!(!undo.matches(Key::Z, CMD_SHIFT));
        let help = Action::ShowShortcuts.shortcuts()[1];
        assert!(help.matches(Key::Questionmark, Modifiers::SHIFT));
        assert!(help.matches(Key::Questionmark, Modifiers::NONE));
    }

    #[test]
    fn letter_and_digit_keys_map_both_ways() {
        assert_eq!(key_char(Key::P), Some('p'));
        assert_eq!(key_char(Key::Num3), Some('3'));
        assert_eq!(key_char(Key::F3), None);
        assert_eq!(char_key('p'), Some(Key::P));
        assert_eq!(char_key('3'), Some(Key::Num3));
    }

    #[test]
    fn pressed_keys_become_actions_and_are_consumed() {
        let ctx = egui::Context::default();
        let mut raw = egui::RawInput::default();
        for (key, modifiers) in [(Key::Z, CMD_SHIFT), (Key::X, NONE), (Key::Delete, NONE)] {
            raw.events.push(egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
        }
        let mut out = ctx.run_ui(raw, |ui| {
            let (fired, left) = ui.ctx().input_mut(|i| {
                let fired = take_pressed(i, |_| true);
                (fired, i.events.len())
            });
            assert_eq!(fired, vec![Action::Redo, Action::DeleteSpan]);
            assert_eq!(left, 1);
        });
        out.textures_delta.clear();
    }
}
