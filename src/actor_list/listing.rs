//! The shape `newscoder actors PROJECT list --json` prints (DESIGN §4):
//! `{"actors": [{"id", "name", "kind", "aliases": [...], …}]}`, where … are
//! the actor's attributes as further keys. An attribute named like one of
//! the fixed keys (`id`, `name`, `kind`, `aliases`) is written as
//! `extra_<name>` (as the jsonl export does with metadata), so the fixed
//! keys always mean what they say.

use super::csv_write::free_key;
use crate::model::ActorRegistry;
use serde::Serialize;
use std::collections::BTreeMap;

/// The keys every listed actor has.
pub const FIXED_KEYS: [&str; 4] = ["id", "name", "kind", "aliases"];

/// One actor as `list --json` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct ListedJson {
    /// Its id (26-character ULID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// `person`, `organization`, `state`, `group` or `other`.
    pub kind: &'static str,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// Its attributes, renamed where they clash with a fixed key.
    #[serde(flatten)]
    pub attributes: BTreeMap<String, String>,
}

/// `{"actors": [...]}`: what `list --json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct ActorsJson {
    /// The actors, in registry order.
    pub actors: Vec<ListedJson>,
}

/// `{"actors": [...]}` for `registry`, in registry order; serialized, the
/// keys of each actor come in the order id, name, kind, aliases, then the
/// attributes sorted.
pub fn actors_json(registry: &ActorRegistry) -> ActorsJson {
    let actors: Vec<ListedJson> = registry
        .actors
        .iter()
        .map(|a| {
            let mut attributes = BTreeMap::new();
            for (k, v) in &a.attributes {
                let key = free_key(k, |x| {
                    FIXED_KEYS.contains(&x) || (x != k && a.attributes.contains_key(x))
                });
                attributes.insert(key, v.clone());
            }
            ListedJson {
                id: a.id.to_string(),
                name: a.name.clone(),
                kind: a.kind.as_str(),
                aliases: a.aliases.clone(),
                attributes,
            }
        })
        .collect();
    ActorsJson { actors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind};

    #[test]
    fn attributes_are_further_keys_and_never_overwrite_fixed_ones() {
        let mut reg = ActorRegistry::default();
        let mut a = Actor::new("Cuba", ActorKind::State);
        a.attributes.insert("iso".into(), "CU".into());
        a.attributes.insert("id".into(), "Q241".into());
        let id = a.id.to_string();
        reg.put(a);
        let text = serde_json::to_string(&actors_json(&reg)).unwrap();
        assert!(
            text.starts_with(&format!("{{\"actors\":[{{\"id\":\"{id}\",\"name\":")),
            "{text}"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let one = &v["actors"][0];
        assert_eq!(one["id"], id.as_str());
        assert_eq!(one["name"], "Cuba");
        assert_eq!(one["kind"], "state");
        assert_eq!(one["aliases"], serde_json::json!([]));
        assert_eq!(one["iso"], "CU");
        assert_eq!(one["extra_id"], "Q241");
        assert_eq!(one.as_object().unwrap().len(), 6);
    }
}
