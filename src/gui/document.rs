//! The open document as the text view sees it: its text split into
//! paragraphs and word units, the layout cache, the span index, and the
//! view state of this document (text selection, selected span, linking
//! mode, search, pending scroll).

use super::find_bar::Search;
use super::span_index::SpanIndex;
use super::text_layout::{self, RangePiece, TextLayout};
use crate::edit::SetKey;
use crate::model::{AnnotationSet, Codebook, SpanId};
use crate::session::OpenDocument;
use crate::session::words::Words;
use egui::{Pos2, Rect};
use std::ops::Range;

/// One document open in the text view.
#[derive(Debug)]
pub struct DocView {
    /// The opening of the session's document this view was made for
    /// ([`OpenDocument::serial`]).
    pub serial: u64,
    /// Whose annotations of which document.
    pub key: SetKey,
    /// Headline.
    pub title: String,
    /// Outlet, date and author on one line.
    pub byline: String,
    /// The text.
    pub text: String,
    /// The text as characters (offsets index into this).
    pub chars: Vec<char>,
    /// Paragraphs (non-empty lines) as character ranges.
    pub paragraphs: Vec<Range<usize>>,
    /// The same paragraphs as byte ranges of `text`.
    pub paragraph_bytes: Vec<Range<usize>>,
    /// Word units for snapping and keyboard moves.
    pub words: Words,
    /// Galleys and heights.
    pub layout: TextLayout,
    /// Spans by paragraph, rebuilt when the set changes.
    pub index: SpanIndex,
    index_for: Option<(u64, u32)>,
    /// Text selected for tagging.
    pub selection: Option<Range<usize>>,
    /// The selected span.
    pub selected_span: Option<SpanId>,
    /// The role being linked: the next click on a span sets it.
    pub linking: Option<String>,
    /// The span under the pointer.
    pub hovered_span: Option<SpanId>,
    /// The find bar's state.
    pub search: Search,
    /// A range to bring into view (kept for a few frames while heights settle).
    pub scroll_to: Option<(Range<usize>, u8)>,
    /// Where a drag selection started.
    pub drag_anchor: Option<usize>,
    /// An edge of the selected span being dragged (`true`: its start).
    pub edge_drag: Option<(SpanId, bool)>,
    /// Where the dragged edge would put the span.
    pub edge_preview: Option<Range<usize>>,
    /// Screen position of the top-left of the text column in the last frame.
    pub origin: Option<Pos2>,
    /// Visible part of the text view in the last frame.
    pub clip: Rect,
}

impl DocView {
    /// Prepares the session's open document for coding and display.
    pub fn new(open: &OpenDocument) -> DocView {
        let (key, entry, text) = (open.key.clone(), &open.entry, open.text.clone());
        let chars: Vec<char> = text.chars().collect();
        let paragraphs = crate::text::paragraphs(&text);
        let mut paragraph_bytes = Vec::with_capacity(paragraphs.len());
        let idx = crate::text::CharIndex::new(&text);
        for p in &paragraphs {
            let a = idx.byte(p.start).unwrap_or(text.len());
            let b = idx.byte(p.end).unwrap_or(text.len());
            paragraph_bytes.push(a..b);
        }
        let words = Words::new(&chars);
        let m = &entry.meta;
        let byline = [m.outlet.as_str(), m.date.as_str(), m.author.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join("  ·  ");
        DocView {
            serial: open.serial,
            key,
            title: entry.title.clone(),
            byline,
            text,
            chars,
            paragraphs,
            paragraph_bytes,
            words,
            layout: TextLayout::default(),
            index: SpanIndex::default(),
            index_for: None,
            selection: None,
            selected_span: None,
            linking: None,
            hovered_span: None,
            search: Search::default(),
            scroll_to: None,
            drag_anchor: None,
            edge_drag: None,
            edge_preview: None,
            origin: None,
            clip: Rect::NOTHING,
        }
    }

    /// The characters `range` as a string.
    pub fn slice(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.chars.len());
        self.chars[range.start.min(end)..end].iter().collect()
    }

    /// The paragraph containing character `c`, or the next one after it.
    pub fn paragraph_of(&self, c: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= c);
        (i < self.paragraphs.len()).then_some(i)
    }

    /// Rebuilds the span index if the set or codebook changed since.
    pub fn refresh_index(&mut self, set: &AnnotationSet, codebook: &Codebook, revision: u64) {
        let stamp = (revision, codebook.revision);
        if self.index_for != Some(stamp) {
            self.index = SpanIndex::build(set, codebook, &self.paragraphs);
            self.index_for = Some(stamp);
        }
    }

    /// Forces the span index to be rebuilt next frame (after loading).
    pub fn invalidate_index(&mut self) {
        self.index_for = None;
    }

    /// Selects `range` of the text (and no span) and scrolls to it.
    pub fn select_text(&mut self, range: Range<usize>) {
        self.selected_span = None;
        self.linking = None;
        self.scroll_to = Some((range.clone(), 3));
        self.selection = Some(range);
    }

    /// Selects span `id` (and no text) at `range` and scrolls to it.
    pub fn select_span(&mut self, id: SpanId, range: Range<usize>) {
        self.selection = None;
        self.linking = None;
        self.selected_span = Some(id);
        self.scroll_to = Some((range, 3));
    }

    /// Clears the selection of text and span.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.selected_span = None;
        self.linking = None;
    }

    /// Screen rectangles (one per row) of `range` as drawn in the last
    /// frame; empty where the text is scrolled out of view.
    pub fn screen_pieces(&self, range: Range<usize>) -> Vec<RangePiece> {
        let Some(origin) = self.origin else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let Some(first) = self.paragraph_of(range.start) else {
            return out;
        };
        for (i, p) in self.paragraphs.iter().enumerate().skip(first) {
            if p.start >= range.end {
                break;
            }
            let Some(galley) = self.layout.galley(i) else {
                continue;
            };
            let local = range.start.max(p.start) - p.start..range.end.min(p.end) - p.start;
            let mut pieces = text_layout::range_pieces(galley, local);
            text_layout::translate(&mut pieces, origin + egui::vec2(0.0, self.layout.top(i)));
            out.extend(pieces);
        }
        out
    }
}
