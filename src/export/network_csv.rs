//! `network-csv`: the edges of the actor network (`network.rs`) as an edge
//! list, one row per (holder, target, polarity):
//! `source, target, source_name, target_name, polarity, count, documents,
//! coders` — `source`/`target` are actor ids as in the GraphML export
//! (`a3`), `documents` and `coders` are `;`-joined as there.

use super::ExportError;
use super::context::Ctx;
use super::network::Network;
use super::output::AtomicFile;

/// Writes the finished network's edges as CSV.
pub(super) fn write(out: &mut AtomicFile, ctx: &Ctx, network: &Network) -> Result<(), ExportError> {
    let path = out.target().to_path_buf();
    let mut wtr = csv::WriterBuilder::new().from_writer(out.writer());
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
        for ((holder, target, polarity), edge) in &network.edges {
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
    res.map_err(|e| ExportError::io(&path, std::io::Error::other(e.to_string())))
}
