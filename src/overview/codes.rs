//! The chart of one document variable: how many documents each coder
//! coded with each value (a multiple choice counts each value ticked;
//! numbers as their values, or in a few equal bins when there are many),
//! over the sets the overview's source and filters take.

use super::figures::{Bar, BarChart, ChartKind, Figures, Hit, Pick, Segment, palette};
use super::index::CodeRec;
use crate::model::VariableKind;
use std::collections::HashMap;

/// At most this many distinct numbers are shown one bar each; more go
/// into [`BINS`] equal bins.
const MAX_NUMBER_BARS: usize = 10;

/// How many bins many different numbers go into.
const BINS: usize = 5;

/// At most this many free-text values are shown (the most frequent).
const MAX_TEXT_BARS: usize = 15;

impl Figures<'_> {
    /// The codes of the filtered sets for variable `name`.
    fn codes_of(&self, name: &str) -> Vec<&CodeRec> {
        let ix = self.index;
        let Some(v) = ix.variables.iter().position(|x| x == name) else {
            return Vec::new();
        };
        ix.codes
            .iter()
            .filter(|c| c.variable as usize == v && self.compiled().set_ok[c.set as usize])
            .collect()
    }

    /// How the numbers of `codes` are shown: the bar name of each number.
    fn number_bars(codes: &[&CodeRec]) -> (Vec<String>, impl Fn(f64) -> String) {
        let mut nums: Vec<f64> = codes.iter().filter_map(|c| c.number).collect();
        nums.sort_by(f64::total_cmp);
        nums.dedup();
        let (lo, hi) = (
            nums.first().copied().unwrap_or(0.0),
            nums.last().copied().unwrap_or(0.0),
        );
        let binned = nums.len() > MAX_NUMBER_BARS;
        let width = if binned { (hi - lo) / BINS as f64 } else { 0.0 };
        let bin_name = move |i: usize| {
            let a = lo + width * i as f64;
            let b = if i + 1 == BINS {
                hi
            } else {
                lo + width * (i + 1) as f64
            };
            format!("{}–{}", short(a), short(b))
        };
        let name = move |n: f64| {
            if binned {
                let i = (((n - lo) / width) as usize).min(BINS - 1);
                bin_name(i)
            } else {
                short(n)
            }
        };
        let order = if binned {
            (0..BINS).map(bin_name).collect()
        } else {
            nums.iter().map(|n| short(*n)).collect()
        };
        (order, name)
    }

    /// The bar each code counts in, in order: the variable's values in the
    /// codebook's order (then any other value met), numbers as themselves
    /// or binned, free text by frequency.
    fn code_bars(&self, name: &str, codes: &[&CodeRec]) -> (Vec<String>, Vec<Vec<String>>) {
        let ix = self.index;
        let var = self.project.codebook.variable(name);
        let kind = var.map(|v| v.kind);
        let per_code: Vec<Vec<String>> = if kind == Some(VariableKind::Number) {
            let (_, bar) = Self::number_bars(codes);
            codes
                .iter()
                .map(|c| c.number.map(&bar).into_iter().collect())
                .collect()
        } else {
            codes
                .iter()
                .map(|c| {
                    c.values
                        .iter()
                        .map(|v| ix.value(*v, "").to_string())
                        .collect()
                })
                .collect()
        };
        let mut order: Vec<String> = match var {
            Some(v) if v.kind == VariableKind::Number => Self::number_bars(codes).0,
            Some(v) if v.kind.has_values() => v.values.clone(),
            _ => {
                let mut freq: HashMap<&str, usize> = HashMap::new();
                for v in per_code.iter().flatten() {
                    *freq.entry(v.as_str()).or_default() += 1;
                }
                let mut list: Vec<(&str, usize)> = freq.into_iter().collect();
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                list.into_iter()
                    .take(MAX_TEXT_BARS)
                    .map(|x| x.0.to_string())
                    .collect()
            }
        };
        if kind.is_some_and(VariableKind::has_values) {
            for v in per_code.iter().flatten() {
                if !order.contains(v) {
                    order.push(v.clone());
                }
            }
        }
        (order, per_code)
    }

    /// The chart of variable `name`: one bar per value, a segment per
    /// coder (who coded how many documents so).
    pub fn variable_chart(&self, name: &str) -> BarChart {
        let ix = self.index;
        let codes = self.codes_of(name);
        let (order, per_code) = self.code_bars(name, &codes);
        let mut counts: HashMap<(&str, u32), usize> = HashMap::new();
        for (c, bars) in codes.iter().zip(&per_code) {
            let coder = ix.sets[c.set as usize].coder;
            for b in bars {
                *counts.entry((b.as_str(), coder)).or_default() += 1;
            }
        }
        let coders: Vec<usize> = (0..ix.coders.len())
            .filter(|c| counts.keys().any(|k| k.1 as usize == *c))
            .collect();
        let bars = order
            .iter()
            .map(|value| Bar {
                label: value.clone(),
                segments: coders
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &c)| {
                        let n = counts.get(&(value.as_str(), c as u32)).copied()?;
                        Some(Segment {
                            series: k,
                            value: n,
                            pick: Pick::Code {
                                variable: name.to_string(),
                                value: value.clone(),
                                coder: ix.coders[c].clone(),
                            },
                        })
                    })
                    .collect(),
            })
            .filter(|b: &Bar| !b.segments.is_empty())
            .collect();
        let coded = codes.len();
        BarChart {
            kind: ChartKind::Codes,
            series: coders.iter().map(|&c| ix.coders[c].clone()).collect(),
            colors: (0..coders.len()).map(palette).collect(),
            bars,
            caption: format!(
                "{name}: {} coded; {}",
                crate::wording::count(coded, "document", "documents"),
                self.source_caption()
            ),
            summed: self.is_summed(),
        }
    }

    /// The documents `coder` coded `value` for `variable`, in project
    /// order.
    pub(super) fn code_hits(&self, variable: &str, value: &str, coder: &str) -> Vec<Hit> {
        let ix = self.index;
        let codes = self.codes_of(variable);
        let (_, per_code) = self.code_bars(variable, &codes);
        let mut docs: Vec<u32> = codes
            .iter()
            .zip(&per_code)
            .filter(|(c, bars)| {
                ix.coders[ix.sets[c.set as usize].coder as usize] == coder
                    && bars.iter().any(|b| b == value)
            })
            .map(|(c, _)| ix.sets[c.set as usize].doc)
            .collect();
        docs.sort_unstable();
        docs.into_iter()
            .map(|doc| Hit {
                coder: coder.to_string(),
                document: ix.doc_ids[doc as usize].clone(),
                span: None,
                start: 0,
                end: 0,
                label: String::new(),
            })
            .collect()
    }
}

/// A number as short as it reads: `3`, `2.5`, `0.33`.
fn short(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::figures::Figures;
    use super::super::filter::{Filter, Source};
    use super::super::index::OverviewIndex;
    use crate::model::{AnnotationSet, CodeValue, Codebook, DocumentEntry, Project, Status};

    /// Twelve documents, alice's `sources quoted` of each the document's
    /// number (0–11), bob's `genre` of the first three.
    fn charted(var: &str) -> super::BarChart {
        let mut p = Project::new("t", Codebook::default_media());
        p.add_coder("alice");
        p.add_coder("bob");
        let mut sets = Vec::new();
        for i in 0..12 {
            let id = format!("d{i}");
            p.documents.push(DocumentEntry {
                id: id.clone(),
                title: id.clone(),
                meta: Default::default(),
                text_hash: String::new(),
                chars: 10,
            });
            let mut set = AnnotationSet::new(&id, "alice");
            set.status = Status::InProgress;
            set.codes
                .insert("sources quoted".into(), CodeValue::Number(i as f64));
            sets.push(set);
            if i < 3 {
                let mut set = AnnotationSet::new(&id, "bob");
                set.status = Status::Done;
                set.codes
                    .insert("genre".into(), CodeValue::Text("interview".into()));
                sets.push(set);
            }
        }
        let ix = OverviewIndex::build(&p, &sets);
        let filter = Filter {
            source: Source::AllSummed,
            ..Filter::default()
        };
        Figures::new(&ix, &p, &filter).variable_chart(var)
    }

    #[test]
    fn many_numbers_go_into_five_bins_that_count_every_document() {
        let chart = charted("sources quoted");
        let labels: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.len(), 5, "{labels:?}");
        assert_eq!(labels[0], "0–2.2");
        assert_eq!(labels[4], "8.8–11");
        let total: usize = chart.bars.iter().map(|b| b.total()).sum();
        assert_eq!(total, 12);
        assert_eq!(chart.series, vec!["alice".to_string()]);
    }

    #[test]
    fn choices_keep_the_codebook_order_and_name_their_coder() {
        let chart = charted("genre");
        assert_eq!(chart.bars.len(), 1, "only values coded are drawn");
        assert_eq!(chart.bars[0].label, "interview");
        assert_eq!(chart.bars[0].total(), 3);
        assert_eq!(chart.series, vec!["bob".to_string()]);
        assert!(
            chart
                .caption
                .starts_with("genre: 3 documents coded; all coders summed")
        );
    }
}
