//! The file under the JSON-lines formats (`jsonl`, `prodigy`): one JSON
//! object per line, written to a temporary file and moved over the target
//! only once everything is written.

use super::ExportError;
use super::output::AtomicFile;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A JSON-lines file being written.
pub(super) struct JsonLines {
    out: AtomicFile,
}

impl JsonLines {
    /// Starts the file that will replace `target`.
    pub fn create(target: &Path) -> Result<JsonLines, ExportError> {
        Ok(JsonLines {
            out: AtomicFile::create(target)?,
        })
    }

    /// Writes `value` as one line.
    pub fn line(&mut self, value: &impl Serialize) -> Result<(), ExportError> {
        let w = self.out.writer();
        let res = serde_json::to_writer(&mut *w, value)
            .map_err(std::io::Error::from)
            .and_then(|()| w.write_all(b"\n"));
        res.map_err(|e| self.out.err(e))
    }

    /// Moves the finished file over the target; returns the files written.
    pub fn finish(self) -> Result<Vec<PathBuf>, ExportError> {
        Ok(vec![self.out.commit()?])
    }
}
