//! The document text twice, side by side and scrolled together: coder A's
//! spans on the left, coder B's on the right. Agreed spans are underlined
//! in their label's colour; each kind of disagreement has its own fill; the
//! selected disagreement is outlined in both panes. Clicking a disagreement
//! selects it; hovering shows the spans under the pointer.

use crate::agreement::{DisagreementKind, DocumentComparison};
use crate::gui::style;
use crate::model::{AnnotationSet, Codebook, SpanId};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, Sense, Stroke, Ui};
use std::collections::HashMap;

/// Background of a kind of disagreement.
pub fn kind_color(kind: DisagreementKind) -> Color32 {
    match kind {
        DisagreementKind::MissingInA | DisagreementKind::MissingInB => {
            Color32::from_rgb(0xf4, 0xb6, 0xb6)
        }
        DisagreementKind::LabelDiffers => Color32::from_rgb(0xdc, 0xc4, 0xf0),
        DisagreementKind::BoundaryDiffers => Color32::from_rgb(0xfb, 0xd3, 0x9d),
        DisagreementKind::AttributeDiffers => Color32::from_rgb(0xb7, 0xd3, 0xf2),
        DisagreementKind::LinkDiffers => Color32::from_rgb(0xb5, 0xe3, 0xdc),
    }
}

/// Below this width (points) the panes are stacked, A above B.
const STACK_BELOW: f32 = 660.0;

/// Outline of the selected disagreement.
const CURRENT: Color32 = Color32::from_rgb(0x1f, 0x3f, 0xb0);

/// How one character is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Look {
    Plain,
    Agreed(Color32),
    Differs(DisagreementKind),
    Current(DisagreementKind),
}

impl Look {
    fn rank(self) -> u8 {
        match self {
            Look::Plain => 0,
            Look::Agreed(_) => 1,
            Look::Differs(_) => 2,
            Look::Current(_) => 3,
        }
    }
}

/// Which side of the comparison a pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Coder A.
    A,
    /// Coder B.
    B,
}

/// Draws both panes; returns the disagreement clicked, if any.
#[allow(clippy::too_many_arguments)]
pub fn panes_ui(
    ui: &mut Ui,
    text: &str,
    sets: [&AnnotationSet; 2],
    names: [&str; 2],
    comparison: &DocumentComparison,
    current: Option<usize>,
    codebook: &Codebook,
    scroll_to_current: bool,
) -> Option<usize> {
    legend_ui(ui);
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("compare-panes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Side by side where both columns stay readable, else A
            // above B (a small screen).
            let stacked = ui.available_width() < STACK_BELOW;
            let mut pane = |col: &mut Ui, k: usize, side: Side| {
                col.strong(format!("{} {}", if k == 0 { "A:" } else { "B:" }, names[k]));
                let looks = looks(text, sets[k], side, comparison, current, codebook);
                let job = layout(text, &looks, col.available_width());
                let galley = col.painter().layout_job(job);
                let response = col.add(egui::Label::new(galley.clone()).sense(Sense::click()));
                let origin = response.rect.min;
                let char_at = |pos: egui::Pos2| -> usize {
                    galley.cursor_from_pos(pos - origin).index.into()
                };
                if let Some(pos) = response.hover_pos() {
                    let at = char_at(pos);
                    let tip = hover_text(sets[k], at);
                    if !tip.is_empty() {
                        response.clone().on_hover_text(tip);
                    }
                }
                if response.clicked()
                    && let Some(pos) = response.interact_pointer_pos()
                {
                    let at = char_at(pos);
                    clicked = comparison.disagreements.iter().position(|d| {
                        let s = if side == Side::A { &d.a } else { &d.b };
                        s.as_ref().is_some_and(|s| s.start <= at && at < s.end)
                    });
                }
                if scroll_to_current
                    && k == 0
                    && let Some(d) = current.and_then(|i| comparison.disagreements.get(i))
                {
                    let rect = galley
                        .pos_from_cursor(CCursor::new(d.start()))
                        .translate(origin.to_vec2());
                    col.scroll_to_rect(rect, Some(egui::Align::Center));
                }
            };
            if stacked {
                pane(ui, 0, Side::A);
                ui.separator();
                pane(ui, 1, Side::B);
            } else {
                ui.columns(2, |cols| {
                    for (k, side) in [Side::A, Side::B].into_iter().enumerate() {
                        pane(&mut cols[k], k, side);
                    }
                });
            }
        });
    clicked
}

fn legend_ui(ui: &mut Ui) {
    // Plain text runs with a background, not framed widgets, so the row
    // wraps at the panel's edge like text instead of overflowing it.
    ui.horizontal_wrapped(|ui| {
        ui.weak("Legend:");
        for kind in [
            DisagreementKind::MissingInB,
            DisagreementKind::LabelDiffers,
            DisagreementKind::BoundaryDiffers,
            DisagreementKind::AttributeDiffers,
            DisagreementKind::LinkDiffers,
        ] {
            let name = if kind == DisagreementKind::MissingInB {
                "missing on the other side"
            } else {
                kind.label()
            };
            ui.label(
                egui::RichText::new(format!(" {name} "))
                    .background_color(kind_color(kind))
                    .color(egui::Color32::from_gray(30)),
            );
        }
        ui.label(
            egui::RichText::new(" selected: outlined ")
                .underline()
                .color(CURRENT),
        );
        ui.weak("· agreed: underlined in the label's colour");
    });
}

/// The look of every character of `text` in the pane of `side`.
fn looks(
    text: &str,
    set: &AnnotationSet,
    side: Side,
    comparison: &DocumentComparison,
    current: Option<usize>,
    codebook: &Codebook,
) -> Vec<Look> {
    let n = text.chars().count();
    let mut out = vec![Look::Plain; n];
    let mut paint = |start: usize, end: usize, look: Look| {
        for c in out.iter_mut().take(end.min(n)).skip(start) {
            if look.rank() >= c.rank() {
                *c = look;
            }
        }
    };
    let by_id: HashMap<SpanId, (usize, usize, &str)> = set
        .spans
        .iter()
        .map(|s| (s.id, (s.start, s.end, s.label.as_str())))
        .collect();
    for &(ia, ib) in &comparison.agreed {
        let id = if side == Side::A { ia } else { ib };
        if let Some(&(s, e, label)) = by_id.get(&id) {
            let color = codebook
                .label(label)
                .map_or(Color32::GRAY, |l| style::label_color(l.color));
            paint(s, e, Look::Agreed(color));
        }
    }
    for (i, d) in comparison.disagreements.iter().enumerate() {
        let mine = if side == Side::A { &d.a } else { &d.b };
        let (s, e) = match mine {
            Some(s) => (s.start, s.end),
            // Show where the other coder marked something, so the gap is
            // visible on this side too.
            None => (d.start(), d.end()),
        };
        let look = if Some(i) == current {
            Look::Current(d.kind)
        } else if mine.is_some() {
            Look::Differs(d.kind)
        } else {
            continue;
        };
        paint(s, e, look);
    }
    out
}

/// The text laid out with one section per run of equal look.
fn layout(text: &str, looks: &[Look], width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut run_start = 0;
    let mut run_look = looks.first().copied().unwrap_or(Look::Plain);
    let mut bytes = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let mut starts: Vec<usize> = Vec::with_capacity(looks.len() + 1);
    starts.extend(&mut bytes);
    for (i, &look) in looks.iter().enumerate().skip(1) {
        if look != run_look {
            job.append(&text[starts[run_start]..starts[i]], 0.0, format(run_look));
            run_start = i;
            run_look = look;
        }
    }
    if !text.is_empty() {
        job.append(&text[starts[run_start]..], 0.0, format(run_look));
    }
    job
}

fn format(look: Look) -> TextFormat {
    let mut f = TextFormat {
        font_id: style::body_font(),
        color: style::TEXT_COLOR,
        ..TextFormat::default()
    };
    match look {
        Look::Plain => {}
        // Underlined, not filled: fills are for disagreements, and a red
        // Stance fill would read as "missing on the other side".
        Look::Agreed(c) => f.underline = Stroke::new(2.0, c),
        Look::Differs(k) => f.background = kind_color(k),
        Look::Current(k) => {
            f.background = kind_color(k);
            f.underline = Stroke::new(2.5, CURRENT);
        }
    }
    f
}

/// The spans covering character `at`, one per line.
fn hover_text(set: &AnnotationSet, at: usize) -> String {
    set.spans
        .iter()
        .filter(|s| s.start <= at && at < s.end)
        .map(|s| {
            let mut line = s.label.clone();
            if let Some(a) = s.actor {
                line.push_str(&format!(", actor {a}"));
            }
            for (k, v) in &s.attrs {
                line.push_str(&format!("; {k}: {v}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::compare_sets;
    use crate::model::Span;

    #[test]
    fn looks_rank_selected_over_disagreement_over_agreed() {
        let text = "Maduro calls Guaido a puppet.";
        let mut a = AnnotationSet::new("d", "a");
        a.put(Span::new(SpanId(1), 0, 6, "Person"));
        a.put(Span::new(SpanId(2), 13, 19, "Person"));
        let mut b = AnnotationSet::new("d", "b");
        b.put(Span::new(SpanId(1), 0, 6, "Person"));
        b.put(Span::new(SpanId(2), 13, 21, "Person"));
        b.put(Span::new(SpanId(3), 22, 28, "Group"));
        let c = compare_sets("d", text, &a, &b);
        let cb = Codebook::default_media();
        let la = looks(text, &a, Side::A, &c, Some(0), &cb);
        assert!(matches!(la[0], Look::Agreed(_)));
        assert_eq!(la[13], Look::Current(DisagreementKind::BoundaryDiffers));
        assert_eq!(la[23], Look::Plain, "A has nothing there");
        let lb = looks(text, &b, Side::B, &c, Some(0), &cb);
        assert_eq!(lb[20], Look::Current(DisagreementKind::BoundaryDiffers));
        assert_eq!(lb[23], Look::Differs(DisagreementKind::MissingInA));
        let job = layout(text, &la, 300.0);
        assert_eq!(job.text, text);
        assert_eq!(job.sections.len(), 4);
    }
}
