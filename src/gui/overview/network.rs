//! View › Actor network (Ctrl+Shift+N): registry actors as nodes (size by
//! mentions, colour by kind) and stance edges holder → target (colour and
//! dash pattern by polarity, width by count), the network `export --format
//! graphml` writes, of the overview's source (by default gold where
//! adjudicated, else the current coder; coders pooled only when summing is
//! chosen), named above the canvas. Laid
//! out by `crate::overview::layout` once per change; drag to pan, scroll
//! or pinch to zoom; a click on an edge lists the stances behind it.

use super::OverviewState;
use super::export::buttons_ui;
use crate::edit::Workspace;
use crate::gui::commands::Command;
use crate::model::ActorKind;
use crate::overview::figures::{Figures, polarity_color, polarity_dash};
use crate::overview::layout::{Layout, network_layout};
use crate::overview::network::kind_color;
use crate::overview::{ActorNetwork, NetworkScale, Pick};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2, WidgetInfo, pos2, vec2};

/// Layout iterations: enough for a few hundred actors to settle.
const ITERATIONS: usize = 300;

/// The network window's state.
pub struct NetworkState {
    /// Whether the window is shown.
    pub open: bool,
    /// The network shown and its layout (unit square).
    shown: Option<(ActorNetwork, Layout)>,
    /// Pan in points.
    pub pan: Vec2,
    /// Zoom factor.
    pub zoom: f32,
    /// Whether actors without any stance are drawn (in rows at the bottom).
    pub show_unconnected: bool,
    /// How many actors without stances are hidden.
    hidden: usize,
    /// The filter and workspace state the network was built for.
    key: Option<(super::ChartsKey, bool)>,
}

impl Default for NetworkState {
    fn default() -> NetworkState {
        NetworkState {
            open: false,
            shown: None,
            pan: Vec2::ZERO,
            zoom: 1.0,
            show_unconnected: false,
            hidden: 0,
            key: None,
        }
    }
}

impl NetworkState {
    /// The network on screen, if computed.
    pub fn network(&self) -> Option<&ActorNetwork> {
        self.shown.as_ref().map(|s| &s.0)
    }

    /// Drops the network, so it is built and laid out again.
    pub fn forget(&mut self) {
        self.shown = None;
        self.key = None;
    }

    /// Keeps the layout while the network is the same; lays out anew when
    /// it changed.
    fn update(&mut self, net: ActorNetwork) {
        if self.shown.as_ref().is_some_and(|(old, _)| *old == net) {
            return;
        }
        let layout = network_layout(net.nodes.len(), &net.layout_edges(), 1, ITERATIONS);
        self.shown = Some((net, layout));
    }
}

/// The window, if open.
#[must_use]
pub fn network_window(
    ctx: &egui::Context,
    ov: &mut OverviewState,
    ws: &Workspace,
    me: &str,
) -> Vec<Command> {
    let mut out = Vec::new();
    if !ov.network.open {
        return out;
    }
    let mut open = true;
    let mut clicked: Option<(String, Pick)> = None;
    egui::Window::new("Actor network")
        .id(crate::gui::windows::Floating::Network.id())
        .open(&mut open)
        .default_size([760.0, 640.0])
        .default_pos([200.0, 80.0])
        .constrain_to(crate::gui::style::work_area(ctx))
        .show(ctx, |ui| {
            let filter = ov.filter.clone();
            let key = (
                (filter.clone(), super::stamp(ws)),
                ov.network.show_unconnected,
            );
            if ov.network.key.as_ref() != Some(&key) {
                let index = ov.index(ws);
                let mut net = ActorNetwork::build(&Figures::new(index, ws.project(), &filter));
                ov.network.hidden = 0;
                if !ov.network.show_unconnected {
                    (net, ov.network.hidden) = net.without_unconnected();
                }
                ov.network.update(net);
                ov.network.key = Some(key);
            }
            let mut export = None;
            ui.horizontal_wrapped(|ui| {
                let mut source = ov.filter.source.clone();
                super::source_ui(ui, "network-source", &mut source, ov.index(ws), me);
                if source != ov.filter.source {
                    ov.filter.source = source;
                    ov.picked = None;
                }
                ui.checkbox(&mut ov.network.show_unconnected, "Actors without stances")
                    .on_hover_text(
                        "Also draw the registry's actors that hold no stance and are the \
                         target of none, in rows under the network (the GraphML export \
                         always has them)",
                    );
                if ui.button("Reset view").clicked() {
                    ov.network.pan = Vec2::ZERO;
                    ov.network.zoom = 1.0;
                }
                export = buttons_ui(ui, "network");
            });
            if let Some((net, _)) = &ov.network.shown {
                let text = format!("Stances of: {}", net.caption);
                ui.label(egui::RichText::new(text).weak().italics());
            }
            let hidden = match ov.network.hidden {
                0 => String::new(),
                1 => " 1 actor without stances not shown.".to_string(),
                n => format!(" {n} actors without stances not shown."),
            };
            ui.weak(format!(
                "Drag to pan, scroll to zoom, click an edge to list its stances. Other filters: Overview.{hidden}"
            ));
            if ov.picked.as_ref().is_some_and(|p| p.edge) {
                out.extend(super::picked_ui(ui, &ov.picked));
            }
            let rect = ui.available_rect_before_wrap();
            clicked = canvas_ui(ui, &mut ov.network);
            if let Some(f) = export
                && let Some((net, layout)) = &ov.network.shown
            {
                out.push(super::export::network_request(
                    f,
                    net,
                    &layout.positions,
                    rect,
                ));
            }
        });
    ov.network.open = open;
    if let Some((title, pick)) = clicked {
        ov.pick(ws, title, &pick);
    }
    out
}

/// Draws the network; returns the edge clicked.
fn canvas_ui(ui: &mut Ui, state: &mut NetworkState) -> Option<(String, Pick)> {
    let size = ui.available_size().max(vec2(200.0, 200.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, Color32::WHITE);
    if response.dragged() {
        state.pan += response.drag_delta();
    }
    // The layout fills the canvas (both axes), less room for the legend on
    // the left and for names under the nodes.
    let area = Rect::from_min_max(rect.min + vec2(110.0, 30.0), rect.max - vec2(75.0, 45.0));
    if response.hovered() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (scroll / 300.0).exp();
        let zoom = (state.zoom * factor).clamp(0.2, 8.0);
        // Zoom about the pointer: what is under it stays under it.
        if let Some(p) = response.hover_pos() {
            state.pan = pan_zoomed_about(state.pan, state.zoom, zoom, p - area.center());
        }
        state.zoom = zoom;
    }
    let Some((net, layout)) = &state.shown else {
        return None;
    };
    let pos = &layout.positions;
    if net.nodes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "No actors in the registry",
            FontId::proportional(14.0),
            Color32::GRAY,
        );
        return None;
    }
    let scale = area.size().max(vec2(80.0, 80.0)) * state.zoom;
    let at = |i: usize| -> Pos2 {
        let p = pos[i];
        area.center() + state.pan + vec2(p[0] - 0.5, p[1] - 0.5) * scale
    };
    let sizes = NetworkScale::of(net);
    let radius = |m: usize| sizes.radius(m);
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| rect.contains(*p));
    let mut hovered_edge = None;
    let mut clicked = None;
    let polarities = net.polarities();
    for (k, e) in net.edges.iter().enumerate() {
        let color = rgb(polarity_color(
            &e.polarity,
            polarities
                .iter()
                .position(|p| *p == e.polarity)
                .unwrap_or(0),
        ));
        let width = sizes.width(e);
        let title = e.title(net);
        let (a, b) = (at(e.from), at(e.to));
        let (line, mid) = if e.from == e.to {
            let r = radius(net.nodes[e.from].mentions);
            let c = a + vec2(r, -r);
            let ring: Vec<Pos2> = (0..=32)
                .map(|i| {
                    let t = i as f32 / 32.0 * std::f32::consts::TAU;
                    c + vec2(t.cos(), t.sin()) * r * 0.7
                })
                .collect();
            polarity_line(&painter, &ring, Stroke::new(width, color), &e.polarity);
            ((c, c), c + vec2(r * 0.7, 0.0))
        } else {
            // Parallel edges (other polarity, or the other way) side by side.
            let rank = net.edges[..k]
                .iter()
                .filter(|o| o.from == e.from && o.to == e.to)
                .count() as f32;
            let d = (b - a).normalized();
            let normal = vec2(-d.y, d.x) * (4.0 + 7.0 * rank);
            let (a2, b2) = (
                a + normal + d * radius(net.nodes[e.from].mentions),
                b + normal - d * (radius(net.nodes[e.to].mentions) + 2.0),
            );
            polarity_line(&painter, &[a2, b2], Stroke::new(width, color), &e.polarity);
            let head = 6.0 + width;
            let side = vec2(-d.y, d.x) * head * 0.5;
            painter.add(egui::Shape::convex_polygon(
                vec![b2, b2 - d * head + side, b2 - d * head - side],
                color,
                Stroke::NONE,
            ));
            ((a2, b2), a2 + (b2 - a2) * 0.5)
        };
        let near =
            pointer.is_some_and(|p| distance_to_segment(p, line.0, line.1) < 5.0 + width / 2.0);
        let handle = ui.interact(
            Rect::from_center_size(mid, vec2(12.0, 12.0)),
            ui.scope_id().with(("edge", k)),
            Sense::click(),
        );
        handle.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &title));
        if near || handle.hovered() {
            hovered_edge = Some(title.clone());
            painter.line_segment(
                [line.0, line.1],
                Stroke::new(width + 3.0, color.gamma_multiply(0.35)),
            );
        }
        if handle.clicked() || (near && response.clicked()) {
            clicked = Some((title, e.pick(net)));
        }
    }
    // Names wrap, centred under their node: within their cell in the rows
    // of unconnected actors, at a fixed width in the network.
    let cell = area.width() * state.zoom / layout.row_columns.max(1) as f32 - 8.0;
    for (i, n) in net.nodes.iter().enumerate() {
        let p = at(i);
        let r = radius(n.mentions);
        painter.circle(
            p,
            r,
            rgb(kind_color(n.kind)),
            Stroke::new(1.0, Color32::from_gray(60)),
        );
        if hovered_edge.is_none() && pointer.is_some_and(|q| q.distance(p) <= r) {
            hovered_edge = Some(format!(
                "{} ({}): {} mentions",
                n.name,
                n.kind.as_str(),
                n.mentions
            ));
        }
    }
    // Names after all circles, on a light backing, so no node hides one.
    for (i, n) in net.nodes.iter().enumerate() {
        let wrap = if layout.in_rows[i] {
            cell.max(40.0)
        } else {
            130.0
        };
        let mut job = egui::text::LayoutJob::simple(
            n.name.clone(),
            FontId::proportional(12.0),
            Color32::from_gray(30),
            wrap,
        );
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        let at_name = at(i) + vec2(0.0, radius(n.mentions) + 2.0);
        painter.rect_filled(
            galley.rect.translate(at_name.to_vec2()).expand(1.0),
            2.0,
            Color32::from_white_alpha(190),
        );
        painter.galley(at_name, galley, Color32::from_gray(30));
    }
    legend(&painter, rect, &polarities);
    if let Some(text) = hovered_edge {
        response.on_hover_text_at_pointer(text);
    }
    clicked
}

fn legend(painter: &egui::Painter, rect: Rect, polarities: &[&str]) {
    let font = FontId::proportional(11.5);
    let mut y = rect.top() + 10.0;
    for kind in ActorKind::ALL {
        let p = pos2(rect.left() + 14.0, y);
        painter.circle_filled(p, 5.0, rgb(kind_color(kind)));
        painter.text(
            p + vec2(10.0, 0.0),
            Align2::LEFT_CENTER,
            kind.as_str(),
            font.clone(),
            Color32::from_gray(50),
        );
        y += 15.0;
    }
    for (i, pol) in polarities.iter().enumerate() {
        let p = pos2(rect.left() + 8.0, y);
        let c = rgb(polarity_color(pol, i));
        polarity_line(painter, &[p, p + vec2(18.0, 0.0)], Stroke::new(3.0, c), pol);
        let name = if pol.is_empty() { "no polarity" } else { pol };
        painter.text(
            p + vec2(22.0, 0.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            Color32::from_gray(50),
        );
        y += 15.0;
    }
}

/// A line through `points` in the dash pattern of `polarity` (a cue beside
/// the colour), as the SVG export draws it.
fn polarity_line(painter: &egui::Painter, points: &[Pos2], stroke: Stroke, polarity: &str) {
    match polarity_dash(polarity) {
        None => {
            painter.add(egui::Shape::line(points.to_vec(), stroke));
        }
        Some([dash, gap]) => {
            painter.extend(egui::Shape::dashed_line(points, stroke, dash, gap));
        }
    }
}

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The pan that keeps the point at `pointer` (relative to the canvas
/// centre) in place when the zoom goes from `from` to `to`: positions are
/// `centre + pan + layout * zoom`.
fn pan_zoomed_about(pan: Vec2, from: f32, to: f32, pointer: Vec2) -> Vec2 {
    pointer - (pointer - pan) * (to / from)
}

/// Distance from `p` to the segment `a`–`b`.
fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let (pan, pointer) = (vec2(30.0, -10.0), vec2(120.0, 45.0));
        let (from, to) = (1.0, 2.5);
        // The layout point under the pointer before...
        let under = (pointer - pan) / from;
        let new_pan = pan_zoomed_about(pan, from, to, pointer);
        // ...is under it after.
        assert!(((new_pan + under * to) - pointer).length() < 1e-4);
        assert_eq!(pan_zoomed_about(pan, 2.0, 2.0, pointer), pan);
    }

    #[test]
    fn distance_to_a_segment_measures_to_the_nearest_point() {
        let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert_eq!(distance_to_segment(pos2(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(pos2(-4.0, 3.0), a, b), 5.0);
        assert_eq!(distance_to_segment(pos2(1.0, 1.0), a, a), 2f32.sqrt());
    }
}
