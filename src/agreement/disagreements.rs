//! Every difference between two coders on a document, classified:
//!
//! 1. spans of the same label and range (exact matches) that differ in an
//!    attribute → *attribute differs*; in their registry actor or in what
//!    a link role points to → *link/actor differs*; otherwise they agree;
//! 2. remaining spans of the same label that intersect, paired one-to-one
//!    (maximum pairs) → *boundary differs*;
//! 3. remaining spans of different labels that intersect, paired the same
//!    way → *label differs*;
//! 4. whatever is left: A's spans are *missing in B*, B's *missing in A*.
//!
//! Linked spans are compared by what they are — the registry actor when
//! both have one, else range and label — never by id, since each coder's
//! ids are their own.
//!
//! Pairing never builds the graph of all overlapping pairs (see
//! [`super::matching`]): time and memory stay near-linear with mutually
//! overlapping spans, such as a model's enumerated candidates.

use super::input::DocPair;
use super::matching::{Range, exact_pairs, overlap_pairs};
use crate::model::{ActorId, ActorRegistry, AnnotationSet, Span, SpanId};
use crate::text::CharIndex;
use crate::wording::quoted;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of disagreement, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// B marked something A did not.
    MissingInA,
    /// A marked something B did not.
    MissingInB,
    /// Intersecting spans with different labels.
    LabelDiffers,
    /// Same label, intersecting, different ranges.
    BoundaryDiffers,
    /// Same label and range, different attribute values.
    AttributeDiffers,
    /// Same label and range, different registry actor or link targets.
    #[serde(rename = "link_or_actor_differs")]
    LinkDiffers,
}

impl DisagreementKind {
    /// All kinds.
    pub const ALL: [DisagreementKind; 6] = [
        DisagreementKind::MissingInA,
        DisagreementKind::MissingInB,
        DisagreementKind::LabelDiffers,
        DisagreementKind::BoundaryDiffers,
        DisagreementKind::AttributeDiffers,
        DisagreementKind::LinkDiffers,
    ];

    /// Name used in CSV files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DisagreementKind::MissingInA => "missing_in_a",
            DisagreementKind::MissingInB => "missing_in_b",
            DisagreementKind::LabelDiffers => "label_differs",
            DisagreementKind::BoundaryDiffers => "boundary_differs",
            DisagreementKind::AttributeDiffers => "attribute_differs",
            DisagreementKind::LinkDiffers => "link_or_actor_differs",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            DisagreementKind::MissingInA => "missing in A",
            DisagreementKind::MissingInB => "missing in B",
            DisagreementKind::LabelDiffers => "label differs",
            DisagreementKind::BoundaryDiffers => "boundary differs",
            DisagreementKind::AttributeDiffers => "attribute differs",
            DisagreementKind::LinkDiffers => "link/actor differs",
        }
    }
}

/// One coder's side of a disagreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpanSide {
    /// The span's id in that coder's set.
    pub id: SpanId,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label.
    pub label: String,
    /// The text it covers.
    pub text: String,
}

/// One classified difference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// What kind of difference.
    pub kind: DisagreementKind,
    /// Document id.
    pub document: String,
    /// Coder A's span, if A has one here.
    pub a: Option<SpanSide>,
    /// Coder B's span, if B has one here.
    pub b: Option<SpanSide>,
    /// What differs, for a person ("polarity: support ≠ oppose").
    pub detail: String,
}

impl Disagreement {
    /// Where it starts in the text: the earlier of the two spans.
    pub fn start(&self) -> usize {
        let a = self.a.as_ref().map(|s| s.start);
        let b = self.b.as_ref().map(|s| s.start);
        a.into_iter().chain(b).min().unwrap_or(0)
    }

    /// Where it ends in the text: the later of the two spans.
    pub fn end(&self) -> usize {
        let a = self.a.as_ref().map(|s| s.end);
        let b = self.b.as_ref().map(|s| s.end);
        a.into_iter().chain(b).max().unwrap_or(0)
    }
}

/// The outcome of comparing two coders on one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentComparison {
    /// Span pairs (A's id, B's id) that agree in everything.
    pub agreed: Vec<(SpanId, SpanId)>,
    /// Everything else, ordered by position.
    pub disagreements: Vec<Disagreement>,
}

/// Compares both coders' sets of one document.
pub fn compare_document(doc: &DocPair) -> DocumentComparison {
    compare_sets(&doc.id, &doc.text, &doc.a, &doc.b)
}

/// Every disagreement over all documents, document by document; actors
/// are named from the registry `actors`.
pub fn all_disagreements(docs: &[DocPair], actors: &ActorRegistry) -> Vec<Disagreement> {
    docs.iter()
        .flat_map(|d| compare_sets_named(&d.id, &d.text, &d.a, &d.b, actors).disagreements)
        .collect()
}

/// Compares coder A's set `a` and coder B's set `b` of document `doc_id`
/// whose text is `text` (actors shown by id).
pub fn compare_sets(
    doc_id: &str,
    text: &str,
    a: &AnnotationSet,
    b: &AnnotationSet,
) -> DocumentComparison {
    compare_sets_named(doc_id, text, a, b, &ActorRegistry::default())
}

/// [`compare_sets`], naming actors from the registry `actors` in the
/// details (an id the registry lacks is shown as the id).
pub fn compare_sets_named(
    doc_id: &str,
    text: &str,
    a: &AnnotationSet,
    b: &AnnotationSet,
    actors: &ActorRegistry,
) -> DocumentComparison {
    compare_with(doc_id, text, a, b, actors, overlap_pairs)
}

/// [`compare_sets_named`] with the overlap matching `pairs` (the tests
/// compare the listing with the reference matching's).
fn compare_with(
    doc_id: &str,
    text: &str,
    a: &AnnotationSet,
    b: &AnnotationSet,
    actors: &ActorRegistry,
    pairs: impl Fn(&[Range], &[Range]) -> Vec<(usize, usize)>,
) -> DocumentComparison {
    let index = CharIndex::new(text);
    let side = |s: &Span| SpanSide {
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label.clone(),
        text: slice(&index, text, s.start, s.end),
    };
    let push =
        |out: &mut Vec<Disagreement>, kind, x: Option<&Span>, y: Option<&Span>, detail: String| {
            out.push(Disagreement {
                kind,
                document: doc_id.to_string(),
                a: x.map(side),
                b: y.map(side),
                detail,
            })
        };
    let mut by_label: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, s) in a.spans.iter().enumerate() {
        by_label.entry(&s.label).or_default().0.push(i);
    }
    for (j, s) in b.spans.iter().enumerate() {
        by_label.entry(&s.label).or_default().1.push(j);
    }
    let mut used_a = vec![false; a.spans.len()];
    let mut used_b = vec![false; b.spans.len()];
    let mut out = DocumentComparison::default();
    let ranges = |set: &AnnotationSet, idx: &[usize]| -> Vec<Range> {
        idx.iter()
            .map(|&i| (set.spans[i].start, set.spans[i].end))
            .collect()
    };
    for (ia, ib) in by_label.values() {
        for (i, j) in exact_pairs(&ranges(a, ia), &ranges(b, ib)) {
            let (x, y) = (&a.spans[ia[i]], &b.spans[ib[j]]);
            used_a[ia[i]] = true;
            used_b[ib[j]] = true;
            let attrs = attribute_differences(x, y);
            let links = link_differences(&index, text, (a, x), (b, y), actors);
            if attrs.is_empty() && links.is_empty() {
                out.agreed.push((x.id, y.id));
            }
            if !attrs.is_empty() {
                push(
                    &mut out.disagreements,
                    DisagreementKind::AttributeDiffers,
                    Some(x),
                    Some(y),
                    attrs,
                );
            }
            if !links.is_empty() {
                push(
                    &mut out.disagreements,
                    DisagreementKind::LinkDiffers,
                    Some(x),
                    Some(y),
                    links,
                );
            }
        }
        let ia: Vec<usize> = ia.iter().copied().filter(|&i| !used_a[i]).collect();
        let ib: Vec<usize> = ib.iter().copied().filter(|&j| !used_b[j]).collect();
        for (i, j) in pairs(&ranges(a, &ia), &ranges(b, &ib)) {
            let (x, y) = (&a.spans[ia[i]], &b.spans[ib[j]]);
            used_a[ia[i]] = true;
            used_b[ib[j]] = true;
            let detail = format!("{}–{} ≠ {}–{}", x.start, x.end, y.start, y.end);
            push(
                &mut out.disagreements,
                DisagreementKind::BoundaryDiffers,
                Some(x),
                Some(y),
                detail,
            );
        }
    }
    let ia: Vec<usize> = (0..a.spans.len()).filter(|&i| !used_a[i]).collect();
    let ib: Vec<usize> = (0..b.spans.len()).filter(|&j| !used_b[j]).collect();
    for (i, j) in pairs(&ranges(a, &ia), &ranges(b, &ib)) {
        let (x, y) = (&a.spans[ia[i]], &b.spans[ib[j]]);
        used_a[ia[i]] = true;
        used_b[ib[j]] = true;
        let mut detail = format!("{} ≠ {}", x.label, y.label);
        if (x.start, x.end) != (y.start, y.end) {
            detail.push_str(&format!(
                "; boundaries differ too ({}–{} ≠ {}–{})",
                x.start, x.end, y.start, y.end
            ));
        }
        push(
            &mut out.disagreements,
            DisagreementKind::LabelDiffers,
            Some(x),
            Some(y),
            detail,
        );
    }
    for x in a
        .spans
        .iter()
        .zip(&used_a)
        .filter(|(_, u)| !**u)
        .map(|(x, _)| x)
    {
        push(
            &mut out.disagreements,
            DisagreementKind::MissingInB,
            Some(x),
            None,
            format!("only A marked {}", x.label),
        );
    }
    for y in b
        .spans
        .iter()
        .zip(&used_b)
        .filter(|(_, u)| !**u)
        .map(|(y, _)| y)
    {
        push(
            &mut out.disagreements,
            DisagreementKind::MissingInA,
            None,
            Some(y),
            format!("only B marked {}", y.label),
        );
    }
    out.disagreements
        .sort_by_key(|d| (d.start(), d.end(), d.kind));
    out
}

/// The disagreements as CSV (header row, then one row per disagreement):
/// kind, document, each side's span id, start, end, label and text, and
/// the detail.
pub fn disagreements_csv(list: &[Disagreement]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "kind", "document", "a_span", "a_start", "a_end", "a_label", "a_text", "b_span", "b_start",
        "b_end", "b_label", "b_text", "detail",
    ])?;
    for d in list {
        let mut row = vec![d.kind.as_str().to_string(), d.document.clone()];
        for side in [&d.a, &d.b] {
            match side {
                Some(s) => row.extend([
                    s.id.0.to_string(),
                    s.start.to_string(),
                    s.end.to_string(),
                    s.label.clone(),
                    s.text.clone(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
        }
        row.push(d.detail.clone());
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn slice(index: &CharIndex, text: &str, start: usize, end: usize) -> String {
    match (index.byte(start), index.byte(end)) {
        (Some(s), Some(e)) if s <= e => text.get(s..e).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

fn shown(v: Option<&String>) -> &str {
    v.map_or("(none)", String::as_str)
}

fn attribute_differences(x: &Span, y: &Span) -> String {
    let names: BTreeSet<&String> = x.attrs.keys().chain(y.attrs.keys()).collect();
    names
        .into_iter()
        .filter(|n| x.attrs.get(*n) != y.attrs.get(*n))
        .map(|n| format!("{n}: {} ≠ {}", shown(x.attrs.get(n)), shown(y.attrs.get(n))))
        .collect::<Vec<_>>()
        .join("; ")
}

fn link_differences(
    index: &CharIndex,
    text: &str,
    (a, x): (&AnnotationSet, &Span),
    (b, y): (&AnnotationSet, &Span),
    actors: &ActorRegistry,
) -> String {
    let mut parts = Vec::new();
    if x.actor != y.actor {
        let name = |v: Option<ActorId>| {
            v.map_or("(none)".to_string(), |id| {
                actors
                    .get(id)
                    .map_or_else(|| id.to_string(), |a| a.name.clone())
            })
        };
        parts.push(format!("actor: {} ≠ {}", name(x.actor), name(y.actor)));
    }
    let roles: BTreeSet<&String> = x.links.keys().chain(y.links.keys()).collect();
    for role in roles {
        let ta: Vec<&Span> = x
            .targets(role)
            .iter()
            .filter_map(|id| a.span(*id))
            .collect();
        let tb: Vec<&Span> = y
            .targets(role)
            .iter()
            .filter_map(|id| b.span(*id))
            .collect();
        // Mentions of the same registry actor are the same target (their
        // boundaries are a disagreement of their own); otherwise the
        // mention itself must be the same. A role's targets are a set.
        let identity = |s: &Span| match s.actor {
            Some(a) => (Some(a), 0, 0, String::new()),
            None => (None, s.start, s.end, s.label.clone()),
        };
        let set = |ts: &[&Span]| {
            let mut v: Vec<_> = ts.iter().map(|s| identity(s)).collect();
            v.sort();
            v.dedup();
            v
        };
        if set(&ta) != set(&tb) {
            let show = |ts: &[&Span]| {
                if ts.is_empty() {
                    return "(none)".to_string();
                }
                ts.iter()
                    .map(|s| {
                        format!(
                            "{} ({} {}–{})",
                            quoted(&slice(index, text, s.start, s.end)),
                            s.label,
                            s.start,
                            s.end
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            parts.push(format!("{role}: {} ≠ {}", show(&ta), show(&tb)));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorId;

    fn span(id: u32, start: usize, end: usize, label: &str) -> Span {
        Span::new(SpanId(id), start, end, label)
    }

    fn set(spans: Vec<Span>) -> AnnotationSet {
        let mut s = AnnotationSet::new("d", "c");
        s.spans = spans;
        s.sort();
        s
    }

    const TEXT: &str = "Maduro calls Guaido a US-backed puppet; troops march in Caracas.";

    #[test]
    fn every_kind_is_found() {
        let mut stance_a = span(3, 7, 38, "Stance");
        stance_a.attrs.insert("polarity".into(), "oppose".into());
        stance_a.add_link("holder", SpanId(1));
        let mut stance_b = span(13, 7, 38, "Stance");
        stance_b.attrs.insert("polarity".into(), "support".into());
        stance_b.add_link("holder", SpanId(11));
        let mut maduro_a = span(1, 0, 6, "Person");
        maduro_a.actor = Some(ActorId(1));
        let mut maduro_b = span(11, 0, 6, "Person");
        maduro_b.actor = Some(ActorId(1));
        let a = set(vec![
            maduro_a,
            span(2, 13, 19, "Person"),
            stance_a,
            span(4, 40, 46, "Group"),
            span(5, 56, 63, "Location"),
        ]);
        let mut guaido_b = span(12, 13, 19, "Person");
        guaido_b.actor = Some(ActorId(2));
        let b = set(vec![
            maduro_b,
            guaido_b,
            stance_b,
            span(14, 40, 52, "Group"),
            span(15, 56, 63, "State"),
            span(16, 22, 24, "State"),
        ]);
        let c = compare_sets("d", TEXT, &a, &b);
        assert_eq!(c.agreed, vec![(SpanId(1), SpanId(11))]);
        let kinds: Vec<DisagreementKind> = c.disagreements.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DisagreementKind::AttributeDiffers,
                DisagreementKind::LinkDiffers,
                DisagreementKind::MissingInA,
                DisagreementKind::BoundaryDiffers,
                DisagreementKind::LabelDiffers,
            ]
        );
        let d = &c.disagreements;
        // Guaido: same range, B resolved the actor, A did not.
        assert_eq!(d[1].detail, "actor: (none) ≠ 00000000000000000000000002");
        // With the registry, by name.
        let mut names = ActorRegistry::default();
        names.put(crate::model::Actor {
            id: ActorId(2),
            name: "Juan Guaido".into(),
            kind: crate::model::ActorKind::Person,
            aliases: vec![],
            attributes: Default::default(),
        });
        let named = compare_sets_named("d", TEXT, &a, &b, &names);
        assert_eq!(named.disagreements[1].detail, "actor: (none) ≠ Juan Guaido");
        assert_eq!(d[1].a.as_ref().unwrap().text, "Guaido");
        // The stance: holder agrees (same mention), polarity does not.
        assert_eq!(d[0].detail, "polarity: oppose ≠ support");
        assert_eq!(d[2].b.as_ref().unwrap().text, "US");
        assert_eq!(d[3].b.as_ref().unwrap().text, "troops march");
        assert_eq!(d[4].detail, "Location ≠ State");
    }

    #[test]
    fn csv_has_one_row_per_disagreement() {
        let a = set(vec![span(1, 0, 6, "Person")]);
        let b = set(vec![span(7, 0, 12, "Person")]);
        let c = compare_sets("d", TEXT, &a, &b);
        let bytes = disagreements_csv(&c.disagreements).unwrap();
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "boundary_differs");
        assert_eq!(&rows[0][6], "Maduro");
        assert_eq!(&rows[0][11], "Maduro calls");
        assert_eq!(&r.headers().unwrap()[12], "detail");
    }

    #[test]
    fn missing_on_either_side() {
        let a = set(vec![span(1, 0, 6, "Person")]);
        let b = set(vec![span(1, 13, 19, "Person")]);
        let c = compare_sets("d", TEXT, &a, &b);
        let kinds: Vec<DisagreementKind> = c.disagreements.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![DisagreementKind::MissingInB, DisagreementKind::MissingInA]
        );
        assert!(c.agreed.is_empty());
        let same = compare_sets("d", TEXT, &a, &a);
        assert!(same.disagreements.is_empty());
        assert_eq!(same.agreed.len(), 1);
    }
}

#[cfg(test)]
#[path = "disagreements_listing_tests.rs"]
mod listing_tests;
