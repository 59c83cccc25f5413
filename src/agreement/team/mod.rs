//! Agreement of two or more coders (docs/formats.md, "Agreement of more
//! than two coders"): Krippendorff's alpha per label computed over all
//! coders at once, as the coefficient is defined for m coders, and every
//! pair's two-coder report with the mean of their micro F1.
//!
//! Loading ([`load_team`]) and scoring ([`compute_team`], [`compute_all`])
//! are separate, as for two coders.

mod input;
mod report;
mod score;

pub use input::{TeamDocument, TeamInput, load_team};
pub use report::{AllCodersReport, PairMean, TeamLabelReport, TeamReport};
pub use score::{compute_all, compute_team};

#[cfg(test)]
mod tests;
