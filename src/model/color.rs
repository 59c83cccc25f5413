//! Label colours, stored as `"#rrggbb"` so project files stay readable.

use crate::wording::quoted;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub [u8; 3]);

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl FromStr for Color {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.is_ascii())
            .ok_or_else(|| format!("colour {s} is not of the form #rrggbb", s = quoted(s)))?;
        let byte = |i: usize| {
            u8::from_str_radix(&hex[i..i + 2], 16)
                .map_err(|_| format!("colour {s} is not of the form #rrggbb", s = quoted(s)))
        };
        Ok(Color([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        let c: Color = "#1a2B3c".parse().unwrap();
        assert_eq!(c.0, [0x1a, 0x2b, 0x3c]);
        assert_eq!(c.to_string(), "#1a2b3c");
        assert!("1a2b3c".parse::<Color>().is_err());
        assert!("#12345".parse::<Color>().is_err());
        assert!("#ééé".parse::<Color>().is_err());
    }
}
