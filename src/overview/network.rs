//! The actor network of the overview: the same network `export --format
//! graphml` writes (see `export::network`): every registry actor is a node
//! sized by the spans referring to it; every span with a `holder` and a
//! `target` link whose spans refer to registry actors adds one to the
//! directed edge holder -> target of its `polarity` (parallel edges per
//! polarity). It counts the spans of the figures' source (by default
//! gold where adjudicated, else the current coder); coders are pooled only
//! when "all coders summed" is chosen, and its caption says whose it is.

use super::figures::{Figures, Pick};
use super::index::NONE;
use crate::model::{ActorId, ActorKind};
use std::collections::{BTreeMap, HashMap};

/// A node: one registry actor.
#[derive(Clone, Debug, PartialEq)]
pub struct NetNode {
    /// Registry id.
    pub actor: ActorId,
    /// Name.
    pub name: String,
    /// Kind (node colour).
    pub kind: ActorKind,
    /// Spans referring to it (node size).
    pub mentions: usize,
}

/// A directed edge holder -> target of one polarity.
#[derive(Clone, Debug, PartialEq)]
pub struct NetEdge {
    /// Index into [`ActorNetwork::nodes`] of the holder.
    pub from: usize,
    /// Index of the target.
    pub to: usize,
    /// Polarity value ("" for none).
    pub polarity: String,
    /// Stances behind it.
    pub count: usize,
}

impl NetEdge {
    /// Its tooltip / SVG title: "holder -> target (polarity): count".
    pub fn title(&self, net: &ActorNetwork) -> String {
        let polarity = if self.polarity.is_empty() {
            "no polarity"
        } else {
            &self.polarity
        };
        format!(
            "{} -> {} ({polarity}): {}",
            net.nodes[self.from].name, net.nodes[self.to].name, self.count
        )
    }

    /// Stroke width, from 1 to 6, by count relative to the largest edge.
    pub fn width(&self, max_count: f32) -> f32 {
        1.0 + 5.0 * self.count as f32 / max_count
    }

    /// What a click on the edge lists.
    pub fn pick(&self, net: &ActorNetwork) -> Pick {
        Pick::Edge {
            holder: net.nodes[self.from].actor,
            target: net.nodes[self.to].actor,
            polarity: self.polarity.clone(),
        }
    }
}

/// The sizes the network is drawn at, relative to the largest node and
/// edge; the window and the SVG both draw with it, so they cannot drift.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkScale {
    max_mentions: f32,
    max_count: f32,
}

impl NetworkScale {
    /// Radius of the node with no mentions.
    pub const MIN_RADIUS: f32 = 5.0;
    /// What the node with the most mentions adds to [`Self::MIN_RADIUS`].
    pub const RADIUS_RANGE: f32 = 18.0;

    /// The scale of `net`.
    pub fn of(net: &ActorNetwork) -> NetworkScale {
        let max = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0).max(1) as f32;
        NetworkScale {
            max_mentions: max(&mut net.nodes.iter().map(|n| n.mentions)),
            max_count: max(&mut net.edges.iter().map(|e| e.count)),
        }
    }

    /// Radius of a node with `mentions`: its area grows with the mentions.
    pub fn radius(&self, mentions: usize) -> f32 {
        Self::MIN_RADIUS + Self::RADIUS_RANGE * (mentions as f32 / self.max_mentions).sqrt()
    }

    /// Stroke width of `edge` (see [`NetEdge::width`]).
    pub fn width(&self, edge: &NetEdge) -> f32 {
        edge.width(self.max_count)
    }
}

/// Nodes in registry order and edges by (holder, target, polarity).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorNetwork {
    /// Every registry actor.
    pub nodes: Vec<NetNode>,
    /// Every edge with a count.
    pub edges: Vec<NetEdge>,
    /// Whose stances these are (see `Figures::source_caption`).
    pub caption: String,
}

impl ActorNetwork {
    /// The polarities of the edges, sorted, each once (the index of one is
    /// its colour slot in the window and the SVG).
    pub fn polarities(&self) -> Vec<&str> {
        let mut p: Vec<&str> = self.edges.iter().map(|e| e.polarity.as_str()).collect();
        p.sort_unstable();
        p.dedup();
        p
    }

    /// The network of the spans that pass the figures' filter.
    pub fn build(fig: &Figures<'_>) -> ActorNetwork {
        let ix = fig.index;
        let mut mentions: HashMap<u32, usize> = HashMap::new();
        let mut edges: BTreeMap<(u32, u32, String), usize> = BTreeMap::new();
        let compiled = fig.compiled();
        for s in ix.spans.iter().filter(|s| compiled.set_ok[s.set as usize]) {
            if s.actor != NONE {
                *mentions.entry(s.actor).or_default() += 1;
            }
            // Every (holder, target) pair of a stance is an edge.
            for &h in &s.holders {
                for &t in &s.targets {
                    let polarity = ix.value(s.polarity, "").to_string();
                    *edges.entry((h, t, polarity)).or_default() += 1;
                }
            }
        }
        let actors = &fig.project.actors.actors;
        let position: HashMap<ActorId, usize> =
            actors.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let at: HashMap<u32, usize> = ix
            .actors
            .iter()
            .enumerate()
            .filter_map(|(no, id)| Some((no as u32, *position.get(id)?)))
            .collect();
        let mentions: HashMap<usize, usize> = mentions
            .into_iter()
            .filter_map(|(no, n)| Some((*at.get(&no)?, n)))
            .collect();
        let nodes = actors
            .iter()
            .enumerate()
            .map(|(i, a)| NetNode {
                actor: a.id,
                name: a.name.clone(),
                kind: a.kind,
                mentions: mentions.get(&i).copied().unwrap_or(0),
            })
            .collect();
        let mut edges: Vec<NetEdge> = edges
            .into_iter()
            .filter_map(|((h, t, polarity), count)| {
                Some(NetEdge {
                    from: *at.get(&h)?,
                    to: *at.get(&t)?,
                    polarity,
                    count,
                })
            })
            .collect();
        // In registry order, whatever order the index met the actors in.
        edges.sort_by(|a, b| (a.from, a.to, &a.polarity).cmp(&(b.from, b.to, &b.polarity)));
        ActorNetwork {
            nodes,
            edges,
            caption: fig.source_caption(),
        }
    }

    /// The network without the actors that hold no stance and are the
    /// target of none, and how many were left out. Edge indices are
    /// renumbered; everything else is kept.
    pub fn without_unconnected(&self) -> (ActorNetwork, usize) {
        let mut keep = vec![false; self.nodes.len()];
        for e in &self.edges {
            keep[e.from] = true;
            keep[e.to] = true;
        }
        let mut new_index = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len();
                nodes.push(n.clone());
            }
        }
        let edges = self
            .edges
            .iter()
            .map(|e| NetEdge {
                from: new_index[e.from],
                to: new_index[e.to],
                ..e.clone()
            })
            .collect();
        let left_out = self.nodes.len() - nodes.len();
        let net = ActorNetwork {
            nodes,
            edges,
            caption: self.caption.clone(),
        };
        (net, left_out)
    }

    /// Undirected weights for the layout: pairs of node indices with the
    /// number of stances between them either way.
    pub fn layout_edges(&self) -> Vec<(usize, usize, f32)> {
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for e in self.edges.iter().filter(|e| e.from != e.to) {
            let key = (e.from.min(e.to), e.from.max(e.to));
            *pairs.entry(key).or_default() += e.count;
        }
        pairs
            .into_iter()
            .map(|((a, b), n)| (a, b, 1.0 + (n as f32).ln()))
            .collect()
    }
}

/// The colour of an actor kind as RGB.
pub fn kind_color(kind: ActorKind) -> [u8; 3] {
    match kind {
        ActorKind::Person => [0x4e, 0x79, 0xa7],
        ActorKind::Organization => [0x59, 0xa1, 0x4f],
        ActorKind::State => [0x9c, 0x75, 0x5f],
        ActorKind::Group => [0x76, 0xb7, 0xb2],
        ActorKind::Other => [0xba, 0xb0, 0xac],
    }
}
