//! Agreement beyond spans — what analysts report: whether matched actor
//! mentions point to the same registry actor, whether whole statements
//! (stances) and events agree, and whether the actor networks derived from
//! each coder's stances are the same.
//!
//! Definitions (by role and attribute names, so a custom codebook works as
//! long as it uses them):
//! - a **stance label** has roles `holder` and `target`; its statement is
//!   (label, `polarity`, holder, target);
//! - an **event label** has roles `agent` and `patient`; its statement is
//!   (label, `type`, agent, patient);
//! - a role's value is the **set** of registry actors of the spans it links
//!   to; for a linked span without an actor the mention's range stands in
//!   (so two coders agree only if they link the same words), and a role
//!   without links has the empty set as its value.
//!
//! Two statements agree when their spans overlap and their statements are
//! equal; agreed statements are paired one-to-one, maximum pairs.
//! Network edges are (holder actor, target actor, polarity) for every pair
//! of a stance's holder actors and target actors.

use super::kappa::Contingency;
use super::matching::overlap_count_by_key;
use super::report::{ActorReport, MatchFigures, NetworkReport, StatementReport, ratio};
use crate::model::{ActorId, AnnotationSet, Codebook, Span, SpanId};
use std::collections::HashSet;

/// Which labels count as statements of one kind, and what identifies one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementKind {
    /// Labels having both roles.
    pub labels: Vec<String>,
    /// The attribute that must agree.
    pub attribute: &'static str,
    /// The two roles whose actors must agree.
    pub roles: [&'static str; 2],
}

impl StatementKind {
    /// Stances: roles `holder` and `target`, attribute `polarity`.
    pub fn stances(cb: &Codebook) -> StatementKind {
        Self::with_roles(cb, "polarity", ["holder", "target"])
    }

    /// Events: roles `agent` and `patient`, attribute `type`.
    pub fn events(cb: &Codebook) -> StatementKind {
        Self::with_roles(cb, "type", ["agent", "patient"])
    }

    fn with_roles(
        cb: &Codebook,
        attribute: &'static str,
        roles: [&'static str; 2],
    ) -> StatementKind {
        let labels = cb
            .labels()
            .filter(|(_, l)| roles.iter().all(|r| l.role(r).is_some()))
            .map(|(_, l)| l.name.clone())
            .collect();
        StatementKind {
            labels,
            attribute,
            roles,
        }
    }

    fn covers(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }
}

/// One target of a statement's role, comparably across coders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleTarget {
    /// A registry actor.
    Actor(ActorId),
    /// A mention without a registry actor: its character range.
    Mention(usize, usize),
}

/// What a link role of a statement points to: the **set** of its targets
/// (sorted, without repeats; empty when the role is not linked), so "the
/// United States and Canada" agrees with "Canada and the United States"
/// (DESIGN §6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleValue(pub Vec<RoleTarget>);

impl RoleValue {
    /// The registry actors among the targets.
    pub fn actors(&self) -> impl Iterator<Item = ActorId> + '_ {
        self.0.iter().filter_map(|t| match t {
            RoleTarget::Actor(a) => Some(*a),
            RoleTarget::Mention(..) => None,
        })
    }
}

/// Finds spans of one set by id without a linear scan per link.
pub struct SpanLookup<'a> {
    set: &'a AnnotationSet,
    by_id: Vec<(SpanId, usize)>,
}

impl<'a> SpanLookup<'a> {
    /// Indexes `set`.
    pub fn new(set: &'a AnnotationSet) -> SpanLookup<'a> {
        // Only links are ever looked up: a set without any needs no index.
        let mut by_id: Vec<(SpanId, usize)> = Vec::new();
        if set.spans.iter().any(|s| !s.links.is_empty()) {
            by_id.extend(set.spans.iter().enumerate().map(|(i, s)| (s.id, i)));
            by_id.sort_unstable();
        }
        SpanLookup { set, by_id }
    }

    /// The span with id `id`.
    pub fn get(&self, id: SpanId) -> Option<&'a Span> {
        let set: &'a AnnotationSet = self.set;
        self.by_id
            .binary_search_by_key(&id, |&(sid, _)| sid)
            .ok()
            .and_then(|k| set.spans.get(self.by_id[k].1))
    }

    /// What `span`'s links in `role` point to.
    pub fn role_value(&self, span: &Span, role: &str) -> RoleValue {
        let mut targets: Vec<RoleTarget> = span
            .targets(role)
            .iter()
            .filter_map(|&id| self.get(id))
            .map(|t| match t.actor {
                Some(a) => RoleTarget::Actor(a),
                None => RoleTarget::Mention(t.start, t.end),
            })
            .collect();
        targets.sort_unstable();
        targets.dedup();
        RoleValue(targets)
    }
}

/// The identity of one statement: label, attribute value, and the values
/// of the two roles.
type StatementKey<'a> = (&'a str, Option<&'a str>, RoleValue, RoleValue);

/// One coder's statements of one kind on one document.
#[derive(Clone, Debug, Default)]
pub struct DocStatements<'a> {
    ranges: Vec<(usize, usize)>,
    keys: Vec<StatementKey<'a>>,
}

impl<'a> DocStatements<'a> {
    /// The statements among `spans` (spans of other labels are skipped),
    /// whose links are resolved with `lookup` (the same coder's set).
    pub fn new(
        kind: &StatementKind,
        lookup: &SpanLookup<'a>,
        spans: impl IntoIterator<Item = &'a Span>,
    ) -> DocStatements<'a> {
        let mut out = DocStatements::default();
        if kind.labels.is_empty() {
            return out;
        }
        for s in spans.into_iter().filter(|s| kind.covers(&s.label)) {
            out.ranges.push((s.start, s.end));
            out.keys.push((
                s.label.as_str(),
                s.attrs.get(kind.attribute).map(String::as_str),
                lookup.role_value(s, kind.roles[0]),
                lookup.role_value(s, kind.roles[1]),
            ));
        }
        out
    }

    /// All statements of a set.
    pub fn of_set(kind: &StatementKind, lookup: &SpanLookup<'a>) -> DocStatements<'a> {
        Self::new(kind, lookup, &lookup.set.spans)
    }

    /// Number of statements.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// Counts agreed statements of one kind over documents.
#[derive(Clone, Debug, Default)]
pub struct StatementTally {
    a: usize,
    b: usize,
    matches: usize,
}

impl StatementTally {
    /// Adds one document's statements of both coders.
    pub fn add_document(&mut self, a: &DocStatements, b: &DocStatements) {
        self.a += a.len();
        self.b += b.len();
        self.matches += overlap_count_by_key(&a.ranges, &a.keys, &b.ranges, &b.keys);
    }

    /// The figures.
    pub fn report(&self) -> StatementReport {
        StatementReport {
            a: self.a,
            b: self.b,
            figures: MatchFigures::new(self.matches, self.a, self.b),
        }
    }
}

/// One edge of a stance network: holder, target, polarity.
type Edge<'a> = (ActorId, ActorId, Option<&'a str>);

/// Collects each coder's stance network.
#[derive(Clone, Debug, Default)]
pub struct NetworkTally<'a> {
    a: HashSet<Edge<'a>>,
    b: HashSet<Edge<'a>>,
}

impl<'a> NetworkTally<'a> {
    /// Adds one document's stances of both coders.
    pub fn add_document(&mut self, a: &DocStatements<'a>, b: &DocStatements<'a>) {
        edges(a, &mut self.a);
        edges(b, &mut self.b);
    }

    /// The figures.
    pub fn report(&self) -> NetworkReport {
        let common = self.a.intersection(&self.b).count();
        let union = self.a.len() + self.b.len() - common;
        NetworkReport {
            a_edges: self.a.len(),
            b_edges: self.b.len(),
            common,
            jaccard: ratio(common, union),
            f1: ratio(2 * common, self.a.len() + self.b.len()),
        }
    }
}

/// Every (holder, target) pair of registry actors of each stance.
fn edges<'a>(stances: &DocStatements<'a>, out: &mut HashSet<Edge<'a>>) {
    for (_, polarity, holders, targets) in &stances.keys {
        for h in holders.actors() {
            for t in targets.actors() {
                out.insert((h, t, *polarity));
            }
        }
    }
}

/// Compares the registry actors of exactly-matched actor mentions.
#[derive(Clone, Debug, Default)]
pub struct ActorTally {
    table: Contingency<Option<ActorId>>,
    pairs: usize,
    same: usize,
}

impl ActorTally {
    /// Counts one exactly-matched pair of actor-label spans.
    pub fn add_pair(&mut self, a: &Span, b: &Span) {
        self.pairs += 1;
        if a.actor == b.actor {
            self.same += 1;
        }
        self.table.add(a.actor, b.actor, 1);
    }

    /// The figures.
    pub fn report(&self) -> ActorReport {
        ActorReport {
            pairs: self.pairs,
            same: self.same,
            share: ratio(self.same, self.pairs),
            kappa: self.table.cohen_kappa(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: u32, start: usize, end: usize, label: &str) -> Span {
        Span::new(SpanId(id), start, end, label)
    }

    fn actor(mut s: Span, a: u32) -> Span {
        s.actor = Some(ActorId(a.into()));
        s
    }

    fn stance(id: u32, start: usize, end: usize, polarity: &str, holder: u32, target: u32) -> Span {
        let mut s = span(id, start, end, "Stance");
        s.attrs.insert("polarity".into(), polarity.into());
        s.add_link("holder", SpanId(holder));
        s.add_link("target", SpanId(target));
        s
    }

    fn set(spans: Vec<Span>) -> AnnotationSet {
        let mut s = AnnotationSet::new("d", "c");
        s.spans = spans;
        s.sort();
        s
    }

    #[test]
    fn kinds_come_from_roles() {
        let cb = Codebook::default_media();
        assert_eq!(StatementKind::stances(&cb).labels, vec!["Stance"]);
        assert_eq!(StatementKind::events(&cb).labels, vec!["Event"]);
    }

    #[test]
    fn statements_agree_on_polarity_and_actors() {
        let cb = Codebook::default_media();
        let kind = StatementKind::stances(&cb);
        // Both: Maduro (actor 1) opposes Guaido (actor 2); ids differ
        // between the coders, and B's stance span is a bit longer.
        let a = set(vec![
            actor(span(1, 0, 6, "Person"), 1),
            actor(span(2, 20, 26, "Person"), 2),
            stance(3, 7, 19, "oppose", 1, 2),
            stance(4, 30, 40, "support", 2, 1),
        ]);
        let b = set(vec![
            actor(span(7, 0, 6, "Person"), 1),
            actor(span(8, 20, 26, "Person"), 2),
            stance(9, 7, 26, "oppose", 7, 8),
            // Same words, but the target is not resolved to an actor.
            stance(10, 30, 40, "support", 8, 11),
            span(11, 42, 45, "Person"),
        ]);
        let (la, lb) = (SpanLookup::new(&a), SpanLookup::new(&b));
        let (sa, sb) = (
            DocStatements::of_set(&kind, &la),
            DocStatements::of_set(&kind, &lb),
        );
        let mut t = StatementTally::default();
        t.add_document(&sa, &sb);
        let r = t.report();
        assert_eq!((r.a, r.b, r.figures.matches), (2, 2, 1));
        assert_eq!(r.figures.f1, Some(0.5));

        let mut n = NetworkTally::default();
        n.add_document(&sa, &sb);
        let r = n.report();
        assert_eq!((r.a_edges, r.b_edges, r.common), (2, 1, 1));
        assert_eq!(r.jaccard, Some(0.5));
        assert_eq!(r.f1, Some(2.0 / 3.0));
    }

    #[test]
    fn a_role_is_compared_as_a_set_of_actors_and_each_pair_is_an_edge() {
        let cb = Codebook::default_media();
        let kind = StatementKind::stances(&cb);
        // "The United States and Canada recognized Guaidó": A links the
        // holders US then Canada, B Canada then US (other span ids); C
        // links only the US.
        let with_two = |first: u32, second: u32, ids: [u32; 4]| {
            let [us, ca, g, st] = ids;
            let mut s = stance(st, 30, 40, "support", 0, g);
            s.links.remove("holder");
            s.add_link("holder", SpanId(first));
            s.add_link("holder", SpanId(second));
            set(vec![
                actor(span(us, 0, 3, "State"), 26),
                actor(span(ca, 8, 14, "State"), 30),
                actor(span(g, 20, 26, "Person"), 2),
                s,
            ])
        };
        let a = with_two(1, 2, [1, 2, 3, 4]);
        let b = with_two(12, 11, [11, 12, 13, 14]);
        let mut c = with_two(21, 21, [21, 22, 23, 24]);
        c.sort();
        let (la, lb, lc) = (
            SpanLookup::new(&a),
            SpanLookup::new(&b),
            SpanLookup::new(&c),
        );
        let (sa, sb, sc) = (
            DocStatements::of_set(&kind, &la),
            DocStatements::of_set(&kind, &lb),
            DocStatements::of_set(&kind, &lc),
        );
        let mut t = StatementTally::default();
        t.add_document(&sa, &sb);
        assert_eq!(t.report().figures.matches, 1, "same set, other order");
        let mut t = StatementTally::default();
        t.add_document(&sa, &sc);
        assert_eq!(
            t.report().figures.matches,
            0,
            "{{US, Canada}} is not {{US}}"
        );
        let mut n = NetworkTally::default();
        n.add_document(&sa, &sc);
        let r = n.report();
        assert_eq!((r.a_edges, r.b_edges, r.common), (2, 1, 1));
    }

    #[test]
    fn actor_agreement() {
        let mut t = ActorTally::default();
        t.add_pair(
            &actor(span(1, 0, 1, "Person"), 1),
            &actor(span(1, 0, 1, "Person"), 1),
        );
        t.add_pair(
            &actor(span(1, 0, 1, "Person"), 2),
            &actor(span(1, 0, 1, "Person"), 2),
        );
        t.add_pair(&actor(span(1, 0, 1, "Person"), 1), &span(1, 0, 1, "Person"));
        t.add_pair(&span(1, 0, 1, "Person"), &span(1, 0, 1, "Person"));
        let r = t.report();
        assert_eq!((r.pairs, r.same), (4, 3));
        assert_eq!(r.share, Some(0.75));
        // Rows: a1 2, a2 1, none 1; cols: a1 1, a2 1, none 2.
        // p_o = 3/4; p_e = (2·1 + 1·1 + 1·2) / 16 = 5/16.
        let want = (0.75 - 5.0 / 16.0) / (1.0 - 5.0 / 16.0);
        assert!((r.kappa.unwrap() - want).abs() < 1e-12);
        assert_eq!(ActorTally::default().report().kappa, None);
    }
}
