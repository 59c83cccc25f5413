//! Merging another copy of a project (a folder passed around on a USB
//! stick, by e-mail or through a synced folder) into this one: the other
//! copy's documents, actors, coders' annotation sets, adjudication logs and
//! codebook additions.
//!
//! [`plan_merge`] decides and writes nothing (`--dry-run`, the window's
//! preview); [`merge`] decides again under the write lock and applies the
//! plan as one all-or-nothing change. Documents match by text hash; actors
//! by id when they share a name, else by a name or alias in common;
//! a set both sides changed differently is kept in both versions (the other
//! copy's under coder `<coder>_other`, where the compare view can set it
//! against `<coder>` and adjudicate); codebook changes that contradict each
//! other are refused. The other copy is never written to.

mod actors;
mod apply;
mod codebook;
mod error;
mod plan;
mod report;

pub use apply::merge;
pub use error::MergeError;
pub use plan::{MergePlan, plan_merge};
pub use report::{
    ActorDecision, ActorOutcome, DocDecision, DocOutcome, MergeReport, SetDecision, SetOutcome,
};
