//! Pre-annotated JSONL (doccano, Prodigy, newscoder) parsing and the
//! all-or-nothing checks that run before anything is written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newscoder::import::{AnnotatedBatch, check_docs, parse_jsonl_annotated};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut batch = AnnotatedBatch::default();
    let mut problems = Vec::new();
    parse_jsonl_annotated(text, "f.jsonl", "coder", &mut batch, &mut problems);
    let _ = check_docs(&batch.docs);
});
