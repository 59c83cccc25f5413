//! The codebook: categories of labels, each label's colour, shortcut key,
//! attributes and link roles, and the document variables coded per article.

use super::Color;
use serde::{Deserialize, Serialize};

/// What may be coded in a project. Label names are unique across categories.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Codebook {
    /// Bumped by the user's edits; recorded so exports can say which
    /// codebook revision a dataset was coded with.
    #[serde(default)]
    pub revision: u32,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// Codes for a whole document (genre, main topic, tone…), in display
    /// order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<VariableDef>,
}

/// A code for a whole document, e.g. its genre or main topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariableDef {
    /// Unique variable name, as written in annotation files and exports.
    pub name: String,
    /// What kind of value it takes.
    pub kind: VariableKind,
    /// The values of a choice or an ordinal scale (in the scale's order);
    /// empty for numbers and free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Key that focuses the variable in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<char>,
    /// Guidance shown to coders: what the variable means and how to decide.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The kinds of document variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VariableKind {
    /// One value of a list (nominal).
    Single,
    /// Any number of values of a list; agreement scores each value as a
    /// yes/no item.
    Multiple,
    /// One value of an ordered list (ordinal).
    Ordinal,
    /// A number (interval).
    Number,
    /// Free text (nominal).
    Text,
}

impl VariableKind {
    /// All kinds, in display order.
    pub const ALL: [VariableKind; 5] = [
        VariableKind::Single,
        VariableKind::Multiple,
        VariableKind::Ordinal,
        VariableKind::Number,
        VariableKind::Text,
    ];

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            VariableKind::Single => "single choice",
            VariableKind::Multiple => "multiple choice",
            VariableKind::Ordinal => "ordinal scale",
            VariableKind::Number => "number",
            VariableKind::Text => "free text",
        }
    }

    /// Whether the variable's values come from its list.
    pub fn has_values(self) -> bool {
        matches!(
            self,
            VariableKind::Single | VariableKind::Multiple | VariableKind::Ordinal
        )
    }
}

/// A group of labels (Actor, Stance, Event, …); CoNLL export and category
/// kappa work per category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// Unique category name.
    pub name: String,
    /// Labels in display order.
    pub labels: Vec<Label>,
}

/// One tag an analyst can give a span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// Unique label name, as written in annotations and exports.
    pub name: String,
    /// Display colour.
    pub color: Color,
    /// Single-key shortcut in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<char>,
    /// Whether spans of this label are actor mentions that may point to an
    /// entry of the actor registry.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub actor: bool,
    /// Attributes a span of this label carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDef>,
    /// Link roles from a span of this label to other spans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleDef>,
    /// Guidance shown to coders.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An attribute of a label, e.g. a stance's polarity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// Attribute name, unique within its label.
    pub name: String,
    /// Which values it takes.
    pub kind: AttributeKind,
}

/// The values an attribute may take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttributeKind {
    /// One of a fixed list of values.
    Closed(Vec<String>),
    /// Any text.
    Free,
}

/// A link role, e.g. a stance's `holder`, the labels it may point to and
/// whether it takes one span or several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleDef {
    /// Role name, unique within its label.
    pub name: String,
    /// One span or several ("the United States and Canada recognized
    /// Guaidó": two holders). Left out means one.
    #[serde(default)]
    pub takes: RoleArity,
    /// Names of the labels a link in this role may point to.
    pub targets: Vec<String>,
}

/// How many spans a link role holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoleArity {
    /// At most one span.
    #[default]
    One,
    /// Any number of spans.
    Many,
}

impl Codebook {
    /// The codebook new projects start with: actors, stances, events and
    /// places for media analysis (see `assets/default-codebook.ron`).
    pub fn default_media() -> Codebook {
        ron::from_str(include_str!("../../assets/default-codebook.ron"))
            .expect("the bundled default codebook is valid RON (checked by a test)")
    }

    /// All labels with their category, in display order.
    pub fn labels(&self) -> impl Iterator<Item = (&Category, &Label)> {
        self.categories
            .iter()
            .flat_map(|c| c.labels.iter().map(move |l| (c, l)))
    }

    /// The label called `name`.
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels().map(|(_, l)| l).find(|l| l.name == name)
    }

    /// Mutable access to the label called `name`.
    pub fn label_mut(&mut self, name: &str) -> Option<&mut Label> {
        self.categories
            .iter_mut()
            .flat_map(|c| c.labels.iter_mut())
            .find(|l| l.name == name)
    }

    /// The document variable called `name`.
    pub fn variable(&self, name: &str) -> Option<&VariableDef> {
        self.variables.iter().find(|v| v.name == name)
    }

    /// The name of the category holding label `name`.
    pub fn category_of(&self, name: &str) -> Option<&str> {
        self.labels()
            .find(|(_, l)| l.name == name)
            .map(|(c, _)| c.name.as_str())
    }

    /// The label whose shortcut is `key` (case-insensitive).
    pub fn label_for_key(&self, key: char) -> Option<&Label> {
        let key = key.to_ascii_lowercase();
        self.labels()
            .map(|(_, l)| l)
            .find(|l| l.key.map(|k| k.to_ascii_lowercase()) == Some(key))
    }

    /// Adds a label to the category `category`, creating the category at the
    /// end if it does not exist. Does nothing if the label already exists.
    pub fn ensure_label(&mut self, category: &str, label: Label) {
        if self.label(&label.name).is_some() {
            return;
        }
        match self.categories.iter_mut().find(|c| c.name == category) {
            Some(c) => c.labels.push(label),
            None => self.categories.push(Category {
                name: category.to_string(),
                labels: vec![label],
            }),
        }
    }
}

impl Label {
    /// A plain label with a colour and nothing else.
    pub fn plain(name: &str, color: Color) -> Label {
        Label {
            name: name.to_string(),
            color,
            key: None,
            actor: false,
            attributes: Vec::new(),
            roles: Vec::new(),
            description: String::new(),
        }
    }

    /// The attribute definition called `name`.
    pub fn attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The role definition called `name`.
    pub fn role(&self, name: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.name == name)
    }
}

/// A colour for a label added without one (e.g. by an import): a fixed,
/// readable palette indexed by how many labels exist already.
pub fn palette_color(index: usize) -> Color {
    const PALETTE: [[u8; 3]; 10] = [
        [0x4e, 0x79, 0xa7],
        [0xf2, 0x8e, 0x2b],
        [0xe1, 0x57, 0x59],
        [0x76, 0xb7, 0xb2],
        [0x59, 0xa1, 0x4f],
        [0xed, 0xc9, 0x48],
        [0xb0, 0x7a, 0xa1],
        [0xff, 0x9d, 0xa7],
        [0x9c, 0x75, 0x5f],
        [0xba, 0xb0, 0xac],
    ];
    Color(PALETTE[index % PALETTE.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_codebook_loads_and_is_valid() {
        let cb = Codebook::default_media();
        assert!(super::super::validate_codebook(&cb).is_empty());
        let stance = cb.label("Stance").unwrap();
        assert!(stance.role("holder").is_some() && stance.role("target").is_some());
        assert!(matches!(&stance.attribute("polarity").unwrap().kind,
            AttributeKind::Closed(v) if v.iter().any(|x| x == "oppose")));
        assert_eq!(cb.category_of("Person"), Some("Actor"));
        assert_eq!(
            cb.label_for_key('P').map(|l| l.name.as_str()),
            Some("Person")
        );
    }
}
