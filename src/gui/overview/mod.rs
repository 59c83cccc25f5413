//! View › Overview (Ctrl+Shift+O): bar charts of coding progress, labels,
//! actors, stances and events over the whole project, with filters that
//! every chart answers to (first of all whose annotations: a `Source`,
//! named under each chart's title); a click on a bar lists its spans, each jumping
//! to its place in the text. The figures come from `crate::overview`; this
//! module keeps the index up to date (rebuilt after edits, from the
//! workspace's sets over those read from disk) and draws.

pub mod bars;
pub mod export;
pub mod network;

use super::commands::Command;
use super::panels::{Jump, PanelAction};
use crate::edit::{SetKey, Workspace};
use crate::model::AnnotationSet;
use crate::overview::figures::{ChartKind, Figures};
use crate::overview::{BarChart, Filter, Hit, OverviewIndex, Pick, Source, parse_date};
use crate::session::Session;
use egui::{RichText, Ui};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// How many hits the list shows.
const MAX_LISTED: usize = 300;

/// Every annotation set of the project, indexed.
struct Data {
    /// Which workspace state the index reflects.
    stamp: (PathBuf, u64, usize, usize),
    /// Sets read from disk (the workspace's loaded sets take precedence).
    disk: BTreeMap<SetKey, AnnotationSet>,
    /// Files that could not be read.
    unreadable: Vec<String>,
    /// The workspace's loaded sets, indexed last (the index's tail), so an
    /// edit re-indexes only them.
    loaded: Vec<SetKey>,
    /// The codebook and registry the records were made with (categories
    /// and known actors go into them).
    model: (crate::model::Codebook, crate::model::ActorRegistry),
    index: OverviewIndex,
}

/// The spans a click listed.
pub struct Picked {
    /// What was clicked.
    pub title: String,
    /// The spans (or documents), in project order.
    pub hits: Vec<Hit>,
    /// Text of each hit, for the list.
    pub snippets: Vec<String>,
    /// Whether an edge of the network was clicked (else a bar): each
    /// window lists only its own picks.
    pub edge: bool,
}

/// The overview and network windows' state.
#[derive(Default)]
pub struct OverviewState {
    /// Whether the overview window is shown.
    pub open: bool,
    /// The filters.
    pub filter: Filter,
    data: Option<Data>,
    /// The last clicked bar or edge and its spans.
    pub picked: Option<Picked>,
    /// The network window.
    pub network: network::NetworkState,
    /// PNG/SVG export.
    pub export: export::ExportState,
    /// The charts of the last filter and workspace state: a frame only
    /// draws them (computing them scans every span).
    charts: Option<(ChartsKey, Vec<BarChart>)>,
    /// The document variable charted (the codebook's first if unset).
    pub variable: Option<String>,
    /// Its chart, for the filter, workspace state and variable it was made
    /// with.
    codes_chart: Option<((ChartsKey, String), BarChart)>,
}

/// What the charts depend on: the filter and the workspace state.
pub(super) type ChartsKey = (Filter, (PathBuf, u64, usize, usize));

pub(super) fn stamp(ws: &Workspace) -> (PathBuf, u64, usize, usize) {
    (
        ws.dir().root().to_path_buf(),
        ws.history().revision(),
        ws.project().documents.len(),
        ws.project().coders.len(),
    )
}

impl OverviewState {
    /// Forgets the index, so it is read again (after an import).
    pub fn invalidate(&mut self) {
        self.data = None;
        self.charts = None;
        self.codes_chart = None;
        self.picked = None;
        self.network.forget();
    }

    /// The index, brought up to date with the workspace: another project,
    /// or documents or coders added, mean reading the files again; a
    /// document opened or the codebook or registry changed, re-indexing
    /// everything; an annotation edit, re-indexing the open sets only.
    pub fn index(&mut self, ws: &Workspace) -> &OverviewIndex {
        let now = stamp(ws);
        let project = ws.project();
        let loaded: Vec<SetKey> = ws
            .loaded_sets()
            .map(|s| SetKey::new(&s.coder, &s.document))
            .collect();
        let data = match self.data.take() {
            Some(d) if d.stamp == now => d,
            // Only edits since: re-index the loaded sets alone.
            Some(mut d)
                if d.stamp.0 == now.0
                    && d.stamp.2 == now.2
                    && d.stamp.3 == now.3
                    && d.loaded == loaded
                    && d.model.0 == project.codebook
                    && d.model.1 == project.actors =>
            {
                d.index.replace_tail(project, ws.loaded_sets());
                d.stamp = now;
                d
            }
            old => {
                let (disk, unreadable) = match old {
                    Some(d) if d.stamp.0 == now.0 && d.stamp.2 == now.2 && d.stamp.3 == now.3 => {
                        (d.disk, d.unreadable)
                    }
                    _ => read_all(ws),
                };
                let base = disk
                    .iter()
                    .filter(|(k, _)| ws.set(k).is_none())
                    .map(|(_, s)| s);
                let mut index = OverviewIndex::build_split(project, base, ws.loaded_sets());
                index.gold = gold_sets(ws, &index.coders);
                Data {
                    stamp: now,
                    disk,
                    unreadable,
                    loaded,
                    model: (project.codebook.clone(), project.actors.clone()),
                    index,
                }
            }
        };
        &self.data.insert(data).index
    }

    fn unreadable(&self) -> &[String] {
        self.data.as_ref().map_or(&[], |d| &d.unreadable)
    }

    /// Lists the spans behind `pick`, with their text.
    pub fn pick(&mut self, ws: &Workspace, title: String, pick: &Pick) {
        let filter = self.filter.clone();
        let index = self.index(ws);
        let hits = Figures::new(index, ws.project(), &filter).hits(pick);
        let mut texts: HashMap<String, Vec<char>> = HashMap::new();
        let snippets = hits
            .iter()
            .take(MAX_LISTED)
            .map(|h| {
                if h.span.is_none() {
                    return ws
                        .project()
                        .document(&h.document)
                        .map(|d| d.title.clone())
                        .unwrap_or_default();
                }
                let chars = texts.entry(h.document.clone()).or_insert_with(|| {
                    // A text changed since import shows no excerpt rather
                    // than the wrong words.
                    ws.dir()
                        .read_checked_text_of(&h.document)
                        .map(|t| t.chars().collect())
                        .unwrap_or_default()
                });
                let end = h.end.min(chars.len());
                let start = h.start.min(end);
                let mut s: String = chars[start..end].iter().take(80).collect();
                if end - start > 80 {
                    s.push('…');
                }
                s.replace('\n', " ")
            })
            .collect();
        self.picked = Some(Picked {
            title,
            hits,
            snippets,
            edge: matches!(pick, Pick::Edge { .. }),
        });
    }
}

/// Reads every coder's every annotation set from disk; files that cannot
/// be read are named, not fatal.
fn read_all(ws: &Workspace) -> (BTreeMap<SetKey, AnnotationSet>, Vec<String>) {
    let dir = ws.dir();
    let coders = dir
        .all_coders()
        .unwrap_or_else(|_| ws.project().coders.clone());
    let mut sets = BTreeMap::new();
    let mut bad = Vec::new();
    for coder in &coders {
        for d in &ws.project().documents {
            match dir.load_set(coder, &d.id) {
                Ok(Some(set)) => {
                    sets.insert(SetKey::new(coder, &d.id), set);
                }
                Ok(None) => {}
                Err(e) => bad.push(e.to_string()),
            }
        }
    }
    (sets, bad)
}

/// The coders among `coders` that are gold sets: those someone
/// adjudicated into (a folder under `adjudication/`) and the default gold
/// name; the compare view's team leaves out the same.
fn gold_sets(ws: &Workspace, coders: &[String]) -> Vec<String> {
    let team = crate::session::compare::team::team_coders(
        coders,
        ws.dir().root(),
        crate::agreement::DEFAULT_GOLD,
    );
    coders
        .iter()
        .filter(|c| !team.contains(c) && !crate::suggestions::is_suggestions_coder(c))
        .cloned()
        .collect()
}

/// How a source is named in the source menus.
fn source_name(source: &Source, index: &OverviewIndex) -> String {
    match source {
        Source::Preferred(me) if me.is_empty() => "gold where adjudicated".into(),
        Source::Preferred(me) => format!("gold where adjudicated, else {me}"),
        Source::Coder(c) => match index.coders.iter().position(|x| x == c) {
            Some(i) if index.is_gold(i) => format!("{c} (gold set)"),
            _ => c.clone(),
        },
        Source::AllSummed => "all coders summed".into(),
    }
}

/// The source menu ("Counting"): the default, each coder, each gold set,
/// all coders summed. The current coder comes with the default.
pub(super) fn source_ui(
    ui: &mut Ui,
    id: &str,
    source: &mut Source,
    index: &OverviewIndex,
    me: &str,
) {
    let name = ui.label("Counting");
    egui::ComboBox::from_id_salt(id)
        .selected_text(source_name(source, index))
        .show_ui(ui, |ui| {
            let mut choices = vec![Source::Preferred(me.to_string())];
            let coders = (0..index.coders.len()).filter(|c| index.is_real_coder(*c));
            let golds = (0..index.coders.len()).filter(|c| index.is_gold(*c));
            choices.extend(
                coders
                    .chain(golds)
                    .map(|c| Source::Coder(index.coders[c].clone())),
            );
            choices.push(Source::AllSummed);
            for choice in choices {
                let text = source_name(&choice, index);
                ui.selectable_value(source, choice, text);
            }
        })
        .response
        .labelled_by(name.id)
        .on_hover_text(
            "Whose annotations the charts count. By default each document once: from its \
             gold set where a gold set of it is marked done, else from your own set. \
             Coders are added up only with \"all coders summed\".",
        );
}

/// The filter row; returns whether a filter changed.
fn filters_ui(ui: &mut Ui, filter: &mut Filter, index: &OverviewIndex, me: &str) -> bool {
    let before = filter.clone();
    ui.horizontal_wrapped(|ui| {
        source_ui(ui, "overview-source", &mut filter.source, index, me);
        let outlet_text = filter
            .outlet
            .clone()
            .unwrap_or_else(|| "all outlets".into());
        let name = ui.label("Outlet");
        egui::ComboBox::from_id_salt("overview-outlet")
            .selected_text(outlet_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.outlet, None, "all outlets");
                for o in index.outlets.iter().filter(|o| !o.is_empty()) {
                    ui.selectable_value(&mut filter.outlet, Some(o.clone()), o);
                }
            })
            .response
            .labelled_by(name.id);
        date_field(ui, "From", &mut filter.from);
        date_field(ui, "To", &mut filter.to);
        ui.checkbox(&mut filter.done_only, "Done only")
            .on_hover_text("Count only documents the coder marked done");
    });
    *filter != before
}

fn date_field(ui: &mut Ui, name: &str, value: &mut Option<String>) {
    let mut text = value.clone().unwrap_or_default();
    let l = ui.label(name);
    ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text("YYYY-MM-DD")
            .desired_width(112.0),
    )
    .labelled_by(l.id);
    if !text.trim().is_empty() && parse_date(&text).is_none() {
        ui.colored_label(super::style::ERROR, "not a date; ignored");
    }
    *value = (!text.trim().is_empty()).then_some(text);
}

/// The list of hits; a click jumps to the place.
#[must_use]
pub fn picked_ui(ui: &mut Ui, picked: &Option<Picked>) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(p) = picked else {
        ui.weak("Click a bar to list its spans.");
        return out;
    };
    let n = p.hits.len();
    ui.label(RichText::new(format!("{} — {n} listed", p.title)).strong());
    if n > MAX_LISTED {
        ui.weak(format!("the first {MAX_LISTED} are shown"));
    }
    egui::ScrollArea::vertical()
        .id_salt("overview-hits")
        .max_height(170.0)
        .show(ui, |ui| {
            for (h, snippet) in p.hits.iter().zip(&p.snippets) {
                let text = if h.span.is_some() {
                    format!("{} · {} · {} — “{snippet}”", h.document, h.coder, h.label)
                } else {
                    format!("{} · {} — {snippet}", h.document, h.coder)
                };
                if !ui.button(text).on_hover_text("Show in the text").clicked() {
                    continue;
                }
                if crate::suggestions::is_suggestions_coder(&h.coder) {
                    // Nobody codes as the model: show the suggestion in the
                    // current coder's view, where it can be accepted.
                    out.push(Command::OpenDocument(h.document.clone()));
                    if h.span.is_some() {
                        out.push(Command::SelectText(h.start..h.end));
                    }
                } else {
                    out.push(Command::Panel(PanelAction::JumpTo(Jump {
                        coder: h.coder.clone(),
                        document: h.document.clone(),
                        span: h.span,
                        range: h.span.map(|_| (h.start, h.end)),
                    })));
                }
            }
        });
    out
}

/// Draws the overview and network windows of `ov` over the session's
/// data; a finished chart export's message goes to the status bar.
#[must_use]
pub fn overview_windows_ui(
    ctx: &egui::Context,
    ov: &mut OverviewState,
    s: &Session,
) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(line) = ov.export.take_message() {
        out.push(if line.error {
            Command::Error(line.text)
        } else {
            Command::Status(line.text)
        });
    }
    // The default source follows the current coder.
    if let Source::Preferred(me) = &mut ov.filter.source
        && me != s.coder()
    {
        *me = s.coder().to_string();
    }
    let mut open = ov.open;
    egui::Window::new("Overview")
        .id(crate::gui::windows::Floating::Overview.id())
        .open(&mut open)
        .default_size([860.0, 680.0])
        .default_pos([120.0, 50.0])
        .constrain_to(super::style::work_area(ctx))
        .vscroll(false)
        .show(ctx, |ui| {
            out.extend(overview_ui(ui, ov, s.ws(), s.coder()));
        });
    ov.open = open;
    out.extend(network::network_window(ctx, ov, s.ws(), s.coder()));
    out
}

/// The chart of the chosen document variable (none without variables),
/// computed when the filter, the workspace or the variable changed.
fn codes_chart(ov: &mut OverviewState, ws: &Workspace, key: &ChartsKey) -> Option<BarChart> {
    let cb = &ws.project().codebook;
    if ov
        .variable
        .as_ref()
        .is_none_or(|v| cb.variable(v).is_none())
    {
        ov.variable = cb.variables.first().map(|v| v.name.clone());
    }
    let var = ov.variable.clone()?;
    let key = (key.clone(), var.clone());
    let chart = match ov.codes_chart.take() {
        Some((k, chart)) if k == key => chart,
        _ => {
            let filter = ov.filter.clone();
            let index = ov.index(ws);
            Figures::new(index, ws.project(), &filter).variable_chart(&var)
        }
    };
    ov.codes_chart = Some((key, chart.clone()));
    Some(chart)
}

/// The drop-down that chooses the charted variable.
fn variable_choice_ui(ui: &mut Ui, variable: &mut Option<String>, ws: &Workspace) {
    let l = ui.label("Variable");
    egui::ComboBox::from_id_salt("overview-variable")
        .selected_text(variable.as_deref().unwrap_or("—"))
        .show_ui(ui, |ui| {
            for v in &ws.project().codebook.variables {
                ui.selectable_value(variable, Some(v.name.clone()), &v.name);
            }
        })
        .response
        .labelled_by(l.id);
}

/// The overview window's content.
#[must_use]
fn overview_ui(ui: &mut Ui, ov: &mut OverviewState, ws: &Workspace, me: &str) -> Vec<Command> {
    let mut out = Vec::new();
    let mut filter = ov.filter.clone();
    let changed = filters_ui(ui, &mut filter, ov.index(ws), me);
    if changed {
        ov.filter = filter;
        ov.picked = None;
    }
    ui.horizontal(|ui| {
        if ui.button("Actor network…").clicked() {
            ov.network.open = true;
        }
        if ui
            .button("Reload")
            .on_hover_text("Read the annotation files again")
            .clicked()
        {
            ov.invalidate();
        }
        let bad = ov.unreadable().len();
        if bad > 0 {
            ui.colored_label(
                super::style::ERROR,
                format!("{bad} file(s) could not be read"),
            )
            .on_hover_text(ov.unreadable().join("\n"));
        }
    });
    out.extend(picked_ui(ui, &ov.picked));
    ui.separator();
    let filter = ov.filter.clone();
    let mut clicked = None;
    let key = (filter.clone(), stamp(ws));
    let charts = match ov.charts.take() {
        Some((k, charts)) if k == key => charts,
        _ => {
            let index = ov.index(ws);
            let fig = Figures::new(index, ws.project(), &filter);
            ChartKind::ALL.iter().map(|k| fig.chart(*k)).collect()
        }
    };
    egui::ScrollArea::vertical()
        .id_salt("overview-charts")
        .show(ui, |ui| {
            let codes = codes_chart(ov, ws, &key);
            for chart in charts.iter().chain(&codes) {
                // Without gold sets there is no adjudication to show.
                if chart.kind == ChartKind::Adjudication && chart.bars.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                let export = ui
                    .horizontal(|ui| {
                        ui.heading(chart.title());
                        if chart.kind == ChartKind::Codes {
                            variable_choice_ui(ui, &mut ov.variable, ws);
                        }
                        export::buttons_ui(ui, chart.kind.slug())
                    })
                    .inner;
                ui.label(RichText::new(&chart.caption).weak().italics());
                let (pick, rect) = bars::bar_chart_ui(ui, chart);
                if let Some(p) = pick {
                    clicked = Some(p);
                }
                if let Some(what) = export {
                    out.push(export::chart_request(what, chart, rect));
                }
            }
        });
    ov.charts = Some((key, charts));
    if let Some((title, pick)) = clicked {
        ov.pick(ws, title, &pick);
    }
    out
}
