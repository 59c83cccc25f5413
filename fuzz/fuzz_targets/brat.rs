//! brat standoff parsing: a text and an `.ann`, split at the first NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newscoder::model::Codebook;

fuzz_target!(|data: &[u8]| {
    let Ok(all) = std::str::from_utf8(data) else {
        return;
    };
    let (txt, ann) = all.split_once('\0').unwrap_or((all, ""));
    let cb = Codebook::default_media();
    let _ = newscoder::import::brat::parse_brat(txt, ann, "f.ann", Some(&cb));
});
