//! The label palette: every label of the codebook as a coloured button with
//! its shortcut key; clicking one tags the text selection or relabels the
//! selected span, exactly like pressing the key.

use super::commands::Command;
use super::style;
use crate::model::Codebook;
use egui::{Color32, Sense, Ui, vec2};

/// What a click on a label would do now, for the hint line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteMode {
    /// Text is selected: the label tags it.
    Tag,
    /// A span is selected: the label replaces its label.
    Relabel,
    /// Nothing to apply a label to.
    Idle,
}

/// Draws the palette; returns the label clicked.
#[must_use]
pub fn palette_ui(
    ui: &mut Ui,
    codebook: &Codebook,
    mode: PaletteMode,
    current: Option<&str>,
) -> Option<Command> {
    let mut out = None;
    hint_ui(ui, mode);
    for cat in &codebook.categories {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = vec2(6.0, 6.0);
            for label in &cat.labels {
                let color = style::label_color(label.color);
                // The key as typed (label keys are lower case).
                let key = label.key.map(|k| k.to_string()).unwrap_or_default();
                let is_current = current == Some(label.name.as_str());
                let response = label_button_ui(
                    ui,
                    &label.name,
                    &key,
                    color,
                    is_current,
                    mode != PaletteMode::Idle,
                );
                let mut tip = format!("{} ({})", label.name, cat.name);
                if !key.is_empty() {
                    tip.push_str(&format!(" — key {key}"));
                }
                if !label.description.is_empty() {
                    tip.push('\n');
                    tip.push_str(&label.description);
                }
                if response.on_hover_text(tip).clicked() && mode != PaletteMode::Idle {
                    out = Some(Command::Tag(label.name.clone()));
                }
            }
        });
    }
    out
}

/// The hint for `mode`, all hints taking the height of the tallest, so
/// the labels below stay where they are when the selection changes.
fn hint_ui(ui: &mut Ui, mode: PaletteMode) {
    const HINTS: [(PaletteMode, &str); 3] = [
        (
            PaletteMode::Tag,
            "Click a label or press its key to tag the selection",
        ),
        (
            PaletteMode::Relabel,
            "Click a label or press its key to change the span's label",
        ),
        (
            PaletteMode::Idle,
            "Select text (drag, or double-click a word), then pick a label",
        ),
    ];
    let width = ui.available_width();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    let height = HINTS
        .iter()
        .map(|(_, text)| {
            ui.painter()
                .layout(text.to_string(), font.clone(), color, width)
                .size()
                .y
        })
        .fold(0.0, f32::max);
    let hint = HINTS
        .iter()
        .find(|(m, _)| *m == mode)
        .map(|(_, text)| *text)
        .unwrap_or_default();
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_min_size(vec2(width, height));
            ui.weak(hint);
        },
    );
}

/// One palette entry: a colour swatch, the name and the key.
fn label_button_ui(
    ui: &mut Ui,
    name: &str,
    key: &str,
    color: Color32,
    current: bool,
    enabled: bool,
) -> egui::Response {
    let font = egui::FontId::proportional(13.5);
    let name_galley =
        ui.painter()
            .layout_no_wrap(name.to_string(), font.clone(), style::TEXT_COLOR);
    let key_galley = ui.painter().layout_no_wrap(
        key.to_string(),
        egui::FontId::proportional(11.5),
        style::ink(color),
    );
    let key_w = if key.is_empty() {
        0.0
    } else {
        key_galley.size().x + 10.0
    };
    let size = vec2(10.0 + 12.0 + name_galley.size().x + key_w + 10.0, 26.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    let hovered = response.hovered() && enabled;
    let fill = if current {
        style::strong_tint(color)
    } else if hovered {
        style::tint(color)
    } else {
        Color32::WHITE
    };
    let p = ui.painter();
    p.rect(
        rect,
        5.0,
        fill,
        egui::Stroke::new(1.0, style::faded(color)),
        egui::StrokeKind::Inside,
    );
    let sw = egui::Rect::from_center_size(
        egui::pos2(rect.left() + 14.0, rect.center().y),
        vec2(10.0, 10.0),
    );
    p.rect_filled(sw, 2.0, color);
    p.galley(
        egui::pos2(
            rect.left() + 24.0,
            rect.center().y - name_galley.size().y / 2.0,
        ),
        name_galley.clone(),
        style::TEXT_COLOR,
    );
    if !key.is_empty() {
        let kx = rect.left() + 24.0 + name_galley.size().x + 6.0;
        let kr = egui::Rect::from_min_size(
            egui::pos2(kx, rect.center().y - 8.0),
            vec2(key_galley.size().x + 6.0, 16.0),
        );
        p.rect_filled(kr, 3.0, style::tint(color));
        p.galley(
            egui::pos2(kr.left() + 3.0, kr.center().y - key_galley.size().y / 2.0),
            key_galley,
            style::ink(color),
        );
    }
    if hovered {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    response
}
