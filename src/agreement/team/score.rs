//! Scoring a team: the pure function from a [`TeamInput`] to a
//! [`TeamReport`]. Krippendorff's alpha per label over all coders at once
//! (token alpha with missing values, alpha_u on the documents every coder
//! annotated), then every pair's two-coder report and their mean. Nothing
//! here reads files.

use super::input::TeamInput;
use super::report::{AllCodersReport, PairMean, TeamLabelReport, TeamReport};
use crate::agreement::alpha::BinaryUnits;
use crate::agreement::report::OrderedMap;
use crate::agreement::score::{ReportOptions, compute};
use crate::agreement::tokens::{self, TokenRange, token_range};
use crate::agreement::unitizing::AlphaU;
use crate::model::Codebook;
use crate::text::tokenize;
use std::collections::{BTreeSet, HashMap};

/// Every label figures are reported for, in the order of the two-coder
/// report: the codebook's, then labels found only in the data,
/// alphabetically.
fn label_order(codebook: &Codebook, input: &TeamInput) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for label in codebook.categories.iter().flat_map(|c| &c.labels) {
        if !names.contains(&label.name) {
            names.push(label.name.clone());
        }
    }
    let extra: BTreeSet<&str> = input
        .documents
        .iter()
        .flat_map(|d| d.sets.iter().flatten())
        .flat_map(|s| &s.spans)
        .map(|s| s.label.as_str())
        .filter(|l| !names.iter().any(|n| n == l))
        .collect();
    names.extend(extra.into_iter().map(str::to_string));
    names
}

/// Adds one document's tokens of one label to `alpha`: `runs` holds the
/// token runs (disjoint, sorted) of each coder who annotated the document.
fn add_coverage(
    alpha: &mut BinaryUnits,
    tokens: usize,
    runs: &[&[TokenRange]],
    events: &mut Vec<(usize, i32)>,
) {
    events.clear();
    for coder in runs {
        for &(s, e) in *coder {
            events.extend([(s, 1), (e, -1)]);
        }
    }
    events.sort_unstable();
    // Between two events the number of coders covering a token is fixed.
    let (mut depth, mut at, mut covered) = (0i32, 0, 0);
    for &(pos, step) in events.iter() {
        if depth > 0 && pos > at {
            alpha.add((pos - at) as u64, runs.len(), depth as usize);
            covered += pos - at;
        }
        depth += step;
        at = pos;
    }
    alpha.add(tokens.saturating_sub(covered) as u64, runs.len(), 0);
}

/// Krippendorff's alpha per label over all coders at once.
pub fn compute_all(input: &TeamInput) -> AllCodersReport {
    let names = label_order(&input.codebook, input);
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let coders = input.coders.len();
    let mut token_alpha = vec![BinaryUnits::default(); names.len()];
    let mut alpha_u: Vec<AlphaU> = (0..names.len()).map(|_| AlphaU::new(coders)).collect();
    // Per label, per coder: token runs and character ranges of one document.
    let mut runs: Vec<Vec<Vec<TokenRange>>> = vec![vec![Vec::new(); coders]; names.len()];
    let mut ranges: Vec<Vec<Vec<(usize, usize)>>> = vec![vec![Vec::new(); coders]; names.len()];
    let mut events = Vec::new();
    let mut complete = 0;
    for doc in &input.documents {
        let toks = tokenize(&doc.text);
        runs.iter_mut().flatten().for_each(Vec::clear);
        ranges.iter_mut().flatten().for_each(Vec::clear);
        for (c, set) in doc.sets.iter().enumerate() {
            for span in set.iter().flat_map(|s| &s.spans) {
                let Some(&l) = index.get(span.label.as_str()) else {
                    continue;
                };
                runs[l][c].push(token_range(&toks, span.start, span.end));
                ranges[l][c].push((span.start, span.end));
            }
        }
        let present: Vec<usize> = (0..coders).filter(|&c| doc.sets[c].is_some()).collect();
        let is_complete = present.len() == coders;
        complete += usize::from(is_complete);
        let len = doc.text.chars().count();
        for l in 0..names.len() {
            runs[l].iter_mut().for_each(tokens::union);
            let present_runs: Vec<&[TokenRange]> =
                present.iter().map(|&c| runs[l][c].as_slice()).collect();
            add_coverage(&mut token_alpha[l], toks.len(), &present_runs, &mut events);
            if is_complete {
                let units: Vec<&[(usize, usize)]> = ranges[l].iter().map(Vec::as_slice).collect();
                alpha_u[l].add_document(len, &units);
            }
        }
    }
    let coded: Vec<Vec<&crate::model::AnnotationSet>> = input
        .documents
        .iter()
        .map(|d| d.sets.iter().flatten().collect())
        .collect();
    AllCodersReport {
        variables: crate::agreement::variable_report::all_coders(&input.codebook, &coded),
        documents: input.documents.iter().filter(|d| d.coded_by() >= 2).count(),
        complete_documents: complete,
        labels: OrderedMap(
            names
                .into_iter()
                .zip(token_alpha.iter().zip(&alpha_u))
                .map(|(name, (t, u))| {
                    let report = TeamLabelReport {
                        token_alpha: t.alpha(),
                        alpha_u: u.alpha(),
                    };
                    (name, report)
                })
                .collect(),
        ),
    }
}

/// The whole team report: all-coder alphas, every pair's two-coder report
/// (with `options`), and the pairs' mean micro F1.
pub fn compute_team(input: &TeamInput, options: ReportOptions) -> TeamReport {
    let pairs: Vec<_> = input
        .pairs()
        .into_iter()
        .map(|(a, b)| compute(&input.pair(a, b), options))
        .collect();
    TeamReport {
        coders: input.coders.clone(),
        all: compute_all(input),
        mean: PairMean::of(&pairs),
        pairs,
    }
}
