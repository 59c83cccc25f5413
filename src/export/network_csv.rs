//! `network-csv`: the edges of the actor network (`network.rs`) as an edge
//! list, one row per (holder, target, polarity):
//! `source, target, source_name, target_name, polarity, count, documents,
//! coders` — `source`/`target` are actor ids as in the GraphML export
//! (`a3`), `documents` and `coders` are `;`-joined as there.

use super::context::{Ctx, Warnings};
use super::network::Network;
use super::output::AtomicFile;
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use std::path::{Path, PathBuf};

/// Collects the network while streaming, writes it at the end.
pub(super) struct Writer {
    out: AtomicFile,
    network: Network,
}

impl Writer {
    pub fn create(target: &Path) -> Result<Writer, ExportError> {
        Ok(Writer {
            out: AtomicFile::create(target)?,
            network: Network::default(),
        })
    }
}

impl FormatWriter for Writer {
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
        let path = self.out.target().to_path_buf();
        let mut wtr = csv::WriterBuilder::new().from_writer(self.out.writer());
        let res = (|| -> csv::Result<()> {
            wtr.write_record([
                "source",
                "target",
                "source_name",
                "target_name",
                "polarity",
                "count",
                "documents",
                "coders",
            ])?;
            let name = |id| ctx.actor(id).map(|a| a.name.as_str()).unwrap_or("");
            for ((holder, target, polarity), edge) in &self.network.edges {
                wtr.write_record([
                    holder.to_string().as_str(),
                    target.to_string().as_str(),
                    name(*holder),
                    name(*target),
                    polarity,
                    edge.count.to_string().as_str(),
                    edge.documents_field().as_str(),
                    edge.coders_field().as_str(),
                ])?;
            }
            wtr.flush()?;
            Ok(())
        })();
        drop(wtr);
        res.map_err(|e| ExportError::io(&path, std::io::Error::other(e.to_string())))?;
        Ok(vec![self.out.commit()?])
    }
}
