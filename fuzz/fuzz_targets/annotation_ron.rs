//! Annotation file parsing and validation against the default codebook.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newscoder::model::{AnnotationSet, Codebook, Project, validate_set};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("a.ron");
    // The fast reader must never answer differently from the RON parser.
    if let Some(fast) = newscoder::store::parse_annotation_set(text) {
        let general = newscoder::store::from_ron::<AnnotationSet>(path, text);
        assert_eq!(
            Some(&fast),
            general.as_ref().ok(),
            "fast reader disagrees with RON"
        );
    }
    if let Ok(set) = newscoder::store::from_ron::<AnnotationSet>(path, text) {
        let project = Project::new("f", Codebook::default_media());
        let _ = validate_set(&project, 1000, &set);
        let _ = newscoder::store::to_ron(&set, 2, path);
    }
});
