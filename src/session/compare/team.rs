//! The all-coder figures the compare view shows beside the chosen pair:
//! Krippendorff's alpha per label over every coder of the project at once
//! (docs/formats.md, "Agreement of more than two coders"), from the sets as
//! the workspace holds them. The suggestions pseudo-coder and gold sets are
//! not coders of the team.

use crate::agreement::{
    ADJUDICATION_DIR, AllCodersReport, DEFAULT_GOLD, TeamDocument, TeamInput, compute_all,
    has_annotated,
};
use crate::edit::{SetKey, Workspace};
use crate::suggestions::SUGGESTIONS_CODER;
use std::path::Path;

/// Alpha per label over all coders of the team.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamFigures {
    /// The coders, in the project's order.
    pub coders: Vec<String>,
    /// The figures.
    pub report: AllCodersReport,
}

/// Coders with a folder under `adjudication/`: someone adjudicated into
/// them, so they are gold sets, not coders.
fn adjudicated_into(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(ADJUDICATION_DIR)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

/// The team among `all` coders: everyone except the suggestions
/// pseudo-coder, `gold`, the default gold name and every coder adjudicated
/// into.
pub fn team_coders(all: &[String], root: &Path, gold: &str) -> Vec<String> {
    let golds = adjudicated_into(root);
    all.iter()
        .filter(|c| {
            let c = c.as_str();
            c != SUGGESTIONS_CODER
                && c != gold
                && c != DEFAULT_GOLD
                && !golds.iter().any(|g| g == c)
        })
        .cloned()
        .collect()
}

impl TeamFigures {
    /// The figures over those of `coders` who annotated anything (at least
    /// three: with two, the pair's report says it all), from the sets in
    /// `ws`, loading them as needed; `None` with fewer such coders. Files
    /// that cannot be read are left out and recorded in `problems`.
    pub fn load(
        ws: &mut Workspace,
        coders: &[String],
        problems: &mut Vec<String>,
    ) -> Option<TeamFigures> {
        if coders.len() < 3 {
            return None;
        }
        let ids: Vec<String> = ws
            .project()
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect();
        let mut documents = Vec::new();
        for id in ids {
            let mut sets = Vec::with_capacity(coders.len());
            for c in coders {
                match ws.load(&SetKey::new(c, &id)) {
                    Ok(set) => sets.push(Some(set).filter(|s| has_annotated(Some(s))).cloned()),
                    Err(e) => {
                        problems.push(e.to_string());
                        sets.push(None);
                    }
                }
            }
            if sets.iter().flatten().count() < 2 {
                continue;
            }
            match ws.dir().read_checked_text_of(&id) {
                Ok(text) => documents.push(TeamDocument { id, text, sets }),
                Err(e) => problems.push(e.to_string()),
            }
        }
        // A coder who has annotated nothing (e.g. the adjudicator, whose
        // folder holds only a lock) is no member of the team.
        let active: Vec<usize> = (0..coders.len())
            .filter(|&c| documents.iter().any(|d| d.sets[c].is_some()))
            .collect();
        if active.len() < 3 {
            return None;
        }
        for d in &mut documents {
            let sets = std::mem::take(&mut d.sets);
            d.sets = sets
                .into_iter()
                .enumerate()
                .filter(|(c, _)| active.contains(c))
                .map(|(_, s)| s)
                .collect();
        }
        let input = TeamInput {
            coders: active.iter().map(|&c| coders[c].clone()).collect(),
            codebook: ws.project().codebook.clone(),
            documents,
        };
        Some(TeamFigures {
            report: compute_all(&input),
            coders: input.coders,
        })
    }
}
