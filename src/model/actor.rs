//! The project's actor registry: canonical actors with aliases, so that many
//! mentions can count as one actor in statistics, agreement and networks.

use super::ActorId;
use serde::{Deserialize, Serialize};

/// What kind of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ActorKind {
    /// An individual.
    Person,
    /// A formal organisation: party, government body, army, company, NGO.
    Organization,
    /// A country or state.
    State,
    /// An informal collective.
    Group,
    /// Anything else.
    #[default]
    Other,
}

impl ActorKind {
    /// All kinds, in display order.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::State,
        ActorKind::Group,
        ActorKind::Other,
    ];

    /// Lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::State => "state",
            ActorKind::Group => "group",
            ActorKind::Other => "other",
        }
    }

    /// The kind that fits a label of the default codebook, if any.
    pub fn for_label(label: &str) -> ActorKind {
        match label {
            "Person" => ActorKind::Person,
            "Organization" => ActorKind::Organization,
            "State" => ActorKind::State,
            "Group" => ActorKind::Group,
            _ => ActorKind::Other,
        }
    }
}

/// One canonical actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id; spans refer to it.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
    /// Kind of actor.
    #[serde(default)]
    pub kind: ActorKind,
    /// Other ways the actor is referred to ("Maduro", "the president").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// All actors of a project, ordered by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct ActorRegistry {
    /// The actors; ids are unique.
    pub actors: Vec<Actor>,
}

impl ActorRegistry {
    /// The actor with id `id`.
    pub fn get(&self, id: ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// An id no actor has yet.
    pub fn next_id(&self) -> ActorId {
        ActorId(self.actors.iter().map(|a| a.id.0 + 1).max().unwrap_or(1))
    }

    /// The actor whose name or one of whose aliases equals `text`, ignoring
    /// case and surrounding whitespace.
    pub fn find_by_name(&self, text: &str) -> Option<&Actor> {
        let wanted = text.trim().to_lowercase();
        self.actors.iter().find(|a| {
            a.name.to_lowercase() == wanted || a.aliases.iter().any(|x| x.to_lowercase() == wanted)
        })
    }

    /// Actors whose name or an alias contains `query` (case-insensitive), in
    /// registry order; an empty query matches all.
    pub fn search<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a Actor> + 'a {
        let q = query.trim().to_lowercase();
        self.actors.iter().filter(move |a| {
            q.is_empty()
                || a.name.to_lowercase().contains(&q)
                || a.aliases.iter().any(|x| x.to_lowercase().contains(&q))
        })
    }

    /// Inserts `actor`, replacing the entry with the same id; returns the
    /// entry it replaced. Keeps the list ordered by id.
    pub fn put(&mut self, actor: Actor) -> Option<Actor> {
        match self.actors.binary_search_by_key(&actor.id, |a| a.id) {
            Ok(i) => Some(std::mem::replace(&mut self.actors[i], actor)),
            Err(i) => {
                self.actors.insert(i, actor);
                None
            }
        }
    }

    /// Removes and returns the actor with id `id`.
    pub fn remove(&mut self, id: ActorId) -> Option<Actor> {
        let i = self.actors.iter().position(|a| a.id == id)?;
        Some(self.actors.remove(i))
    }
}
