//! Right-to-left paragraphs (Arabic, Hebrew, …) for the text view.
//!
//! egui shapes a right-to-left run in the right visual order, but the
//! glyphs of its galley no longer stand one per character in text order
//! (they come in visual order, followed by zero-width duplicates), so
//! offsets taken from it would be wrong, and rows wrap from the wrong end
//! and align left. Here such a paragraph is laid out word by word instead:
//! each word is shaped on its own (joined letters stay joined), rows are
//! filled in text order and set from the right, runs of left-to-right
//! words keep their order inside, and the resulting galley again has one
//! glyph per character, in text order, at the place where that character
//! is drawn — so hit-testing, selection and span offsets stay exact.

use egui::epaint::text::{Glyph, LayoutJob, TextFormat};
use egui::{Galley, Mesh, Rect, pos2, vec2};
use std::sync::Arc;

/// Direction of a character: `Some(true)` for a strong right-to-left
/// letter, `Some(false)` for a strong left-to-right one, `None` for
/// digits, punctuation, spaces and marks.
fn strong(c: char) -> Option<bool> {
    let u = c as u32;
    let rtl = matches!(u,
        0x0590..=0x08FF      // Hebrew, Arabic, Syriac, Thaana, NKo, …
        | 0xFB1D..=0xFDFF    // Hebrew and Arabic presentation forms A
        | 0xFE70..=0xFEFF    // Arabic presentation forms B
        | 0x10800..=0x10FFF  // historic right-to-left scripts
        | 0x1E800..=0x1EFFF); // Mende Kikakui, Adlam, Arabic math
    if rtl && c.is_alphabetic() {
        Some(true)
    } else if !rtl && c.is_alphabetic() {
        Some(false)
    } else {
        None
    }
}

/// Whether `text` is a right-to-left paragraph: its first strong letter is
/// right-to-left (the rule of the Unicode bidirectional algorithm).
pub fn is_rtl(text: &str) -> bool {
    text.chars().find_map(strong).unwrap_or(false)
}

/// One word or run of spaces, shaped on its own.
struct Token {
    /// Characters, from the start of the paragraph.
    first: usize,
    space: bool,
    /// Direction of its first strong letter, if any.
    rtl: Option<bool>,
    galley: Arc<Galley>,
    width: f32,
    /// Left and right edge of each character, from the token's left.
    extents: Vec<(f32, f32)>,
}

/// Where each character of a token is drawn, from the token's left.
fn extents(galley: &Galley, count: usize, rtl: bool, width: f32) -> Vec<(f32, f32)> {
    let glyphs: Vec<&Glyph> = galley.rows.iter().flat_map(|r| r.glyphs.iter()).collect();
    if !rtl && glyphs.len() == count {
        return glyphs.iter().map(|g| (g.pos.x, g.max_x())).collect();
    }
    if rtl && count > 0 && glyphs.len() == 2 * count - 1 {
        // One glyph per character in visual order, then the duplicates.
        return (0..count)
            .map(|i| {
                let g = glyphs[count - 1 - i];
                (g.pos.x, g.max_x())
            })
            .collect();
    }
    // Ligatures or marks: share the width evenly, in reading order.
    let step = width / count.max(1) as f32;
    (0..count)
        .map(|i| {
            let k = if rtl { count - 1 - i } else { i };
            (k as f32 * step, (k + 1) as f32 * step)
        })
        .collect()
}

/// Splits `text` into words and runs of spaces and shapes each.
fn tokens(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    format: &TextFormat,
) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut first = 0;
    while let Some(&(start, c)) = chars.peek() {
        let space = c.is_whitespace();
        let mut end = start;
        let mut count = 0;
        while let Some(&(i, d)) = chars.peek() {
            if d.is_whitespace() != space {
                break;
            }
            end = i + d.len_utf8();
            count += 1;
            chars.next();
        }
        let piece = &text[start..end];
        let rtl = piece.chars().find_map(strong);
        let galley = fonts.layout_job(LayoutJob::single_section(piece.to_string(), format.clone()));
        let width = galley
            .rows
            .iter()
            .flat_map(|r| r.glyphs.iter())
            .map(|g| g.max_x())
            .fold(0.0, f32::max);
        let extents = extents(&galley, count, rtl == Some(true), width);
        out.push(Token {
            first,
            space,
            rtl,
            galley,
            width,
            extents,
        });
        first += count;
    }
    out
}

/// Whether token `i` of a row (in a right-to-left paragraph) belongs to a
/// left-to-right run: a left-to-right word, or a space or neutral word
/// between two of them.
fn in_ltr_run(row: &[Token], i: usize) -> bool {
    match row[i].rtl {
        Some(rtl) => !rtl,
        None => {
            let before = row[..i].iter().rev().find_map(|t| t.rtl);
            let after = row[i + 1..].iter().find_map(|t| t.rtl);
            before == Some(false) && after == Some(false)
        }
    }
}

/// Lays out the right-to-left paragraph `text` in `format`, wrapped at
/// `width` and aligned right, as a galley with one glyph per character in
/// text order (see the module documentation); rows are `row_height` apart.
pub fn layout(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    format: &TextFormat,
    width: f32,
    row_height: f32,
) -> Arc<Galley> {
    let tokens = tokens(fonts, text, format);
    let chars: Vec<char> = text.chars().collect();
    // Rows in text order: a word that does not fit starts a new row;
    // spaces stay at the end of the row they follow.
    let mut rows: Vec<Vec<Token>> = vec![Vec::new()];
    let mut used = 0.0;
    for t in tokens {
        let row = rows.last_mut().expect("one row at least");
        if !t.space && !row.is_empty() && used + t.width > width {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += t.width;
        rows.last_mut().expect("one row at least").push(t);
    }
    let mut base = fonts.layout_job(LayoutJob::single_section(String::new(), format.clone()));
    let galley = Arc::make_mut(&mut base);
    let template = galley.rows.first().cloned();
    let mut placed = Vec::with_capacity(rows.len());
    let (mut vertices, mut indices) = (0, 0);
    let mut bounds = Rect::NOTHING;
    for (k, row) in rows.iter().enumerate() {
        // Trailing spaces take no room: the row's text ends at its left.
        let trailing = row.iter().rev().take_while(|t| t.space).count();
        let shown = row.len() - trailing;
        let x_of = place(&row[..shown], width);
        let left = x_of.iter().copied().fold(width, f32::min);
        let mut glyphs = Vec::new();
        let mut mesh = Mesh::default();
        for (i, t) in row.iter().enumerate() {
            let x = x_of.get(i).copied().unwrap_or(left);
            let mut m = t
                .galley
                .rows
                .first()
                .map(|r| r.visuals.mesh.clone())
                .unwrap_or_default();
            let like = t
                .galley
                .rows
                .first()
                .and_then(|r| r.glyphs.first().copied());
            if i < shown {
                m.translate(vec2(x, 0.0));
                mesh.append(m);
            }
            for (j, (a, b)) in t.extents.iter().enumerate() {
                let (a, b) = if i < shown {
                    (x + a, x + b)
                } else {
                    (left, left)
                };
                let Some(mut g) = like.or_else(|| glyphs.last().copied()) else {
                    continue;
                };
                g.chr = chars.get(t.first + j).copied().unwrap_or(' ');
                g.pos = pos2(a, g.pos.y);
                g.advance_width = b - a;
                g.first_vertex = 0;
                glyphs.push(g);
            }
        }
        let Some(mut row_template) = template.clone() else {
            break;
        };
        let r = Arc::make_mut(&mut row_template.row);
        let mesh_bounds = mesh.calc_bounds();
        vertices += mesh.vertices.len();
        indices += mesh.indices.len();
        r.visuals.glyph_index_start = 0;
        r.visuals.glyph_vertex_range = 0..mesh.vertices.len();
        r.visuals.mesh_bounds = mesh_bounds;
        r.visuals.mesh = mesh;
        r.glyphs = glyphs;
        r.size = vec2(width, row_height);
        row_template.pos = pos2(0.0, k as f32 * row_height);
        row_template.ends_with_newline = false;
        bounds = bounds.union(mesh_bounds.translate(row_template.pos.to_vec2()));
        placed.push(row_template);
    }
    galley.job = Arc::new(LayoutJob::single_section(text.to_string(), format.clone()));
    galley.rect = Rect::from_min_size(
        pos2(0.0, 0.0),
        vec2(width, placed.len() as f32 * row_height),
    );
    galley.rows = placed;
    galley.mesh_bounds = bounds;
    galley.num_vertices = vertices;
    galley.num_indices = indices;
    base
}

/// Left edge of each token of a row, set from the right edge `width`:
/// runs follow each other from right to left; inside a left-to-right run
/// the tokens read from left to right.
fn place(row: &[Token], width: f32) -> Vec<f32> {
    let mut x_of = vec![0.0; row.len()];
    let mut right = width;
    let mut i = 0;
    while i < row.len() {
        if in_ltr_run(row, i) {
            let mut j = i;
            while j < row.len() && in_ltr_run(row, j) {
                j += 1;
            }
            let run: f32 = row[i..j].iter().map(|t| t.width).sum();
            let mut x = right - run;
            for (k, t) in row[i..j].iter().enumerate() {
                x_of[i + k] = x;
                x += t.width;
            }
            right -= run;
            i = j;
        } else {
            right -= row[i].width;
            x_of[i] = right;
            i += 1;
        }
    }
    x_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_strong_letter_decides_the_direction() {
        assert!(is_rtl("مادورو يدعو الجيش"));
        assert!(is_rtl("«2019» שר החוץ said"));
        assert!(!is_rtl("Maduro said: «مادورو»"));
        assert!(!is_rtl("2019 — 12:30"));
    }

    #[test]
    fn words_read_from_the_right_and_a_latin_name_keeps_its_order() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let text = "שלום Juan Guaido עולם";
            let format = TextFormat {
                font_id: egui::FontId::proportional(16.0),
                ..Default::default()
            };
            let g = ui
                .ctx()
                .fonts_mut(|f| layout(f, text, &format, 400.0, 30.0));
            assert_eq!(g.rows.len(), 1);
            let glyphs = &g.rows[0].glyphs;
            assert_eq!(
                glyphs.len(),
                text.chars().count(),
                "one glyph per character"
            );
            let chars: Vec<char> = text.chars().collect();
            assert!(glyphs.iter().zip(&chars).all(|(g, c)| g.chr == *c));
            let x = |word: &str| {
                let start = text[..text.find(word).unwrap()].chars().count();
                glyphs[start].pos.x
            };
            assert!(x("שלום") > x("Juan"), "the first word is at the right");
            assert!(x("Juan") < x("Guaido"), "Latin words read left to right");
            assert!(x("Guaido") > x("עולם"), "the last word is at the left");
            let right = glyphs.iter().map(|g| g.max_x()).fold(0.0, f32::max);
            assert!((right - 400.0).abs() < 0.5, "aligned right");
            // Within a Hebrew word, the first letter is the rightmost.
            assert!(glyphs[0].pos.x > glyphs[1].pos.x);

            // A narrow column wraps in reading order: the first words on
            // the first row.
            let g = ui.ctx().fonts_mut(|f| layout(f, text, &format, 90.0, 30.0));
            assert!(g.rows.len() > 1);
            assert_eq!(g.rows[0].glyphs[0].chr, 'ש');
            let total: usize = g.rows.iter().map(|r| r.glyphs.len()).sum();
            assert_eq!(total, chars.len());
        });
        out.textures_delta.clear();
    }
}
