//! Codecs of file formats that both the import and the export speak, so
//! that neither takes its reading or writing rules from the other.

pub mod brat;
