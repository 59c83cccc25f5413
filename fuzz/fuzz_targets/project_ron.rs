//! `project.ron` parsing, then validation of whatever parsed: must never
//! panic or overflow the stack, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newscoder::model::{Project, validate_codebook};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = newscoder::store::from_ron::<Project>(std::path::Path::new("project.ron"), text)
    {
        let _ = validate_codebook(&p.codebook);
        let _ = newscoder::store::to_ron(&p, 5, std::path::Path::new("project.ron"));
    }
});
