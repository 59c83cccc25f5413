//! What every writer looks things up in while exporting (actors by id,
//! categories by label, the coders exported) and the capped warning list.

use crate::model::{Actor, ActorId, Project};
use std::collections::HashMap;

/// Read-only facts about the project shared by all writers.
pub(crate) struct Ctx<'a> {
    /// The project index.
    pub project: &'a Project,
    /// Coders being exported, in project order.
    pub coders: Vec<String>,
    /// Whether one coder was asked for (`--coder`).
    pub single_coder: bool,
    actors: HashMap<ActorId, &'a Actor>,
    categories: HashMap<&'a str, &'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(project: &'a Project, coders: Vec<String>, single_coder: bool) -> Ctx<'a> {
        // Registries and codebooks can be large; spans are looked up by the
        // million, so a linear scan per span would dominate the export.
        let actors = project.actors.actors.iter().map(|a| (a.id, a)).collect();
        let categories = project
            .codebook
            .labels()
            .map(|(c, l)| (l.name.as_str(), c.name.as_str()))
            .collect();
        Ctx {
            project,
            coders,
            single_coder,
            actors,
            categories,
        }
    }

    /// The registry actor with id `id`.
    pub fn actor(&self, id: ActorId) -> Option<&'a Actor> {
        self.actors.get(&id).copied()
    }

    /// The category of label `label` ("" for a label the codebook lacks).
    pub fn category(&self, label: &str) -> &'a str {
        self.categories.get(label).copied().unwrap_or("")
    }
}

/// Warnings collected during an export. Only the first [`Warnings::LIMIT`]
/// are kept (a huge project can produce millions); the rest are counted.
#[derive(Debug, Default)]
pub struct Warnings {
    list: Vec<String>,
    omitted: usize,
}

impl Warnings {
    /// How many warnings are kept in full.
    pub const LIMIT: usize = 1000;

    /// Records a warning.
    pub fn push(&mut self, message: String) {
        if self.list.len() < Self::LIMIT {
            self.list.push(message);
        } else {
            self.omitted += 1;
        }
    }

    /// The kept warnings and the number omitted.
    pub fn into_parts(self) -> (Vec<String>, usize) {
        (self.list, self.omitted)
    }
}
