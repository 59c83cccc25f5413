//! Adjudication: resolving two coders' disagreements on a document into a
//! third annotation set, the gold standard (coder `gold` by default), with
//! an auditable decision log.
//!
//! The gold set changes only through [`Transaction`]s the caller applies
//! with `Workspace::apply`, so every decision is undoable like any edit.
//! The log, `adjudication/<gold>/<document>.ron`, is an append-only journal
//! of who decided what, when, and which gold spans resulted; it also
//! remembers which gold span stands for which coder's span ("origins"), so
//! links between taken spans are carried over. Whether a disagreement is
//! resolved is derived from the latest decision on it *and* the gold set:
//! a decision whose gold spans were undone no longer counts.

use super::disagreements::{Disagreement, DisagreementKind, DocumentComparison};
use crate::edit::{Edit, SetKey, Transaction};
use crate::model::{AnnotationSet, Codebook, Span, SpanId, is_safe_name};
use crate::store::{StoreError, from_ron, to_ron, write_atomic};
use crate::wording::{count, quoted};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use crate::store::ADJUDICATION_DIR;

/// The coder name gold standards are written under unless another is
/// chosen.
pub const DEFAULT_GOLD: &str = "gold";

/// What the adjudicator decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    /// Both coders agreed; accepted without asking.
    Agreed,
    /// Coder A's span.
    TakeA,
    /// Coder B's span.
    TakeB,
    /// Both spans.
    TakeBoth,
    /// Neither span.
    TakeNeither,
    /// Resolved by editing the gold set by hand.
    Edited,
}

impl Choice {
    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Choice::Agreed => "agreed",
            Choice::TakeA => "took A",
            Choice::TakeB => "took B",
            Choice::TakeBoth => "took both",
            Choice::TakeNeither => "took neither",
            Choice::Edited => "edited",
        }
    }
}

/// A span as the log records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    /// Id in its own set.
    pub id: SpanId,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label.
    pub label: String,
}

impl SpanRef {
    fn of(s: &Span) -> SpanRef {
        SpanRef {
            id: s.id,
            start: s.start,
            end: s.end,
            label: s.label.clone(),
        }
    }
}

/// One entry of the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// When, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
    /// Who decided.
    pub by: String,
    /// The kind of disagreement, `None` for agreed spans.
    pub kind: Option<DisagreementKind>,
    /// Coder A's span concerned.
    pub a: Option<SpanRef>,
    /// Coder B's span concerned.
    pub b: Option<SpanRef>,
    /// The decision.
    pub choice: Choice,
    /// The gold spans that resulted, as written.
    pub gold: Vec<Span>,
}

/// A gold span standing for a coder's span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The coder.
    pub coder: String,
    /// The coder's span.
    pub span: SpanId,
    /// The gold span as created (a gold span with this id but another
    /// range or label is not it: the id was reused after an undo).
    pub gold: SpanRef,
}

/// The decision log of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLog {
    /// Document id.
    pub document: String,
    /// The gold coder written into.
    pub gold: String,
    /// Coder A and coder B.
    pub coders: [String; 2],
    /// Every decision, oldest first.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Which gold span stands for which coder's span.
    #[serde(default)]
    pub origins: Vec<Origin>,
    /// Decisions on document codes, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<CodeDecision>,
}

/// A decision on one document variable: which coder's code went into gold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDecision {
    /// When, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
    /// Who decided.
    pub by: String,
    /// The variable.
    pub variable: String,
    /// Coder A's code (`None`: not coded).
    pub a: Option<crate::model::CodeValue>,
    /// Coder B's code.
    pub b: Option<crate::model::CodeValue>,
    /// [`Choice::TakeA`], [`Choice::TakeB`] or [`Choice::Agreed`].
    pub choice: Choice,
    /// The gold code that resulted.
    pub gold: Option<crate::model::CodeValue>,
}

/// Identifies a disagreement (or an agreed pair) across sessions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecisionKey {
    /// Kind, `None` for agreed pairs.
    pub kind: Option<DisagreementKind>,
    /// Coder A's span id.
    pub a: Option<SpanId>,
    /// Coder B's span id.
    pub b: Option<SpanId>,
}

impl DecisionKey {
    /// The key of a disagreement.
    pub fn of(d: &Disagreement) -> DecisionKey {
        DecisionKey {
            kind: Some(d.kind),
            a: d.a.as_ref().map(|s| s.id),
            b: d.b.as_ref().map(|s| s.id),
        }
    }

    fn of_decision(d: &Decision) -> DecisionKey {
        DecisionKey {
            kind: d.kind,
            a: d.a.as_ref().map(|s| s.id),
            b: d.b.as_ref().map(|s| s.id),
        }
    }
}

/// What applying a decision takes: the edit of the gold set, and what to
/// record in the log once it is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// The edits of the gold set (may be empty).
    pub transaction: Transaction,
    /// Entries for the log.
    pub decisions: Vec<Decision>,
    /// Origins added.
    pub origins: Vec<Origin>,
}

impl DecisionLog {
    /// An empty log.
    pub fn new(document: &str, gold: &str, coders: [&str; 2]) -> DecisionLog {
        DecisionLog {
            document: document.to_string(),
            gold: gold.to_string(),
            coders: [coders[0].to_string(), coders[1].to_string()],
            decisions: Vec::new(),
            origins: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// Records a resolution after its transaction was applied.
    pub fn record(&mut self, r: Resolution) {
        self.decisions.extend(r.decisions);
        for o in r.origins {
            self.origins
                .retain(|x| !(x.coder == o.coder && x.span == o.span));
            self.origins.push(o);
        }
    }

    /// The latest decision on `key`.
    pub fn latest(&self, key: &DecisionKey) -> Option<&Decision> {
        self.decisions
            .iter()
            .rev()
            .find(|d| DecisionKey::of_decision(d) == *key)
    }

    /// The gold span standing for `coder`'s span `span`, if it still exists
    /// in `gold`.
    fn live_origin(&self, gold: &AnnotationSet, coder: &str, span: SpanId) -> Option<SpanId> {
        self.origins
            .iter()
            .rev()
            .find(|o| o.coder == coder && o.span == span)
            .filter(|o| exists(gold, &o.gold))
            .map(|o| o.gold.id)
    }

    /// An id above every gold id the log has ever handed out.
    fn fresh_id(&self, gold: &AnnotationSet) -> u32 {
        let logged = self
            .origins
            .iter()
            .map(|o| o.gold.id.0 + 1)
            .max()
            .unwrap_or(1);
        gold.next_span_id().0.max(logged)
    }
}

/// Whether `gold` holds the span `r` (same id, range and label).
fn exists(gold: &AnnotationSet, r: &SpanRef) -> bool {
    gold.span(r.id)
        .is_some_and(|s| (s.start, s.end, s.label.as_str()) == (r.start, r.end, r.label.as_str()))
}

/// Whether `gold` holds a span with `s`'s range and label.
fn has_same(gold: &AnnotationSet, s: &SpanRef) -> bool {
    gold.spans
        .iter()
        .any(|g| (g.start, g.end, g.label.as_str()) == (s.start, s.end, s.label.as_str()))
}

/// Where the log of `doc` for gold coder `gold` lives; refuses names that
/// could leave the project folder.
pub fn log_path(root: &Path, gold: &str, doc: &str) -> Result<PathBuf, StoreError> {
    for name in [gold, doc] {
        if !is_safe_name(name) {
            return Err(StoreError::UnsafeName {
                name: name.to_string(),
            });
        }
    }
    Ok(root
        .join(ADJUDICATION_DIR)
        .join(gold)
        .join(format!("{doc}.ron")))
}

/// Reads a log; `None` if there is none yet.
pub fn load_log(root: &Path, gold: &str, doc: &str) -> Result<Option<DecisionLog>, StoreError> {
    let path = log_path(root, gold, doc)?;
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(&path, e)),
    };
    if !meta.is_file() {
        return Err(StoreError::Invalid {
            path,
            message: "is not a plain file".into(),
        });
    }
    let text = crate::store::read_project_file(&path)?;
    let mut log: DecisionLog = from_ron(&path, &text)?;
    // The location is authoritative, as for annotation files.
    log.document = doc.to_string();
    log.gold = gold.to_string();
    Ok(Some(log))
}

/// Writes a log atomically.
pub fn save_log(root: &Path, log: &DecisionLog) -> Result<(), StoreError> {
    let path = log_path(root, &log.gold, &log.document)?;
    let text = to_ron(log, 4, &path)?;
    write_atomic(&path, text.as_bytes())
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    utc_timestamp(secs)
}

/// `secs` since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian).
pub fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The sets involved in adjudicating one document.
#[derive(Clone, Copy, Debug)]
pub struct Sets<'a> {
    /// Coder A's set.
    pub a: &'a AnnotationSet,
    /// Coder B's set.
    pub b: &'a AnnotationSet,
    /// The gold set as it is now.
    pub gold: &'a AnnotationSet,
    /// The codebook (to keep only links the roles allow).
    pub codebook: &'a Codebook,
}

impl<'a> Sets<'a> {
    fn source(&self, log: &DecisionLog, coder: &str) -> Option<&'a AnnotationSet> {
        if coder == log.coders[0] {
            Some(self.a)
        } else if coder == log.coders[1] {
            Some(self.b)
        } else {
            None
        }
    }
}

/// How far adjudication of a document has got.
pub fn status(log: &DecisionLog, gold: &AnnotationSet, d: &Disagreement) -> Option<Choice> {
    let decision = log.latest(&DecisionKey::of(d))?;
    let holds = match decision.choice {
        Choice::TakeNeither if decision.gold.is_empty() => {
            [(&log.coders[0], &decision.a), (&log.coders[1], &decision.b)]
                .iter()
                .all(|(c, side)| {
                    side.as_ref().is_none_or(|s| {
                        log.live_origin(gold, c, s.id).is_none() && !has_same(gold, s)
                    })
                })
        }
        _ => decision.gold.iter().all(|g| {
            gold.span(g.id).is_some_and(|now| {
                let same_span = (now.start, now.end, &now.label) == (g.start, g.end, &g.label);
                // Deciding one aspect of a span is undone when that aspect
                // changes back.
                same_span
                    && match decision.kind {
                        Some(DisagreementKind::AttributeDiffers) => now.attrs == g.attrs,
                        Some(DisagreementKind::LinkDiffers) => {
                            (now.actor, &now.links) == (g.actor, &g.links)
                        }
                        _ => true,
                    }
            })
        }),
    };
    holds.then_some(decision.choice)
}

/// (resolved, total) disagreements of a document.
pub fn progress(
    log: &DecisionLog,
    gold: &AnnotationSet,
    comparison: &DocumentComparison,
) -> (usize, usize) {
    let resolved = comparison
        .disagreements
        .iter()
        .filter(|d| status(log, gold, d).is_some())
        .count();
    (resolved, comparison.disagreements.len())
}

/// One span to copy into gold.
struct CopyIn<'a> {
    /// The coder whose span this stands for, and that span's id.
    coder: &'a str,
    source: SpanId,
    /// What to put into gold: the coder's span, or a merge of it with the
    /// gold span it replaces.
    span: Span,
    /// Whether `span.links` point to gold spans already (else to the
    /// coder's spans, to be translated).
    gold_links: bool,
    /// The other coder's span this gold span also stands for.
    also: Option<(&'a str, SpanId)>,
}

impl<'a> CopyIn<'a> {
    fn of(coder: &'a str, span: &Span, also: Option<(&'a str, SpanId)>) -> CopyIn<'a> {
        CopyIn {
            coder,
            source: span.id,
            span: span.clone(),
            gold_links: false,
            also,
        }
    }
}

/// Copies spans into gold, replacing the gold spans in `replace`; links
/// are carried over where the linked span has a gold counterpart, and gold
/// spans whose source links to a copied span get that link.
fn plan(
    log: &DecisionLog,
    sets: &Sets,
    copies: Vec<CopyIn>,
    replace: BTreeSet<SpanId>,
) -> (Vec<Edit>, Vec<Origin>, Vec<Span>) {
    let key = SetKey::new(&log.gold, &log.document);
    let mut state: BTreeMap<SpanId, Span> =
        sets.gold.spans.iter().map(|s| (s.id, s.clone())).collect();
    let mut next = log.fresh_id(sets.gold);
    let mut reuse: Vec<SpanId> = replace.iter().copied().collect();
    reuse.reverse();
    // Which gold span stands for each coder span: live origins first,
    // then the new copies.
    let mut map: HashMap<(String, SpanId), SpanId> = HashMap::new();
    for o in &log.origins {
        if exists(sets.gold, &o.gold) && !replace.contains(&o.gold.id) {
            map.insert((o.coder.clone(), o.span), o.gold.id);
        }
    }
    let mut origins = Vec::new();
    let mut placed = Vec::new();
    for c in &copies {
        let id = reuse.pop().unwrap_or_else(|| {
            let id = SpanId(next);
            next += 1;
            id
        });
        for (coder, span) in std::iter::once((c.coder, c.source)).chain(c.also) {
            map.insert((coder.to_string(), span), id);
            origins.push(Origin {
                coder: coder.to_string(),
                span,
                gold: SpanRef {
                    id,
                    start: c.span.start,
                    end: c.span.end,
                    label: c.span.label.clone(),
                },
            });
        }
        placed.push((id, c));
    }
    let removed: Vec<SpanId> = reuse;
    for id in &removed {
        state.remove(id);
    }
    for s in state.values_mut() {
        for t in &removed {
            s.unlink(*t);
        }
    }
    let mut new_ids = Vec::new();
    for (id, c) in &placed {
        let mut s = c.span.clone();
        s.id = *id;
        s.links.clear();
        state.insert(*id, s);
        new_ids.push(*id);
    }
    // Links of the copies, and links to them from earlier gold spans.
    let role_def = |from: &str, role: &str| sets.codebook.label(from).and_then(|l| l.role(role));
    let allowed = |from: &str, role: &str, target: &Span| {
        role_def(from, role).is_some_and(|r| r.targets.contains(&target.label))
    };
    let mut links: Vec<(SpanId, String, SpanId)> = Vec::new();
    for (id, c) in &placed {
        for (role, t) in c.span.all_links() {
            if c.gold_links {
                links.push((*id, role.to_string(), t));
            } else if let Some(&g) = map.get(&(c.coder.to_string(), t)) {
                links.push((*id, role.to_string(), g));
            }
        }
    }
    for o in &log.origins {
        if !exists(sets.gold, &o.gold) || new_ids.contains(&o.gold.id) {
            continue;
        }
        let Some(existing) = state.get(&o.gold.id) else {
            continue;
        };
        let Some(source) = sets.source(log, &o.coder).and_then(|set| set.span(o.span)) else {
            continue;
        };
        for (role, t) in source.all_links() {
            if let Some(&g) = map.get(&(o.coder.clone(), t))
                && new_ids.contains(&g)
                && !existing.targets(role).contains(&g)
            {
                links.push((o.gold.id, role.to_string(), g));
            }
        }
    }
    let mut linked: BTreeSet<SpanId> = BTreeSet::new();
    for (from, role, to) in links {
        let ok = match (state.get(&from), state.get(&to)) {
            (Some(f), Some(t)) => from != to && allowed(&f.label, &role, t),
            _ => false,
        };
        let one = state
            .get(&from)
            .and_then(|f| role_def(&f.label, &role))
            .is_none_or(|r| r.takes == crate::model::RoleArity::One);
        if ok && let Some(f) = state.get_mut(&from) {
            // A role that takes one span keeps the link it has.
            if one && !f.targets(&role).is_empty() {
                continue;
            }
            f.add_link(&role, to);
            linked.insert(from);
        }
    }
    // Edits: unlink and remove, add the copies bare, then every changed
    // span in its final form (links only to spans that exist by then).
    let mut edits = Vec::new();
    let mut changed: Vec<SpanId> = Vec::new();
    for old in &sets.gold.spans {
        match state.get(&old.id) {
            Some(now) if now != old && !new_ids.contains(&old.id) => {
                let mut bare = now.clone();
                bare.links.retain(|_, t| old.links.values().any(|x| x == t));
                if bare != *old {
                    edits.push(Edit::PutSpan {
                        key: key.clone(),
                        span: bare,
                    });
                }
                changed.push(old.id);
            }
            _ => {}
        }
    }
    for id in &removed {
        edits.push(Edit::RemoveSpan {
            key: key.clone(),
            id: *id,
        });
    }
    for id in &new_ids {
        if let Some(s) = state.get(id) {
            let mut bare = s.clone();
            bare.links.clear();
            edits.push(Edit::PutSpan {
                key: key.clone(),
                span: bare,
            });
        }
    }
    for id in new_ids.iter().chain(&changed) {
        if let Some(s) = state.get(id)
            && (!s.links.is_empty() || changed.contains(id))
            && (linked.contains(id) || changed.contains(id))
        {
            edits.push(Edit::PutSpan {
                key: key.clone(),
                span: s.clone(),
            });
        }
    }
    let gold = new_ids
        .iter()
        .filter_map(|id| state.get(id))
        .cloned()
        .collect();
    (edits, origins, gold)
}

/// Copies every agreed span pair not yet in gold (coder A's version, which
/// equals B's) and logs it as [`Choice::Agreed`]. `None` when there is
/// nothing left to accept.
pub fn accept_agreed(
    log: &DecisionLog,
    sets: &Sets,
    comparison: &DocumentComparison,
    by: &str,
    at: &str,
) -> Option<Resolution> {
    let mut copies = Vec::new();
    for &(ia, ib) in &comparison.agreed {
        let (Some(x), Some(y)) = (sets.a.span(ia), sets.b.span(ib)) else {
            continue;
        };
        let known = log.live_origin(sets.gold, &log.coders[0], ia).is_some()
            || sets
                .gold
                .spans
                .iter()
                .any(|g| (g.start, g.end, &g.label) == (x.start, x.end, &x.label));
        if !known {
            copies.push((x, y));
        }
    }
    if copies.is_empty() {
        return None;
    }
    // Mentions first, so that links to them can be carried over.
    copies.sort_by_key(|(x, _)| !x.links.is_empty());
    let plan_in: Vec<CopyIn> = copies
        .iter()
        .map(|(x, y)| CopyIn::of(&log.coders[0], x, Some((&log.coders[1], y.id))))
        .collect();
    let (edits, origins, gold) = plan(log, sets, plan_in, BTreeSet::new());
    let decisions = copies
        .iter()
        .zip(&gold)
        .map(|((x, y), g)| Decision {
            at: at.to_string(),
            by: by.to_string(),
            kind: None,
            a: Some(SpanRef::of(x)),
            b: Some(SpanRef::of(y)),
            choice: Choice::Agreed,
            gold: vec![g.clone()],
        })
        .collect();
    Some(Resolution {
        transaction: Transaction::new(
            format!(
                "Accept {}",
                count(copies.len(), "agreed span", "agreed spans")
            ),
            edits,
        ),
        decisions,
        origins,
    })
}

/// The gold span for an attribute or link disagreement — the coders marked
/// the same span and differ in one aspect of it. The span is kept (the gold
/// span already standing for it, else a copy of the chosen side, A's for
/// "neither"), and only the aspect in question (the attributes; or the
/// actor and links) is set: the chosen side's, or for "neither" only what
/// both sides share.
fn aspect_copy<'a>(
    log: &DecisionLog,
    sets: &Sets,
    kind: DisagreementKind,
    choice: Choice,
    (ca, x): (&'a str, &Span),
    (cb, y): (&'a str, &Span),
) -> CopyIn<'a> {
    let existing = log
        .live_origin(sets.gold, ca, x.id)
        .or_else(|| log.live_origin(sets.gold, cb, y.id))
        .and_then(|g| sets.gold.span(g));
    let mut copy = match choice {
        Choice::TakeB => CopyIn::of(cb, y, Some((ca, x.id))),
        _ => CopyIn::of(ca, x, Some((cb, y.id))),
    };
    if choice == Choice::TakeNeither {
        // Only what both share.
        copy.span.attrs.retain(|k, v| y.attrs.get(k) == Some(v));
        if x.actor != y.actor {
            copy.span.actor = None;
        }
        let gold_of = |coder: &str, t: &SpanId| log.live_origin(sets.gold, coder, *t);
        for (role, targets) in copy.span.links.iter_mut() {
            targets.retain(|t| {
                let g = gold_of(ca, t);
                g.is_some() && y.targets(role).iter().any(|u| gold_of(cb, u) == g)
            });
        }
        copy.span.links.retain(|_, ts| !ts.is_empty());
    }
    let Some(g) = existing else { return copy };
    if kind == DisagreementKind::AttributeDiffers {
        let mut merged = g.clone();
        merged.attrs = copy.span.attrs.clone();
        copy.span = merged;
        copy.gold_links = true;
    } else {
        copy.span.attrs = g.attrs.clone();
        copy.span.note = g.note.clone();
    }
    copy
}

/// Resolves disagreement `d` by taking A's span, B's, both or neither
/// (replacing whatever an earlier decision on it put into gold). For
/// [`Choice::Edited`] and [`Choice::Agreed`] nothing is changed and only
/// the decision is returned: the gold spans overlapping the disagreement
/// are recorded as the result.
pub fn resolve(
    log: &DecisionLog,
    sets: &Sets,
    d: &Disagreement,
    choice: Choice,
    by: &str,
    at: &str,
) -> Resolution {
    let a = d.a.as_ref().and_then(|s| sets.a.span(s.id));
    let b = d.b.as_ref().and_then(|s| sets.b.span(s.id));
    let (ca, cb) = (log.coders[0].as_str(), log.coders[1].as_str());
    let mut replace = BTreeSet::new();
    for (coder, span) in [(ca, a), (cb, b)] {
        if let Some(s) = span
            && let Some(g) = log.live_origin(sets.gold, coder, s.id)
        {
            replace.insert(g);
        }
    }
    let copies: Vec<CopyIn> = match (choice, a, b) {
        (Choice::TakeA | Choice::TakeB | Choice::TakeNeither, Some(x), Some(y))
            if matches!(
                d.kind,
                DisagreementKind::AttributeDiffers | DisagreementKind::LinkDiffers
            ) =>
        {
            vec![aspect_copy(log, sets, d.kind, choice, (ca, x), (cb, y))]
        }
        (Choice::TakeA, Some(x), _) => vec![CopyIn::of(ca, x, b.map(|y| (cb, y.id)))],
        (Choice::TakeB, _, Some(y)) => vec![CopyIn::of(cb, y, a.map(|x| (ca, x.id)))],
        (Choice::TakeBoth, _, _) => a
            .map(|x| CopyIn::of(ca, x, None))
            .into_iter()
            .chain(b.map(|y| CopyIn::of(cb, y, None)))
            .collect(),
        _ => Vec::new(),
    };
    let keep_gold = matches!(choice, Choice::Edited | Choice::Agreed);
    let (edits, origins, gold) = if keep_gold {
        let (start, end) = (d.start(), d.end());
        let touched = sets
            .gold
            .spans
            .iter()
            .filter(|g| g.start < end && start < g.end)
            .cloned()
            .collect();
        (Vec::new(), Vec::new(), touched)
    } else {
        plan(log, sets, copies, replace)
    };
    let what = match (&d.a, &d.b) {
        (Some(s), _) | (None, Some(s)) => format!("{} {}", s.label, quoted(&s.text)),
        (None, None) => "disagreement".to_string(),
    };
    Resolution {
        transaction: Transaction::new(format!("Adjudicate {what}: {}", choice.label()), edits),
        decisions: vec![Decision {
            at: at.to_string(),
            by: by.to_string(),
            kind: Some(d.kind),
            a: a.map(SpanRef::of),
            b: b.map(SpanRef::of),
            choice,
            gold,
        }],
        origins,
    }
}

#[cfg(test)]
#[path = "adjudication_tests.rs"]
mod tests;
