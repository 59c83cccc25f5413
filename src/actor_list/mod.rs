//! Actor lists from outside the project (DESIGN §4, `newscoder actors`):
//! politicians, parties and states as a spreadsheet analysts already have.
//!
//! - [`merge`]: one listed actor into the registry. A name or alias the
//!   registry already knows merges into that actor (its new aliases added,
//!   attributes it lacks filled in) instead of adding a duplicate, so
//!   importing a list twice changes nothing. Pure.
//! - [`csv_read`] / [`csv_write`]: the CSV form (`name`, `kind`, `aliases`
//!   separated by `|`, any other column an attribute). Pure.
//! - [`listing`]: the `list --json` shape. Pure.
//! - [`apply`]: carries listed actors into a project folder under its write
//!   lock, all or nothing.

pub mod apply;
pub mod csv_read;
pub mod csv_write;
pub mod listing;
pub mod merge;

pub use apply::{ListedAt, apply_listed};
pub use csv_read::{ActorCsv, read_actor_csv};
pub use csv_write::{ActorsCsv, actors_csv};
pub use listing::{ActorsJson, ListedJson, actors_json};
pub use merge::{Change, ListedActor, MergeOutcome, merge_listed};

use crate::model::ActorKind;

/// The kinds as written on the command line and in CSV files, in order.
pub const KIND_NAMES: &str = "person, organization, state, group, other";

/// Reads a kind as written in a list or on the command line: the lower-case
/// names of [`ActorKind::as_str`] in any case (and the British
/// `organisation`). The error lists the kinds.
pub fn parse_kind(text: &str) -> Result<ActorKind, String> {
    let wanted = text.trim().to_lowercase();
    if wanted == "organisation" {
        return Ok(ActorKind::Organization);
    }
    ActorKind::ALL
        .into_iter()
        .find(|k| k.as_str() == wanted)
        .ok_or_else(|| {
            format!(
                "unknown kind {}; the kinds are {KIND_NAMES}",
                crate::wording::quoted(text.trim())
            )
        })
}

/// Splits an `aliases` cell at `|` into trimmed, non-empty aliases.
pub fn split_aliases(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_in_any_case_and_an_unknown_one_lists_them() {
        assert_eq!(parse_kind("Person"), Ok(ActorKind::Person));
        assert_eq!(parse_kind(" STATE "), Ok(ActorKind::State));
        assert_eq!(parse_kind("organisation"), Ok(ActorKind::Organization));
        let err = parse_kind("party").unwrap_err();
        assert!(err.contains("“party”"), "{err}");
        assert!(err.contains(KIND_NAMES), "{err}");
    }

    #[test]
    fn alias_cells_split_at_bars() {
        assert_eq!(
            split_aliases(" Maduro | |el presidente|"),
            ["Maduro", "el presidente"]
        );
        assert!(split_aliases("").is_empty());
    }
}
