//! One pass over every loaded annotation set into flat, interned records:
//! a few integers per span, so the charts and filters scan memory instead
//! of strings and maps.

use crate::model::{AnnotationSet, Project, SpanId, Status};
use std::collections::HashMap;

/// "No value" in the integer fields of a record.
pub const NONE: u32 = u32::MAX;

/// A document's facts the filters need.
#[derive(Clone, Debug)]
pub struct DocRec {
    /// Outlet, an index into [`OverviewIndex::outlets`].
    pub outlet: u32,
    /// Date as `YYYYMMDD`, if readable.
    pub date: Option<u32>,
}

/// One coder's annotation set of one document.
#[derive(Clone, Debug)]
pub struct SetRec {
    /// Index into [`OverviewIndex::docs`].
    pub doc: u32,
    /// Index into [`OverviewIndex::coders`].
    pub coder: u32,
    /// The coder's progress.
    pub status: Status,
}

/// One span, reduced to what the charts count.
#[derive(Clone, Debug)]
pub struct SpanRec {
    /// Index into [`OverviewIndex::sets`].
    pub set: u32,
    /// The span's id in its set.
    pub id: u32,
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// Index into [`OverviewIndex::labels`].
    pub label: u32,
    /// Registry actor, an index into [`OverviewIndex::actors`], or [`NONE`].
    pub actor: u32,
    /// Registry actors (indices into [`OverviewIndex::actors`]) of the
    /// spans its `holder` links point to; empty for most spans, so it
    /// costs nothing there.
    pub holders: Vec<u32>,
    /// Registry actors of the spans its `target` links point to.
    pub targets: Vec<u32>,
    /// The `polarity` attribute, an index into [`OverviewIndex::values`],
    /// or [`NONE`].
    pub polarity: u32,
    /// For an event (category `Event`): the `type` attribute as an index
    /// into [`OverviewIndex::values`], [`NONE`] when unset; not an event:
    /// [`NONE`] and `is_event` false.
    pub event_type: u32,
    /// Whether the label is in the `Event` category.
    pub is_event: bool,
}

/// One document code of one set.
#[derive(Clone, Debug)]
pub struct CodeRec {
    /// Index into [`OverviewIndex::sets`].
    pub set: u32,
    /// Index into [`OverviewIndex::variables`].
    pub variable: u32,
    /// Each single value (one, or those ticked of a multiple choice) as
    /// indices into [`OverviewIndex::values`].
    pub values: Vec<u32>,
    /// The number, for a code that is one.
    pub number: Option<f64>,
}

/// Everything the overview counts, interned.
#[derive(Clone, Debug, Default)]
pub struct OverviewIndex {
    /// Document ids, in project order.
    pub doc_ids: Vec<String>,
    /// Per document.
    pub docs: Vec<DocRec>,
    /// Outlet names ("" for none).
    pub outlets: Vec<String>,
    /// Coders, in project order, then any other coder with sets.
    pub coders: Vec<String>,
    /// Label names.
    pub labels: Vec<String>,
    /// Registry actor ids, in the order first met.
    pub actors: Vec<crate::model::ActorId>,
    /// Attribute values (polarities, event types).
    pub values: Vec<String>,
    /// Annotation sets.
    pub sets: Vec<SetRec>,
    /// Spans, grouped by set.
    pub spans: Vec<SpanRec>,
    /// Document variable names.
    pub variables: Vec<String>,
    /// Document codes, grouped by set.
    pub codes: Vec<CodeRec>,
    /// Names of gold sets besides [`crate::agreement::DEFAULT_GOLD`] (the
    /// coders someone adjudicated into): no coders of their own.
    pub gold: Vec<String>,
    /// Sets, spans and codes before the replaceable tail (see
    /// [`OverviewIndex::replace_tail`]).
    base: (usize, usize, usize),
    tables: Tables,
}

fn intern(list: &mut Vec<String>, map: &mut HashMap<String, u32>, s: &str) -> u32 {
    if let Some(&i) = map.get(s) {
        return i;
    }
    let i = list.len() as u32;
    list.push(s.to_string());
    map.insert(s.to_string(), i);
    i
}

/// Interning tables, kept so a tail can be re-indexed.
#[derive(Clone, Debug, Default)]
struct Tables {
    docs: HashMap<String, u32>,
    outlets: HashMap<String, u32>,
    coders: HashMap<String, u32>,
    labels: HashMap<String, u32>,
    values: HashMap<String, u32>,
    variables: HashMap<String, u32>,
    actors: HashMap<crate::model::ActorId, u32>,
}

impl OverviewIndex {
    /// Indexes `sets` of the documents of `project`. Sets of documents the
    /// project does not list are left out.
    pub fn build<'a>(
        project: &Project,
        sets: impl IntoIterator<Item = &'a AnnotationSet>,
    ) -> OverviewIndex {
        OverviewIndex::build_split(project, sets, [])
    }

    /// Indexes `base` and then `tail`; the tail's records can later be
    /// replaced by [`OverviewIndex::replace_tail`] without touching the
    /// base (the sets open for editing go in the tail, so an edit costs
    /// their spans, not the project's).
    pub fn build_split<'a, 'b>(
        project: &Project,
        base: impl IntoIterator<Item = &'a AnnotationSet>,
        tail: impl IntoIterator<Item = &'b AnnotationSet>,
    ) -> OverviewIndex {
        let mut ix = OverviewIndex::default();
        for (i, d) in project.documents.iter().enumerate() {
            let outlet = intern(
                &mut ix.outlets,
                &mut ix.tables.outlets,
                d.meta.outlet.trim(),
            );
            ix.doc_ids.push(d.id.clone());
            ix.docs.push(DocRec {
                outlet,
                date: super::parse_date(&d.meta.date),
            });
            ix.tables.docs.insert(d.id.clone(), i as u32);
        }
        for c in &project.coders {
            intern(&mut ix.coders, &mut ix.tables.coders, c);
        }
        ix.append(project, base);
        ix.base = (ix.sets.len(), ix.spans.len(), ix.codes.len());
        ix.append(project, tail);
        ix
    }

    /// Replaces the tail's records by those of `tail`. The project's
    /// documents must be those the index was built for.
    pub fn replace_tail<'a>(
        &mut self,
        project: &Project,
        tail: impl IntoIterator<Item = &'a AnnotationSet>,
    ) {
        self.sets.truncate(self.base.0);
        self.spans.truncate(self.base.1);
        self.codes.truncate(self.base.2);
        self.append(project, tail);
    }

    /// Adds the records of `sets`.
    fn append<'a>(&mut self, project: &Project, sets: impl IntoIterator<Item = &'a AnnotationSet>) {
        let ix = self;
        let events: HashMap<&str, bool> = project
            .codebook
            .labels()
            .map(|(c, l)| (l.name.as_str(), c.name.eq_ignore_ascii_case("event")))
            .collect();
        // Actors are numbered as first met; only registry actors count.
        let mut actor_no = |id: Option<crate::model::ActorId>| -> Option<u32> {
            let id = id?;
            if let Some(&n) = ix.tables.actors.get(&id) {
                return Some(n);
            }
            project.actors.get(id)?;
            let n = ix.actors.len() as u32;
            ix.actors.push(id);
            ix.tables.actors.insert(id, n);
            Some(n)
        };
        for set in sets {
            // The window keeps empty sets in memory for documents it shows
            // (the suggestions of each, the gold set while comparing). An
            // empty, not-started set says nothing a missing file does not
            // (counted as not started), and must not make a coder appear;
            // nor does a model's run that predicted nothing.
            if set.spans.is_empty()
                && set.codes.is_empty()
                && (set.status == crate::model::Status::NotStarted
                    || crate::suggestions::is_suggestions_coder(&set.coder))
            {
                continue;
            }
            let Some(&doc) = ix.tables.docs.get(set.document.as_str()) else {
                continue;
            };
            let coder = intern(&mut ix.coders, &mut ix.tables.coders, &set.coder);
            let set_no = ix.sets.len() as u32;
            ix.sets.push(SetRec {
                doc,
                coder,
                status: set.status,
            });
            for (name, value) in &set.codes {
                let variable = intern(&mut ix.variables, &mut ix.tables.variables, name);
                let values = value
                    .values()
                    .iter()
                    .map(|v| intern(&mut ix.values, &mut ix.tables.values, v))
                    .collect();
                let number = match value {
                    crate::model::CodeValue::Number(n) => Some(*n),
                    _ => None,
                };
                ix.codes.push(CodeRec {
                    set: set_no,
                    variable,
                    values,
                    number,
                });
            }
            let actor_of: HashMap<SpanId, u32> = set
                .spans
                .iter()
                .filter_map(|s| Some((s.id, actor_no(s.actor)?)))
                .collect();
            let linked = |role: &str, s: &crate::model::Span| {
                let mut actors: Vec<u32> = s
                    .targets(role)
                    .iter()
                    .filter_map(|id| actor_of.get(id).copied())
                    .collect();
                actors.sort_unstable();
                actors.dedup();
                actors
            };
            for s in &set.spans {
                let is_event = events.get(s.label.as_str()).copied().unwrap_or(false);
                let mut value = |name: &str| match s.attrs.get(name) {
                    Some(v) if !v.is_empty() => intern(&mut ix.values, &mut ix.tables.values, v),
                    _ => NONE,
                };
                let polarity = value("polarity");
                let event_type = if is_event { value("type") } else { NONE };
                ix.spans.push(SpanRec {
                    set: set_no,
                    id: s.id.0,
                    start: s.start as u32,
                    end: s.end as u32,
                    label: intern(&mut ix.labels, &mut ix.tables.labels, &s.label),
                    actor: actor_of.get(&s.id).copied().unwrap_or(NONE),
                    holders: linked("holder", s),
                    targets: linked("target", s),
                    polarity,
                    event_type,
                    is_event,
                });
            }
        }
    }

    /// Whether coder `c` is a gold set: `gold` or one of [`Self::gold`].
    pub fn is_gold(&self, c: usize) -> bool {
        self.coders.get(c).is_some_and(|name| {
            name == crate::agreement::DEFAULT_GOLD || self.gold.iter().any(|g| g == name)
        })
    }

    /// Whether coder `c` is a person who codes: not a gold set, not the
    /// suggestions of a model.
    pub fn is_real_coder(&self, c: usize) -> bool {
        self.coders
            .get(c)
            .is_some_and(|name| !crate::suggestions::is_suggestions_coder(name))
            && !self.is_gold(c)
    }

    /// Per document, the set that adjudicates it: the first gold set of the
    /// document (in coder order) that is marked done, if any.
    pub fn adjudicated_sets(&self) -> Vec<Option<usize>> {
        let mut out: Vec<Option<(u32, usize)>> = vec![None; self.docs.len()];
        for (i, s) in self.sets.iter().enumerate() {
            if s.status != Status::Done || !self.is_gold(s.coder as usize) {
                continue;
            }
            let slot = &mut out[s.doc as usize];
            if slot.is_none_or(|(c, _)| s.coder < c) {
                *slot = Some((s.coder, i));
            }
        }
        out.into_iter().map(|x| x.map(|(_, i)| i)).collect()
    }

    /// The value interned as `i`, or `none` for [`NONE`].
    pub fn value<'a>(&'a self, i: u32, none: &'a str) -> &'a str {
        self.values.get(i as usize).map_or(none, String::as_str)
    }
}
