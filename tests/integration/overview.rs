//! View › Overview and View › Actor network in the window (egui_kittest on
//! a copy of the example project): open by shortcut, the bars match the
//! core's figures, a filter changes them, a click on a bar or an edge
//! lists the spans and a click on one jumps to it in the text; by default
//! each document counts once (gold where adjudicated, else the current
//! coder) and the charts say whose data they show.

#![cfg(feature = "gui")]

use crate::util;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::edit::SetKey;
use newscoder::gui::NewscoderApp;
use newscoder::model::{AnnotationSet, Status};
use newscoder::overview::figures::{ChartKind, Figures};
use newscoder::overview::{ActorNetwork, BarChart, Filter, OverviewIndex, Source};
use newscoder::store::ProjectDir;
use std::path::Path;

fn harness(app: NewscoderApp) -> Harness<'static, NewscoderApp> {
    util::app_harness_sized(app, (1280.0, 900.0))
}

/// Every annotation set of the project on disk.
fn all_sets(root: &Path) -> (ProjectDir, Vec<AnnotationSet>) {
    let dir = ProjectDir::open(root).unwrap();
    let mut sets = Vec::new();
    for c in dir.all_coders().unwrap() {
        for d in &dir.project.documents {
            if let Some(s) = dir.load_set(&c, &d.id).unwrap() {
                sets.push(s);
            }
        }
    }
    (dir, sets)
}

fn chart(root: &Path, filter: &Filter, kind: ChartKind) -> BarChart {
    let (dir, sets) = all_sets(root);
    let index = OverviewIndex::build(&dir.project, &sets);
    Figures::new(&index, &dir.project, filter).chart(kind)
}

/// The accessible names of the chart's segments, as the window draws them.
fn names(chart: &BarChart) -> Vec<String> {
    chart
        .bars
        .iter()
        .flat_map(|b| {
            b.segments
                .iter()
                .map(|s| format!("{}: {} {}", b.label, chart.series[s.series], s.value))
        })
        .collect()
}

/// The filter for alice and the actor network it shows.
fn alice_network(root: &Path) -> (Filter, ActorNetwork) {
    let (dir, sets) = all_sets(root);
    let index = OverviewIndex::build(&dir.project, &sets);
    let filter = source(Source::Coder("alice".into()));
    let net = ActorNetwork::build(&Figures::new(&index, &dir.project, &filter));
    (filter, net)
}

/// The filter counting `source`.
fn source(source: Source) -> Filter {
    Filter {
        source,
        ..Filter::default()
    }
}

/// The window's default for alice: gold where adjudicated, else hers.
fn alice_default() -> Filter {
    source(Source::Preferred("alice".into()))
}

fn selected_place(h: &Harness<'_, NewscoderApp>) -> (SetKey, Option<(usize, usize)>) {
    let s = h.state().session().unwrap();
    let d = h.state().doc().unwrap();
    let span = d
        .selected_span
        .and_then(|id| s.ws().set(&d.key).and_then(|set| set.span(id)))
        .map(|x| (x.start, x.end));
    (d.key.clone(), span)
}

#[test]
fn overview_opens_filters_and_follows_a_bar_to_the_text() {
    let (_tmp, root) = util::example_copy();
    // Bob: some of his documents are not done yet, so "Done only" shows.
    let app = NewscoderApp::new_for_project(&root, "bob").unwrap();
    let mut h = harness(app);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    assert!(h.query_by_label("Coding progress per coder").is_some());
    let labels = chart(
        &root,
        &source(Source::Preferred("bob".into())),
        ChartKind::Labels,
    );
    assert!(!labels.bars.is_empty(), "the example has spans");
    for name in names(&labels) {
        assert!(h.query_by_label(&name).is_some(), "bar {name} is drawn");
    }

    // Filter: documents done only. The bars follow the core's figures.
    h.get_by_label("Done only").click();
    h.run();
    let done = Filter {
        done_only: true,
        ..source(Source::Preferred("bob".into()))
    };
    let labels_done = chart(&root, &done, ChartKind::Labels);
    assert_ne!(
        names(&labels_done),
        names(&labels),
        "the filter changes something"
    );
    for name in names(&labels_done) {
        assert!(h.query_by_label(&name).is_some(), "bar {name} is drawn");
    }

    // Click the first bar: its spans are listed; follow the first.
    let bar = &labels_done.bars[0];
    let seg = &bar.segments[0];
    let name = format!(
        "{}: {} {}",
        bar.label, labels_done.series[seg.series], seg.value
    );
    h.get_by_label(&name).click();
    h.run();
    let listed = format!("{} listed", seg.value);
    assert!(h.query_by_label_contains(&listed).is_some());
    let p = h.state_mut().overview_mut().picked.as_ref().unwrap();
    let (picked, snippet) = (p.hits[0].clone(), p.snippets[0].clone());
    let row = format!(
        "{} · {} · {} — “{snippet}”",
        picked.document, picked.coder, picked.label
    );
    h.get_by_label(&row).click();
    h.run();
    let (key, span) = selected_place(&h);
    assert_eq!(key, SetKey::new(&picked.coder, &picked.document));
    assert_eq!(span, Some((picked.start, picked.end)));
}

#[test]
fn network_edge_lists_its_stances_and_jumps_to_one() {
    let (_tmp, root) = util::example_copy();
    let (filter, net) = alice_network(&root);
    let edge = net
        .edges
        .iter()
        .max_by_key(|e| e.count)
        .expect("alice has stances between actors");
    let title = edge.title(&net);

    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = harness(app);
    h.state_mut().overview_mut().filter = filter;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    h.get_by_label(&title).click();
    h.run();
    let hits = h
        .state_mut()
        .overview_mut()
        .picked
        .as_ref()
        .unwrap()
        .hits
        .clone();
    assert_eq!(hits.len(), edge.count);
    assert!(
        hits.iter()
            .all(|x| x.label == "Stance" && x.coder == "alice")
    );
    let first = format!(
        "{} · {} · {}",
        hits[0].document, hits[0].coder, hits[0].label
    );
    h.get_by_label_contains(&first).click();
    h.run();
    let (key, span) = selected_place(&h);
    assert_eq!(key, SetKey::new("alice", &hits[0].document));
    assert_eq!(span, Some((hits[0].start, hits[0].end)));
}

/// (source, target, polarity, count) of every edge and (id, mentions) of
/// every node of a GraphML file.
type Graph = (Vec<(String, String, String, usize)>, Vec<(String, usize)>);

fn read_graphml(path: &Path) -> Graph {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut edges, mut nodes) = (Vec::new(), Vec::new());
    let mut element: Option<(String, String, String)> = None;
    let mut data: (String, String, String) = Default::default();
    let mut key = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "edge" => element = Some(("edge".into(), attr("source"), attr("target"))),
                    "node" => element = Some(("node".into(), attr("id"), String::new())),
                    "data" => key = attr("key"),
                    _ => {}
                }
            }
            Event::Text(t) => {
                let value = t.to_string();
                match key.as_str() {
                    "d4" => data.0 = value,
                    "d5" => data.1 = value,
                    "d3" => data.2 = value,
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "data" => key.clear(),
                "edge" | "node" => {
                    if let Some((kind, a, b)) = element.take() {
                        let d = std::mem::take(&mut data);
                        if kind == "edge" {
                            edges.push((a, b, d.0, d.1.parse().unwrap()));
                        } else {
                            nodes.push((a, d.2.parse().unwrap()));
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    (edges, nodes)
}

#[test]
fn the_network_view_shows_the_graphml_network_of_one_coder() {
    let (tmp, root) = util::example_copy();
    let out = tmp.path().join("net.graphml");
    util::newscoder()
        .arg("export")
        .arg(&root)
        .args(["--format", "graphml", "--coder", "alice", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (mut edges, nodes) = read_graphml(&out);
    let (_, net) = alice_network(&root);
    let id = |i: usize| net.nodes[i].actor.to_string();
    let mut ours: Vec<(String, String, String, usize)> = net
        .edges
        .iter()
        .map(|e| (id(e.from), id(e.to), e.polarity.clone(), e.count))
        .collect();
    ours.sort();
    edges.sort();
    assert!(!ours.is_empty());
    assert_eq!(ours, edges);
    let our_nodes: Vec<(String, usize)> = net
        .nodes
        .iter()
        .map(|n| (n.actor.to_string(), n.mentions))
        .collect();
    assert_eq!(our_nodes, nodes);
}

#[test]
fn the_network_view_hides_actors_without_stances_until_asked() {
    let (_tmp, root) = util::example_copy();
    let (filter, full) = alice_network(&root);
    let (connected, hidden) = full.without_unconnected();
    assert!(
        hidden > 0,
        "the example has actors nobody takes a stance on"
    );

    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = harness(app);
    h.state_mut().overview_mut().filter = filter;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    let shown = h.state_mut().overview_mut().network.network().cloned();
    assert_eq!(shown.as_ref(), Some(&connected));
    h.get_by_label_contains(&format!("{hidden} actors without stances not shown"));
    // Every edge is still there to click.
    for e in &connected.edges {
        h.get_by_label(&e.title(&connected));
    }

    h.get_by_label("Actors without stances").click();
    h.run();
    let shown = h.state_mut().overview_mut().network.network().cloned();
    assert_eq!(shown.as_ref(), Some(&full), "all of the GraphML network");
    assert!(
        h.query_by_label_contains("without stances not shown")
            .is_none()
    );
}

/// Following another coder's span from the overview shows the place but
/// keeps the current coder: the next key must not edit bob's file.
#[test]
fn following_another_coders_span_keeps_the_coder() {
    let (_tmp, root) = util::example_copy();
    let bob = source(Source::Coder("bob".into()));
    let labels = chart(&root, &bob, ChartKind::Labels);
    let bar = &labels.bars[0];
    let seg = &bar.segments[0];
    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = harness(app);
    h.state_mut().overview_mut().filter = bob;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    let name = format!("{}: {} {}", bar.label, labels.series[seg.series], seg.value);
    h.get_by_label(&name).click();
    h.run();
    let p = h.state_mut().overview_mut().picked.as_ref().unwrap();
    let (picked, snippet) = (p.hits[0].clone(), p.snippets[0].clone());
    assert_eq!(picked.coder, "bob");
    let bob_file = root.join(format!("annotations/bob/{}.ron", picked.document));
    let before = std::fs::read(&bob_file).unwrap();
    // With the compare view up, the jump leaves it for the text.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    assert!(h.query_by_label("Back to coding").is_some());
    h.get_by_label(&format!(
        "{} · bob · {} — “{snippet}”",
        picked.document, picked.label
    ))
    .click();
    h.run();
    assert!(h.query_by_label("Back to coding").is_none());
    let s = h.state().session().unwrap();
    assert_eq!(s.coder(), "alice");
    let d = h.state().doc().unwrap();
    assert_eq!(d.key, SetKey::new("alice", &picked.document));
    assert_eq!(d.selection, Some(picked.start..picked.end));
    assert!(
        h.state()
            .status()
            .is_some_and(|st| st.text.contains("bob's span"))
    );
    assert_eq!(std::fs::read(&bob_file).unwrap(), before);
}

/// The radii of the network's node circles in `shape` (filled, with the
/// nodes' grey rim; nested shapes included).
fn node_radii(shape: &egui::Shape, out: &mut Vec<f32>) {
    match shape {
        egui::Shape::Circle(c)
            if c.fill != egui::Color32::TRANSPARENT
                && c.stroke == egui::Stroke::new(1.0, egui::Color32::from_gray(60)) =>
        {
            out.push(c.radius)
        }
        egui::Shape::Vec(shapes) => {
            for s in shapes {
                node_radii(s, out);
            }
        }
        _ => {}
    }
}

/// Radii rounded as the SVG writes them, sorted.
fn rounded(mut radii: Vec<f32>) -> Vec<String> {
    radii.sort_by(f32::total_cmp);
    radii.iter().map(|r| format!("{r:.1}")).collect()
}

#[test]
fn the_window_and_the_svg_draw_network_nodes_at_the_same_sizes() {
    use newscoder::overview::NetworkScale;
    let (_tmp, root) = util::example_copy();
    let (filter, full) = alice_network(&root);
    let (connected, _) = full.without_unconnected();
    let scale = NetworkScale::of(&connected);
    let expected: Vec<f32> = connected
        .nodes
        .iter()
        .map(|n| scale.radius(n.mentions))
        .collect();
    assert!(expected.iter().any(|r| *r > NetworkScale::MIN_RADIUS));

    let positions = vec![[0.5, 0.5]; connected.nodes.len()];
    let svg = newscoder::overview::svg::network_svg(&connected, &positions);
    let svg_radii: Vec<f32> = svg
        .lines()
        .filter(|l| l.starts_with("<circle") && l.contains("stroke=\"#333\""))
        .filter_map(|l| l.split(" r=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(rounded(svg_radii), rounded(expected.clone()));

    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = harness(app);
    h.state_mut().overview_mut().filter = filter;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    assert_eq!(
        h.state_mut().overview_mut().network.network(),
        Some(&connected)
    );
    let mut window_radii = Vec::new();
    for clipped in &h.output().shapes {
        node_radii(&clipped.shape, &mut window_radii);
    }
    assert_eq!(rounded(window_radii), rounded(expected));
}

/// A copy of the example in which the first document is adjudicated: a
/// gold set of it (bob's spans) marked done. Returns its id.
fn example_with_gold() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (tmp, root) = util::example_copy();
    let dir = ProjectDir::open(&root).unwrap();
    let doc = dir.project.documents[0].id.clone();
    let mut gold = dir.load_set("bob", &doc).unwrap().unwrap();
    gold.coder = "gold".into();
    gold.status = Status::Done;
    dir.save_set(&gold).unwrap();
    (tmp, root, doc)
}

/// The count of `actor` in an actor chart (0 when absent).
fn mentions(chart: &BarChart, actor: &str) -> usize {
    chart
        .bars
        .iter()
        .find(|b| b.label == actor)
        .map_or(0, |b| b.total())
}

#[test]
fn overview_counts_one_named_source_and_sums_coders_only_when_asked() {
    let (_tmp, root, _doc) = example_with_gold();
    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = harness(app);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();

    // The default: one source per document, named under every chart.
    let actors = chart(&root, &alice_default(), ChartKind::Actors);
    assert_eq!(
        actors.caption,
        "gold where adjudicated (1 document), else alice (5 documents)"
    );
    assert!(h.query_all_by_label(&actors.caption).count() >= 4);
    assert!(h.query_by_label("Most mentioned actors").is_some());
    for name in names(&actors) {
        assert!(h.query_by_label(&name).is_some(), "bar {name} is drawn");
    }
    // Coders are coders; gold is adjudication progress, apart.
    let progress = chart(&root, &alice_default(), ChartKind::Progress);
    let coders: Vec<&str> = progress.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(coders, ["alice", "bob"]);
    assert!(h.query_by_label("Adjudication progress").is_some());
    assert!(h.query_by_label("gold: adjudicated 1").is_some());

    // All coders summed: alice's and bob's counts added, and said so.
    h.get_by_role_and_label(Role::ComboBox, "Counting").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "all coders summed")
        .click();
    h.run();
    let summed = chart(&root, &source(Source::AllSummed), ChartKind::Actors);
    let alice = chart(
        &root,
        &source(Source::Coder("alice".into())),
        ChartKind::Actors,
    );
    let bob = chart(
        &root,
        &source(Source::Coder("bob".into())),
        ChartKind::Actors,
    );
    let top = &summed.bars[0].label;
    assert_eq!(
        mentions(&summed, top),
        mentions(&alice, top) + mentions(&bob, top)
    );
    assert_ne!(names(&summed), names(&actors));
    assert!(
        h.query_by_label("Most mentioned actors — all coders summed")
            .is_some()
    );
    assert!(summed.caption.starts_with("all coders summed"));
    assert!(h.query_all_by_label(&summed.caption).count() >= 4);
    assert_eq!(h.query_all_by_label(&actors.caption).count(), 0);
    for name in names(&summed) {
        assert!(h.query_by_label(&name).is_some(), "bar {name} is drawn");
    }
}
