//! The two coders' document codes side by side, with gold's, and buttons
//! that put A's or B's code into gold (each decision logged like spans').

use super::list::ListAction;
use crate::agreement::Choice;
use crate::model::{AnnotationSet, Codebook};
use egui::{RichText, Ui};

/// Draws one row per variable either coder coded; returns the button
/// clicked.
pub fn codes_ui(
    ui: &mut Ui,
    codebook: &Codebook,
    [a, b]: [&AnnotationSet; 2],
    gold: Option<&AnnotationSet>,
    names: [&str; 2],
) -> Option<ListAction> {
    let coded: Vec<_> = codebook
        .variables
        .iter()
        .filter(|v| a.codes.contains_key(&v.name) || b.codes.contains_key(&v.name))
        .collect();
    if coded.is_empty() {
        return None;
    }
    let mut out = None;
    let differ = coded
        .iter()
        .filter(|v| a.codes.get(&v.name) != b.codes.get(&v.name))
        .count();
    let in_gold = coded
        .iter()
        .filter(|v| gold.is_some_and(|g| g.codes.contains_key(&v.name)))
        .count();
    // Folded by default: the spans' disagreements and the panes need the
    // room on a small screen; the header says whether there is work here.
    egui::CollapsingHeader::new(
        RichText::new(format!(
            "Document codes: {differ} of {} differ, {in_gold} in gold",
            coded.len()
        ))
        .strong(),
    )
    .id_salt("compare-codes")
    .show(ui, |ui| {
        // Scrolled sideways rather than widening the view: the panes below
        // decide from the width whether to stack.
        egui::ScrollArea::horizontal()
            .id_salt("compare-codes-scroll")
            .show(ui, |ui| {
                codes_grid(ui, coded, [a, b], gold, names, &mut out)
            });
    });
    out
}

/// The grid of [`codes_ui`].
fn codes_grid(
    ui: &mut Ui,
    coded: Vec<&crate::model::VariableDef>,
    [a, b]: [&AnnotationSet; 2],
    gold: Option<&AnnotationSet>,
    names: [&str; 2],
    out: &mut Option<ListAction>,
) {
    egui::Grid::new("compare-codes")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            ui.strong("Variable");
            ui.strong(format!("{} (A)", names[0]));
            ui.strong(format!("{} (B)", names[1]));
            ui.strong("gold");
            ui.label("");
            ui.end_row();
            for var in coded {
                let show = |s: Option<&AnnotationSet>| {
                    s.and_then(|s| s.codes.get(&var.name))
                        .map_or_else(|| "–".to_string(), |c| c.display())
                };
                let (va, vb) = (a.codes.get(&var.name), b.codes.get(&var.name));
                ui.label(&var.name).on_hover_text(&var.description);
                let differ = va != vb;
                let text = |t: String| {
                    if differ {
                        RichText::new(t).strong()
                    } else {
                        RichText::new(t)
                    }
                };
                ui.label(text(show(Some(a))));
                ui.label(text(show(Some(b))));
                ui.label(show(gold));
                ui.horizontal(|ui| {
                    for (choice, side) in [(Choice::TakeA, "A"), (Choice::TakeB, "B")] {
                        if ui
                            .small_button(format!("Take {side}"))
                            .accessible_name(format!("Take {side}'s {}", var.name))
                            .clicked()
                        {
                            *out = Some(ListAction::Code {
                                variable: var.name.clone(),
                                choice,
                            });
                        }
                    }
                });
                ui.end_row();
            }
        });
}
