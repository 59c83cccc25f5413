//! Matching the other copy's actors to this project's registry.
//!
//! The same id on both sides is the same actor, unless the two share no
//! name or alias at all: format 1 numbered actors `max + 1`, so two
//! machines could give one number to two people, and those are kept apart
//! (the other copy's gets a fresh id). An actor added on both sides under
//! the same name or with an alias in common is taken as one.

use super::report::{ActorDecision, ActorOutcome};
use crate::model::{Actor, ActorId, ActorRegistry};
use std::collections::HashMap;

/// The registry after the merge, how the other copy's ids map onto it, and
/// one decision per actor of the other copy.
pub struct ActorMerge {
    /// The project's registry with the other copy's actors brought in.
    pub registry: ActorRegistry,
    /// Other copy's id → id in the project (only where they differ).
    pub remap: HashMap<ActorId, ActorId>,
    /// What happened to each of the other copy's actors.
    pub decisions: Vec<ActorDecision>,
}

/// Brings `other`'s actors into a copy of `ours`.
pub fn merge_actors(ours: &ActorRegistry, other: &ActorRegistry) -> ActorMerge {
    let mut registry = ours.clone();
    let mut remap = HashMap::new();
    let mut decisions = Vec::new();
    for theirs in &other.actors {
        let same_id = ours
            .get(theirs.id)
            .filter(|mine| shares_a_name(mine, theirs));
        let by_name = || {
            ours.actors
                .iter()
                .find(|mine| mine.id != theirs.id && shares_a_name(mine, theirs))
        };
        let outcome = if let Some(mine) = same_id.or_else(by_name) {
            if mine.id != theirs.id {
                remap.insert(theirs.id, mine.id);
            }
            let mut united = registry
                .get(mine.id)
                .cloned()
                .unwrap_or_else(|| mine.clone());
            let outcome = unite(&mut united, theirs);
            registry.put(united);
            outcome
        } else if ours.get(theirs.id).is_some() || registry.get(theirs.id).is_some() {
            // Same id, nothing in common: another actor under a colliding
            // (format-1) number.
            let mut fresh = theirs.clone();
            fresh.id = registry.next_id();
            remap.insert(theirs.id, fresh.id);
            let outcome = ActorOutcome::Renumbered {
                clashed_with: ours
                    .get(theirs.id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
            };
            registry.put(fresh);
            outcome
        } else {
            registry.put(theirs.clone());
            ActorOutcome::Added
        };
        decisions.push(ActorDecision {
            other_id: theirs.id,
            id: remap.get(&theirs.id).copied().unwrap_or(theirs.id),
            name: theirs.name.clone(),
            outcome,
        });
    }
    ActorMerge {
        registry,
        remap,
        decisions,
    }
}

/// Whether the two actors share a name or an alias (case-insensitive).
fn shares_a_name(mine: &Actor, theirs: &Actor) -> bool {
    std::iter::once(&theirs.name)
        .chain(&theirs.aliases)
        .any(|n| mine.is_called(n))
}

/// Adds `theirs`'s aliases and attributes to `mine`; a different name
/// becomes an alias (the project's name is kept), a different kind or
/// attribute value is reported and the project's kept.
fn unite(mine: &mut Actor, theirs: &Actor) -> ActorOutcome {
    if mine == theirs {
        return ActorOutcome::Same;
    }
    let mut aliases = Vec::new();
    let mut conflicts = Vec::new();
    if mine.name.trim().to_lowercase() != theirs.name.trim().to_lowercase() {
        conflicts.push(format!(
            "named {} here, {} in the other copy (kept; the other name is now an alias)",
            crate::wording::quoted(&mine.name),
            crate::wording::quoted(&theirs.name)
        ));
    }
    for name in std::iter::once(&theirs.name).chain(&theirs.aliases) {
        if !mine.is_called(name) {
            mine.aliases.push(name.clone());
            aliases.push(name.clone());
        }
    }
    if mine.kind != theirs.kind {
        conflicts.push(format!(
            "a {} here, a {} in the other copy (kept)",
            mine.kind.as_str(),
            theirs.kind.as_str()
        ));
    }
    let mut attributes = Vec::new();
    for (key, value) in &theirs.attributes {
        match mine.attributes.get(key) {
            None => {
                mine.attributes.insert(key.clone(), value.clone());
                attributes.push(key.clone());
            }
            Some(v) if v != value => conflicts.push(format!(
                "{key} = {} here, {} in the other copy (kept)",
                crate::wording::quoted(v),
                crate::wording::quoted(value)
            )),
            Some(_) => {}
        }
    }
    ActorOutcome::United {
        aliases,
        attributes,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    fn actor(id: u128, name: &str, aliases: &[&str]) -> Actor {
        let mut a = Actor::new(name, ActorKind::Person);
        a.id = ActorId(id);
        a.aliases = aliases.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn same_name_unites_and_colliding_numbers_are_kept_apart() {
        let ours = ActorRegistry {
            actors: vec![
                actor(1, "Nicolás Maduro", &[]),
                actor(38, "Diosdado Cabello", &[]),
            ],
        };
        let other = ActorRegistry {
            actors: vec![
                actor(1, "Nicolás Maduro", &["Maduro"]),
                actor(38, "Vladimir Padrino", &[]),
                actor(99, "diosdado cabello", &["Cabello"]),
            ],
        };
        let m = merge_actors(&ours, &other);
        assert_eq!(m.registry.actors.len(), 3, "{:?}", m.registry);
        assert_eq!(m.registry.get(ActorId(1)).unwrap().aliases, vec!["Maduro"]);
        let padrino = m.remap[&ActorId(38)];
        assert_ne!(padrino, ActorId(38));
        assert_eq!(m.registry.get(padrino).unwrap().name, "Vladimir Padrino");
        assert_eq!(m.remap[&ActorId(99)], ActorId(38));
        assert_eq!(
            m.registry.get(ActorId(38)).unwrap().aliases,
            vec!["Cabello"]
        );
    }
}
