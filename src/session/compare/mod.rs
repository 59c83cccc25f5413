//! Comparing two coders without a window: choose the coders, move between
//! documents and disagreements, and adjudicate into a gold set. Every
//! change to the gold set is a [`Session::apply`] transaction (undoable,
//! refused when read-only), every decision is appended to the document's
//! log and saved at once. The window draws a [`CompareState`] and returns
//! an [`Adjudicate`] command for each decision, performed here after the
//! frame.

pub mod data;
pub mod team;

use super::{Session, StatusLine};
use crate::agreement::{
    Choice, DEFAULT_GOLD, DecisionLog, Disagreement, Sets, accept_agreed, now_utc, resolve,
    save_log, status,
};
use crate::edit::SetKey;
use crate::model::is_safe_name;
use data::CompareData;
use std::ops::Range;
use team::{TeamFigures, team_coders};

/// A decision the user took in the compare view; it changes the gold set
/// and the decision log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Adjudicate {
    /// Resolve the selected disagreement.
    Decide(Choice),
    /// Accept the agreed spans of the document shown into gold.
    AcceptAgreed,
    /// Resolve the selected disagreement by hand in the coding view.
    EditInGold,
    /// Put coder A's (`TakeA`) or B's (`TakeB`) code for a document
    /// variable into gold.
    Code {
        /// The variable.
        variable: String,
        /// Whose code.
        choice: Choice,
    },
}

/// Where to resolve a disagreement by hand: code as `coder` (the gold
/// coder) on `document` with `range` selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEdit {
    /// The gold coder.
    pub coder: String,
    /// Document id.
    pub document: String,
    /// Characters of the disagreement.
    pub range: Range<usize>,
}

/// What an [`Adjudicate`] command came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Adjudicated {
    /// Done; the message says what happened.
    Done(String),
    /// The coding view should open the gold set here.
    EditGold(GoldEdit),
}

/// Which column a table is sorted by, and in which direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sort {
    /// Column index; 0 is the name column.
    pub column: usize,
    /// Descending instead of ascending.
    pub descending: bool,
}

impl Sort {
    /// Sorts by `column`, flipping the direction if it already is.
    pub fn click(&mut self, column: usize) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            *self = Sort {
                column,
                descending: false,
            };
        }
    }
}

/// The compare view's state: two coders side by side, agreement figures,
/// and adjudication into a gold set.
#[derive(Debug)]
pub struct CompareState {
    /// Coder A.
    pub coder_a: String,
    /// Coder B.
    pub coder_b: String,
    /// The coder set decisions are written into.
    pub gold: String,
    /// Who adjudicates (recorded in the log).
    pub adjudicator: String,
    /// What is shown, computed for `loaded_for` (see [`CompareState::sync`]).
    pub data: Option<CompareData>,
    /// Coders and gold the data was computed for.
    loaded_for: Option<[String; 3]>,
    /// The document shown.
    doc: Option<String>,
    /// Index of the selected disagreement of the document shown.
    current: usize,
    /// How the per-label table is sorted.
    pub label_sort: Sort,
    /// How the per-document table is sorted.
    pub doc_sort: Sort,
    /// Alpha over all coders of the project (computed with `data`; `None`
    /// with fewer than three coders).
    pub team: Option<TeamFigures>,
    /// How the all-coder table is sorted.
    pub team_sort: Sort,
    /// The outcome of the last decision.
    pub message: Option<StatusLine>,
    /// Scroll the text to the current disagreement on the next frame.
    pub scroll_pending: bool,
    /// Coders to choose from, read from the project folder once (and again
    /// on Refresh), not on every frame.
    pub(crate) coders: Option<Vec<String>>,
    /// The gold name being typed (applied when the field loses focus).
    pub gold_input: Option<String>,
}

impl CompareState {
    /// A view with no coders chosen yet; `adjudicator` is the name decisions
    /// are recorded under.
    pub fn new(adjudicator: &str) -> CompareState {
        CompareState {
            coder_a: String::new(),
            coder_b: String::new(),
            gold: DEFAULT_GOLD.to_string(),
            adjudicator: adjudicator.to_string(),
            data: None,
            loaded_for: None,
            doc: None,
            current: 0,
            label_sort: Sort::default(),
            doc_sort: Sort::default(),
            team: None,
            team_sort: Sort::default(),
            message: None,
            scroll_pending: false,
            coders: None,
            gold_input: None,
        }
    }

    /// Compares coders `a` and `b` (loaded on the next frame).
    pub fn set_coders(&mut self, a: &str, b: &str) {
        self.coder_a = a.to_string();
        self.coder_b = b.to_string();
    }

    /// Recomputes everything on the next frame.
    pub fn refresh(&mut self) {
        self.loaded_for = None;
    }

    /// The document shown.
    pub fn document(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    /// Shows document `id` (if both coders annotated it), at its first
    /// disagreement.
    pub fn open_document(&mut self, id: &str) {
        if self.data.as_ref().is_some_and(|d| d.row(id).is_some()) {
            self.doc = Some(id.to_string());
            self.current = 0;
            self.scroll_pending = true;
        }
    }

    /// The disagreements of the document shown.
    pub fn disagreements(&self) -> &[Disagreement] {
        self.doc
            .as_deref()
            .and_then(|id| self.data.as_ref()?.row(id))
            .map_or(&[], |r| r.comparison.disagreements.as_slice())
    }

    /// The selected disagreement.
    pub fn current_disagreement(&self) -> Option<&Disagreement> {
        self.disagreements().get(self.current)
    }

    /// Index of the selected disagreement.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// (resolved, total) disagreements of document `id`.
    pub fn progress(&self, id: &str) -> Option<(usize, usize)> {
        self.data.as_ref()?.row(id).map(|r| r.progress)
    }

    /// Selects the disagreement `i` of the document shown.
    pub fn select(&mut self, i: usize) {
        if i < self.disagreements().len() {
            self.current = i;
            self.scroll_pending = true;
        }
    }

    /// Selects the next disagreement (wrapping around).
    pub fn next(&mut self) {
        let n = self.disagreements().len();
        if n > 0 {
            self.select((self.current + 1) % n);
        }
    }

    /// Selects the previous disagreement (wrapping around).
    pub fn previous(&mut self) {
        let n = self.disagreements().len();
        if n > 0 {
            self.select((self.current + n - 1) % n);
        }
    }

    /// Selects the next disagreement (after the selected one, through the
    /// following documents, wrapping around) in which either coder used
    /// `label`.
    pub fn jump_to_label(&mut self, label: &str) {
        let Some(data) = self.data.as_ref().filter(|d| !d.rows.is_empty()) else {
            return;
        };
        let n = data.rows.len();
        let start = self
            .doc
            .as_deref()
            .and_then(|id| data.rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        let uses = |d: &Disagreement| {
            [&d.a, &d.b]
                .iter()
                .any(|s| s.as_ref().is_some_and(|s| s.label == label))
        };
        for step in 0..=n {
            let row = &data.rows[(start + step) % n];
            let from = if step == 0 { self.current + 1 } else { 0 };
            if let Some(i) = row
                .comparison
                .disagreements
                .iter()
                .skip(from)
                .position(uses)
            {
                let id = row.id.clone();
                self.doc = Some(id);
                self.select(from + i);
                return;
            }
        }
    }

    /// Whether the chosen coders and gold name can be compared.
    pub fn coders_ok(&self) -> Result<(), String> {
        if self.coder_a.is_empty() || self.coder_b.is_empty() {
            return Err("Choose coder A and coder B.".into());
        }
        if self.coder_a == self.coder_b {
            return Err("Choose two different coders.".into());
        }
        if !is_safe_name(&self.gold) {
            return Err(format!(
                "{:?} cannot be a coder name: use letters, digits, '-', '_' or '.'",
                self.gold
            ));
        }
        if self.gold == self.coder_a || self.gold == self.coder_b {
            return Err("The gold standard must be a coder of its own, not A or B.".into());
        }
        Ok(())
    }

    /// Loads or refreshes what is shown, as the coders and the workspace
    /// require (call before drawing; it only reads).
    pub fn sync(&mut self, s: &mut Session) {
        if self.coders.is_none() {
            self.coders = Some(s.ws.dir().all_coders().unwrap_or_default());
        }
        let ws = &mut s.ws;
        if self.coders_ok().is_err() {
            self.data = None;
            self.team = None;
            self.loaded_for = None;
            return;
        }
        let want = [
            self.coder_a.clone(),
            self.coder_b.clone(),
            self.gold.clone(),
        ];
        let coders = [want[0].as_str(), want[1].as_str()];
        if self.loaded_for.as_ref() != Some(&want) {
            let mut data = CompareData::load(ws, coders, &self.gold);
            let team = team_coders(self.coders(), ws.dir().root(), &self.gold);
            self.team = TeamFigures::load(ws, &team, &mut data.problems);
            let keep = self.doc.clone().filter(|id| data.row(id).is_some());
            self.doc = keep.or_else(|| data.rows.first().map(|r| r.id.clone()));
            self.current = 0;
            self.scroll_pending = true;
            self.data = Some(data);
            self.loaded_for = Some(want);
        } else if let Some(data) = &mut self.data
            && data.revision != Some(ws.history().revision())
        {
            data.refresh_rows(ws, coders, &self.gold);
        }
        let n = self.disagreements().len();
        if self.current >= n {
            self.current = n.saturating_sub(1);
        }
    }

    /// Reads the coders again and recomputes everything on the next sync.
    pub fn reload(&mut self, s: &Session) {
        self.coders = Some(s.ws.dir().all_coders().unwrap_or_default());
        self.refresh();
    }

    /// The coders to choose from (empty before the first sync).
    pub fn coders(&self) -> &[String] {
        self.coders.as_deref().unwrap_or_default()
    }

    /// Performs a decision the user took; the outcome is also kept in
    /// [`CompareState::message`] for the view.
    pub fn perform(&mut self, s: &mut Session, what: Adjudicate) -> Result<Adjudicated, String> {
        let result = match what {
            Adjudicate::Decide(choice) => self
                .decide(s, choice)
                .map(|()| Adjudicated::Done(format!("Resolved: {}", choice.label()))),
            Adjudicate::AcceptAgreed => self.accept_agreed(s).map(|n| {
                Adjudicated::Done(format!("Accepted {n} agreed spans into {}", self.gold))
            }),
            Adjudicate::EditInGold => self.edit_in_gold(s).map(Adjudicated::EditGold),
            Adjudicate::Code { variable, choice } => self
                .decide_code(s, &variable, choice)
                .map(|()| Adjudicated::Done(format!("{variable}: {}", choice.label()))),
        };
        self.message = match &result {
            Ok(Adjudicated::Done(text)) => Some(StatusLine {
                text: text.clone(),
                error: false,
            }),
            Ok(Adjudicated::EditGold(_)) => None,
            Err(e) => Some(StatusLine {
                text: e.clone(),
                error: true,
            }),
        };
        result
    }

    /// Puts coder A's or B's code for `variable` on the document shown into
    /// gold (one undoable step), and logs the decision.
    pub fn decide_code(
        &mut self,
        s: &mut Session,
        variable: &str,
        choice: Choice,
    ) -> Result<(), String> {
        s.writable()?;
        self.coders_ok()?;
        let doc = self.doc.clone().ok_or("No document to adjudicate.")?;
        let (a, b, gold) = self.keys(&doc);
        for k in [&a, &b, &gold] {
            s.ensure_loaded(k)?;
        }
        let code = |k: &SetKey| s.ws.set(k).and_then(|x| x.codes.get(variable)).cloned();
        let (va, vb) = (code(&a), code(&b));
        let value = match choice {
            Choice::TakeA => va.clone(),
            Choice::TakeB => vb.clone(),
            _ => return Err("Take A's or B's code.".into()),
        };
        s.apply(crate::edit::Transaction::single(
            format!("Adjudicate {variable}"),
            crate::edit::Edit::SetCode {
                key: gold,
                variable: variable.to_string(),
                value: value.clone(),
            },
        ))?;
        let mut log = self.log_of(&doc);
        log.codes.push(crate::agreement::CodeDecision {
            at: now_utc(),
            by: self.adjudicator.clone(),
            variable: variable.to_string(),
            a: va,
            b: vb,
            choice,
            gold: value,
        });
        self.finish(s, &doc, log)
    }

    /// Whether the selected disagreement is resolved.
    pub fn is_resolved(&self, s: &Session, i: usize) -> Option<Choice> {
        let ws = &s.ws;
        let doc = self.doc.as_deref()?;
        let d = self.disagreements().get(i)?;
        let gold = ws.set(&SetKey::new(&self.gold, doc))?;
        let log = self.data.as_ref()?.logs.get(doc)?;
        status(log, gold, d)
    }

    /// Accepts the agreed spans of the document shown into gold (once).
    pub fn accept_agreed(&mut self, s: &mut Session) -> Result<usize, String> {
        s.writable()?;
        self.coders_ok()?;
        let doc = self.doc.clone().ok_or("No document to adjudicate.")?;
        let mut log = self.log_of(&doc);
        let n = self.accept_into(s, &doc, &mut log)?;
        self.finish(s, &doc, log)?;
        Ok(n)
    }

    /// Resolves the selected disagreement with `choice`, then selects the
    /// next unresolved one. Agreed spans are accepted first.
    pub fn decide(&mut self, s: &mut Session, choice: Choice) -> Result<(), String> {
        let (doc, d) = self.to_resolve(s)?;
        if choice == Choice::TakeBoth
            && matches!(
                d.kind,
                crate::agreement::DisagreementKind::AttributeDiffers
                    | crate::agreement::DisagreementKind::LinkDiffers
            )
        {
            // Both would put the same text with the same label into gold
            // twice, once with each reading.
            return Err(
                "Both spans cover the same text with the same label: take A or B, or edit in gold."
                    .into(),
            );
        }
        let mut log = self.log_of(&doc);
        self.accept_into(s, &doc, &mut log)?;
        let resolution = {
            let ws = &s.ws;
            let (a, b, gold) = self.keys(&doc);
            let (Some(a), Some(b), Some(gold)) = (ws.set(&a), ws.set(&b), ws.set(&gold)) else {
                return Err("The coders' annotations of this document are not loaded.".into());
            };
            let sets = Sets {
                a,
                b,
                gold,
                codebook: &ws.project().codebook,
            };
            resolve(&log, &sets, &d, choice, &self.adjudicator, &now_utc())
        };
        if !resolution.transaction.edits.is_empty() {
            s.apply(resolution.transaction.clone())?;
        }
        log.record(resolution);
        self.finish(s, &doc, log)?;
        self.select_next_unresolved(s);
        Ok(())
    }

    /// Where to edit the selected disagreement by hand in the gold set
    /// (agreed spans are accepted into gold first, so the gold set is
    /// complete around it).
    pub fn edit_in_gold(&mut self, s: &mut Session) -> Result<GoldEdit, String> {
        let (doc, d) = self.to_resolve(s)?;
        let mut log = self.log_of(&doc);
        self.accept_into(s, &doc, &mut log)?;
        self.finish(s, &doc, log)?;
        Ok(GoldEdit {
            coder: self.gold.clone(),
            document: doc,
            range: d.start()..d.end(),
        })
    }

    /// The document shown and its selected disagreement, if a decision on
    /// it may be taken now (the session may write, the coders are valid).
    fn to_resolve(&self, s: &Session) -> Result<(String, Disagreement), String> {
        s.writable()?;
        self.coders_ok()?;
        let doc = self.doc.clone().ok_or("No document to adjudicate.")?;
        let d = self
            .current_disagreement()
            .cloned()
            .ok_or("Nothing to resolve here.")?;
        Ok((doc, d))
    }

    fn keys(&self, doc: &str) -> (SetKey, SetKey, SetKey) {
        (
            SetKey::new(&self.coder_a, doc),
            SetKey::new(&self.coder_b, doc),
            SetKey::new(&self.gold, doc),
        )
    }

    fn log_of(&self, doc: &str) -> DecisionLog {
        self.data
            .as_ref()
            .and_then(|d| d.logs.get(doc).cloned())
            .unwrap_or_else(|| DecisionLog::new(doc, &self.gold, [&self.coder_a, &self.coder_b]))
    }

    /// Makes sure the gold set exists as a coder's set and holds the agreed
    /// spans; returns how many were added.
    fn accept_into(
        &mut self,
        s: &mut Session,
        doc: &str,
        log: &mut DecisionLog,
    ) -> Result<usize, String> {
        let (a, b, gold) = self.keys(doc);
        for k in [&a, &b, &gold] {
            s.ensure_loaded(k)?;
        }
        let ws = &s.ws;
        let comparison = self
            .data
            .as_ref()
            .and_then(|d| d.row(doc))
            .map(|r| r.comparison.clone())
            .unwrap_or_default();
        let resolution = {
            let (Some(a), Some(b), Some(gold)) = (ws.set(&a), ws.set(&b), ws.set(&gold)) else {
                return Ok(0);
            };
            let sets = Sets {
                a,
                b,
                gold,
                codebook: &ws.project().codebook,
            };
            accept_agreed(log, &sets, &comparison, &self.adjudicator, &now_utc())
        };
        let Some(r) = resolution else { return Ok(0) };
        let n = r.decisions.len();
        s.apply(r.transaction.clone())?;
        log.record(r);
        Ok(n)
    }

    /// Saves the log and refreshes the document's row.
    fn finish(&mut self, s: &mut Session, doc: &str, log: DecisionLog) -> Result<(), String> {
        let ws = &mut s.ws;
        let saved = save_log(ws.dir().root(), &log)
            .map_err(|e| format!("could not save the decision log: {e}"));
        let coders = [self.coder_a.clone(), self.coder_b.clone()];
        if let Some(data) = &mut self.data {
            data.logs.insert(doc.to_string(), log);
            data.refresh_row(ws, [&coders[0], &coders[1]], &self.gold, doc);
            data.revision = Some(ws.history().revision());
        }
        saved
    }

    fn select_next_unresolved(&mut self, s: &Session) {
        let n = self.disagreements().len();
        for step in 1..=n {
            let i = (self.current + step) % n;
            if self.is_resolved(s, i).is_none() {
                self.select(i);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests;
