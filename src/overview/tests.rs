//! Unit tests of the overview figures, filters, network, layout and SVG on
//! a small hand-made project whose counts are known.

use super::figures::{ChartKind, Figures, Pick};
use super::layout::{fruchterman_reingold, network_layout};
use super::svg::{bar_chart_svg, network_svg};
use super::*;
use crate::model::{
    Actor, ActorId, ActorKind, AnnotationSet, Codebook, DocumentEntry, Metadata, Project, Span,
    SpanId, Status,
};

fn entry(id: &str, outlet: &str, date: &str) -> DocumentEntry {
    DocumentEntry {
        id: id.into(),
        title: id.into(),
        meta: Metadata {
            outlet: outlet.into(),
            date: date.into(),
            ..Metadata::default()
        },
        text_hash: String::new(),
        chars: 1000,
    }
}

fn project() -> Project {
    let mut p = Project::new("t", Codebook::default_media());
    p.documents = vec![
        entry("d1", "Wire", "2019-05-01"),
        entry("d2", "Post", "2019-05-03"),
        entry("d3", "Wire", ""),
    ];
    for (i, (name, kind)) in [
        ("Maduro", ActorKind::Person),
        ("Guaido", ActorKind::Person),
        ("United States", ActorKind::State),
    ]
    .into_iter()
    .enumerate()
    {
        p.actors.put(Actor {
            id: ActorId(i as u128 + 1),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            attributes: Default::default(),
        });
    }
    p.add_coder("alice");
    p.add_coder("bob");
    p
}

fn person(id: u32, at: usize, actor: u32) -> Span {
    let mut s = Span::new(SpanId(id), at, at + 5, "Person");
    s.actor = Some(ActorId(actor.into()));
    s
}

fn stance(id: u32, at: usize, holder: u32, target: u32, polarity: &str) -> Span {
    let mut s = Span::new(SpanId(id), at, at + 10, "Stance");
    s.add_link("holder", SpanId(holder));
    s.add_link("target", SpanId(target));
    if !polarity.is_empty() {
        s.attrs.insert("polarity".into(), polarity.into());
    }
    s
}

fn event(id: u32, at: usize, kind: &str) -> Span {
    let mut s = Span::new(SpanId(id), at, at + 4, "Event");
    s.attrs.insert("type".into(), kind.into());
    s
}

fn set(doc: &str, coder: &str, status: Status, spans: Vec<Span>) -> AnnotationSet {
    let mut s = AnnotationSet::new(doc, coder);
    s.status = status;
    s.spans = spans;
    s.sort();
    s
}

/// alice: d1 done (Maduro, Guaido, Maduro opposes Guaido, a protest), d2
/// in progress (Maduro, Guaido, the US; Maduro opposes Guaido, the US
/// supports Guaido; an arrest and a protest); bob: d1 done (Maduro,
/// Guaido, Maduro opposes Guaido). d3 has no annotations.
fn sets() -> Vec<AnnotationSet> {
    vec![
        set(
            "d1",
            "alice",
            Status::Done,
            vec![
                person(1, 0, 1),
                person(2, 10, 2),
                stance(3, 20, 1, 2, "oppose"),
                event(4, 40, "protest"),
            ],
        ),
        set(
            "d2",
            "alice",
            Status::InProgress,
            vec![
                person(1, 0, 1),
                person(2, 10, 2),
                person(3, 30, 3),
                stance(4, 50, 1, 2, "oppose"),
                stance(5, 70, 3, 2, "support"),
                event(6, 90, "arrest or detention"),
                event(7, 100, "protest"),
            ],
        ),
        set(
            "d1",
            "bob",
            Status::Done,
            vec![
                person(1, 0, 1),
                person(2, 10, 2),
                stance(3, 20, 1, 2, "oppose"),
            ],
        ),
    ]
}

fn totals(chart: &BarChart) -> Vec<(String, Vec<(String, usize)>)> {
    chart
        .bars
        .iter()
        .map(|b| {
            (
                b.label.clone(),
                b.segments
                    .iter()
                    .map(|s| (chart.series[s.series].clone(), s.value))
                    .collect(),
            )
        })
        .collect()
}

/// Every coder summed, the figures before sources were kept apart.
fn summed() -> Filter {
    Filter {
        source: Source::AllSummed,
        ..Filter::default()
    }
}

fn v(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|(a, b)| (a.to_string(), *b)).collect()
}

#[test]
fn progress_counts_documents_without_a_file_as_not_started() {
    let p = project();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    let c = f.chart(ChartKind::Progress);
    assert_eq!(
        totals(&c),
        vec![
            (
                "alice".into(),
                v(&[("done", 1), ("in progress", 1), ("not started", 1)])
            ),
            ("bob".into(), v(&[("done", 1), ("not started", 2)])),
        ]
    );
    let hits = f.hits(&Pick::Progress {
        coder: "bob".into(),
        status: Status::NotStarted,
    });
    let docs: Vec<&str> = hits.iter().map(|h| h.document.as_str()).collect();
    assert_eq!(docs, vec!["d2", "d3"]);
    // A model's predictions are spans, not anyone's coding progress.
    let mut predicted = AnnotationSet::new("d1", crate::suggestions::SUGGESTIONS_CODER);
    predicted.status = Status::Done;
    predicted.spans.push(person(1, 0, 1));
    let with_model: Vec<AnnotationSet> = s.iter().cloned().chain([predicted]).collect();
    let ix = OverviewIndex::build(&p, &with_model);
    let f = Figures::new(&ix, &p, &summed());
    let coders: Vec<String> = totals(&f.chart(ChartKind::Progress))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(coders, ["alice", "bob"]);
    // Nor are they summed with the coders; they are a source of their own.
    let series = f.chart(ChartKind::Labels).series;
    assert!(!series.iter().any(|s| s == "suggestions"));
    let model = Filter {
        source: Source::Coder("suggestions".into()),
        ..Filter::default()
    };
    let series = Figures::new(&ix, &p, &model)
        .chart(ChartKind::Labels)
        .series;
    assert_eq!(series, ["suggestions"]);
}

#[test]
fn label_counts_answer_to_coder_outlet_date_and_done_filters() {
    let p = project();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let all = Figures::new(&ix, &p, &summed()).chart(ChartKind::Labels);
    assert_eq!(
        totals(&all),
        vec![
            ("Person".into(), v(&[("alice", 5), ("bob", 2)])),
            ("Stance".into(), v(&[("alice", 3), ("bob", 1)])),
            ("Event".into(), v(&[("alice", 3)])),
        ]
    );
    let only = |f: Filter| totals(&Figures::new(&ix, &p, &f).chart(ChartKind::Labels));
    assert_eq!(
        only(Filter {
            source: Source::Coder("bob".into()),
            ..summed()
        }),
        vec![
            ("Person".into(), v(&[("bob", 2)])),
            ("Stance".into(), v(&[("bob", 1)])),
        ]
    );
    let post = only(Filter {
        outlet: Some("Post".into()),
        ..summed()
    });
    assert_eq!(post[0], ("Person".into(), v(&[("alice", 3)])));
    let from = only(Filter {
        from: Some("2019-05-02".into()),
        to: Some("2019-05-31".into()),
        ..summed()
    });
    assert_eq!(from, post);
    let done = only(Filter {
        done_only: true,
        ..summed()
    });
    assert_eq!(done[0], ("Person".into(), v(&[("alice", 2), ("bob", 2)])));
    let f = Figures::new(&ix, &p, &summed());
    let hits = f.hits(&Pick::Label {
        label: "Stance".into(),
        coder: "alice".into(),
    });
    assert_eq!(hits.len(), 3);
    assert_eq!(
        (hits[0].document.as_str(), hits[0].span, hits[0].start),
        ("d1", Some(SpanId(3)), 20)
    );
}

#[test]
fn actors_stances_and_events() {
    let p = project();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    assert_eq!(
        totals(&f.chart(ChartKind::Actors)),
        vec![
            ("Guaido".into(), v(&[("mentions", 3)])),
            ("Maduro".into(), v(&[("mentions", 3)])),
            ("United States".into(), v(&[("mentions", 1)])),
        ]
    );
    assert_eq!(
        totals(&f.chart(ChartKind::Stances)),
        vec![
            ("Maduro".into(), v(&[("oppose", 3)])),
            ("United States".into(), v(&[("support", 1)])),
        ]
    );
    assert_eq!(
        totals(&f.chart(ChartKind::Events)),
        vec![
            ("2019-05-01".into(), v(&[("protest", 1)])),
            (
                "2019-05-03".into(),
                v(&[("arrest or detention", 1), ("protest", 1)])
            ),
        ]
    );
    let hits = f.hits(&Pick::Event {
        bucket: "2019-05-03".into(),
        kind: "protest".into(),
    });
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].document.as_str(), hits[0].start), ("d2", 100));
    assert_eq!(f.hits(&Pick::Actor(ActorId(3))).len(), 1);
}

#[test]
fn events_are_bucketed_by_month_over_long_ranges() {
    let mut p = project();
    p.documents[1].meta.date = "2019-09-20".into();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    let labels: Vec<String> = f
        .chart(ChartKind::Events)
        .bars
        .iter()
        .map(|b| b.label.clone())
        .collect();
    assert_eq!(labels, vec!["2019-05", "2019-09"]);
    // Across a new year, a few weeks are still days.
    p.documents[0].meta.date = "2019-12-30".into();
    p.documents[1].meta.date = "2020-01-02".into();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    let labels: Vec<String> = f
        .chart(ChartKind::Events)
        .bars
        .iter()
        .map(|b| b.label.clone())
        .collect();
    assert_eq!(labels, vec!["2019-12-30", "2020-01-02"]);
}

#[test]
fn dates_are_read_strictly() {
    assert_eq!(parse_date("2019-05-03"), Some(20190503));
    assert_eq!(parse_date("2019-05-03T10:00"), Some(20190503));
    assert_eq!(parse_date(" 2019-05 "), Some(20190501));
    assert_eq!(parse_date("2019-13-01"), None);
    assert_eq!(parse_date("May 3, 2019"), None);
    assert_eq!(parse_date(""), None);
}

#[test]
fn network_pools_coders_when_summed_and_filters_to_one() {
    let p = project();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    let net = ActorNetwork::build(&f);
    assert_eq!(net.nodes.len(), 3);
    let mentions: Vec<usize> = net.nodes.iter().map(|n| n.mentions).collect();
    assert_eq!(mentions, vec![3, 3, 1]);
    let edges: Vec<(usize, usize, &str, usize)> = net
        .edges
        .iter()
        .map(|e| (e.from, e.to, e.polarity.as_str(), e.count))
        .collect();
    assert_eq!(edges, vec![(0, 1, "oppose", 3), (2, 1, "support", 1)]);
    let hits = f.hits(&net.edges[0].pick(&net));
    assert_eq!(hits.len(), 3);
    let bob = Figures::new(
        &ix,
        &p,
        &Filter {
            source: Source::Coder("bob".into()),
            ..summed()
        },
    );
    let net = ActorNetwork::build(&bob);
    assert_eq!(net.edges.len(), 1);
    assert_eq!(net.edges[0].count, 1);
    // Bob's one stance joins two of the three actors: the third is left
    // out, and the edge still names the same actors after renumbering.
    let (trimmed, left_out) = net.without_unconnected();
    assert_eq!((trimmed.nodes.len(), left_out), (2, 1));
    assert_eq!(trimmed.edges[0].title(&trimmed), net.edges[0].title(&net));
    assert_eq!(trimmed.edges[0].pick(&trimmed), net.edges[0].pick(&net));
    let (same, none) = trimmed.without_unconnected();
    assert_eq!((same, none), (trimmed, 0));
}

#[test]
fn network_layout_puts_unconnected_actors_in_rows_under_the_network() {
    // A path 0-1-2-3 and eleven actors without stances.
    let edges = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)];
    let layout = network_layout(15, &edges, 3, 300);
    let p = &layout.positions;
    assert!(p.iter().flatten().all(|x| (0.0..=1.0).contains(x)));
    let lowest_connected = (0..4).map(|i| p[i][1]).fold(f32::MIN, f32::max);
    let highest_unconnected = (4..15).map(|i| p[i][1]).fold(f32::MAX, f32::min);
    assert!(lowest_connected < highest_unconnected, "{p:?}");
    // The network gets most of the height, and no two nodes coincide.
    let top = (0..4).map(|i| p[i][1]).fold(f32::MAX, f32::min);
    assert!(lowest_connected - top > 0.5, "{p:?}");
    for i in 0..15 {
        for j in (i + 1)..15 {
            assert!(dist(p[i], p[j]) > 0.05, "{i} and {j} overlap: {p:?}");
        }
    }
    // Rows: as many per row as the layout says, and it says which.
    let first_row = (4..15).filter(|&i| p[i][1] == p[4][1]).count();
    assert_eq!(first_row, layout.row_columns);
    assert_eq!(layout.in_rows, (0..15).map(|i| i >= 4).collect::<Vec<_>>());
    // Nothing unconnected, or nothing connected: one ordinary layout.
    let all_connected = network_layout(4, &edges, 3, 300);
    assert_eq!(all_connected.positions.len(), 4);
    let none_connected = network_layout(5, &[], 3, 300);
    assert!(
        none_connected
            .positions
            .iter()
            .flatten()
            .all(|x| (0.0..=1.0).contains(x))
    );
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

#[test]
fn layout_is_deterministic_separates_nodes_and_keeps_neighbours_close() {
    // Two triangles joined by one edge.
    let edges = [
        (0, 1, 1.0),
        (1, 2, 1.0),
        (0, 2, 1.0),
        (3, 4, 1.0),
        (4, 5, 1.0),
        (3, 5, 1.0),
        (2, 3, 1.0),
    ];
    let a = fruchterman_reingold(6, &edges, 7, 300);
    let b = fruchterman_reingold(6, &edges, 7, 300);
    assert_eq!(a, b);
    assert!(
        a.positions
            .iter()
            .flatten()
            .all(|x| (0.0..=1.0).contains(x))
    );
    let mut min = f32::MAX;
    for i in 0..6 {
        for j in (i + 1)..6 {
            min = min.min(dist(a.positions[i], a.positions[j]));
        }
    }
    assert!(min > 0.05, "nodes overlap: {min}");
    let within = dist(a.positions[0], a.positions[1]) + dist(a.positions[4], a.positions[5]);
    let across = dist(a.positions[0], a.positions[4]) + dist(a.positions[1], a.positions[5]);
    assert!(within < across, "{within} vs {across}");
    // Settled: its last steps are tiny, and more iterations barely move it.
    assert!(a.last_move < 1e-3, "{}", a.last_move);
    let c = fruchterman_reingold(6, &edges, 7, 600);
    let moved = (0..6)
        .map(|i| dist(a.positions[i], c.positions[i]))
        .fold(0.0, f32::max);
    assert!(moved < 0.1, "{moved}");
    assert!(fruchterman_reingold(0, &[], 1, 10).positions.is_empty());
    assert_eq!(
        fruchterman_reingold(1, &[], 1, 10).positions,
        vec![[0.5, 0.5]]
    );
}

/// Every event of `svg` parses as XML; returns the element count.
fn parse_xml(svg: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_)) => {
                elements += 1
            }
            Ok(_) => {}
            Err(e) => panic!("not XML at {}: {e}", reader.buffer_position()),
        }
    }
    elements
}

#[test]
fn svg_of_every_chart_and_the_network_is_xml() {
    let mut p = project();
    p.actors.actors[0].name = "Maduro <\"&'>".into();
    let s = sets();
    let ix = OverviewIndex::build(&p, &s);
    let f = Figures::new(&ix, &p, &summed());
    for kind in ChartKind::ALL {
        let chart = f.chart(kind);
        let svg = bar_chart_svg(&chart);
        let rects = svg.matches("<rect").count();
        let segments: usize = chart.bars.iter().map(|b| b.segments.len()).sum();
        assert_eq!(rects, 1 + segments + chart.series.len(), "{kind:?}");
        assert!(parse_xml(&svg) > 2);
    }
    let net = ActorNetwork::build(&f);
    let layout = fruchterman_reingold(net.nodes.len(), &net.layout_edges(), 1, 100);
    let svg = network_svg(&net, &layout.positions);
    assert!(svg.contains("Maduro &lt;&quot;&amp;&apos;&gt;"));
    assert_eq!(svg.matches("<circle").count(), 3);
    assert_eq!(svg.matches("marker-end=").count(), 2);
    parse_xml(&svg);
}

#[test]
fn replacing_the_tail_gives_the_figures_of_a_full_build() {
    let p = project();
    let mut s = sets();
    let mut ix = OverviewIndex::build_split(&p, &s[1..], &s[..1]);
    // alice's d1 is edited: a span removed, a new label, done -> in progress.
    s[0].spans.retain(|x| x.label != "Event");
    s[0].put(Span::new(SpanId(9), 60, 65, "Location"));
    s[0].status = Status::InProgress;
    ix.replace_tail(&p, &s[..1]);
    let full = OverviewIndex::build(&p, &s);
    for kind in ChartKind::ALL {
        let a = Figures::new(&ix, &p, &summed()).chart(kind);
        let b = Figures::new(&full, &p, &summed()).chart(kind);
        assert_eq!(totals(&a), totals(&b), "{kind:?}");
    }
    let labels = totals(&Figures::new(&ix, &p, &summed()).chart(ChartKind::Labels));
    assert!(labels.contains(&("Location".into(), v(&[("alice", 1)]))));
    assert_eq!(ix.sets.len(), 3);
}

#[test]
fn empty_suggestion_sets_are_not_a_coder() {
    let p = project();
    let mut with_predictions = AnnotationSet::new("d2", crate::suggestions::SUGGESTIONS_CODER);
    with_predictions.spans.push(person(1, 0, 1));
    // An import that predicted nothing on d1 is "in progress", still empty.
    let mut nothing_predicted = AnnotationSet::new("d1", crate::suggestions::SUGGESTIONS_CODER);
    nothing_predicted.status = Status::InProgress;
    let sets = [nothing_predicted, with_predictions];
    let ix = OverviewIndex::build(&p, &sets);
    assert_eq!(ix.sets.len(), 1, "only the set holding predictions counts");
    // Nor is an empty gold set the compare view holds before adjudication;
    // one marked done is, even without spans.
    let empty_gold = AnnotationSet::new("d1", "gold");
    let ix = OverviewIndex::build(&p, std::slice::from_ref(&empty_gold));
    assert!(ix.sets.is_empty());
    assert!(!ix.coders.contains(&"gold".to_string()));
    let mut done = AnnotationSet::new("d2", "gold");
    done.status = Status::Done;
    let ix = OverviewIndex::build(&p, &[empty_gold, done]);
    assert_eq!(ix.sets.len(), 1);
    assert!(ix.coders.contains(&"gold".to_string()));
}

#[test]
fn network_layout_keeps_nodes_apart_around_hubs() {
    // Two hubs sharing most neighbours pull them into a knot; afterwards
    // no two nodes may sit closer than about a circle and its name.
    let mut edges = Vec::new();
    for leaf in 2..24 {
        edges.push((0, leaf, 2.0));
        edges.push((1, leaf, 1.0));
    }
    edges.push((0, 1, 3.0));
    let layout = network_layout(24, &edges, 5, 300);
    let p = &layout.positions;
    let gap = 0.1f32.min(0.8 / (24f32).sqrt());
    for i in 0..24 {
        for j in (i + 1)..24 {
            assert!(
                dist(p[i], p[j]) > gap * 0.9,
                "{i} and {j}: {}",
                dist(p[i], p[j])
            );
        }
    }
    assert!(p.iter().flatten().all(|x| (0.0..=1.0).contains(x)));
}

/// The sets of [`sets`] plus gold: d1 adjudicated (done; Maduro three
/// times, Guaido once, Maduro opposes Guaido), d2 begun but not done
/// (Maduro once).
fn sets_with_gold() -> Vec<AnnotationSet> {
    let mut all = sets();
    all.push(set(
        "d1",
        "gold",
        Status::Done,
        vec![
            person(1, 0, 1),
            person(2, 10, 2),
            person(3, 60, 1),
            person(5, 80, 1),
            stance(4, 20, 1, 2, "oppose"),
        ],
    ));
    all.push(set("d2", "gold", Status::InProgress, vec![person(1, 0, 1)]));
    all
}

fn actor_counts(f: &Figures<'_>) -> Vec<(String, usize)> {
    f.chart(ChartKind::Actors)
        .bars
        .iter()
        .map(|b| (b.label.clone(), b.total()))
        .collect()
}

#[test]
fn each_source_counts_exactly_its_own_sets() {
    let p = project();
    let s = sets_with_gold();
    let ix = OverviewIndex::build(&p, &s);
    let of = |source: Source| Filter {
        source,
        ..Filter::default()
    };
    // Default for alice: d1 from gold (done), d2 from alice (gold's d2 is
    // not done), d3 from nobody.
    let mine = of(Source::Preferred("alice".into()));
    let f = Figures::new(&ix, &p, &mine);
    assert_eq!(
        actor_counts(&f),
        v(&[("Maduro", 4), ("Guaido", 2), ("United States", 1)])
    );
    assert_eq!(
        f.source_caption(),
        "gold where adjudicated (1 document), else alice (1 document)"
    );
    let labels = f.chart(ChartKind::Labels);
    assert!(!labels.summed);
    assert_eq!(labels.title(), "Spans per label");
    assert_eq!(
        totals(&labels)[0],
        ("Person".into(), v(&[("alice", 3), ("gold", 4)]))
    );
    let net = ActorNetwork::build(&f);
    let edges: Vec<(usize, usize, &str, usize)> = net
        .edges
        .iter()
        .map(|e| (e.from, e.to, e.polarity.as_str(), e.count))
        .collect();
    assert_eq!(edges, vec![(0, 1, "oppose", 2), (2, 1, "support", 1)]);
    assert_eq!(net.caption, f.source_caption());
    // Default for bob: gold's d1 only; bob has nothing else.
    let f = Figures::new(&ix, &p, &of(Source::Preferred("bob".into())));
    assert_eq!(actor_counts(&f), v(&[("Maduro", 3), ("Guaido", 1)]));
    assert_eq!(
        f.source_caption(),
        "gold where adjudicated (1 document), else bob (0 documents)"
    );
    // One coder, and gold as a source of its own (done or not).
    let f = Figures::new(&ix, &p, &of(Source::Coder("bob".into())));
    assert_eq!(actor_counts(&f), v(&[("Guaido", 1), ("Maduro", 1)]));
    assert_eq!(f.source_caption(), "only bob (1 document)");
    let f = Figures::new(&ix, &p, &of(Source::Coder("gold".into())));
    assert_eq!(actor_counts(&f), v(&[("Maduro", 4), ("Guaido", 1)]));
    assert_eq!(f.source_caption(), "only the gold set gold (2 documents)");
    // Summed: alice + bob, never gold; labelled in title and caption.
    let f = Figures::new(&ix, &p, &of(Source::AllSummed));
    assert_eq!(
        actor_counts(&f),
        v(&[("Guaido", 3), ("Maduro", 3), ("United States", 1)])
    );
    assert_eq!(
        f.source_caption(),
        "all coders summed: alice (2 documents) + bob (1 document); \
         gold sets and model suggestions left out"
    );
    let chart = f.chart(ChartKind::Stances);
    assert!(chart.summed);
    assert_eq!(
        chart.title(),
        "Stances per actor by polarity — all coders summed"
    );
    assert!(bar_chart_svg(&chart).contains("all coders summed: alice"));
    // Progress lists the coders; gold has its own chart.
    let progress = totals(&f.chart(ChartKind::Progress));
    let coders: Vec<&str> = progress.iter().map(|b| b.0.as_str()).collect();
    assert_eq!(coders, ["alice", "bob"]);
    assert_eq!(
        totals(&f.chart(ChartKind::Adjudication)),
        vec![(
            "gold".into(),
            v(&[("adjudicated", 1), ("in progress", 1), ("not started", 1)])
        )]
    );
}

#[test]
fn a_coder_adjudicated_into_is_a_gold_set() {
    let p = project();
    let mut s = sets();
    s.push(set("d2", "lead", Status::Done, vec![person(1, 0, 3)]));
    let mut ix = OverviewIndex::build(&p, &s);
    let mine = Filter {
        source: Source::Preferred("alice".into()),
        ..Filter::default()
    };
    // Not known as gold: lead is a coder, alice's d2 counts.
    let f = Figures::new(&ix, &p, &mine);
    assert_eq!(actor_counts(&f)[0], ("Guaido".into(), 2));
    ix.gold = vec!["lead".into()];
    let f = Figures::new(&ix, &p, &mine);
    assert_eq!(
        actor_counts(&f),
        v(&[("Guaido", 1), ("Maduro", 1), ("United States", 1)])
    );
    assert_eq!(
        f.source_caption(),
        "lead where adjudicated (1 document), else alice (1 document)"
    );
}

#[test]
fn polarities_differ_by_more_than_red_and_green() {
    use super::figures::{polarity_color, polarity_dash};
    let (support, oppose) = (polarity_color("support", 0), polarity_color("oppose", 1));
    // Blue against orange: the blue channel tells them apart for every
    // common colour-vision deficiency.
    assert!(support[2] > 150 && oppose[2] < 50);
    assert_eq!(polarity_dash("support"), None);
    assert!(polarity_dash("oppose").is_some());
    assert_ne!(polarity_dash("oppose"), polarity_dash("neutral"));
    let svg = network_svg(
        &ActorNetwork::build(&Figures::new(
            &OverviewIndex::build(&project(), &sets()),
            &project(),
            &summed(),
        )),
        &[[0.1, 0.1], [0.5, 0.5], [0.9, 0.9]],
    );
    assert_eq!(svg.matches("stroke-dasharray=\"7 4\"").count(), 1);
}
