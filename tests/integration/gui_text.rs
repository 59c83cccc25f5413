//! The article text in the real window: link arcs and their role tags
//! stay in the room between rows (never over a word), right-to-left
//! paragraphs are aligned right with exact offsets, and the guide.

#![cfg(feature = "gui")]

use crate::util;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::gui::commands::Command;
use newscoder::gui::document::DocView;
use newscoder::gui::guide;
use newscoder::gui::text_layout;
use newscoder::gui::text_view;
use newscoder::model::{Codebook, SpanId};
use newscoder::store::ProjectDir;

fn doc<'a>(h: &'a Harness<'_, NewscoderApp>) -> &'a DocView {
    h.state()
        .session()
        .and_then(|s| s.doc.as_ref())
        .expect("a document is open")
}

/// Every glyph row of every laid-out paragraph, in screen coordinates.
fn glyph_rects(d: &DocView) -> Vec<egui::Rect> {
    let origin = d.origin.expect("the text was drawn");
    let mut out = Vec::new();
    for i in 0..d.paragraphs.len() {
        if let Some(g) = d.layout.galley(i) {
            let at = origin + egui::vec2(0.0, d.layout.top(i));
            out.extend(text_layout::glyph_rows(g).map(|r| r.translate(at.to_vec2())));
        }
    }
    out
}

#[test]
fn link_arcs_and_tags_never_cover_text() {
    let (_tmp, root) = util::example_copy();
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the example opens");
    let mut h = util::app_harness(app);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, Command::OpenDocument("wire-military-unity".into()));
    h.run();
    let linked: Vec<(SpanId, usize)> = {
        let s = h.state().session().expect("session");
        let set = s.ws.set(&doc(&h).key).expect("alice's annotations");
        set.spans
            .iter()
            .filter(|s| !s.links.is_empty())
            .map(|s| (s.id, s.links.len()))
            .collect()
    };
    assert!(linked.len() >= 3, "the example links several spans");
    let (mut curves, mut elbows) = (0, 0);
    for (id, links) in linked {
        h.state_mut().run(&ctx, Command::SelectSpan(Some(id)));
        h.run();
        let s = h.state().session().expect("session");
        let d = doc(&h);
        let set = s.ws.set(&d.key).expect("set");
        let arcs = text_view::link_arcs(&ctx, d, set, &s.ws.project().codebook);
        assert_eq!(arcs.len(), links, "span {id:?}: one arc per link");
        let glyphs = glyph_rects(d);
        assert!(!glyphs.is_empty());
        for (arc, role, _) in &arcs {
            match arc.path {
                text_layout::ArcPath::Curve(_) => curves += 1,
                text_layout::ArcPath::Elbow(_) => elbows += 1,
                text_layout::ArcPath::None => {}
            }
            for r in arc.covered() {
                for g in &glyphs {
                    assert!(
                        !r.intersects(*g),
                        "span {id:?}, {role}: {r:?} covers the text at {g:?}"
                    );
                }
            }
        }
    }
    assert!(curves > 0 && elbows > 0, "both kinds of arc were checked");
}

/// Whether any node is labelled `label`.
fn shown(h: &Harness<'_, NewscoderApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

#[test]
fn the_guide_opens_from_help_fits_800_by_600_and_closes_with_esc_or_close() {
    let (_tmp, root) = util::example_copy();
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the example opens");
    let mut h = util::app_harness_sized(app, (800.0, 600.0));
    let first = {
        let s = h.state().session().expect("session");
        let set = s.ws.set(&doc(&h).key).expect("alice's annotations");
        set.spans
            .first()
            .map(|s| s.id)
            .expect("alice coded this document")
    };
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::SelectSpan(Some(first)));
    h.run();
    let selected = doc(&h).selected_span;
    assert_eq!(selected, Some(first));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Guide F2").click();
    h.run();
    for heading in guide::HEADINGS {
        assert!(shown(&h, heading), "the guide has “{heading}”");
    }
    // Real keys, from the action list and the codebook.
    assert!(h.query_by_label_contains("Ctrl+E").is_some(), "export key");
    assert!(
        h.query_by_label_contains("p Person").is_some(),
        "label keys"
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let close = h.get_by_role_and_label(Role::Button, "Close");
    assert!(screen.contains_rect(close.rect()), "Close is on screen");
    // Esc closes the guide, and only the guide.
    h.key_press(Key::Escape);
    h.run();
    assert!(!shown(&h, guide::HEADINGS[0]), "Esc closed the guide");
    assert_eq!(doc(&h).selected_span, selected, "the span stays selected");
    // F2 opens it again; its Close button closes it.
    h.key_press(Key::F2);
    h.run();
    assert!(shown(&h, guide::HEADINGS[4]));
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    assert!(!shown(&h, guide::HEADINGS[4]), "Close closed the guide");
}

#[test]
fn an_empty_project_points_to_the_guide() {
    let tmp = util::tempdir();
    let root = tmp.path().join("study");
    ProjectDir::create(&root, "study", Codebook::default_media()).expect("create project");
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the project opens");
    let mut h = util::app_harness_sized(app, (800.0, 600.0));
    assert!(shown(&h, "No documents yet"));
    h.get_by_label_contains("Read the guide").click();
    h.run();
    assert!(shown(&h, guide::HEADINGS[0]), "the link opened the guide");
}
