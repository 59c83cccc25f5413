//! The actor network behind `graphml` and `network-csv`.
//!
//! Nodes are all actors of the registry, with the number of exported spans
//! that refer to each (`mentions`). Every span with both a `holder` and a
//! `target` link (a stance in the default codebook) whose holder and target
//! spans both refer to registry actors adds one to the directed edge
//! holder actor -> target actor with the stance's `polarity` attribute
//! (empty when it has none). Edges with different polarity are separate
//! (parallel) edges. Each edge carries its count, the sorted ids of the
//! documents it comes from, and the count per coder: without `--coder`
//! every coder's stances are pooled, so two coders coding the same stance
//! count twice, and `coders` (`alice=3;bob=2`) shows who contributed what.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use crate::model::{Actor, ActorId, Span, SpanId};
use crate::wording::count;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Writes a finished network in one format (GraphML, edge-list CSV).
pub(super) type WriteNetwork = fn(&mut AtomicFile, &Ctx, &Network) -> Result<(), ExportError>;

/// Collects the network while streaming documents; writes it with its
/// format's function at the end, since edges pool over documents.
pub(super) struct NetworkWriter {
    out: AtomicFile,
    network: Network,
    write: WriteNetwork,
}

impl NetworkWriter {
    /// A writer to `target` in the format `write` produces.
    pub fn create(target: &Path, write: WriteNetwork) -> Result<NetworkWriter, ExportError> {
        Ok(NetworkWriter {
            out: AtomicFile::create(target)?,
            network: Network::default(),
            write,
        })
    }
}

impl FormatWriter for NetworkWriter {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        self.network.add(ctx, doc, warnings);
        Ok(())
    }

    fn finish(
        mut self: Box<Self>,
        ctx: &Ctx,
        warnings: &mut Warnings,
    ) -> Result<Vec<PathBuf>, ExportError> {
        self.network.report(warnings);
        (self.write)(&mut self.out, ctx, &self.network)?;
        Ok(vec![self.out.commit()?])
    }
}

/// Role names that make a span a network edge.
const HOLDER: &str = "holder";
const TARGET: &str = "target";

/// One directed, polarised edge.
#[derive(Debug, Default)]
pub(super) struct Edge {
    pub count: usize,
    pub documents: BTreeSet<String>,
    pub coders: BTreeMap<String, usize>,
}

impl Edge {
    /// `a;b;c`
    pub fn documents_field(&self) -> String {
        self.documents
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(";")
    }

    /// `alice=3;bob=2`
    pub fn coders_field(&self) -> String {
        self.coders
            .iter()
            .map(|(c, n)| format!("{c}={n}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Edges keyed by (holder, target, polarity), plus mention counts.
#[derive(Debug, Default)]
pub(super) struct Network {
    pub mentions: HashMap<ActorId, usize>,
    pub edges: BTreeMap<(ActorId, ActorId, String), Edge>,
    /// Stances left out because a side has no registry actor.
    pub skipped: usize,
}

impl Network {
    /// Adds the spans of one document's exported sets.
    pub fn add(&mut self, ctx: &Ctx, doc: &DocBatch, warnings: &mut Warnings) {
        for set in &doc.sets {
            let by_id: HashMap<SpanId, &Span> = set.spans.iter().map(|s| (s.id, s)).collect();
            let actor_of = |id: &SpanId| -> Option<ActorId> {
                let a = by_id.get(id)?.actor?;
                ctx.actor(a).map(|a| a.id)
            };
            for s in &set.spans {
                if let Some(a) = s.actor {
                    if ctx.actor(a).is_some() {
                        *self.mentions.entry(a).or_default() += 1;
                    } else {
                        warnings.push(format!(
                            "{} ({}): span {} refers to actor {}, which is not in the registry",
                            doc.entry.id, set.coder, s.id.0, a
                        ));
                    }
                }
                let (holders, targets) = (s.targets(HOLDER), s.targets(TARGET));
                if holders.is_empty() || targets.is_empty() {
                    continue;
                }
                // Each (holder, target) pair is an edge of its own: "the
                // US and Canada recognized Guaidó" is two edges.
                let holders: Vec<ActorId> = holders.iter().filter_map(&actor_of).collect();
                let targets: Vec<ActorId> = targets.iter().filter_map(&actor_of).collect();
                if holders.is_empty() || targets.is_empty() {
                    self.skipped += 1;
                    continue;
                }
                let polarity = s.attrs.get("polarity").cloned().unwrap_or_default();
                for &h in &holders {
                    for &t in &targets {
                        let edge = self.edges.entry((h, t, polarity.clone())).or_default();
                        edge.count += 1;
                        if !edge.documents.contains(&doc.entry.id) {
                            edge.documents.insert(doc.entry.id.clone());
                        }
                        *edge.coders.entry(set.coder.clone()).or_default() += 1;
                    }
                }
            }
        }
    }

    /// Reports stances that could not become edges, once.
    pub fn report(&self, warnings: &mut Warnings) {
        if self.skipped > 0 {
            warnings.push(format!(
                "{} with holder and target not in the network because the holder or the target span refers to no registry actor",
                count(self.skipped, "stance", "stances")
            ));
        }
    }

    /// Registry actors with their mention counts, in registry order.
    pub fn nodes<'a>(&self, ctx: &Ctx<'a>) -> Vec<(&'a Actor, usize)> {
        ctx.project
            .actors
            .actors
            .iter()
            .map(|a| (a, self.mentions.get(&a.id).copied().unwrap_or(0)))
            .collect()
    }
}
