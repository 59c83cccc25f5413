//! The shape of the team report (docs/formats.md, "Agreement of more than
//! two coders"): the all-coder alphas, every pair's two-coder report and
//! the mean of the pairs' micro F1. Undefined figures are `None` (`null`).

use crate::agreement::report::{AgreementReport, OrderedMap};
use serde::Serialize;

/// Krippendorff's alphas of one label over all coders at once.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TeamLabelReport {
    /// Nominal alpha over tokens (covered by this label or not), every
    /// coder who annotated a document giving one value per token.
    pub token_alpha: Option<f64>,
    /// Unitizing alpha over the character continuum of the documents every
    /// coder annotated.
    pub alpha_u: Option<f64>,
}

/// Figures computed over all coders at once.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AllCodersReport {
    /// Documents at least two coders annotated (the units of token alpha).
    pub documents: usize,
    /// Documents every coder annotated (the continuum of alpha_u).
    pub complete_documents: usize,
    /// Per label, in codebook order, then labels met only in the data.
    pub labels: OrderedMap<TeamLabelReport>,
    /// Per document variable (a multiple choice per `<variable>=<value>`),
    /// in codebook order: alpha over every coder who coded it.
    pub variables: OrderedMap<crate::agreement::variable_report::TeamVariableReport>,
}

/// The pairs' micro F1, averaged.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PairMean {
    /// Mean micro exact-match F1 over the pairs where it is defined.
    pub exact_f1: Option<f64>,
    /// Mean micro overlap-match F1 over the pairs where it is defined.
    pub overlap_f1: Option<f64>,
}

impl PairMean {
    /// The mean over `pairs`, leaving out a pair whose F1 is undefined
    /// (neither coder has a span on their shared documents, or they share
    /// none); `None` when no pair has one.
    pub fn of(pairs: &[AgreementReport]) -> PairMean {
        let mean = |f: fn(&AgreementReport) -> Option<f64>| {
            let defined: Vec<f64> = pairs.iter().filter_map(f).collect();
            (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
        };
        PairMean {
            exact_f1: mean(|r| r.micro.exact.f1),
            overlap_f1: mean(|r| r.micro.overlap.f1),
        }
    }
}

/// Agreement of two or more coders.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TeamReport {
    /// The coders, in the order given.
    pub coders: Vec<String>,
    /// Krippendorff's alpha over all coders at once.
    pub all: AllCodersReport,
    /// Every pair's two-coder report: (1st, 2nd), (1st, 3rd), …, (2nd,
    /// 3rd), …; the earlier coder is A.
    pub pairs: Vec<AgreementReport>,
    /// The pairs' micro exact and overlap F1, averaged.
    pub mean: PairMean,
}
