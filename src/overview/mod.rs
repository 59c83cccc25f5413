//! The figures behind the overview and network views, with no window code:
//! a compact per-span [`OverviewIndex`] built in one pass over the loaded
//! annotation sets, [`Filter`]s that are a cheap scan over it (whose data:
//! a [`Source`], never coders summed unless asked), the bar
//! charts ([`figures`]), the actor network of stances ([`network`]) with a
//! force-directed [`layout`], and SVG renderings of both ([`svg`]).

mod codes;
pub mod figures;
pub mod filter;
pub mod index;
pub mod layout;
pub mod network;
pub mod svg;

pub use figures::{Bar, BarChart, ChartKind, Hit, Pick, Segment};
pub use filter::{Filter, Source, parse_date};
pub use index::OverviewIndex;
pub use network::{ActorNetwork, NetEdge, NetNode, NetworkScale};

#[cfg(test)]
mod tests;
