//! Search in the open document (Ctrl+F): the find bar, the matches it
//! highlights, and stepping through them; the current match becomes the
//! text selection so it can be tagged with a label key.

use super::actions::Action;
use super::commands::Command;
use std::ops::Range;

/// State of the find bar of one document.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// Whether the bar is shown.
    pub open: bool,
    /// What is searched for.
    pub query: String,
    /// Whole words only.
    pub whole_words: bool,
    /// Every match, in order.
    pub matches: Vec<Range<usize>>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// The query and option `matches` were computed for.
    searched: Option<(String, bool)>,
    /// Give the query field the keyboard next frame.
    pub focus: bool,
}

impl Search {
    /// Recomputes the matches if the query changed; returns whether it did.
    pub fn update(&mut self, text: &str) -> bool {
        let wanted = (self.query.clone(), self.whole_words);
        if self.searched.as_ref() == Some(&wanted) {
            return false;
        }
        self.matches = if self.query.trim().is_empty() {
            Vec::new()
        } else {
            crate::text::find_all(text, &self.query, self.whole_words)
        };
        self.current = None;
        self.searched = Some(wanted);
        true
    }

    /// Moves to the next (or previous) match after (before) character
    /// `from` and returns it, wrapping around.
    pub fn step(&mut self, forward: bool, from: usize) -> Option<Range<usize>> {
        if self.matches.is_empty() {
            self.current = None;
            return None;
        }
        let n = self.matches.len();
        let i = match (self.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            (None, true) => self.matches.partition_point(|m| m.start < from) % n,
            (None, false) => (self.matches.partition_point(|m| m.start < from) + n - 1) % n,
        };
        self.current = Some(i);
        Some(self.matches[i].clone())
    }

    /// Matches overlapping the characters `range`.
    pub fn in_range(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Range<usize>)> {
        let first = self.matches.partition_point(|m| m.end <= range.start);
        self.matches[first..]
            .iter()
            .enumerate()
            .map(move |(i, m)| (first + i, m))
            .take_while(move |(_, m)| m.start < range.end)
    }
}

/// The find bar above the text. Returns the commands to run.
#[must_use]
pub fn find_bar_ui(ui: &mut egui::Ui, search: &mut Search, text: &str) -> Vec<Command> {
    let mut out = Vec::new();
    // Wrapped, so a narrow window folds the bar instead of widening the
    // central panel (which would push the text under the inspector).
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find:");
        let edit = egui::TextEdit::singleline(&mut search.query)
            .hint_text("text in this document")
            .desired_width(220.0);
        let response = ui.add(edit).labelled_by(label.id);
        if search.focus {
            response.request_focus();
            search.focus = false;
        }
        ui.checkbox(&mut search.whole_words, "Whole words");
        search.update(text);
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Esc in the field closes the bar (the field gives up the
            // keyboard on Esc, so the window's Esc never sees it); a match
            // stepped to stays selected for a label key.
            search.open = false;
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::Run(if back {
                Action::FindPrevious
            } else {
                Action::FindNext
            }));
            response.request_focus();
        }
        let prev = ui
            .button("Previous")
            .on_hover_text(Action::FindPrevious.tooltip())
            .accessible_name("Previous match");
        if prev.clicked() {
            out.push(Command::Run(Action::FindPrevious));
        }
        let next = ui
            .button("Next")
            .on_hover_text(Action::FindNext.tooltip())
            .accessible_name("Next match");
        if next.clicked() {
            out.push(Command::Run(Action::FindNext));
        }
        let count = match (search.current, search.matches.len()) {
            (_, 0) if search.query.trim().is_empty() => String::new(),
            (_, 0) => "no matches".to_string(),
            (Some(c), n) => format!("{} of {n}", c + 1),
            (None, n) => format!("{n} matches"),
        };
        ui.weak(count);
        if ui.button("×").accessible_name("Close find bar").clicked() {
            search.open = false;
        }
    });
    if !search.matches.is_empty() {
        ui.weak("Esc, then a label key, tags the match.");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wrap_and_start_from_the_cursor() {
        let mut s = Search {
            query: "maduro".into(),
            ..Search::default()
        };
        let text = "Maduro met Maduro and MADURO";
        assert!(s.update(text));
        assert!(!s.update(text));
        assert_eq!(s.matches.len(), 3);
        assert_eq!(s.step(true, 5), Some(11..17));
        assert_eq!(s.step(true, 0), Some(22..28));
        assert_eq!(s.step(true, 0), Some(0..6));
        assert_eq!(s.step(false, 0), Some(22..28));
        assert_eq!(s.in_range(10..20).map(|(i, _)| i).collect::<Vec<_>>(), [1]);
    }
}
