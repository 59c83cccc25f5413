//! Turning a foreign document's spans into an annotation set's spans: new
//! span ids, links mapped from the source's keys to them, actor references
//! resolved in the project's registry; and comparing two span lists
//! whatever their ids.

use super::annotated::{AnnotatedDoc, ForeignActor};
use crate::model::{Actor, ActorId, ActorKind, ActorRegistry, Span, SpanId};
use std::collections::{BTreeMap, HashMap};

/// The document's spans with new ids, links mapped to them and actors
/// resolved in the registry (added there when unknown).
pub fn build_spans(
    doc: &AnnotatedDoc,
    registry: &mut ActorRegistry,
    added: &mut Vec<String>,
) -> Vec<Span> {
    let ids: HashMap<&str, SpanId> = doc
        .spans
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), SpanId(i as u32 + 1)))
        .collect();
    doc.spans
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut span = Span::new(SpanId(i as u32 + 1), f.start, f.end, &f.label);
            span.attrs = f
                .attrs
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (role, key) in f.all_links() {
                if let Some(target) = ids.get(key) {
                    span.add_link(role, *target);
                }
            }
            span.actor = f
                .actor
                .as_ref()
                .map(|a| resolve_actor(registry, a, &f.label, added));
            span.note = f.note.clone();
            span
        })
        .collect()
}

/// The registry actor a foreign reference means: the same id if the name
/// agrees, else the actor with that name or alias, else a new actor.
fn resolve_actor(
    registry: &mut ActorRegistry,
    foreign: &ForeignActor,
    label: &str,
    added: &mut Vec<String>,
) -> ActorId {
    let name = foreign.name.trim();
    if let Some(id) = foreign.id
        && let Some(actor) = registry.get(id)
        && actor.name.trim().to_lowercase() == name.to_lowercase()
    {
        return actor.id;
    }
    if let Some(actor) = registry.find_by_name(name) {
        return actor.id;
    }
    let kind = foreign
        .kind
        .as_deref()
        .and_then(|k| {
            ActorKind::ALL
                .into_iter()
                .find(|x| x.as_str().eq_ignore_ascii_case(k.trim()))
        })
        .unwrap_or_else(|| ActorKind::for_label(label));
    let id = registry.next_id();
    registry.put(Actor {
        id,
        ..Actor::new(name, kind)
    });
    added.push(name.to_string());
    id
}

/// Whether two span lists say the same thing, whatever their ids.
pub fn same_spans(a: &[Span], b: &[Span]) -> bool {
    a.len() == b.len() && canonical(a) == canonical(b)
}

type LinkKey<'a> = (&'a str, Vec<Option<(usize, usize, &'a str)>>);
type SpanKey<'a> = (
    usize,
    usize,
    &'a str,
    &'a BTreeMap<String, String>,
    Vec<LinkKey<'a>>,
    Option<ActorId>,
    &'a str,
);

fn canonical(spans: &[Span]) -> Vec<SpanKey<'_>> {
    let by_id: HashMap<SpanId, &Span> = spans.iter().map(|s| (s.id, s)).collect();
    let mut out: Vec<SpanKey<'_>> = spans
        .iter()
        .map(|s| {
            let links = s
                .links
                .iter()
                .map(|(role, ts)| {
                    let mut targets: Vec<_> = ts
                        .iter()
                        .map(|t| by_id.get(t).map(|t| (t.start, t.end, t.label.as_str())))
                        .collect();
                    targets.sort();
                    (role.as_str(), targets)
                })
                .collect();
            (
                s.start,
                s.end,
                s.label.as_str(),
                &s.attrs,
                links,
                s.actor,
                s.note.as_str(),
            )
        })
        .collect();
    out.sort();
    out
}
