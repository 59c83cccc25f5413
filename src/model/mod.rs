//! Pure data of a coding project and the invariants that hold between its parts.
//!
//! Nothing here touches the disk or knows about a user interface: the store
//! reads and writes these types, `edit` changes them, and every other module
//! reads them.

mod actor;
mod annotation;
mod codebook;
mod color;
mod document;
mod ids;
mod links;
mod project;
mod unique_map;
mod validate;

pub use actor::{Actor, ActorKind, ActorRegistry};
pub use annotation::{AnnotationSet, CodeValue, Span, Status};
pub use codebook::{
    AttributeDef, AttributeKind, Category, Codebook, Label, RoleArity, RoleDef, VariableDef,
    VariableKind, palette_color,
};
pub use color::Color;
pub use document::{DocumentEntry, Metadata};
pub use ids::{ActorId, SpanId, is_safe_name, safe_name, unsafe_name_reason};
pub use project::{FORMAT_VERSION, Project};
pub use validate::{Problem, code_problem, validate_codebook, validate_set};
