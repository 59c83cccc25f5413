//! Help › Guide: the first steps of coding, for someone who opens
//! newscoder for the first time — tag, link, actors, compare, export — in a
//! small scrollable window. Key names come from the action list, the
//! codebook and the compare view's own keys, so the guide never names a key
//! that does not work.

use super::actions::Action;
use crate::model::Codebook;
use egui::{RichText, Ui};

/// Title of the guide window.
pub const TITLE: &str = "Guide";

/// The section headings, in order.
pub const HEADINGS: [&str; 6] = [
    "1. Tag what the article says",
    "2. Link spans",
    "3. Name the actors",
    "4. Compare two coders",
    "5. Export",
    "Good to know",
];

/// Draws the guide window while `open`; the window's Close button clears
/// `open` (Esc closes it as the topmost window, see `gui::windows`).
pub fn guide_ui(ctx: &egui::Context, open: &mut bool, codebook: Option<&Codebook>) {
    if !*open {
        return;
    }
    // Fits an 800×600 window between the menu and status bars.
    let screen = super::style::work_area(ctx);
    let width = (screen.width() - 40.0).clamp(240.0, 560.0);
    let height = (screen.height() - 120.0).clamp(160.0, 640.0);
    let mut close = false;
    egui::Window::new(TITLE)
        .id(super::windows::Floating::Guide.id())
        .collapsible(false)
        .resizable(false)
        .default_pos(screen.center() - egui::vec2(width, height) / 2.0)
        .fixed_size([width, height])
        .constrain_to(screen)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .max_height(height - 36.0)
                .show(ui, |ui| steps_ui(ui, codebook));
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Close").clicked() {
                    close = true;
                }
                ui.weak("Esc closes the guide · F1 lists every shortcut");
            });
        });
    if close {
        *open = false;
    }
}

/// The key of `action` as shown in menus, e.g. "Ctrl+E" (or its label if
/// it has none).
fn key(ui: &Ui, action: Action) -> String {
    action
        .shortcut_text(ui.ctx())
        .unwrap_or_else(|| action.label())
}

/// The key the compare view uses for `what` (e.g. "take A").
fn compare_key(what: &str) -> &'static str {
    super::compare::SHORTCUTS
        .iter()
        .find(|(_, w)| *w == what)
        .map_or("?", |(k, _)| k)
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
}

fn step(ui: &mut Ui, text: String) {
    ui.horizontal_wrapped(|ui| {
        ui.label("•");
        ui.label(text);
    });
}

/// The label keys of the project's codebook, e.g. "p Person · o Organization".
fn label_keys(codebook: &Codebook) -> String {
    codebook
        .labels()
        .filter_map(|(_, l)| {
            l.key
                .map(|k| format!("{} {}", k.to_ascii_lowercase(), l.name))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn steps_ui(ui: &mut Ui, codebook: Option<&Codebook>) {
    ui.label(
        "Coding an article means marking the words that name people, groups and \
         events, and saying who takes which stance. Everything is saved under your \
         coder name, automatically.",
    );

    heading(ui, HEADINGS[0]);
    step(
        ui,
        "Select words: drag over them, or double-click a word. The selection snaps \
         to whole words."
            .into(),
    );
    step(
        ui,
        format!(
            "Press the label's key, or click the label in the Labels panel on the right. {}",
            match codebook.map(label_keys).filter(|k| !k.is_empty()) {
                Some(keys) => format!("Keys here: {keys}."),
                None => "Each label shows its key.".to_string(),
            }
        ),
    );
    step(
        ui,
        format!(
            "Click a coloured span to select it: the inspector on the right shows its \
             label, attributes and note. Drag its edge, or use {} / {} (start) and \
             {} / {} (end), to make it longer or shorter.",
            key(ui, Action::StartEarlier),
            key(ui, Action::StartLater),
            key(ui, Action::EndEarlier),
            key(ui, Action::EndLater),
        ),
    );
    step(
        ui,
        format!(
            "{} deletes the selected span, {} undoes any change. When an article is \
             finished, {} marks it done and {} opens the next one.",
            key(ui, Action::DeleteSpan),
            key(ui, Action::Undo),
            key(ui, Action::ToggleDone),
            key(ui, Action::NextDocument),
        ),
    );
    step(
        ui,
        format!(
            "Codes for the whole article (genre, main topic, tone…) are under Document \
             codes at the top right: pick each value there, or press {} and code by \
             keyboard (Tab to the next variable, Up/Down or 1–9 to choose, Delete to clear, \
             Esc when done). Point at a variable's name for what it means.",
            key(ui, Action::CodeDocument),
        ),
    );

    heading(ui, HEADINGS[1]);
    step(
        ui,
        "Some labels have roles: a Stance has a holder (who takes it) and a target \
         (what it is about); an Event has an agent."
            .into(),
    );
    step(
        ui,
        format!(
            "Select the span, then click \"Link…\" next to the role in the inspector \
             (or press {} for its first role, {} for the second), and click the span \
             that fills the role. Only spans that may fill it can be picked; {} \
             cancels.",
            key(ui, Action::LinkRole(0)),
            key(ui, Action::LinkRole(1)),
            key(ui, Action::Cancel),
        ),
    );
    step(
        ui,
        "The selected span's links are drawn as arcs above the text, each with its \
         role name."
            .into(),
    );

    heading(ui, HEADINGS[2]);
    step(
        ui,
        "A Person, Organization, State or Group span can point to an actor of the \
         registry, so that \"Maduro\" and \"the president\" count as one actor."
            .into(),
    );
    step(
        ui,
        "Select the span and pick the actor under \"Actor\" in the inspector (type to \
         find it), or create a new actor named after the span."
            .into(),
    );
    step(
        ui,
        format!(
            "View › {} ({}) lists the actors: rename them, add aliases, merge \
             duplicates, and \"Find mentions\" shows where an actor is named but not \
             yet tagged.",
            Action::ShowActors.label(),
            key(ui, Action::ShowActors),
        ),
    );

    heading(ui, HEADINGS[3]);
    step(
        ui,
        format!(
            "When two coders have coded the same articles, View › {} ({}) puts their \
             spans side by side with their agreement per label and per document.",
            Action::CompareCoders.label(),
            key(ui, Action::CompareCoders),
        ),
    );
    step(
        ui,
        format!(
            "Walk the disagreements with {} and decide each into the gold standard: \
             {} takes A, {} takes B, {} both, {} neither.",
            compare_key("next disagreement"),
            compare_key("take A"),
            compare_key("take B"),
            compare_key("take both"),
            compare_key("take neither"),
        ),
    );

    heading(ui, HEADINGS[4]);
    step(
        ui,
        format!(
            "File › {} ({}) writes a labelled dataset: pick the format (jsonl, \
             Prodigy, CoNLL, CSV, brat, GraphML), one coder or all, and whether only \
             documents marked done go in.",
            Action::Export.label(),
            key(ui, Action::Export),
        ),
    );
    step(
        ui,
        format!(
            "View › {} and {} chart the coding so far.",
            Action::ShowOverview.label(),
            Action::ShowNetwork.label(),
        ),
    );

    heading(ui, HEADINGS[5]);
    step(
        ui,
        format!(
            "New articles come in with File › {} ({}).",
            Action::ImportArticles.label(),
            key(ui, Action::ImportArticles),
        ),
    );
    step(
        ui,
        format!(
            "Changes are saved a few seconds after you stop; {} saves at once.",
            key(ui, Action::Save),
        ),
    );
    step(
        ui,
        format!(
            "{} lists every shortcut; {} opens this guide again.",
            key(ui, Action::ShowShortcuts),
            key(ui, Action::ShowGuide),
        ),
    );
}
