//! Look of the window: the light theme, text sizes and spacing, the
//! reading typography of the text view, and the colours derived from a
//! label's colour (tint, underline, selection).

use crate::model::Color;
use egui::{Color32, FontFamily, FontId, Stroke, TextStyle};

/// Size of the article text, in points.
pub const BODY_SIZE: f32 = 16.0;
/// Distance between two lines of the article text (leaves room under each
/// line for the stacked underlines of nested spans).
pub const LINE_HEIGHT: f32 = 28.0;
/// Extra space between paragraphs.
pub const PARAGRAPH_GAP: f32 = 12.0;
/// Widest text column, in points (about 80 characters).
pub const MAX_COLUMN_WIDTH: f32 = 660.0;
/// Margin around the text column.
pub const COLUMN_MARGIN: f32 = 28.0;
/// Thickness of one span underline, and the step between stacked ones.
pub const UNDERLINE: f32 = 2.0;
/// Vertical step between stacked underlines.
pub const UNDERLINE_STEP: f32 = 3.0;

/// Colour of the article text.
pub const TEXT_COLOR: Color32 = Color32::from_rgb(0x22, 0x24, 0x28);
/// Background of the text column ("paper").
pub const PAPER: Color32 = Color32::from_rgb(0xff, 0xff, 0xfd);
/// Background of the side panels.
pub const PANEL: Color32 = Color32::from_rgb(0xf3, 0xf3, 0xf1);
/// Text selection background.
pub const SELECTION: Color32 = Color32::from_rgb(0xb9, 0xd5, 0xf7);
/// Outline of a span's new extent while an edge is dragged.
pub const SELECTION_EDGE: Color32 = Color32::from_rgb(0x1f, 0x6f, 0xd1);
/// Background of search matches.
pub const MATCH: Color32 = Color32::from_rgb(0xff, 0xee, 0x99);
/// Background of the current search match.
pub const CURRENT_MATCH: Color32 = Color32::from_rgb(0xff, 0xc8, 0x57);
/// Colour of suggestions (dashed underline).
pub const SUGGESTION: Color32 = Color32::from_rgb(0x6a, 0x5a, 0xcd);
/// Colour of error messages.
pub const ERROR: Color32 = Color32::from_rgb(0xb3, 0x26, 0x1e);
/// Colour of success and "saved" messages.
pub const OK: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);

/// The font of the article text.
pub fn body_font() -> FontId {
    FontId::new(BODY_SIZE, FontFamily::Proportional)
}

/// A label colour as egui colour.
pub fn label_color(c: Color) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// Light background for text inside a span of colour `c`.
pub fn tint(c: Color32) -> Color32 {
    mix(c, PAPER, 0.22)
}

/// Stronger background for the selected span.
pub fn strong_tint(c: Color32) -> Color32 {
    mix(c, PAPER, 0.45)
}

/// `c` faded towards the paper, for spans that cannot be picked now.
pub fn faded(c: Color32) -> Color32 {
    mix(c, PAPER, 0.25)
}

/// A darker shade of `c`, readable as text on the paper.
pub fn ink(c: Color32) -> Color32 {
    mix(c, Color32::BLACK, 0.75)
}

/// `a` over `b` with weight `t` (0 = only `b`).
fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (x as f32 * t + y as f32 * (1.0 - t)).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// Text colour that reads well on a background of colour `bg`.
pub fn text_on(bg: Color32) -> Color32 {
    let lum = 0.299 * bg.r() as f32 + 0.587 * bg.g() as f32 + 0.114 * bg.b() as f32;
    if lum > 150.0 {
        TEXT_COLOR
    } else {
        Color32::WHITE
    }
}

/// Outline of the selected span.
pub fn selected_stroke(c: Color32) -> Stroke {
    Stroke::new(1.5, ink(c))
}

/// Where the work area is kept between the panels and the windows.
fn work_area_id() -> egui::Id {
    egui::Id::unique("newscoder-work-area")
}

/// Remembers the part of the window below the menu bar and above the
/// status bar (set each frame once those bars are drawn).
pub fn set_work_area(ctx: &egui::Context, rect: egui::Rect) {
    ctx.data_mut(|d| d.insert_temp(work_area_id(), rect));
}

/// The part of the window below the menu bar and above the status bar:
/// windows and overlays are kept inside it, so they fit a small screen
/// and never cover the menus.
pub fn work_area(ctx: &egui::Context) -> egui::Rect {
    ctx.data(|d| d.get_temp(work_area_id()))
        .unwrap_or_else(|| ctx.content_rect())
}

/// Sets the light theme, sizes and spacing of the whole window.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |style| {
        use FontFamily::{Monospace, Proportional};
        style.text_styles = [
            (TextStyle::Small, FontId::new(11.5, Proportional)),
            (TextStyle::Body, FontId::new(14.0, Proportional)),
            (TextStyle::Button, FontId::new(14.0, Proportional)),
            (TextStyle::Heading, FontId::new(21.0, Proportional)),
            (TextStyle::Monospace, FontId::new(13.0, Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.spacing.interact_size.y = 24.0;
        let v = &mut style.visuals;
        v.panel_fill = PANEL;
        v.window_fill = Color32::from_rgb(0xfb, 0xfb, 0xfa);
        v.extreme_bg_color = Color32::WHITE;
        v.faint_bg_color = Color32::from_rgb(0xea, 0xea, 0xe7);
        v.selection.bg_fill = SELECTION;
        v.selection.stroke = Stroke::new(1.0, Color32::from_rgb(0x1f, 0x4e, 0x8c));
        v.error_fg_color = ERROR;
        // A steady text cursor: a blinking one repaints the window twice a
        // second for as long as a field has the keyboard, and an idle
        // window must cost nothing (software-rendered desktops and laptops
        // on battery feel it).
        v.text_cursor.blink = false;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tints_stay_light_and_ink_stays_dark() {
        let red = label_color(Color([0xe1, 0x57, 0x59]));
        assert!(tint(red).r() > 220 && tint(red).g() > 200);
        assert!(ink(red).r() < 190);
        assert_eq!(text_on(Color32::WHITE), TEXT_COLOR);
        assert_eq!(text_on(Color32::from_rgb(20, 20, 60)), Color32::WHITE);
    }
}
