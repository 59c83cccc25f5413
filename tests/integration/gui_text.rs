//! The article text in the real window: link arcs and their role tags
//! stay in the room between rows (never over a word), right-to-left
//! paragraphs are aligned right with exact offsets, and the guide.

#![cfg(feature = "gui")]

use crate::util;
use egui_kittest::Harness;
use newscoder::gui::NewscoderApp;
use newscoder::gui::commands::Command;
use newscoder::gui::document::DocView;
use newscoder::gui::text_layout;
use newscoder::gui::text_view;
use newscoder::model::SpanId;

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
