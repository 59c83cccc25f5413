//! Where each span of the open document lies, for drawing and hit-testing
//! without scanning every span every frame: the spans overlapping each
//! paragraph, and each span's nesting level (which underline row it uses).

use crate::model::{AnnotationSet, Codebook, SpanId};
use egui::Color32;
use std::ops::Range;

/// One span, as the text view needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexedSpan {
    /// Span id.
    pub id: SpanId,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The label's colour (grey for a label missing from the codebook).
    pub color: Color32,
    /// Underline row: 0 for spans not inside another, 1 for the next, ….
    pub level: u8,
}

impl IndexedSpan {
    /// Whether the span covers character `c`.
    pub fn contains(&self, c: usize) -> bool {
        self.start <= c && c < self.end
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty (never for a valid span).
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Spans of one set, grouped by paragraph.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    spans: Vec<IndexedSpan>,
    /// `members[offsets[p]..offsets[p + 1]]`: indices into `spans` of the
    /// spans overlapping paragraph `p` (one flat list, rebuilt after every
    /// edit without an allocation per paragraph).
    offsets: Vec<u32>,
    members: Vec<u32>,
}

/// Deepest underline row drawn; deeper nesting shares the last row.
pub const MAX_LEVEL: u8 = 3;

/// The order to give levels in: by start, and for one start the longest
/// (outer) span first. The stored order is by start then end, so only the
/// runs of equal starts need reordering; an unsorted set is sorted first.
fn outer_first(set: &AnnotationSet) -> Vec<u32> {
    let spans = &set.spans;
    let mut order: Vec<u32> = (0..spans.len() as u32).collect();
    if !spans.is_sorted_by_key(|s| s.start) {
        order.sort_by_key(|&i| spans[i as usize].start);
    }
    for run in order.chunk_by_mut(|a, b| spans[*a as usize].start == spans[*b as usize].start) {
        if run.len() > 1 {
            run.sort_by_key(|&i| std::cmp::Reverse(spans[i as usize].end));
        }
    }
    order
}

impl SpanIndex {
    /// Indexes `set` over `paragraphs` (sorted character ranges).
    pub fn build(
        set: &AnnotationSet,
        codebook: &Codebook,
        paragraphs: &[Range<usize>],
    ) -> SpanIndex {
        let colors: Vec<(&str, Color32)> = codebook
            .labels()
            .map(|(_, l)| (l.name.as_str(), super::style::label_color(l.color)))
            .collect();
        // Cheap checks first: this runs over every span after every edit.
        let color_of = |name: &str| {
            colors
                .iter()
                .find(|(n, _)| {
                    n.len() == name.len()
                        && n.as_bytes().first() == name.as_bytes().first()
                        && *n == name
                })
                .map_or(Color32::GRAY, |(_, c)| *c)
        };
        let order = outer_first(set);
        let mut spans = Vec::with_capacity(order.len());
        let mut active: Vec<(usize, u8)> = Vec::new();
        for i in order {
            let s = &set.spans[i as usize];
            active.retain(|&(end, _)| end > s.start);
            let mut level = 0u8;
            while active.iter().any(|&(_, l)| l == level) && level < MAX_LEVEL {
                level += 1;
            }
            active.push((s.end, level));
            spans.push(IndexedSpan {
                id: s.id,
                start: s.start,
                end: s.end,
                color: color_of(&s.label),
                level,
            });
        }
        // The paragraphs each span overlaps, found with one cursor that only
        // moves forward (spans are in order of start): first and count.
        let mut reach: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        let mut first = 0usize;
        for s in &spans {
            while first < paragraphs.len() && paragraphs[first].end <= s.start {
                first += 1;
            }
            let mut last = first;
            while last < paragraphs.len() && paragraphs[last].start < s.end {
                last += 1;
            }
            reach.push((first as u32, (last - first) as u32));
        }
        let mut offsets = vec![0u32; paragraphs.len() + 1];
        for &(f, n) in &reach {
            for p in f..f + n {
                offsets[p as usize + 1] += 1;
            }
        }
        for p in 0..paragraphs.len() {
            offsets[p + 1] += offsets[p];
        }
        let mut fill: Vec<u32> = offsets[..paragraphs.len()].to_vec();
        let mut members = vec![0u32; offsets[paragraphs.len()] as usize];
        for (i, &(f, n)) in reach.iter().enumerate() {
            for p in f..f + n {
                members[fill[p as usize] as usize] = i as u32;
                fill[p as usize] += 1;
            }
        }
        SpanIndex {
            spans,
            offsets,
            members,
        }
    }

    /// All spans, outer before inner.
    pub fn spans(&self) -> &[IndexedSpan] {
        &self.spans
    }

    /// The spans overlapping paragraph `p`.
    pub fn in_paragraph(&self, p: usize) -> impl Iterator<Item = &IndexedSpan> {
        let range = match (self.offsets.get(p), self.offsets.get(p + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.members[range].iter().map(|&i| &self.spans[i as usize])
    }

    /// The spans covering character `c` of paragraph `p`, shortest first.
    pub fn at(&self, p: usize, c: usize) -> Vec<&IndexedSpan> {
        let mut hits: Vec<&IndexedSpan> = self.in_paragraph(p).filter(|s| s.contains(c)).collect();
        hits.sort_by_key(|s| (s.len(), s.start, s.id));
        hits
    }

    /// The span with id `id`.
    pub fn get(&self, id: SpanId) -> Option<&IndexedSpan> {
        self.spans.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn nested_spans_get_deeper_levels_and_paragraph_lists() {
        let mut set = AnnotationSet::new("d", "a");
        set.put(Span::new(SpanId(1), 0, 20, "Stance"));
        set.put(Span::new(SpanId(2), 5, 10, "Person"));
        set.put(Span::new(SpanId(3), 12, 30, "Event"));
        set.put(Span::new(SpanId(4), 40, 45, "Person"));
        let paragraphs = vec![0..25, 26..50];
        let idx = SpanIndex::build(&set, &Codebook::default_media(), &paragraphs);
        let level = |id| idx.get(SpanId(id)).unwrap().level;
        assert_eq!((level(1), level(2), level(3), level(4)), (0, 1, 1, 0));
        let p0: Vec<_> = idx.in_paragraph(0).map(|s| s.id.0).collect();
        let p1: Vec<_> = idx.in_paragraph(1).map(|s| s.id.0).collect();
        assert_eq!(p0, [1, 2, 3]);
        assert_eq!(p1, [3, 4]);
        let at: Vec<_> = idx.at(0, 7).iter().map(|s| s.id.0).collect();
        assert_eq!(at, [2, 1], "shortest first");
        assert!(idx.at(1, 35).is_empty());
    }

    #[test]
    fn every_span_is_listed_in_the_paragraphs_it_overlaps_with_its_colour_and_level() {
        // Many nested and overlapping spans (and one of a label missing
        // from the codebook), over paragraphs of which one is empty, so
        // spans cross paragraph ends and one covers an empty paragraph.
        let mut rng = crate::synth::Rng::new(7);
        let mut set = AnnotationSet::new("d", "a");
        set.spans = crate::synth::spans_for(&mut rng, 2_000, 400);
        set.put(Span::new(SpanId(9_001), 180, 230, "Unknown"));
        set.put(Span::new(SpanId(9_002), 150, 420, "Stance"));
        set.sort();
        let mut paragraphs: Vec<Range<usize>> = (0..20).map(|p| p * 100..p * 100 + 90).collect();
        paragraphs.insert(3, 295..295);
        let codebook = Codebook::default_media();
        let idx = SpanIndex::build(&set, &codebook, &paragraphs);
        assert_eq!(idx.spans().len(), set.spans.len());
        for s in &set.spans {
            let indexed = idx.get(s.id).unwrap();
            assert_eq!((indexed.start, indexed.end), (s.start, s.end));
            let color = codebook
                .label(&s.label)
                .map_or(Color32::GRAY, |l| crate::gui::style::label_color(l.color));
            assert_eq!(indexed.color, color, "colour of {}", s.label);
        }
        assert_eq!(idx.get(SpanId(9_001)).unwrap().color, Color32::GRAY);
        // Levels: each span takes the lowest row no earlier (outer) span
        // still open at its start takes, up to the last row.
        for (n, s) in idx.spans().iter().enumerate() {
            let taken: Vec<u8> = idx.spans()[..n]
                .iter()
                .filter(|o| o.end > s.start)
                .map(|o| o.level)
                .collect();
            let want = (0..MAX_LEVEL)
                .find(|l| !taken.contains(l))
                .unwrap_or(MAX_LEVEL);
            assert_eq!(s.level, want, "level of span {}", s.id.0);
        }
        // Paragraph lists: exactly the overlapping spans, outer first.
        for (p, para) in paragraphs.iter().enumerate() {
            let got: Vec<SpanId> = idx.in_paragraph(p).map(|s| s.id).collect();
            let want: Vec<SpanId> = idx
                .spans()
                .iter()
                .filter(|s| s.start < para.end && s.end > para.start)
                .map(|s| s.id)
                .collect();
            assert_eq!(got, want, "paragraph {p}");
        }
        assert!(idx.in_paragraph(3).any(|s| s.id == SpanId(9_002)));
    }

    #[test]
    fn an_unsorted_set_and_shared_starts_still_put_outer_spans_first() {
        let mut set = AnnotationSet::new("d", "a");
        // Written out of order, as a hand-edited file might be.
        set.spans = vec![
            Span::new(SpanId(3), 30, 35, "Person"),
            Span::new(SpanId(1), 0, 6, "Person"),
            Span::new(SpanId(2), 0, 20, "Stance"),
        ];
        let one_paragraph: Vec<Range<usize>> = std::iter::once(0..40).collect();
        let idx = SpanIndex::build(&set, &Codebook::default_media(), &one_paragraph);
        let level = |id| idx.get(SpanId(id)).unwrap().level;
        assert_eq!((level(2), level(1), level(3)), (0, 1, 0));
        assert_eq!(idx.in_paragraph(0).count(), 3);
        assert_eq!(idx.in_paragraph(1).count(), 0, "no such paragraph");
    }
}
