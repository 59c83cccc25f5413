//! The disagreements of the document shown: progress ("N of M
//! resolved"), one row per disagreement with its status, the adjudication
//! buttons, and their keyboard shortcuts.

use super::panes::kind_color;
use crate::agreement::{Choice, Disagreement, SpanSide};
use egui::{Key, Modifiers, RichText, Ui};

/// Something the user asked for in the list or with a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListAction {
    /// Select disagreement `i`.
    Select(usize),
    /// Next disagreement.
    Next,
    /// Previous disagreement.
    Previous,
    /// Resolve the selected one.
    Decide(Choice),
    /// Open the selected one for editing in the gold set.
    Edit,
    /// Accept the agreed spans into gold.
    AcceptAgreed,
    /// Put A's or B's code for a document variable into gold.
    Code {
        /// The variable.
        variable: String,
        /// `TakeA` or `TakeB`.
        choice: Choice,
    },
}

/// The keyboard shortcuts of the compare view (keys, what), for its help
/// line and the F1 overlay.
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("N  ]", "next disagreement"),
    ("P  [", "previous disagreement"),
    ("A", "take A"),
    ("B", "take B"),
    ("H", "take both"),
    ("X", "take neither"),
    ("E", "edit in gold"),
    ("D", "done editing"),
];

/// The shortcuts pressed this frame (none while a text field has the
/// keyboard).
pub fn keys(ui: &Ui) -> Vec<ListAction> {
    if ui.ctx().egui_wants_keyboard_input() {
        return Vec::new();
    }
    let table = [
        (Key::N, ListAction::Next),
        (Key::CloseBracket, ListAction::Next),
        (Key::P, ListAction::Previous),
        (Key::OpenBracket, ListAction::Previous),
        (Key::A, ListAction::Decide(Choice::TakeA)),
        (Key::B, ListAction::Decide(Choice::TakeB)),
        (Key::H, ListAction::Decide(Choice::TakeBoth)),
        (Key::X, ListAction::Decide(Choice::TakeNeither)),
        (Key::E, ListAction::Edit),
        (Key::D, ListAction::Decide(Choice::Edited)),
    ];
    ui.input_mut(|i| {
        table
            .into_iter()
            .filter(|(k, _)| i.consume_key(Modifiers::NONE, *k))
            .map(|(_, a)| a)
            .collect()
    })
}

fn side(s: &Option<SpanSide>) -> String {
    match s {
        Some(s) => format!("{} “{}”", s.label, shorten(&s.text, 40)),
        None => "—".to_string(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    let one_line = text.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Draws the list; `status` tells how each disagreement was resolved.
pub fn list_ui(
    ui: &mut Ui,
    disagreements: &[Disagreement],
    status: &[Option<Choice>],
    current: usize,
    names: [&str; 2],
    scroll_to_current: bool,
) -> Vec<ListAction> {
    let mut out = Vec::new();
    let done = status.iter().filter(|s| s.is_some()).count();
    ui.horizontal(|ui| {
        ui.strong(format!("{done} of {} resolved", disagreements.len()));
        if ui
            .button("Accept agreed spans")
            .on_hover_text("Copy the spans both coders agree on into the gold standard")
            .clicked()
        {
            out.push(ListAction::AcceptAgreed);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let buttons = [
            (
                format!("Take A ({})", names[0]),
                ListAction::Decide(Choice::TakeA),
                "A",
            ),
            (
                format!("Take B ({})", names[1]),
                ListAction::Decide(Choice::TakeB),
                "B",
            ),
            (
                "Take both".to_string(),
                ListAction::Decide(Choice::TakeBoth),
                "H",
            ),
            (
                "Take neither".to_string(),
                ListAction::Decide(Choice::TakeNeither),
                "X",
            ),
            ("Edit in gold".to_string(), ListAction::Edit, "E"),
            (
                "Done editing".to_string(),
                ListAction::Decide(Choice::Edited),
                "D",
            ),
        ];
        let enabled = !disagreements.is_empty();
        for (text, action, key) in buttons {
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(format!("Shortcut: {key}"))
                .clicked()
            {
                out.push(action);
            }
        }
    });
    let help: Vec<String> = SHORTCUTS
        .iter()
        .map(|(k, what)| format!("{} {what}", k.replace("  ", "/")))
        .collect();
    ui.weak(help.join(" · "));
    if disagreements.is_empty() {
        ui.label("The coders agree on everything in this document.");
        return out;
    }
    egui::ScrollArea::vertical()
        .id_salt("compare-list")
        // A quarter of the height left, so the texts keep room on a small
        // screen.
        .max_height((ui.available_height() * 0.25).clamp(72.0, 180.0))
        .show(ui, |ui| {
            for (i, d) in disagreements.iter().enumerate() {
                let mark = match status.get(i).copied().flatten() {
                    Some(c) => format!("done: {}", c.label()),
                    None => "open".to_string(),
                };
                let text = format!(
                    "{mark} · {} · A: {} · B: {} · {}",
                    d.kind.label(),
                    side(&d.a),
                    side(&d.b),
                    d.detail
                );
                let rich = RichText::new(text).background_color(kind_color(d.kind));
                let r = ui.selectable_label(i == current, rich);
                if i == current && scroll_to_current {
                    r.scroll_to_me(None);
                }
                if r.clicked() {
                    out.push(ListAction::Select(i));
                }
            }
        });
    out
}
