//! Layout of the article text for the text view: one cached galley per
//! paragraph, estimated heights for paragraphs not laid out yet, the
//! cumulative tops to find the visible paragraphs by binary search, and the
//! geometry queries (character under the pointer, rectangles of a range)
//! on a single paragraph's galley, and where the arcs of links go. Never
//! one galley of the whole document.
//!
//! Every row is taller than the text needs by [`ARC_ROOM`]: the glyphs sit
//! in the middle of their line box, so between the glyphs of two rows lies
//! a band in which link arcs and their role tags are drawn without ever
//! covering a word. The room is kept whether or not anything is linked, so
//! the text never moves when a span is selected or a link is made.

use super::style;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Galley, Pos2, Rangef, Rect, Vec2, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Height added to every row of the article for link arcs and role tags.
pub const ARC_ROOM: f32 = 12.0;
/// Height of one row of the article text, arc room included.
pub const ROW_HEIGHT: f32 = style::LINE_HEIGHT + ARC_ROOM;
/// Size of the role name in a link's tag.
pub const TAG_FONT_SIZE: f32 = 10.0;
/// Height of a link's role tag.
pub const TAG_HEIGHT: f32 = 12.0;
/// Space between the top of a row's glyphs and the arcs above it (the
/// outline of a linked span lies in it).
const ARC_CLEARANCE: f32 = 4.0;
/// Distance between the text column and the first gutter lane of arcs
/// between rows, and between two such lanes.
const GUTTER_STEP: f32 = 5.0;
/// Gutter lanes used before arcs share the outermost one.
const GUTTER_LANES: usize = 4;

/// Galleys and heights of every paragraph of one document.
#[derive(Clone, Debug, Default)]
pub struct TextLayout {
    width: f32,
    pixels_per_point: f32,
    avg_char_width: f32,
    galleys: Vec<Option<Arc<Galley>>>,
    /// Which paragraphs read right to left (set when laid out).
    rtl: Vec<bool>,
    /// Height of each paragraph's text (laid out or estimated), without gap.
    heights: Vec<f32>,
    /// `tops[i]`: top of paragraph `i`; `tops[n]`: total height.
    tops: Vec<f32>,
    tops_dirty: bool,
}

impl TextLayout {
    /// Makes sure the layout fits `width` and the screen's scale, dropping
    /// every galley if either changed; `chars_per_paragraph` gives the
    /// estimates.
    pub fn prepare(
        &mut self,
        ctx: &egui::Context,
        width: f32,
        chars_per_paragraph: impl ExactSizeIterator<Item = usize>,
    ) {
        let ppp = ctx.pixels_per_point();
        let n = chars_per_paragraph.len();
        if self.width == width && self.pixels_per_point == ppp && self.galleys.len() == n {
            return;
        }
        self.width = width;
        self.pixels_per_point = ppp;
        if self.avg_char_width <= 0.0 {
            self.avg_char_width = measure_avg_char_width(ctx);
        }
        self.galleys = vec![None; n];
        self.rtl = vec![false; n];
        let per_row = (width / self.avg_char_width).max(1.0);
        self.heights = chars_per_paragraph
            .map(|c| (c as f32 / per_row).ceil().max(1.0) * ROW_HEIGHT)
            .collect();
        self.tops_dirty = true;
        self.update_tops();
    }

    /// Width the galleys wrap at.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Total height of the text, gaps included.
    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Top of paragraph `i` relative to the top of the text.
    pub fn top(&self, i: usize) -> f32 {
        self.tops.get(i).copied().unwrap_or(0.0)
    }

    /// The galley of paragraph `i`, if laid out.
    pub fn galley(&self, i: usize) -> Option<&Arc<Galley>> {
        self.galleys.get(i).and_then(Option::as_ref)
    }

    /// Whether paragraph `i` reads right to left (its rows are aligned
    /// right; known once it is laid out).
    pub fn is_rtl(&self, i: usize) -> bool {
        self.rtl.get(i).copied().unwrap_or(false)
    }

    /// Paragraphs whose slot intersects `y` (relative to the text top).
    pub fn visible(&self, y: Range<f32>) -> Range<usize> {
        let n = self.heights.len();
        if n == 0 || self.tops.len() != n + 1 {
            return 0..0;
        }
        // First paragraph whose bottom is below y.start.
        let first = self.tops[1..].partition_point(|&bottom| bottom <= y.start);
        let last = self.tops[..n].partition_point(|&top| top < y.end);
        first.min(last)..last
    }

    /// The paragraph whose slot contains `y`, or the nearest one.
    pub fn paragraph_at_y(&self, y: f32) -> Option<usize> {
        let n = self.heights.len();
        if n == 0 || self.tops.len() != n + 1 {
            return None;
        }
        Some(self.tops[1..n].partition_point(|&next_top| next_top <= y))
    }

    /// Lays out paragraph `i` of `text` (its byte range `bytes`) unless it
    /// is laid out already.
    pub fn ensure(&mut self, ctx: &egui::Context, i: usize, text: &str, bytes: Range<usize>) {
        if self.galleys.get(i).is_none_or(Option::is_some) {
            return;
        }
        let para = text.get(bytes).unwrap_or_default();
        let format = TextFormat {
            font_id: style::body_font(),
            color: style::TEXT_COLOR,
            line_height: Some(ROW_HEIGHT),
            ..Default::default()
        };
        let rtl = super::rtl_layout::is_rtl(para);
        let width = self.width;
        let galley = ctx.fonts_mut(|f| {
            if rtl {
                super::rtl_layout::layout(f, para, &format, width, ROW_HEIGHT)
            } else {
                let mut job = LayoutJob::single_section(para.to_string(), format);
                job.wrap = TextWrapping::wrap_at_width(width);
                f.layout_job(job)
            }
        });
        self.rtl[i] = rtl;
        let h = galley.size().y.max(ROW_HEIGHT);
        if (self.heights[i] - h).abs() > 0.01 {
            self.heights[i] = h;
            self.tops_dirty = true;
        }
        self.galleys[i] = Some(galley);
    }

    /// Lays out the paragraphs visible in `y`, repeating while the real
    /// heights shift which ones are visible; returns them.
    pub fn lay_out_visible(
        &mut self,
        ctx: &egui::Context,
        y: Range<f32>,
        text: &str,
        bytes: &[Range<usize>],
    ) -> Range<usize> {
        let mut visible = self.visible(y.clone());
        for _ in 0..4 {
            for i in visible.clone() {
                self.ensure(ctx, i, text, bytes[i].clone());
            }
            if !self.tops_dirty {
                break;
            }
            self.update_tops();
            let again = self.visible(y.clone());
            if again == visible {
                break;
            }
            visible = again;
        }
        visible
    }

    fn update_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for h in &self.heights {
            y += h + style::PARAGRAPH_GAP;
            self.tops.push(y);
        }
        self.tops_dirty = false;
    }
}

/// Average advance of body text characters, for height estimates.
fn measure_avg_char_width(ctx: &egui::Context) -> f32 {
    const SAMPLE: &str =
        "Opposition leader Juan Guaido called on the armed forces to rise up, 1234.";
    let galley = ctx
        .fonts_mut(|f| f.layout_no_wrap(SAMPLE.to_string(), style::body_font(), style::TEXT_COLOR));
    (galley.size().x / SAMPLE.chars().count() as f32).max(1.0)
}

/// Character offsets (within the paragraph) where each row of `galley`
/// starts, and one past the end.
fn row_starts(galley: &Galley) -> impl Iterator<Item = (usize, &egui::epaint::text::PlacedRow)> {
    galley.rows.iter().scan(0usize, |start, row| {
        let s = *start;
        *start += row.char_count_including_newline().0;
        Some((s, row))
    })
}

/// Vertical extent of the glyphs of `row` (not the line box).
fn text_band(row: &egui::epaint::text::PlacedRow) -> (f32, f32) {
    match row.glyphs.first() {
        Some(g) => {
            let top = row.pos.y + g.pos.y - g.font_ascent;
            (top, top + g.font_height)
        }
        None => (row.pos.y, row.pos.y + row.size.y),
    }
}

/// The character whose glyph lies under `pos` (galley coordinates).
pub fn glyph_at(galley: &Galley, pos: Vec2) -> Option<usize> {
    for (start, row) in row_starts(galley) {
        let r = row.rect();
        if pos.y < r.min.y || pos.y >= r.max.y {
            continue;
        }
        let x = pos.x - row.pos.x;
        return row
            .glyphs
            .iter()
            .position(|g| g.pos.x <= x && x < g.max_x())
            .map(|i| start + i);
    }
    None
}

/// The character boundary nearest to `pos` (galley coordinates); `rtl`:
/// the galley is a right-to-left paragraph.
pub fn cursor_at(galley: &Galley, pos: Vec2, rtl: bool) -> usize {
    if !rtl {
        return galley.cursor_from_pos(pos).index.0;
    }
    // Right to left: the row nearest to `pos`, then the glyph nearest to
    // it; the boundary before a glyph is on its right.
    let Some((start, row)) = row_starts(galley).min_by(|(_, a), (_, b)| {
        let d = |r: &egui::epaint::text::PlacedRow| {
            let r = r.rect();
            (r.min.y - pos.y).max(pos.y - r.max.y).max(0.0)
        };
        d(a).total_cmp(&d(b))
    }) else {
        return 0;
    };
    let x = pos.x - row.pos.x;
    let nearest = row.glyphs.iter().enumerate().min_by(|(_, a), (_, b)| {
        let d = |g: &egui::epaint::text::Glyph| (g.pos.x - x).max(x - g.max_x()).max(0.0);
        d(a).total_cmp(&d(b))
    });
    match nearest {
        Some((i, g)) if x < (g.pos.x + g.max_x()) / 2.0 => start + i + 1,
        Some((i, _)) => start + i,
        None => start,
    }
}

/// One row's share of a character range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RangePiece {
    /// From the left of the first glyph to the right of the last, over the
    /// height of the glyphs.
    pub band: Rect,
    /// The whole line box of the row.
    pub line: Rect,
}

/// The rectangles, one per row, that the characters `range` (within the
/// paragraph) cover, in galley coordinates.
pub fn range_pieces(galley: &Galley, range: Range<usize>) -> Vec<RangePiece> {
    let mut out = Vec::new();
    for (start, row) in row_starts(galley) {
        let n = row.glyphs.len();
        let (a, b) = (range.start.max(start), range.end.min(start + n));
        if a >= b {
            if start >= range.end {
                break;
            }
            continue;
        }
        // From the leftmost to the rightmost glyph of the range: the same
        // as its first and last glyph in left-to-right text, and right for
        // right-to-left text too.
        let (x0, x1) = row.glyphs[a - start..b - start]
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), g| {
                (l.min(g.pos.x), r.max(g.max_x()))
            });
        let (x0, x1) = (row.pos.x + x0, row.pos.x + x1);
        let (top, bottom) = text_band(row);
        let line = row.rect();
        out.push(RangePiece {
            band: Rect::from_min_max(pos2(x0, top), pos2(x1, bottom)),
            line: Rect::from_min_max(pos2(x0, line.min.y), pos2(x1, line.max.y)),
        });
    }
    out
}

/// The rectangles covered by the glyphs of each row of `galley` (from the
/// row's left to its right, over the height of the glyphs), in galley
/// coordinates: what link arcs must never cover.
pub fn glyph_rows(galley: &Galley) -> impl Iterator<Item = Rect> + '_ {
    galley
        .rows
        .iter()
        .filter(|row| !row.glyphs.is_empty())
        .map(|row| {
            let (top, bottom) = text_band(row);
            Rect::from_x_y_ranges(row.pos.x..=row.pos.x + row.size.x, top..=bottom)
        })
}

/// How a link's arc runs.
#[derive(Clone, Debug, PartialEq)]
pub enum ArcPath {
    /// Both ends on one row: a cubic curve (start, two controls, end)
    /// rising into the room above the row.
    Curve([Pos2; 4]),
    /// Ends on different rows: up into the room above the source's row,
    /// along it to the gutter left of the text, down or up the gutter, and
    /// along the room above the target's row to the target.
    Elbow(Vec<Pos2>),
    /// The source is not laid out: only the tag above the target.
    None,
}

/// Where one link is drawn: its arc, its end points and its role tag.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkArc {
    /// The arc.
    pub path: ArcPath,
    /// The points where the arc meets the source and the target (the
    /// target's last), just above their glyphs.
    pub ends: Vec<Pos2>,
    /// The role tag.
    pub tag: Rect,
}

/// Radius of the dots at an arc's ends.
pub const ARC_DOT: f32 = 2.5;
/// Width of an arc's line.
pub const ARC_WIDTH: f32 = 1.5;

impl LinkArc {
    /// Every rectangle the arc, its dots and its tag may paint in (for a
    /// curve, the box of its control points, which holds the curve).
    pub fn covered(&self) -> Vec<Rect> {
        let half = ARC_WIDTH / 2.0;
        let mut out = vec![self.tag];
        match &self.path {
            ArcPath::Curve(points) => {
                out.push(Rect::from_points(points).expand(half));
            }
            ArcPath::Elbow(points) => {
                out.extend(
                    points
                        .windows(2)
                        .map(|w| Rect::from_two_pos(w[0], w[1]).expand(half)),
                );
            }
            ArcPath::None => {}
        }
        out.extend(
            self.ends
                .iter()
                .map(|p| Rect::from_center_size(*p, Vec2::splat(2.0 * ARC_DOT))),
        );
        out
    }
}

/// The arc of a link from the glyphs `from` (the first row of the source,
/// if laid out) to the glyphs `to` (the first row of the target), both in
/// screen coordinates, in a text column spanning `column`; `lane` numbers
/// the links of one span (they take different gutter lanes); `tag` is the
/// size of the role name.
pub fn link_arc(from: Option<Rect>, to: Rect, column: Rangef, lane: usize, tag: Vec2) -> LinkArc {
    let above = |r: Rect| pos2(r.center().x, r.top() - ARC_CLEARANCE);
    // The middle of the room above a row, where tags and lanes run.
    let lane_y = |r: Rect| r.top() - ARC_CLEARANCE - TAG_HEIGHT / 2.0;
    let b = above(to);
    let tag_size = vec2(tag.x + 8.0, TAG_HEIGHT);
    let tag_at = |x: f32, y: f32| {
        let half = tag_size.x / 2.0;
        let x = x.clamp(
            column.min + half,
            (column.max - half).max(column.min + half),
        );
        Rect::from_center_size(pos2(x, y), tag_size)
    };
    let Some(from) = from else {
        return LinkArc {
            path: ArcPath::None,
            ends: vec![b],
            tag: tag_at(b.x, lane_y(to)),
        };
    };
    let a = above(from);
    if (from.top() - to.top()).abs() < 1.0 {
        // A cubic whose controls are `lift` above its ends peaks at
        // three quarters of `lift`: put the peak in the middle of the room.
        let lift = (a.y - lane_y(to)) / 0.75;
        let c1 = a - vec2(0.0, lift);
        let c2 = b - vec2(0.0, lift);
        return LinkArc {
            path: ArcPath::Curve([a, c1, c2, b]),
            ends: vec![a, b],
            tag: tag_at((a.x + b.x) / 2.0, lane_y(to)),
        };
    }
    let gutter = column.min - GUTTER_STEP * (1 + lane.min(GUTTER_LANES - 1)) as f32;
    // Leaving the source, each link keeps a height of its own, below the
    // peak of same-row curves, so that arcs leaving together stay apart.
    let ya = from.top() - ARC_CLEARANCE - 2.0 - 2.0 * lane.min(GUTTER_LANES - 1) as f32;
    let yb = lane_y(to);
    LinkArc {
        path: ArcPath::Elbow(vec![
            a,
            pos2(a.x, ya),
            pos2(gutter, ya),
            pos2(gutter, yb),
            pos2(b.x, yb),
            b,
        ]),
        ends: vec![a, b],
        tag: tag_at(b.x, yb),
    }
}

/// Offsets the pieces by `origin` (galley to screen coordinates).
pub fn translate(pieces: &mut [RangePiece], origin: Pos2) {
    let d = origin.to_vec2();
    for p in pieces {
        p.band = p.band.translate(d);
        p.line = p.line.translate(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galley(ctx: &egui::Context, text: &str, width: f32) -> Arc<Galley> {
        let mut job = LayoutJob::single_section(
            text.to_string(),
            TextFormat {
                font_id: style::body_font(),
                line_height: Some(ROW_HEIGHT),
                ..Default::default()
            },
        );
        job.wrap = TextWrapping::wrap_at_width(width);
        ctx.fonts_mut(|f| f.layout_job(job))
    }

    #[test]
    fn pieces_and_hits_agree_across_wrapped_rows() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let text =
                "Maduro calls Guaido a puppet of the United States and says the army stays loyal.";
            let g = galley(ui.ctx(), text, 200.0);
            assert!(g.rows.len() > 1, "the text wraps");
            let all = range_pieces(&g, 0..text.chars().count());
            assert_eq!(all.len(), g.rows.len());
            // The centre of each character's piece hits that character.
            for c in [0, 7, 20, 45, text.chars().count() - 1] {
                let piece = range_pieces(&g, c..c + 1);
                assert_eq!(piece.len(), 1);
                assert_eq!(
                    glyph_at(&g, piece[0].band.center().to_vec2()),
                    Some(c),
                    "char {c}"
                );
                assert_eq!(
                    cursor_at(
                        &g,
                        piece[0].band.left_center().to_vec2() + egui::vec2(0.5, 0.0),
                        false
                    ),
                    c
                );
            }
            assert_eq!(glyph_at(&g, egui::vec2(5.0, -50.0)), None);
        });
        out.textures_delta.clear();
    }

    #[test]
    fn visible_paragraphs_come_from_cumulative_tops() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let text = "one\ntwo two two\nthree";
            let bytes = vec![0..3, 4..15, 16..21];
            let mut l = TextLayout::default();
            l.prepare(ui.ctx(), 300.0, [3usize, 11, 5].into_iter());
            let step = ROW_HEIGHT + style::PARAGRAPH_GAP;
            assert_eq!(l.total_height(), 3.0 * step);
            assert_eq!(l.visible(0.0..1.0), 0..1);
            assert_eq!(l.visible(step + 1.0..step + 2.0), 1..2);
            assert_eq!(l.visible(0.0..1000.0), 0..3);
            assert_eq!(l.paragraph_at_y(2.5 * step), Some(2));
            assert_eq!(l.paragraph_at_y(1e6), Some(2));
            let v = l.lay_out_visible(ui.ctx(), 0.0..step * 1.5, text, &bytes);
            assert_eq!(v, 0..2);
            assert!(l.galley(0).is_some() && l.galley(1).is_some() && l.galley(2).is_none());
        });
        out.textures_delta.clear();
    }
}
