//! A horizontal stacked bar chart drawn with egui's painter: one row per
//! bar, segments in their series colours, totals, a legend. Every segment
//! is a clickable widget with an accessible name ("Person: alice 5"), so
//! a click, the keyboard and tests can pick it.

use crate::overview::{BarChart, Pick};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, StrokeKind, Ui, WidgetInfo, pos2, vec2};

const ROW: f32 = 22.0;
const LABEL_W: f32 = 170.0;

fn color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Draws `chart`; returns the segment clicked (with a title for the list
/// it opens) and the rectangle the chart covers (for PNG export).
pub fn bar_chart_ui(ui: &mut Ui, chart: &BarChart) -> (Option<(String, Pick)>, Rect) {
    let width = ui.available_width().max(320.0);
    let legend_rows = chart.series.len().div_ceil(4).max(1);
    let height = ROW * chart.bars.len().max(1) as f32 + 20.0 * legend_rows as f32 + 8.0;
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let font = FontId::proportional(12.5);
    let text_color = Color32::from_gray(40);
    let bar_w = (width - LABEL_W - 60.0).max(60.0);
    let max = chart.max_total().max(1) as f32;
    let mut picked = None;
    if chart.bars.is_empty() {
        painter.text(
            rect.left_top() + vec2(8.0, 4.0),
            Align2::LEFT_TOP,
            "No data for these filters",
            font.clone(),
            Color32::GRAY,
        );
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = rect.top() + i as f32 * ROW;
        let mut label = bar.label.clone();
        if label.chars().count() > 24 {
            label = label.chars().take(23).collect::<String>() + "…";
        }
        painter.text(
            pos2(rect.left() + LABEL_W - 6.0, y + ROW / 2.0),
            Align2::RIGHT_CENTER,
            label,
            font.clone(),
            text_color,
        );
        let mut x = rect.left() + LABEL_W;
        for seg in &bar.segments {
            let w = (seg.value as f32 / max * bar_w).max(2.0);
            let r = Rect::from_min_size(pos2(x, y + 3.0), vec2(w, ROW - 6.0));
            let series = chart.series.get(seg.series).map_or("", String::as_str);
            let name = format!("{}: {series} {}", bar.label, seg.value);
            let id = ui.scope_id().with((chart.kind.slug(), i, seg.series));
            let response = ui.interact(r, id, Sense::click());
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &name));
            let fill = color(chart.colors.get(seg.series).copied().unwrap_or([128; 3]));
            painter.rect_filled(r, 1.0, fill);
            if response.hovered() {
                painter.rect_stroke(
                    r,
                    1.0,
                    Stroke::new(1.5, Color32::BLACK),
                    StrokeKind::Outside,
                );
            }
            if response.clicked() {
                picked = Some((
                    format!("{} · {series} ({})", bar.label, seg.value),
                    seg.pick.clone(),
                ));
            }
            response.on_hover_text(format!("{name}\nClick to list them"));
            x += w;
        }
        painter.text(
            pos2(x + 4.0, y + ROW / 2.0),
            Align2::LEFT_CENTER,
            bar.total().to_string(),
            font.clone(),
            text_color,
        );
    }
    let ly = rect.top() + ROW * chart.bars.len().max(1) as f32 + 6.0;
    for (i, name) in chart.series.iter().enumerate() {
        let p = pos2(
            rect.left() + 8.0 + (i % 4) as f32 * 160.0,
            ly + (i / 4) as f32 * 20.0,
        );
        let c = color(chart.colors.get(i).copied().unwrap_or([128; 3]));
        painter.rect_filled(Rect::from_min_size(p, vec2(12.0, 12.0)), 2.0, c);
        painter.text(
            p + vec2(17.0, 6.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text_color,
        );
    }
    (picked, rect)
}
