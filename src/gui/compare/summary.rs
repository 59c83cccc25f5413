//! The agreement summary: a table per label, Krippendorff's alpha per label
//! over all coders of the project (with three or more), and a table per
//! document, each sortable by clicking a column header. Clicking a document
//! opens it; clicking a label jumps to the next disagreement involving that
//! label.

use crate::agreement::AgreementReport;
use crate::session::compare::Sort;
use crate::session::compare::data::CompareData;
use crate::session::compare::team::TeamFigures;
use egui::{RichText, Ui};

/// What the user clicked in the tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SummaryClick {
    /// A document row.
    Document(String),
    /// A label row.
    Label(String),
}

/// A cell: text to show and the value to sort by.
struct Cell {
    text: String,
    key: Option<f64>,
}

fn num(n: usize) -> Cell {
    Cell {
        text: n.to_string(),
        key: Some(n as f64),
    }
}

fn fig(x: Option<f64>) -> Cell {
    Cell {
        text: x.map_or_else(|| "–".to_string(), |v| format!("{v:.2}")),
        key: x,
    }
}

/// Draws a sortable table; returns the name (first column) of the row
/// clicked.
fn table(
    ui: &mut Ui,
    id: &str,
    headers: &[&str],
    rows: Vec<(String, Vec<Cell>)>,
    sort: &mut Sort,
    selected: Option<&str>,
) -> Option<String> {
    let mut rows = rows;
    let col = sort.column;
    rows.sort_by(|(na, a), (nb, b)| {
        let ord = if col == 0 {
            na.cmp(nb)
        } else {
            // Undefined figures sort after every number.
            let (x, y) = (a[col - 1].key, b[col - 1].key);
            match (x, y) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        if sort.descending { ord.reverse() } else { ord }
    });
    let mut clicked = None;
    egui::Grid::new(id)
        .striped(true)
        .num_columns(headers.len())
        .show(ui, |ui| {
            for (i, h) in headers.iter().enumerate() {
                let arrow = match (sort.column == i, sort.descending) {
                    (true, false) => " ^",
                    (true, true) => " v",
                    _ => "",
                };
                if ui
                    .button(RichText::new(format!("{h}{arrow}")).strong())
                    .on_hover_text(format!("Sort by {h}"))
                    .clicked()
                {
                    sort.click(i);
                }
            }
            ui.end_row();
            for (name, cells) in &rows {
                if ui
                    .selectable_label(selected == Some(name.as_str()), name.as_str())
                    .clicked()
                {
                    clicked = Some(name.clone());
                }
                for c in cells {
                    ui.label(&c.text);
                }
                ui.end_row();
            }
        });
    clicked
}

/// How each of the summary's tables is sorted.
pub struct Sorts<'a> {
    /// The pair's per-label table.
    pub labels: &'a mut Sort,
    /// The all-coder table.
    pub team: &'a mut Sort,
    /// The per-document table.
    pub documents: &'a mut Sort,
}

/// The all-coder table: alpha per label over every coder of the team, for
/// the labels anyone used.
fn team_ui(ui: &mut Ui, team: &TeamFigures, sort: &mut Sort) -> Option<String> {
    ui.heading("Agreement of all coders");
    let r = &team.report;
    ui.weak(format!(
        "Krippendorff's alpha over all {} coders at once ({}): token alpha on {} \
         annotated by at least two of them, unitizing alpha on the {} annotated by all.",
        team.coders.len(),
        team.coders.join(", "),
        crate::wording::count(r.documents, "document", "documents"),
        r.complete_documents
    ));
    let rows = r
        .labels
        .iter()
        .filter(|(_, l)| l.token_alpha.is_some() || l.alpha_u.is_some())
        .map(|(name, l)| (name.to_string(), vec![fig(l.token_alpha), fig(l.alpha_u)]))
        .collect();
    let clicked = table(
        ui,
        "compare-team",
        &["Label", "token α", "alpha_u"],
        rows,
        sort,
        None,
    );
    let variables: Vec<_> = r
        .variables
        .iter()
        .filter(|(_, v)| v.alpha.is_some())
        .collect();
    if !variables.is_empty() {
        egui::Grid::new("compare-team-variables")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                ui.strong("Document variable");
                ui.strong("α");
                ui.end_row();
                for (name, v) in variables {
                    ui.label(name);
                    ui.label(fig(v.alpha).text);
                    ui.end_row();
                }
            });
    }
    clicked
}

/// Agreement per document variable (a multiple choice per value), over
/// the documents both coded; variables nobody coded are left out.
fn variables_ui(ui: &mut Ui, report: &AgreementReport) {
    let coded: Vec<_> = report
        .variables
        .iter()
        .filter(|(_, v)| v.pairs > 0)
        .collect();
    if coded.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.heading("Agreement per document variable");
    ui.weak(
        "Over the documents both coded: pairs, share of pairs that agree, Cohen's kappa, \
         Krippendorff's alpha at the variable's level.",
    );
    egui::Grid::new("compare-variables")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in ["Variable", "pairs", "agree", "κ", "α", "level"] {
                ui.strong(h);
            }
            ui.end_row();
            for (name, v) in coded {
                ui.label(name);
                ui.label(v.pairs.to_string());
                ui.label(fig(v.percent).text);
                ui.label(fig(v.kappa).text);
                ui.label(fig(v.alpha).text);
                ui.label(v.level.as_str());
                ui.end_row();
            }
        });
}

/// Every table.
pub fn summary_ui(
    ui: &mut Ui,
    data: &CompareData,
    report: &AgreementReport,
    team: Option<&TeamFigures>,
    sorts: Sorts<'_>,
    current_doc: Option<&str>,
) -> Option<SummaryClick> {
    let Sorts {
        labels: label_sort,
        team: team_sort,
        documents: doc_sort,
    } = sorts;
    let mut out = None;
    ui.heading("Agreement per label");
    ui.weak(format!(
        "{} annotated by both. F1 of exact and overlapping matches; token kappa; unitizing alpha.",
        crate::wording::count(report.documents, "document", "documents")
    ));
    let rows = report
        .labels
        .iter()
        .filter(|(_, l)| l.a_spans + l.b_spans > 0)
        .map(|(name, l)| {
            (
                name.to_string(),
                vec![
                    num(l.a_spans),
                    num(l.b_spans),
                    fig(l.exact.f1),
                    fig(l.overlap.f1),
                    fig(l.token_kappa),
                    fig(l.alpha_u),
                ],
            )
        })
        .collect();
    let headers = [
        "Label",
        "A",
        "B",
        "exact F1",
        "overlap F1",
        "token κ",
        "alpha_u",
    ];
    if let Some(l) = table(ui, "compare-labels", &headers, rows, label_sort, None) {
        out = Some(SummaryClick::Label(l));
    }
    ui.label(format!(
        "All labels: exact F1 {}, overlap F1 {}",
        fig(report.micro.exact.f1).text,
        fig(report.micro.overlap.f1).text
    ));
    ui.label(format!(
        "Actors: {} same of {} matched mentions; statements F1 {}; events F1 {}; network Jaccard {}",
        report.actors.same,
        report.actors.pairs,
        fig(report.statements.figures.f1).text,
        fig(report.events.figures.f1).text,
        fig(report.network.jaccard).text
    ));
    variables_ui(ui, report);
    if let Some(team) = team {
        ui.add_space(12.0);
        if let Some(l) = team_ui(ui, team, team_sort) {
            out = Some(SummaryClick::Label(l));
        }
    }
    ui.add_space(12.0);
    ui.heading("Agreement per document");
    let per_doc = report.per_document.as_ref();
    let rows = data
        .rows
        .iter()
        .map(|r| {
            let d = per_doc.and_then(|m| m.get(&r.id));
            let (done, total) = r.progress;
            (
                r.id.clone(),
                vec![
                    num(d.map_or(0, |d| d.a_spans)),
                    num(d.map_or(0, |d| d.b_spans)),
                    fig(d.and_then(|d| d.exact.f1)),
                    fig(d.and_then(|d| d.overlap.f1)),
                    num(total),
                    Cell {
                        text: format!("{done} of {total}"),
                        key: Some(if total == 0 {
                            1.0
                        } else {
                            done as f64 / total as f64
                        }),
                    },
                ],
            )
        })
        .collect();
    let headers = [
        "Document",
        "A",
        "B",
        "exact F1",
        "overlap F1",
        "disagreements",
        "resolved",
    ];
    if let Some(d) = table(ui, "compare-docs", &headers, rows, doc_sort, current_doc) {
        out = Some(SummaryClick::Document(d));
    }
    out
}
