//! Readers that bring articles (and other tools' annotations) into a
//! project.

pub mod annotated;
