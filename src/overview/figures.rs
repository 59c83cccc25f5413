//! The bar charts of the overview, computed from an index and a filter,
//! and the spans behind any bar segment (what a click lists).

use super::filter::{Compiled, Filter, Source};
use super::index::{NONE, OverviewIndex, SpanRec};
use crate::model::{ActorId, Project, SpanId, Status};
use std::collections::{BTreeMap, HashMap};

/// The charts of the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Documents done / in progress / not started, per coder (gold sets
    /// and a model's suggestions are no coders).
    Progress,
    /// Documents adjudicated / in progress / not started, per gold set.
    Adjudication,
    /// Spans per label, split by coder.
    Labels,
    /// Mentions per registry actor (the most mentioned).
    Actors,
    /// Stances per holder actor, split by polarity.
    Stances,
    /// Events per time bucket (day or month), split by event type.
    Events,
    /// The values of one document variable, split by coder (see
    /// [`Figures::variable_chart`]; not in [`ChartKind::ALL`], since it
    /// needs a variable).
    Codes,
}

impl ChartKind {
    /// Every chart, in display order.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Progress,
        ChartKind::Adjudication,
        ChartKind::Labels,
        ChartKind::Actors,
        ChartKind::Stances,
        ChartKind::Events,
    ];

    /// The chart's title.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Progress => "Coding progress per coder",
            ChartKind::Adjudication => "Adjudication progress",
            ChartKind::Labels => "Spans per label",
            ChartKind::Actors => "Most mentioned actors",
            ChartKind::Stances => "Stances per actor by polarity",
            ChartKind::Events => "Events over time by type",
            ChartKind::Codes => "Document codes per coder",
        }
    }

    /// A file-name stem for exports.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Progress => "progress",
            ChartKind::Adjudication => "adjudication",
            ChartKind::Labels => "labels",
            ChartKind::Actors => "actors",
            ChartKind::Stances => "stances",
            ChartKind::Events => "events",
            ChartKind::Codes => "codes",
        }
    }
}

/// What a bar segment stands for, to list the spans behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A coder's documents with a status.
    Progress {
        /// Coder.
        coder: String,
        /// Status.
        status: Status,
    },
    /// A coder's spans of a label.
    Label {
        /// Label.
        label: String,
        /// Coder.
        coder: String,
    },
    /// Mentions of an actor.
    Actor(ActorId),
    /// Stances held by an actor with a polarity ("" = none).
    Stance {
        /// Holder actor.
        holder: ActorId,
        /// Polarity value.
        polarity: String,
    },
    /// Events of a type ("" = none) in a time bucket (`YYYY-MM-DD`,
    /// `YYYY-MM` or `undated`).
    Event {
        /// Bucket name.
        bucket: String,
        /// Event type.
        kind: String,
    },
    /// A coder's documents coded with a value of a document variable.
    Code {
        /// Variable name.
        variable: String,
        /// The bar's value (for binned numbers, the bin's name).
        value: String,
        /// Coder.
        coder: String,
    },
    /// Stances from holder to target with a polarity (a network edge).
    Edge {
        /// Holder actor.
        holder: ActorId,
        /// Target actor.
        target: ActorId,
        /// Polarity value.
        polarity: String,
    },
}

/// One part of a stacked bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Index into [`BarChart::series`].
    pub series: usize,
    /// The count.
    pub value: usize,
    /// What it counts.
    pub pick: Pick,
}

/// One bar: a category with its stacked segments.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Category name shown on the axis.
    pub label: String,
    /// Non-zero segments, in series order.
    pub segments: Vec<Segment>,
}

impl Bar {
    /// The bar's total.
    pub fn total(&self) -> usize {
        self.segments.iter().map(|s| s.value).sum()
    }
}

/// A stacked bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    /// Which chart.
    pub kind: ChartKind,
    /// Series names (legend), in stacking order.
    pub series: Vec<String>,
    /// Series colours as RGB.
    pub colors: Vec<[u8; 3]>,
    /// The bars.
    pub bars: Vec<Bar>,
    /// Whose data it shows, the line under the title.
    pub caption: String,
    /// Whether it adds up the coders ([`Source::AllSummed`]).
    pub summed: bool,
}

impl BarChart {
    /// The title, saying so when coders are summed.
    pub fn title(&self) -> String {
        if self.summed {
            format!("{} — all coders summed", self.kind.title())
        } else {
            self.kind.title().to_string()
        }
    }

    /// The largest bar total (0 for an empty chart).
    pub fn max_total(&self) -> usize {
        self.bars.iter().map(Bar::total).max().unwrap_or(0)
    }
}

/// A span (or, for progress, a document) behind a bar, to jump to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Coder whose annotations it is.
    pub coder: String,
    /// Document id.
    pub document: String,
    /// The span; `None` for a whole document.
    pub span: Option<SpanId>,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label ("" for a whole document).
    pub label: String,
}

/// How many actors the actor charts show.
pub const TOP_ACTORS: usize = 15;

const PALETTE: [[u8; 3]; 10] = [
    [0x4e, 0x79, 0xa7],
    [0xf2, 0x8e, 0x2b],
    [0x59, 0xa1, 0x4f],
    [0xe1, 0x57, 0x59],
    [0x76, 0xb7, 0xb2],
    [0xed, 0xc9, 0x48],
    [0xb0, 0x7a, 0xa1],
    [0xff, 0x9d, 0xa7],
    [0x9c, 0x75, 0x5f],
    [0xba, 0xb0, 0xac],
];

/// The colour of the `i`th series of a chart without fixed colours.
pub fn palette(i: usize) -> [u8; 3] {
    PALETTE[i % PALETTE.len()]
}

/// Fixed colours for the usual polarity values, the same everywhere, from
/// the Okabe–Ito palette so that colour-blind readers tell them apart:
/// support blue, oppose vermillion, neutral grey (never red against green).
pub fn polarity_color(value: &str, i: usize) -> [u8; 3] {
    match value {
        "support" => [0x00, 0x72, 0xb2],
        "oppose" => [0xd5, 0x5e, 0x00],
        "neutral" => [0x99, 0x99, 0x99],
        "" => [0xc8, 0xc8, 0xc8],
        _ => palette(i + 4),
    }
}

/// The dash pattern (dash, gap) of a polarity's lines, a second cue beside
/// the colour: support solid (`None`), oppose dashed, neutral and no
/// polarity dotted, any other value long-dashed.
pub fn polarity_dash(value: &str) -> Option<[f32; 2]> {
    match value {
        "support" => None,
        "oppose" => Some([7.0, 4.0]),
        "neutral" | "" => Some([2.0, 3.0]),
        _ => Some([12.0, 4.0]),
    }
}

/// Colours of done / in progress / not started (Okabe–Ito bluish green,
/// orange, light grey).
const STATUS_COLORS: [[u8; 3]; 3] = [[0x00, 0x9e, 0x73], [0xe6, 0x9f, 0x00], [0xc8, 0xc8, 0xc8]];

/// What every chart of one filter state needs.
pub struct Figures<'a> {
    /// The index.
    pub index: &'a OverviewIndex,
    /// The project (actor names).
    pub project: &'a Project,
    compiled: Compiled,
    /// Whether events are bucketed by month (else by day).
    by_month: bool,
    done_only: bool,
    source: Source,
}

impl<'a> Figures<'a> {
    /// Resolves `filter` once for several charts.
    pub fn new(index: &'a OverviewIndex, project: &'a Project, filter: &Filter) -> Figures<'a> {
        let compiled = filter.compile(index);
        let dates = index
            .docs
            .iter()
            .zip(&compiled.doc_ok)
            .filter(|(_, ok)| **ok)
            .filter_map(|(d, _)| d.date);
        let (lo, hi) = dates.fold((u32::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)));
        // More than about two months of days would be too many bars.
        let months = |d: u32| (d / 10000) * 12 + d / 100 % 100;
        let by_month = lo <= hi && months(hi) - months(lo) > 1;
        Figures {
            index,
            project,
            compiled,
            by_month,
            done_only: filter.done_only,
            source: filter.source.clone(),
        }
    }

    /// Whose data the source charts show, for the line under their title:
    /// e.g. "gold where adjudicated (3 documents), else alice (12
    /// documents)".
    pub fn source_caption(&self) -> String {
        let ix = self.index;
        let docs = |n: usize| crate::wording::count(n, "document", "documents");
        let from = |keep: &dyn Fn(usize) -> bool| -> Vec<(usize, &str)> {
            (0..ix.coders.len())
                .filter(|c| keep(*c) && self.compiled.docs_from[*c] > 0)
                .map(|c| (self.compiled.docs_from[c], ix.coders[c].as_str()))
                .collect()
        };
        match &self.source {
            Source::Preferred(me) => {
                let golds = from(&|c| ix.is_gold(c));
                let n: usize = golds.iter().map(|g| g.0).sum();
                let names: Vec<&str> = golds.iter().map(|g| g.1).collect();
                let gold = if names.is_empty() {
                    crate::agreement::DEFAULT_GOLD.to_string()
                } else {
                    names.join(", ")
                };
                let mine = ix
                    .coders
                    .iter()
                    .position(|c| c == me)
                    .map_or(0, |c| self.compiled.docs_from[c]);
                if me.is_empty() {
                    format!("{gold} where adjudicated ({})", docs(n))
                } else {
                    format!(
                        "{gold} where adjudicated ({}), else {me} ({})",
                        docs(n),
                        docs(mine)
                    )
                }
            }
            Source::Coder(name) => {
                let n = ix
                    .coders
                    .iter()
                    .position(|c| c == name)
                    .map_or(0, |c| self.compiled.docs_from[c]);
                let whose = match ix.coders.iter().position(|c| c == name) {
                    Some(c) if ix.is_gold(c) => format!("the gold set {name}"),
                    _ => name.clone(),
                };
                format!("only {whose} ({})", docs(n))
            }
            Source::AllSummed => {
                let coders: Vec<String> = from(&|c| ix.is_real_coder(c))
                    .into_iter()
                    .map(|(n, c)| format!("{c} ({})", docs(n)))
                    .collect();
                let list = if coders.is_empty() {
                    "no coder".to_string()
                } else {
                    coders.join(" + ")
                };
                format!("all coders summed: {list}; gold sets and model suggestions left out")
            }
        }
    }

    /// The filter as resolved against the index.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// Whether the figures add up every coder ([`Source::AllSummed`]).
    pub(super) fn is_summed(&self) -> bool {
        self.source == Source::AllSummed
    }

    /// The spans that pass the filter.
    fn spans(&self) -> impl Iterator<Item = &'a SpanRec> + '_ {
        self.index
            .spans
            .iter()
            .filter(|s| self.compiled.set_ok[s.set as usize])
    }

    fn coder_of(&self, s: &SpanRec) -> u32 {
        self.index.sets[s.set as usize].coder
    }

    /// The chart `kind`.
    pub fn chart(&self, kind: ChartKind) -> BarChart {
        let mut chart = match kind {
            ChartKind::Progress => self.progress(false),
            ChartKind::Adjudication => self.progress(true),
            ChartKind::Labels => self.labels(),
            ChartKind::Actors => self.actors(),
            ChartKind::Stances => self.stances(),
            ChartKind::Events => self.events(),
            ChartKind::Codes => {
                let first = self.project.codebook.variables.first();
                return self.variable_chart(first.map_or("", |v| v.name.as_str()));
            }
        };
        match kind {
            ChartKind::Progress => {
                chart.caption = "every coder's own documents, whatever the source; gold sets \
                                 are under Adjudication progress, model suggestions are no coder"
                    .into()
            }
            ChartKind::Adjudication => {
                chart.caption = "documents per gold set; a done gold set makes its document \
                                 adjudicated"
                    .into()
            }
            _ => {
                chart.caption = self.source_caption();
                chart.summed = self.source == Source::AllSummed;
            }
        }
        chart
    }

    /// Progress of the coders, or (`gold`) of the gold sets.
    fn progress(&self, gold: bool) -> BarChart {
        let ix = self.index;
        let statuses = [Status::Done, Status::InProgress, Status::NotStarted];
        let docs_in = self.compiled.doc_ok.iter().filter(|ok| **ok).count();
        let mut counts = vec![[0usize; 3]; ix.coders.len()];
        let mut seen = vec![0usize; ix.coders.len()];
        for s in &ix.sets {
            if !self.compiled.doc_ok[s.doc as usize] {
                continue;
            }
            let k = statuses.iter().position(|x| *x == s.status).unwrap_or(2);
            counts[s.coder as usize][k] += 1;
            seen[s.coder as usize] += 1;
        }
        let bars = ix
            .coders
            .iter()
            .enumerate()
            // A model does not code documents: its predictions count among
            // the spans, not in anyone's progress. Gold sets have their own
            // chart.
            .filter(|(c, _)| {
                if gold {
                    ix.is_gold(*c)
                } else {
                    ix.is_real_coder(*c)
                }
            })
            .map(|(c, name)| {
                let mut values = counts[c];
                // A document without a file of the coder is not started.
                values[2] += docs_in.saturating_sub(seen[c]);
                if self.done_only {
                    values[1] = 0;
                    values[2] = 0;
                }
                Bar {
                    label: name.clone(),
                    segments: statuses
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| values[*k] > 0)
                        .map(|(k, st)| Segment {
                            series: k,
                            value: values[k],
                            pick: Pick::Progress {
                                coder: name.clone(),
                                status: *st,
                            },
                        })
                        .collect(),
                }
            })
            .collect();
        let series = if gold {
            vec![
                "adjudicated".into(),
                "in progress".into(),
                "not started".into(),
            ]
        } else {
            statuses.iter().map(|s| s.label().to_string()).collect()
        };
        BarChart {
            kind: if gold {
                ChartKind::Adjudication
            } else {
                ChartKind::Progress
            },
            series,
            colors: STATUS_COLORS.to_vec(),
            bars,
            caption: String::new(),
            summed: false,
        }
    }

    fn labels(&self) -> BarChart {
        let ix = self.index;
        let mut counts: HashMap<(u32, u32), usize> = HashMap::new();
        for s in self.spans() {
            *counts.entry((s.label, self.coder_of(s))).or_default() += 1;
        }
        // The coders whose spans are counted (one, gold and one, or all).
        let coders: Vec<usize> = (0..ix.coders.len())
            .filter(|c| counts.keys().any(|k| k.1 as usize == *c))
            .collect();
        // Labels in codebook order, then any other label seen.
        let mut order: Vec<u32> = self
            .project
            .codebook
            .labels()
            .filter_map(|(_, l)| ix.labels.iter().position(|x| *x == l.name))
            .map(|i| i as u32)
            .collect();
        for i in 0..ix.labels.len() as u32 {
            if !order.contains(&i) {
                order.push(i);
            }
        }
        let bars = order
            .into_iter()
            .map(|l| Bar {
                label: ix.labels[l as usize].clone(),
                segments: coders
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &c)| {
                        let n = counts.get(&(l, c as u32)).copied().unwrap_or(0);
                        (n > 0).then(|| Segment {
                            series: k,
                            value: n,
                            pick: Pick::Label {
                                label: ix.labels[l as usize].clone(),
                                coder: ix.coders[c].clone(),
                            },
                        })
                    })
                    .collect(),
            })
            .filter(|b| !b.segments.is_empty())
            .collect();
        BarChart {
            kind: ChartKind::Labels,
            series: coders.iter().map(|&c| ix.coders[c].clone()).collect(),
            colors: (0..coders.len()).map(palette).collect(),
            bars,
            caption: String::new(),
            summed: false,
        }
    }

    fn actor_name(&self, no: u32) -> String {
        let id = self.actor_id(no);
        self.project
            .actors
            .get(id)
            .map_or_else(|| format!("actor {id}"), |a| a.name.clone())
    }

    fn actor_id(&self, no: u32) -> ActorId {
        self.index.actors[no as usize]
    }

    /// The index number of actor `id`, or [`NONE`].
    fn actor_no(&self, id: ActorId) -> u32 {
        self.index
            .actors
            .iter()
            .position(|a| *a == id)
            .map_or(NONE, |i| i as u32)
    }

    /// The `TOP_ACTORS` actors with the largest counts, by count then name.
    fn top(&self, counts: &HashMap<u32, usize>) -> Vec<u32> {
        let mut list: Vec<(u32, usize, String)> = counts
            .iter()
            .map(|(&a, &n)| (a, n, self.actor_name(a)))
            .collect();
        list.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.2.cmp(&y.2)));
        list.into_iter().take(TOP_ACTORS).map(|x| x.0).collect()
    }

    fn actors(&self) -> BarChart {
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for s in self.spans().filter(|s| s.actor != NONE) {
            *counts.entry(s.actor).or_default() += 1;
        }
        let bars = self
            .top(&counts)
            .into_iter()
            .map(|a| Bar {
                label: self.actor_name(a),
                segments: vec![Segment {
                    series: 0,
                    value: counts[&a],
                    pick: Pick::Actor(self.actor_id(a)),
                }],
            })
            .collect();
        BarChart {
            kind: ChartKind::Actors,
            series: vec!["mentions".into()],
            colors: vec![palette(0)],
            bars,
            caption: String::new(),
            summed: false,
        }
    }

    fn stances(&self) -> BarChart {
        let ix = self.index;
        let mut per: HashMap<(u32, u32), usize> = HashMap::new();
        let mut totals: HashMap<u32, usize> = HashMap::new();
        // A stance with two holders counts once for each.
        for s in self.spans() {
            for &h in &s.holders {
                *per.entry((h, s.polarity)).or_default() += 1;
                *totals.entry(h).or_default() += 1;
            }
        }
        let mut values: Vec<u32> = per.keys().map(|k| k.1).collect();
        values.sort_by_key(|v| polarity_rank(ix.value(*v, "")));
        values.dedup();
        let bars = self
            .top(&totals)
            .into_iter()
            .map(|a| Bar {
                label: self.actor_name(a),
                segments: values
                    .iter()
                    .enumerate()
                    .filter_map(|(k, v)| {
                        let n = per.get(&(a, *v)).copied().unwrap_or(0);
                        (n > 0).then(|| Segment {
                            series: k,
                            value: n,
                            pick: Pick::Stance {
                                holder: self.actor_id(a),
                                polarity: ix.value(*v, "").to_string(),
                            },
                        })
                    })
                    .collect(),
            })
            .collect();
        BarChart {
            kind: ChartKind::Stances,
            series: values
                .iter()
                .map(|v| ix.value(*v, "(no polarity)").to_string())
                .collect(),
            colors: values
                .iter()
                .enumerate()
                .map(|(i, v)| polarity_color(ix.value(*v, ""), i))
                .collect(),
            bars,
            caption: String::new(),
            summed: false,
        }
    }

    /// The time bucket of document `doc` (`undated` without a date).
    fn bucket(&self, doc: u32) -> String {
        match self.index.docs[doc as usize].date {
            None => "undated".into(),
            Some(d) if self.by_month => format!("{:04}-{:02}", d / 10000, d / 100 % 100),
            Some(d) => format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100),
        }
    }

    fn events(&self) -> BarChart {
        let ix = self.index;
        let mut per: BTreeMap<(String, u32), usize> = BTreeMap::new();
        for s in self.spans().filter(|s| s.is_event) {
            let doc = ix.sets[s.set as usize].doc;
            *per.entry((self.bucket(doc), s.event_type)).or_default() += 1;
        }
        let mut types: Vec<u32> = per.keys().map(|k| k.1).collect();
        types.sort_by(|a, b| ix.value(*a, "\u{10ffff}").cmp(ix.value(*b, "\u{10ffff}")));
        types.dedup();
        let mut buckets: Vec<String> = per.keys().map(|k| k.0.clone()).collect();
        buckets.dedup();
        let bars = buckets
            .into_iter()
            .map(|b| Bar {
                segments: types
                    .iter()
                    .enumerate()
                    .filter_map(|(k, t)| {
                        let n = per.get(&(b.clone(), *t)).copied().unwrap_or(0);
                        (n > 0).then(|| Segment {
                            series: k,
                            value: n,
                            pick: Pick::Event {
                                bucket: b.clone(),
                                kind: ix.value(*t, "").to_string(),
                            },
                        })
                    })
                    .collect(),
                label: b,
            })
            .collect();
        BarChart {
            kind: ChartKind::Events,
            series: types
                .iter()
                .map(|t| ix.value(*t, "(no type)").to_string())
                .collect(),
            colors: (0..types.len()).map(palette).collect(),
            bars,
            caption: String::new(),
            summed: false,
        }
    }

    /// The spans (for progress: the documents) behind `pick`, in project
    /// and text order.
    pub fn hits(&self, pick: &Pick) -> Vec<Hit> {
        let ix = self.index;
        let value_is = |v: u32, want: &str| ix.value(v, "") == want;
        if let Pick::Progress { coder, status } = pick {
            return self.progress_hits(coder, *status);
        }
        if let Pick::Code {
            variable,
            value,
            coder,
        } = pick
        {
            return self.code_hits(variable, value, coder);
        }
        // The picked actors' index numbers, looked up once, not per span.
        let (first, second) = match pick {
            Pick::Actor(a) | Pick::Stance { holder: a, .. } => (self.actor_no(*a), NONE),
            Pick::Edge { holder, target, .. } => (self.actor_no(*holder), self.actor_no(*target)),
            _ => (NONE, NONE),
        };
        let matches = |s: &SpanRec| -> bool {
            match pick {
                Pick::Progress { .. } | Pick::Code { .. } => false,
                Pick::Label { label, coder } => {
                    ix.labels[s.label as usize] == *label
                        && ix.coders[self.coder_of(s) as usize] == *coder
                }
                Pick::Actor(_) => s.actor != NONE && s.actor == first,
                Pick::Stance { polarity, .. } => {
                    s.holders.contains(&first) && value_is(s.polarity, polarity)
                }
                Pick::Event { bucket, kind } => {
                    s.is_event
                        && value_is(s.event_type, kind)
                        && self.bucket(ix.sets[s.set as usize].doc) == *bucket
                }
                Pick::Edge { polarity, .. } => {
                    s.holders.contains(&first)
                        && s.targets.contains(&second)
                        && value_is(s.polarity, polarity)
                }
            }
        };
        self.spans()
            .filter(|s| matches(s))
            .map(|s| {
                let set = &ix.sets[s.set as usize];
                Hit {
                    coder: ix.coders[set.coder as usize].clone(),
                    document: ix.doc_ids[set.doc as usize].clone(),
                    span: Some(SpanId(s.id)),
                    start: s.start as usize,
                    end: s.end as usize,
                    label: ix.labels[s.label as usize].clone(),
                }
            })
            .collect()
    }

    fn progress_hits(&self, coder: &str, status: Status) -> Vec<Hit> {
        let ix = self.index;
        let Some(c) = ix.coders.iter().position(|x| x == coder) else {
            return Vec::new();
        };
        if self.done_only && status != Status::Done {
            return Vec::new();
        }
        let mut with_set = vec![None; ix.docs.len()];
        for s in &ix.sets {
            if s.coder as usize == c {
                with_set[s.doc as usize] = Some(s.status);
            }
        }
        (0..ix.docs.len())
            .filter(|d| self.compiled.doc_ok[*d])
            .filter(|d| match with_set[*d] {
                Some(st) => st == status,
                None => status == Status::NotStarted,
            })
            .map(|d| Hit {
                coder: coder.to_string(),
                document: ix.doc_ids[d].clone(),
                span: None,
                start: 0,
                end: 0,
                label: String::new(),
            })
            .collect()
    }
}

/// Stacking order of polarity values: support, neutral, oppose, others,
/// none.
fn polarity_rank(v: &str) -> (u8, String) {
    let r = match v {
        "support" => 0,
        "neutral" => 1,
        "oppose" => 2,
        "" => 4,
        _ => 3,
    };
    (r, v.to_string())
}
