//! What the overview shows: one coder or all, one outlet or all, a date
//! range, documents marked done only. Compiled against an index into one
//! flag per annotation set, so filtering a million spans is one scan.

use super::index::OverviewIndex;
use crate::model::Status;

/// The overview's filters; `None` means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this coder's annotations.
    pub coder: Option<String>,
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
    /// Per coder: passes the coder filter.
    pub coder_ok: Vec<bool>,
    /// Per annotation set: everything passes.
    pub set_ok: Vec<bool>,
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
        let coder_ok: Vec<bool> = index
            .coders
            .iter()
            .map(|c| self.coder.as_ref().is_none_or(|want| want == c))
            .collect();
        let set_ok = index
            .sets
            .iter()
            .map(|s| {
                doc_ok[s.doc as usize]
                    && coder_ok[s.coder as usize]
                    && (!self.done_only || s.status == Status::Done)
            })
            .collect();
        Compiled {
            doc_ok,
            coder_ok,
            set_ok,
        }
    }
}
