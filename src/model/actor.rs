//! The project's actor registry: canonical actors with aliases, so that many
//! mentions can count as one actor in statistics, agreement and networks.

use super::ActorId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Free attributes brought in from actor lists (party, country, …).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_map::deserialize"
    )]
    pub attributes: BTreeMap<String, String>,
}

impl Actor {
    /// A new actor with a fresh id and no aliases or attributes.
    pub fn new(name: &str, kind: ActorKind) -> Actor {
        Actor {
            id: ActorId::generate(),
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            attributes: BTreeMap::new(),
        }
    }

    /// Whether `text` is the actor's name or one of its aliases, ignoring
    /// case and surrounding whitespace.
    pub fn is_called(&self, text: &str) -> bool {
        let wanted = text.trim().to_lowercase();
        self.name.trim().to_lowercase() == wanted
            || self
                .aliases
                .iter()
                .any(|x| x.trim().to_lowercase() == wanted)
    }
}

/// All actors of a project, ordered by id (that is, by creation time).
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

    /// A new id no actor has: unique across machines, so actors added by
    /// coders working apart never collide (DESIGN §2).
    pub fn next_id(&self) -> ActorId {
        loop {
            let id = ActorId::generate();
            if self.get(id).is_none() {
                return id;
            }
        }
    }

    /// The actor whose name or one of whose aliases equals `text`, ignoring
    /// case and surrounding whitespace.
    pub fn find_by_name(&self, text: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.is_called(text))
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
