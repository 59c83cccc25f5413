//! The article in the centre: reading typography, spans drawn in their
//! label colours (a light background for the innermost span, one coloured
//! underline per nesting level), the selected span's links, search
//! matches and suggestions; selecting text by dragging or double-clicking,
//! and picking spans by clicking. Only visible paragraphs are laid out and
//! painted.

use super::commands::Command;
use super::document::DocView;
use super::span_index::IndexedSpan;
use super::style;
use super::text_layout::{self, ArcPath, LinkArc, RangePiece};
use crate::model::{AnnotationSet, Codebook, Project, Span, SpanId};
use egui::{
    Align, Color32, CursorIcon, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2,
    pos2, vec2,
};
use std::ops::Range;

/// What the text view reads besides its own state.
pub struct TextViewInput<'a> {
    /// The coder's annotations of the document.
    pub set: &'a AnnotationSet,
    /// The project (codebook, actors).
    pub project: &'a Project,
    /// Ranges suggested by a side panel, drawn dashed.
    pub suggestions: &'a [Range<usize>],
    /// The history revision, so the span index is rebuilt after edits.
    pub revision: u64,
}

/// Draws the document text and handles pointer input on it.
#[must_use]
pub fn text_view_ui(ui: &mut Ui, view: &mut DocView, input: &TextViewInput<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    let margin = style::COLUMN_MARGIN;
    let column = (ui.available_width() - 2.0 * margin - 16.0).clamp(160.0, style::MAX_COLUMN_WIDTH);
    view.layout
        .prepare(ui.ctx(), column, view.paragraphs.iter().map(|p| p.len()));
    egui::Frame::new().fill(style::PAPER).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(("text", &view.key.document))
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                out = paragraphs_ui(ui, viewport, column, view, input);
            });
    });
    out
}

/// The scrolled content: lays out, paints and hit-tests the visible
/// paragraphs.
#[must_use]
fn paragraphs_ui(
    ui: &mut Ui,
    viewport: Rect,
    column: f32,
    view: &mut DocView,
    input: &TextViewInput<'_>,
) -> Vec<Command> {
    let margin = style::COLUMN_MARGIN;
    let total = view.layout.total_height();
    ui.set_height(total + 2.0 * margin);
    ui.set_width(ui.available_width());
    let content = ui.max_rect();
    let x = content.min.x + ((content.width() - column) / 2.0).max(margin);
    let origin = pos2(x, content.min.y + margin);
    view.origin = Some(origin);
    view.clip = ui.clip_rect();

    let y = (viewport.min.y - margin)..(viewport.max.y - margin);
    let visible = view
        .layout
        .lay_out_visible(ui.ctx(), y, &view.text, &view.paragraph_bytes);
    view.refresh_index(input.set, &input.project.codebook, input.revision);
    scroll_request_ui(ui, view, origin);

    let rect = Rect::from_min_size(origin, vec2(column, view.layout.total_height()));
    let response = ui.interact(
        rect,
        ui.scope_id().with("text-area"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));

    let painter = ui.painter().clone();
    for i in visible.clone() {
        paint_paragraph(&painter, view, input, i, origin);
    }
    paint_links(&painter, view, input);

    let mut out = Vec::new();
    handle_pointer(ui, &response, view, input, &mut out);
    out
}

/// Scrolls the pending range into view (repeated for a few frames, as the
/// real heights of paragraphs replace the estimates).
fn scroll_request_ui(ui: &mut Ui, view: &mut DocView, origin: Pos2) {
    let Some((range, frames)) = view.scroll_to.clone() else {
        return;
    };
    if let Some(p) = view.paragraph_of(range.start) {
        view.layout
            .ensure(ui.ctx(), p, &view.text, view.paragraph_bytes[p].clone());
        let pieces = view.screen_pieces(range.start..range.end.max(range.start + 1));
        let target = pieces.first().map(|r| r.line).unwrap_or_else(|| {
            Rect::from_min_size(
                origin + vec2(0.0, view.layout.top(p)),
                vec2(10.0, text_layout::ROW_HEIGHT),
            )
        });
        if !view
            .clip
            .shrink(text_layout::ROW_HEIGHT)
            .contains_rect(target)
        {
            ui.scroll_to_rect(target, Some(Align::Center));
        }
    }
    view.scroll_to = (frames > 1).then_some((range, frames - 1));
}

/// Whether span `s` may be picked as the target of the link being made.
fn link_allowed(view: &DocView, input: &TextViewInput<'_>, s: SpanId) -> bool {
    let (Some(role), Some(from)) = (&view.linking, view.selected_span) else {
        return true;
    };
    let cb = &input.project.codebook;
    let (Some(src), Some(dst)) = (input.set.span(from), input.set.span(s)) else {
        return false;
    };
    s != from
        && cb
            .label(&src.label)
            .and_then(|l| l.role(role))
            .is_some_and(|r| r.targets.contains(&dst.label))
}

/// Paints paragraph `i`: highlights, text, underlines, outlines.
fn paint_paragraph(
    painter: &egui::Painter,
    view: &DocView,
    input: &TextViewInput<'_>,
    i: usize,
    origin: Pos2,
) {
    let Some(galley) = view.layout.galley(i) else {
        return;
    };
    let para = view.paragraphs[i].clone();
    let at = origin + vec2(0.0, view.layout.top(i));
    let local = |r: &Range<usize>| {
        r.start.max(para.start) - para.start..r.end.min(para.end).max(para.start) - para.start
    };
    let pieces_of = |r: &Range<usize>| {
        let mut p = text_layout::range_pieces(galley, local(r));
        text_layout::translate(&mut p, at);
        p
    };
    let spans: Vec<(&IndexedSpan, Vec<RangePiece>)> = view
        .index
        .in_paragraph(i)
        .map(|s| (s, pieces_of(&(s.start..s.end))))
        .collect();
    let linking = view.linking.is_some();
    for (s, pieces) in &spans {
        let selected = view.selected_span == Some(s.id);
        let fill = if selected {
            style::strong_tint(s.color)
        } else if linking && !link_allowed(view, input, s.id) {
            style::tint(style::faded(s.color))
        } else {
            style::tint(s.color)
        };
        for p in pieces {
            painter.rect_filled(p.band.expand2(vec2(0.5, 1.0)), 2.0, fill);
        }
    }
    for (n, m) in view.search.in_range(para.clone()) {
        let fill = if view.search.current == Some(n) {
            style::CURRENT_MATCH
        } else {
            style::MATCH
        };
        for p in pieces_of(m) {
            painter.rect_filled(p.band.expand2(vec2(0.5, 1.0)), 2.0, fill);
        }
    }
    if let Some(sel) = &view.selection
        && sel.start < para.end
        && sel.end > para.start
    {
        for p in pieces_of(sel) {
            painter.rect_filled(p.band.expand2(vec2(0.5, 1.0)), 1.0, style::SELECTION);
        }
    }
    if let Some(preview) = &view.edge_preview
        && preview.start < para.end
        && preview.end > para.start
    {
        for p in pieces_of(preview) {
            painter.rect_stroke(
                p.band.expand2(vec2(2.0, 3.0)),
                3.0,
                Stroke::new(1.5, style::SELECTION_EDGE),
                StrokeKind::Outside,
            );
        }
    }
    painter.galley(at, galley.clone(), style::TEXT_COLOR);
    for (s, pieces) in &spans {
        let color = if linking && !link_allowed(view, input, s.id) {
            style::faded(s.color)
        } else {
            s.color
        };
        let dy = 1.5 + s.level as f32 * style::UNDERLINE_STEP;
        for p in pieces {
            let y = p.band.bottom() + dy;
            let (x0, x1) = (
                p.band.left() + 0.5,
                (p.band.right() - 0.5).max(p.band.left() + 1.0),
            );
            painter.line_segment(
                [pos2(x0, y), pos2(x1, y)],
                Stroke::new(style::UNDERLINE, color),
            );
        }
        if view.selected_span == Some(s.id) {
            for p in pieces {
                painter.rect_stroke(
                    p.band.expand2(vec2(1.5, 2.0)),
                    3.0,
                    style::selected_stroke(s.color),
                    StrokeKind::Outside,
                );
            }
        } else if linking && link_allowed(view, input, s.id) && view.hovered_span == Some(s.id) {
            for p in pieces {
                painter.rect_stroke(
                    p.band.expand2(vec2(1.5, 2.0)),
                    3.0,
                    Stroke::new(1.5, style::ink(s.color)),
                    StrokeKind::Outside,
                );
            }
        }
    }
    for r in input
        .suggestions
        .iter()
        .filter(|r| r.start < para.end && r.end > para.start)
    {
        for p in pieces_of(r) {
            let y = p.band.bottom() + 1.5;
            painter.extend(Shape::dashed_line(
                &[pos2(p.band.left(), y), pos2(p.band.right(), y)],
                Stroke::new(2.0, style::SUGGESTION),
                4.0,
                3.0,
            ));
        }
    }
}

/// The arcs of the selected span's links to every laid-out target, with
/// the role names: `(arc, role, colour of the source's label)`. Public so
/// that tests can check that no arc covers text.
pub fn link_arcs(
    ctx: &egui::Context,
    view: &DocView,
    set: &AnnotationSet,
    codebook: &Codebook,
) -> Vec<(LinkArc, String, Color32)> {
    let Some(span) = view.selected_span.and_then(|id| set.span(id)) else {
        return Vec::new();
    };
    let Some(origin) = view.origin else {
        return Vec::new();
    };
    let color = link_color(span, codebook);
    let column = egui::Rangef::new(origin.x, origin.x + view.layout.width());
    let from = view
        .screen_pieces(span.start..span.end)
        .first()
        .map(|p| p.band);
    let mut out = Vec::new();
    for (lane, (role, target)) in span.all_links().enumerate() {
        let role = role.to_string();
        let Some(to) = set
            .span(target)
            .and_then(|t| view.screen_pieces(t.start..t.end).first().map(|p| p.band))
        else {
            continue;
        };
        let size = ctx.fonts_mut(|f| {
            f.layout_no_wrap(role.clone(), tag_font(), Color32::WHITE)
                .size()
        });
        let arc = text_layout::link_arc(from, to, column, lane, size);
        out.push((arc, role.clone(), color));
    }
    out
}

/// Colour of a span's links: a dark shade of its label's colour.
fn link_color(span: &Span, codebook: &Codebook) -> Color32 {
    codebook
        .label(&span.label)
        .map(|l| style::ink(style::label_color(l.color)))
        .unwrap_or(Color32::DARK_GRAY)
}

/// Font of the role names on link arcs.
fn tag_font() -> FontId {
    FontId::proportional(text_layout::TAG_FONT_SIZE)
}

/// Draws the selected span's links: the targets outlined, an arc to each
/// (in the room between rows, never over text), and the role name on it.
fn paint_links(painter: &egui::Painter, view: &DocView, input: &TextViewInput<'_>) {
    let arcs = link_arcs(painter.ctx(), view, input.set, &input.project.codebook);
    let Some(span) = view.selected_span.and_then(|id| input.set.span(id)) else {
        return;
    };
    let color = link_color(span, &input.project.codebook);
    for t in span
        .links
        .values()
        .flatten()
        .filter_map(|t| input.set.span(*t))
    {
        for p in view.screen_pieces(t.start..t.end) {
            painter.rect_stroke(
                p.band.expand2(vec2(1.5, 2.0)),
                3.0,
                Stroke::new(1.5, color),
                StrokeKind::Outside,
            );
        }
    }
    for (arc, role, color) in &arcs {
        let stroke = Stroke::new(text_layout::ARC_WIDTH, color.gamma_multiply(0.8));
        match &arc.path {
            ArcPath::Curve(points) => {
                painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
                    *points,
                    false,
                    Color32::TRANSPARENT,
                    stroke,
                ));
            }
            ArcPath::Elbow(points) => {
                painter.add(Shape::line(points.clone(), stroke));
            }
            ArcPath::None => {}
        }
        for p in &arc.ends {
            painter.circle_filled(*p, text_layout::ARC_DOT, *color);
        }
        painter.rect_filled(arc.tag, 4.0, *color);
        painter.text(
            arc.tag.center(),
            egui::Align2::CENTER_CENTER,
            role,
            tag_font(),
            Color32::WHITE,
        );
    }
}

/// Where `pos` falls in the text: the paragraph and the position relative
/// to its galley.
fn locate(view: &DocView, pos: Pos2) -> Option<(usize, Vec2)> {
    let origin = view.origin?;
    let p = view.layout.paragraph_at_y(pos.y - origin.y)?;
    Some((p, pos - (origin + vec2(0.0, view.layout.top(p)))))
}

/// The character boundary nearest to `pos`.
fn cursor_at(view: &DocView, pos: Pos2) -> Option<usize> {
    let (p, local) = locate(view, pos)?;
    let galley = view.layout.galley(p)?;
    let rtl = view.layout.is_rtl(p);
    Some(view.paragraphs[p].start + text_layout::cursor_at(galley, local, rtl))
}

/// The character under `pos`.
fn char_at(view: &DocView, pos: Pos2) -> Option<(usize, usize)> {
    let (p, local) = locate(view, pos)?;
    let galley = view.layout.galley(p)?;
    // Accept the underline area below a row as part of that row.
    text_layout::glyph_at(galley, local)
        .or_else(|| text_layout::glyph_at(galley, local - vec2(0.0, 6.0)))
        .map(|c| (p, view.paragraphs[p].start + c))
}

/// The spans under `pos`, shortest first.
fn spans_at(view: &DocView, pos: Pos2) -> Vec<SpanId> {
    match char_at(view, pos) {
        Some((p, c)) => view.index.at(p, c).into_iter().map(|s| s.id).collect(),
        None => Vec::new(),
    }
}

/// Drag to select, double-click a word, click a span (again to cycle
/// through nested spans), hover for details, click a target while linking.
fn handle_pointer(
    ui: &Ui,
    response: &egui::Response,
    view: &mut DocView,
    input: &TextViewInput<'_>,
    out: &mut Vec<Command>,
) {
    let hover = response.hover_pos();
    let under: Vec<SpanId> = hover.map(|p| spans_at(view, p)).unwrap_or_default();
    view.hovered_span = under.first().copied();

    if let Some(pos) = hover
        && view.edge_drag.is_none()
        && near_edge(view, input, pos).is_some()
    {
        ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
    }
    if response.drag_started() {
        let press = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        match press.and_then(|p| near_edge(view, input, p).map(|e| (p, e))) {
            Some((_, edge)) => view.edge_drag = Some(edge),
            None => view.drag_anchor = press.and_then(|p| cursor_at(view, p)),
        }
    }
    if let Some((id, start)) = view.edge_drag {
        drag_edge(ui, response, view, input, id, start, out);
        return;
    }
    if response.dragged()
        && let (Some(anchor), Some(pos)) = (view.drag_anchor, response.interact_pointer_pos())
        && let Some(head) = cursor_at(view, pos)
    {
        if let Some(range) = view.words.snap(anchor, head) {
            view.selection = Some(range);
            view.selected_span = None;
            view.linking = None;
        }
        auto_scroll(ui, view, pos);
    }
    if response.drag_stopped() {
        view.drag_anchor = None;
    }

    if response.double_clicked() {
        if let Some((_, c)) = response
            .interact_pointer_pos()
            .and_then(|p| char_at(view, p))
            && let Some(word) = view.words.unit_at(c)
        {
            view.select_text(word);
            view.scroll_to = None;
        }
    } else if response.clicked() {
        let pos = response.interact_pointer_pos();
        let candidates: Vec<SpanId> = pos.map(|p| spans_at(view, p)).unwrap_or_default();
        if let Some(role) = view.linking.clone() {
            match candidates.iter().find(|id| link_allowed(view, input, **id)) {
                Some(target) => out.push(Command::Link {
                    role,
                    target: *target,
                }),
                None if candidates.is_empty() => {
                    out.push(Command::Status(format!(
                        "Click a span to be the {role}, or press Esc to cancel"
                    )));
                }
                None => out.push(Command::Status(format!(
                    "That span cannot be the {role} — pick one of the highlighted spans"
                ))),
            }
        } else if candidates.is_empty() {
            view.clear_selection();
        } else {
            let next = match view
                .selected_span
                .and_then(|s| candidates.iter().position(|c| *c == s))
            {
                Some(i) => candidates[(i + 1) % candidates.len()],
                None => candidates[0],
            };
            out.push(Command::SelectSpan(Some(next)));
        }
    }

    if view.linking.is_some() && !under.is_empty() {
        let ok = under.iter().any(|id| link_allowed(view, input, *id));
        ui.ctx().set_cursor_icon(if ok {
            CursorIcon::PointingHand
        } else {
            CursorIcon::NotAllowed
        });
    } else if !under.is_empty() {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    } else if hover.is_some() {
        ui.ctx().set_cursor_icon(CursorIcon::Text);
    }

    if let Some(id) = view.hovered_span
        && view.drag_anchor.is_none()
        && let Some(span) = input.set.span(id)
    {
        response.clone().on_hover_ui_at_pointer(|ui| {
            span_tooltip_ui(ui, span, input, view);
        });
    }
}

/// Which edge of the selected span `pos` is on, if any: `(span, is_start)`.
fn near_edge(view: &DocView, input: &TextViewInput<'_>, pos: Pos2) -> Option<(SpanId, bool)> {
    const GRAB: f32 = 4.0;
    let id = view.selected_span?;
    let span = input.set.span(id)?;
    let pieces = view.screen_pieces(span.start..span.end);
    let (first, last) = (pieces.first()?, pieces.last()?);
    if first.line.y_range().contains(pos.y) && (pos.x - first.band.left()).abs() <= GRAB {
        Some((id, true))
    } else if last.line.y_range().contains(pos.y) && (pos.x - last.band.right()).abs() <= GRAB {
        Some((id, false))
    } else {
        None
    }
}

/// Moves an edge of the selected span with the pointer (snapping to
/// words); the change is applied when the button is released.
fn drag_edge(
    ui: &Ui,
    response: &egui::Response,
    view: &mut DocView,
    input: &TextViewInput<'_>,
    id: SpanId,
    start: bool,
    out: &mut Vec<Command>,
) {
    ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
    let Some(span) = input.set.span(id) else {
        view.edge_drag = None;
        return;
    };
    if let Some(pos) = response.interact_pointer_pos()
        && let Some(head) = cursor_at(view, pos)
    {
        let range = if start {
            view.words
                .snap(head, span.end)
                .map(|r| r.start)
                .filter(|s| *s < span.end)
                .map(|s| s..span.end)
        } else {
            view.words
                .snap(span.start, head)
                .map(|r| r.end)
                .filter(|e| *e > span.start)
                .map(|e| span.start..e)
        };
        if range.is_some() {
            view.edge_preview = range;
        }
        auto_scroll(ui, view, pos);
    }
    if !response.dragged() {
        if let Some(range) = view.edge_preview.take()
            && range != (span.start..span.end)
        {
            out.push(Command::Resize { id, range });
        }
        view.edge_drag = None;
    }
}

/// Scrolls while a drag selection is held above or below the view.
fn auto_scroll(ui: &Ui, view: &DocView, pos: Pos2) {
    let clip = view.clip;
    let dy = if pos.y < clip.top() + 10.0 {
        (clip.top() + 10.0 - pos.y).min(40.0)
    } else if pos.y > clip.bottom() - 10.0 {
        -(pos.y - clip.bottom() + 10.0).min(40.0)
    } else {
        0.0
    };
    if dy != 0.0 {
        ui.scroll_with_delta(vec2(0.0, dy));
        ui.ctx().request_repaint();
    }
}

/// Hover details of a span: label, text, attributes, actor, links.
fn span_tooltip_ui(ui: &mut Ui, span: &Span, input: &TextViewInput<'_>, view: &DocView) {
    ui.set_max_width(320.0);
    let cb = &input.project.codebook;
    let color = cb
        .label(&span.label)
        .map(|l| style::label_color(l.color))
        .unwrap_or(Color32::GRAY);
    ui.horizontal(|ui| {
        label_chip_ui(ui, &span.label, color);
        ui.weak(format!("{}–{}", span.start, span.end));
    });
    ui.label(format!(
        "“{}”",
        crate::wording::excerpt(&view.slice(span.start..span.end), 120)
    ));
    for (k, v) in &span.attrs {
        ui.label(format!("{k}: {v}"));
    }
    if let Some(a) = span.actor.and_then(|a| input.project.actors.get(a)) {
        ui.label(format!("actor: {}", a.name));
    }
    for (role, target) in span.all_links() {
        if let Some(t) = input.set.span(target) {
            ui.label(format!(
                "{role}: {} “{}”",
                t.label,
                crate::wording::excerpt(&view.slice(t.start..t.end), 40)
            ));
        }
    }
    if !span.note.is_empty() {
        ui.weak(crate::wording::excerpt(&span.note, 160));
    }
}

/// A small rounded chip with a label name in its colour.
pub fn label_chip_ui(ui: &mut Ui, name: &str, color: Color32) -> egui::Response {
    let text = egui::RichText::new(name)
        .color(style::text_on(color))
        .size(12.0);
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let (rect, response) = ui.allocate_exact_size(galley.size() + vec2(10.0, 4.0), Sense::hover());
    ui.painter().rect_filled(rect, 4.0, color);
    ui.painter()
        .galley(rect.min + vec2(5.0, 2.0), galley, style::text_on(color));
    response
}
