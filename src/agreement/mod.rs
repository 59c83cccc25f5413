//! Agreement between two coders (docs/formats.md, "Agreement"): exact and overlap matching,
//! token kappa and alpha per label, token kappa per category, unitizing
//! alpha per label, attribute kappa over matched pairs; beyond spans, actor,
//! statement, event and network agreement; and every disagreement,
//! classified; document variables ([`variables`]: percent, kappa and alpha
//! at each variable's level). For two or more coders ([`compute_team`]): Krippendorff's alpha over
//! all coders at once, every pair's report and their mean.
//!
//! Loading ([`load`], reads the project folder) and scoring ([`compute`], a
//! pure function of an [`AgreementInput`]) are separate. Adjudication into a
//! gold set with an auditable decision log: [`accept_agreed`], [`resolve`],
//! [`DecisionLog`].

mod adjudication;
mod alpha;
mod beyond;
mod category;
mod disagreements;
#[cfg(test)]
pub(crate) mod fixture;
mod input;
mod kappa;
mod matching;
mod report;
mod score;
mod team;
mod tokens;
mod unitizing;
pub mod variable_report;
pub mod variables;

pub use adjudication::{
    ADJUDICATION_DIR, Choice, CodeDecision, DEFAULT_GOLD, Decision, DecisionKey, DecisionLog,
    Origin, Resolution, Sets, SpanRef, accept_agreed, load_log, log_path, now_utc, progress,
    resolve, save_log, status, utc_timestamp,
};
pub use alpha::{
    BinaryUnits, alpha_from_coincidences, alpha_from_scaled_coincidences, alpha_nominal,
};
pub use beyond::{
    ActorTally, DocStatements, NetworkTally, RoleTarget, RoleValue, SpanLookup, StatementKind,
    StatementTally,
};
pub use disagreements::{
    Disagreement, DisagreementKind, DocumentComparison, SpanSide, all_disagreements,
    compare_document, compare_sets, compare_sets_named, disagreements_csv,
};
pub use input::{
    AgreeError, AgreementInput, DocPair, check_coders, check_team, has_annotated, load,
};
pub use kappa::{Binary, Contingency};
pub use matching::{exact_pairs, overlap_pairs};
pub use report::{
    ActorReport, AgreementReport, AttributeReport, CategoryReport, DocumentReport, LabelReport,
    MatchFigures, MicroReport, NetworkReport, OrderedMap, StatementReport,
};
pub use score::{ReportOptions, compute};
pub use team::{
    AllCodersReport, PairMean, TeamDocument, TeamInput, TeamLabelReport, TeamReport, compute_all,
    compute_team, load_team,
};
pub use tokens::{TokenCursor, TokenRange, token_range};
pub use unitizing::AlphaU;

#[cfg(test)]
mod tests;
