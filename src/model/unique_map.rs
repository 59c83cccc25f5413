//! Reading a map that refuses a key written twice. Serde's own maps keep
//! the last of two equal keys, so `attrs: {"polarity": "support",
//! "polarity": "oppose"}` silently became "oppose"; which one the coder
//! meant cannot be known, so the file is refused at that key.

use crate::wording::quoted;
use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// `deserialize_with` for a `BTreeMap<String, V>` field.
pub fn deserialize<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(Unique(PhantomData))
}

struct Unique<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "the key {} is written twice; keep the one that is meant",
                    quoted(&key)
                )));
            }
            let value = map.next_value()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct T {
        #[serde(default, deserialize_with = "super::deserialize")]
        attrs: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn a_key_written_twice_is_refused_where_it_is() {
        let ok: T = ron::from_str(r#"(attrs: {"a": "1", "b": "2"})"#).unwrap();
        assert_eq!(ok.attrs.len(), 2);
        let text = "(\n    attrs: {\"polarity\": \"support\", \"polarity\": \"oppose\"},\n)";
        let err = ron::from_str::<T>(text).unwrap_err();
        assert!(
            err.code.to_string().contains("“polarity” is written twice"),
            "{err}"
        );
        assert_eq!(err.span.start.line, 2);
        let none: T = ron::from_str("()").unwrap();
        assert!(none.attrs.is_empty());
    }
}
