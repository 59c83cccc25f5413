//! What the overview shows: whose annotations (the [`Source`]), one outlet
//! or all, a date range, documents marked done only. Compiled against an
//! index into one flag per annotation set, so filtering a million spans is
//! one scan.

use super::index::OverviewIndex;
use crate::model::Status;

/// Whose annotations the figures count. Coders are never added up unless
/// [`Source::AllSummed`] is chosen: each document otherwise counts once,
/// from one annotation set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Per document, the gold set where the document is adjudicated (a
    /// gold set of it exists and is marked done; with several gold sets,
    /// the first in the index's coder order), else this coder's set. The
    /// default, with the current coder.
    Preferred(String),
    /// One coder's sets only (a gold set's name shows that gold set).
    Coder(String),
    /// Every coder's sets added up; gold sets and a model's suggestions are
    /// no coders and are left out.
    AllSummed,
}

impl Default for Source {
    /// [`Source::Preferred`] with no coder yet: the window fills in the
    /// current coder.
    fn default() -> Source {
        Source::Preferred(String::new())
    }
}

/// The overview's filters; `None` means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Whose annotations are counted.
    pub source: Source,
    /// Only documents of this outlet.
    pub outlet: Option<String>,
    /// Only documents dated on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only documents dated on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only annotation sets whose coder marked the document done.
    pub done_only: bool,
}

/// A date as a sortable number `YYYYMMDD`, from text starting with
/// `YYYY-MM-DD` (a time may follow) or `YYYY-MM` (the first of the month).
pub fn parse_date(text: &str) -> Option<u32> {
    let t = text.trim();
    let num = |s: Option<&str>, len: usize| -> Option<u32> {
        let s = s?;
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = num(t.get(0..4), 4)?;
    if t.get(4..5) != Some("-") {
        return None;
    }
    let month = num(t.get(5..7), 2)?;
    let day = match t.get(7..8) {
        None => 1,
        Some("-") => num(t.get(8..10), 2)?,
        Some(_) => return None,
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some(year * 10000 + month * 100 + day)
}

/// A filter resolved against one index.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// Per document: passes outlet and date.
    pub doc_ok: Vec<bool>,
    /// Per annotation set: the source takes it and everything passes.
    pub set_ok: Vec<bool>,
    /// Per coder: how many documents are counted from the coder's sets.
    pub docs_from: Vec<usize>,
}

impl Filter {
    /// Resolves the filter against `index`. A date that cannot be read
    /// filters nothing (the view says so next to the field).
    pub fn compile(&self, index: &OverviewIndex) -> Compiled {
        let from = self.from.as_deref().and_then(parse_date);
        let to = self.to.as_deref().and_then(parse_date);
        let outlet = self
            .outlet
            .as_ref()
            .map(|o| index.outlets.iter().position(|x| x == o));
        let doc_ok: Vec<bool> = index
            .docs
            .iter()
            .map(|d| {
                let outlet_ok = match outlet {
                    None => true,
                    Some(want) => want == Some(d.outlet as usize),
                };
                let date_ok = match (d.date, from, to) {
                    (_, None, None) => true,
                    (None, _, _) => false,
                    (Some(x), f, t) => f.is_none_or(|f| x >= f) && t.is_none_or(|t| x <= t),
                };
                outlet_ok && date_ok
            })
            .collect();
        let base_ok: Vec<bool> = index
            .sets
            .iter()
            .map(|s| doc_ok[s.doc as usize] && (!self.done_only || s.status == Status::Done))
            .collect();
        let set_ok: Vec<bool> = match &self.source {
            Source::Coder(name) => index
                .sets
                .iter()
                .zip(&base_ok)
                .map(|(s, ok)| *ok && index.coders[s.coder as usize] == *name)
                .collect(),
            Source::AllSummed => index
                .sets
                .iter()
                .zip(&base_ok)
                .map(|(s, ok)| *ok && index.is_real_coder(s.coder as usize))
                .collect(),
            Source::Preferred(me) => {
                let adjudicated = index.adjudicated_sets();
                index
                    .sets
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        base_ok[i]
                            && match adjudicated[s.doc as usize] {
                                Some(g) => g == i,
                                None => index.coders[s.coder as usize] == *me,
                            }
                    })
                    .collect()
            }
        };
        let mut docs_from = vec![0; index.coders.len()];
        for (s, _) in index.sets.iter().zip(&set_ok).filter(|(_, ok)| **ok) {
            docs_from[s.coder as usize] += 1;
        }
        Compiled {
            doc_ok,
            set_ok,
            docs_from,
        }
    }
}
