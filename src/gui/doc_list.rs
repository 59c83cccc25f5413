//! The document list on the left: title, outlet, date, the coder's status
//! and span count for each document; filtering by text, status and the
//! coder's own document codes; the "N of M done" progress.

use super::commands::Command;
use super::style;
use crate::edit::{SetKey, Workspace};
use crate::model::{CodeValue, Codebook, DocumentEntry, Status};
use egui::{Color32, RichText, Sense, Ui, vec2};

/// Filters of the list.
#[derive(Clone, Debug, Default)]
pub struct DocListState {
    /// Text a title, outlet, date or id must contain.
    pub filter: String,
    /// Only documents with this status.
    pub status: Option<Status>,
    /// Only documents the coder coded so (a document variable and what
    /// its code must be).
    pub code: Option<CodeFilter>,
}

/// A filter on one document variable of the coder's own codes.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeFilter {
    /// The variable's name.
    pub variable: String,
    /// What its code must be.
    pub wanted: CodeWanted,
}

/// What a document's code must be to pass a [`CodeFilter`].
#[derive(Clone, Debug, PartialEq)]
pub enum CodeWanted {
    /// Any value (coded at all).
    Coded,
    /// No value yet.
    NotCoded,
    /// This value (for a multiple choice: among the values ticked).
    Is(String),
}

impl CodeWanted {
    /// As shown in the filter's drop-down.
    fn label(&self) -> String {
        match self {
            CodeWanted::Coded => "coded (any value)".into(),
            CodeWanted::NotCoded => "not coded yet".into(),
            CodeWanted::Is(v) => format!("= {v}"),
        }
    }

    /// Whether `code` passes.
    pub fn accepts(&self, code: Option<&CodeValue>) -> bool {
        match (self, code) {
            (CodeWanted::Coded, c) => c.is_some(),
            (CodeWanted::NotCoded, c) => c.is_none(),
            (CodeWanted::Is(v), Some(c)) => c.values().iter().any(|x| x == v),
            (CodeWanted::Is(_), None) => false,
        }
    }
}

/// Height of one row.
const ROW_HEIGHT: f32 = 50.0;

/// Colour of a status.
pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::NotStarted => Color32::from_gray(150),
        Status::InProgress => Color32::from_rgb(0xd0, 0x86, 0x1a),
        Status::Done => style::OK,
    }
}

/// Paints a status icon centred at `c`: an empty ring (not started), a
/// half-filled one (in progress) or a full disc (done).
pub fn paint_status(p: &egui::Painter, c: egui::Pos2, status: Status) {
    let color = status_color(status);
    let r = 5.0;
    match status {
        Status::NotStarted => {
            p.circle_stroke(c, r, egui::Stroke::new(1.5, color));
        }
        Status::InProgress => {
            p.circle_stroke(c, r, egui::Stroke::new(1.5, color));
            let half: Vec<egui::Pos2> = (0..=12)
                .map(|i| {
                    let a = std::f32::consts::FRAC_PI_2 + std::f32::consts::PI * i as f32 / 12.0;
                    c + r * egui::vec2(a.cos(), a.sin())
                })
                .collect();
            p.add(egui::Shape::convex_polygon(half, color, egui::Stroke::NONE));
        }
        Status::Done => {
            p.circle_filled(c, r + 0.5, color);
        }
    }
}

/// A status icon followed by its name.
pub fn status_ui(ui: &mut Ui, status: Status) -> egui::Response {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        paint_status(ui.painter(), rect.center(), status);
        ui.label(RichText::new(status.label()).color(status_color(status)))
    })
    .response
}

/// Whether `doc` passes the text filter (case-insensitive).
fn matches(doc: &DocumentEntry, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    [&doc.title, &doc.meta.outlet, &doc.meta.date, &doc.id]
        .iter()
        .any(|s| s.to_lowercase().contains(needle))
}

/// The ids of the documents shown with the current filters, in order.
pub fn filtered_ids(ws: &Workspace, coder: &str, state: &DocListState) -> Vec<String> {
    let needle = state.filter.trim().to_lowercase();
    ws.project()
        .documents
        .iter()
        .filter(|d| matches(d, &needle))
        .filter(|d| {
            state.status.is_none_or(|s| {
                ws.set(&SetKey::new(coder, &d.id))
                    .map(|x| x.status)
                    .unwrap_or_default()
                    == s
            })
        })
        .filter(|d| {
            state.code.as_ref().is_none_or(|f| {
                let set = ws.set(&SetKey::new(coder, &d.id));
                f.wanted.accepts(set.and_then(|x| x.codes.get(&f.variable)))
            })
        })
        .map(|d| d.id.clone())
        .collect()
}

/// Draws the list; returns the document clicked.
#[must_use]
pub fn doc_list_ui(
    ui: &mut Ui,
    state: &mut DocListState,
    ws: &Workspace,
    coder: &str,
    current: Option<&str>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let docs = &ws.project().documents;
    let status_of = |id: &str| {
        ws.set(&SetKey::new(coder, id))
            .map(|s| (s.status, s.spans.len()))
    };
    let done = docs
        .iter()
        .filter(|d| status_of(&d.id).is_some_and(|(s, _)| s == Status::Done))
        .count();
    ui.horizontal(|ui| {
        ui.strong("Documents");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("{done} of {} done", docs.len()));
        });
    });
    if !docs.is_empty() {
        ui.add(egui::ProgressBar::new(done as f32 / docs.len() as f32).desired_height(4.0));
    }
    ui.add_space(2.0);
    let l = ui.label("Filter");
    ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("title, outlet, date…")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    ui.horizontal(|ui| {
        let l = ui.label("Status");
        let text = state.status.map_or("all", Status::label);
        egui::ComboBox::from_id_salt("status-filter")
            .selected_text(text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, "all");
                for s in Status::ALL {
                    ui.selectable_value(&mut state.status, Some(s), s.label());
                }
            })
            .response
            .labelled_by(l.id);
    });
    code_filter_ui(ui, state, &ws.project().codebook, coder);
    ui.separator();
    let ids = filtered_ids(ws, coder, state);
    if ids.is_empty() {
        ui.weak(if docs.is_empty() {
            "No documents yet: use File › Import articles…"
        } else {
            "No document matches the filter."
        });
        return out;
    }
    egui::ScrollArea::vertical()
        .id_salt("doc-list")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, ids.len(), |ui, rows| {
            for id in &ids[rows] {
                let Some(doc) = ws.project().document(id) else {
                    continue;
                };
                let (status, count) = status_of(id).unwrap_or((Status::NotStarted, 0));
                if row_ui(ui, doc, status, count, current == Some(id.as_str())).clicked()
                    && current != Some(id.as_str())
                {
                    out.push(Command::OpenDocument(id.clone()));
                }
            }
        });
    out
}

/// The filter by a document code: a variable, then what its code must
/// be. Only the coder's own codes are looked at (the label says so).
fn code_filter_ui(ui: &mut Ui, state: &mut DocListState, cb: &Codebook, coder: &str) {
    if cb.variables.is_empty() {
        state.code = None;
        return;
    }
    // A variable removed from the codebook filters nothing any more.
    if state
        .code
        .as_ref()
        .is_some_and(|f| cb.variable(&f.variable).is_none())
    {
        state.code = None;
    }
    ui.horizontal(|ui| {
        let l = ui.label("Code").on_hover_text(format!(
            "Filter by a document code of {coder} (your own codes)"
        ));
        let shown = state.code.as_ref().map_or("any", |f| f.variable.as_str());
        let mut picked: Option<Option<String>> = None;
        egui::ComboBox::from_id_salt("code-filter-variable")
            .selected_text(shown)
            .width(ui.available_width())
            .truncate()
            .show_ui(ui, |ui| {
                if ui.selectable_label(state.code.is_none(), "any").clicked() {
                    picked = Some(None);
                }
                for v in &cb.variables {
                    let on = state.code.as_ref().is_some_and(|f| f.variable == v.name);
                    if ui.selectable_label(on, &v.name).clicked() {
                        picked = Some(Some(v.name.clone()));
                    }
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text(format!("Your codes ({coder}) for the whole article"));
        match picked {
            Some(None) => state.code = None,
            Some(Some(name)) if state.code.as_ref().is_none_or(|f| f.variable != name) => {
                state.code = Some(CodeFilter {
                    variable: name,
                    wanted: CodeWanted::NotCoded,
                });
            }
            _ => {}
        }
    });
    let Some(filter) = &mut state.code else {
        return;
    };
    let Some(var) = cb.variable(&filter.variable) else {
        return;
    };
    ui.horizontal(|ui| {
        let l = ui.label("is");
        let mut options = vec![CodeWanted::NotCoded, CodeWanted::Coded];
        options.extend(var.values.iter().map(|v| CodeWanted::Is(v.clone())));
        egui::ComboBox::from_id_salt("code-filter-value")
            .selected_text(filter.wanted.label())
            .width(ui.available_width())
            .truncate()
            .show_ui(ui, |ui| {
                for o in options {
                    let text = o.label();
                    ui.selectable_value(&mut filter.wanted, o, text);
                }
            })
            .response
            .labelled_by(l.id);
    });
}

/// One document row.
fn row_ui(
    ui: &mut Ui,
    doc: &DocumentEntry,
    status: Status,
    spans: usize,
    selected: bool,
) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &doc.title));
    let p = ui.painter_at(rect);
    let fill = if selected {
        style::SELECTION
    } else if response.hovered() {
        Color32::from_rgb(0xe6, 0xe6, 0xe2)
    } else {
        Color32::TRANSPARENT
    };
    p.rect_filled(rect.shrink2(vec2(0.0, 1.0)), 4.0, fill);
    paint_status(&p, rect.left_top() + vec2(13.0, 16.0), status);
    let right = format!("{spans}");
    let count = p.layout_no_wrap(
        right,
        egui::FontId::proportional(12.0),
        Color32::from_gray(90),
    );
    let count_w = count.size().x;
    p.galley(
        egui::pos2(rect.right() - count_w - 8.0, rect.top() + 9.0),
        count,
        Color32::GRAY,
    );
    let title_w = rect.width() - 30.0 - count_w - 14.0;
    let title = egui::WidgetText::from(RichText::new(&doc.title).strong().color(style::TEXT_COLOR))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            title_w,
            egui::TextStyle::Body,
        );
    p.galley(rect.left_top() + vec2(26.0, 6.0), title, style::TEXT_COLOR);
    let sub = [doc.meta.outlet.as_str(), doc.meta.date.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let sub = egui::WidgetText::from(RichText::new(sub).size(12.0).color(Color32::from_gray(100)))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            rect.width() - 34.0,
            egui::TextStyle::Body,
        );
    p.galley(rect.left_top() + vec2(26.0, 27.0), sub, Color32::GRAY);
    let response = response.on_hover_text(format!(
        "{}\n{} · {} spans",
        doc.title,
        status.label(),
        spans
    ));
    if response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    response
}
