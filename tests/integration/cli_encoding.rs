//! JSON Lines are UTF-8, line by line: a stray byte on one line is refused
//! with its file and line, and never makes the whole file decode as another
//! encoding (which would change every accent elsewhere and move
//! pre-annotated offsets onto other characters). UTF-32 is read as UTF-32,
//! and UTF-16 without a BOM as text.

use crate::util::{newscoder, run_said, tempdir, write};
use std::path::Path;

fn new_project(root: &Path) {
    newscoder().arg("new").arg(root).assert().success();
}

/// The texts of the project's stored documents.
fn stored_texts(root: &Path) -> Vec<String> {
    let mut texts: Vec<String> = std::fs::read_dir(root.join("documents"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    texts
}

const GOOD: &str =
    r#"{"id": "d1", "text": "Nicolás Maduro habló en Caracas.", "label": [[8, 14, "Person"]]}"#;

/// `{"id": "d2", "text": "Guaido<0xA0>spoke."}`: one Latin-1 byte.
fn stray_line() -> Vec<u8> {
    let mut line = br#"{"id": "d2", "text": "Guaido"#.to_vec();
    line.push(0xa0);
    line.extend_from_slice(br#"spoke.", "label": [[0, 6, "Person"]]}"#);
    line
}

fn file_with_stray_byte() -> Vec<u8> {
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.push(b'\n');
    bytes.extend(stray_line());
    bytes.push(b'\n');
    bytes
}

#[test]
fn a_stray_byte_refuses_a_pre_annotated_file_naming_the_line() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    new_project(&p);
    let input = write(tmp.path(), "pre.jsonl", file_with_stray_byte());
    let out = newscoder()
        .args(["import", "--coder", "carol", "--format", "jsonl"])
        .arg(&p)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("pre.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("0xA0"), "{stderr}");
    assert!(!stderr.contains("pre.jsonl:1:"), "line 1 is fine: {stderr}");
    assert!(stored_texts(&p).is_empty(), "nothing imported");
}

#[test]
fn a_stray_byte_refuses_only_its_line_of_articles() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    new_project(&p);
    let input = write(tmp.path(), "batch.jsonl", file_with_stray_byte());
    let (_, all) = run_said(newscoder().arg("import").arg(&p).arg(&input));
    assert!(all.contains("batch.jsonl:2:"), "{all}");
    assert!(all.contains("not valid UTF-8"), "{all}");
    // Line 1 is stored exactly as written: no mojibake ("NicolÃ¡s").
    assert_eq!(
        stored_texts(&p),
        vec!["Nicolás Maduro habló en Caracas.".to_string()]
    );
}

#[test]
fn pre_annotated_offsets_land_on_the_words_they_were_made_on() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    new_project(&p);
    let input = write(tmp.path(), "pre.jsonl", format!("{GOOD}\n"));
    newscoder()
        .args(["import", "--coder", "carol", "--format", "jsonl"])
        .arg(&p)
        .arg(&input)
        .assert()
        .success();
    let out = tmp.path().join("out.jsonl");
    newscoder()
        .args(["export", "--format", "jsonl", "--out"])
        .arg(&out)
        .arg(&p)
        .assert()
        .success();
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains(r#""text":"Maduro""#), "{exported}");
    assert!(exported.contains("Nicolás"), "{exported}");
}

fn utf32le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom {
        vec![0xff, 0xfe, 0, 0]
    } else {
        Vec::new()
    };
    for c in text.chars() {
        bytes.extend((c as u32).to_le_bytes());
    }
    bytes
}

#[test]
fn utf32_files_are_read_as_utf32() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    new_project(&p);
    let with_bom = write(
        tmp.path(),
        "a.txt",
        utf32le("Hello Caracas\n\nMaduro habló.\n", true),
    );
    let without = write(
        tmp.path(),
        "b.txt",
        utf32le("Hola Maracaibo\n\nGuaidó habló.\n", false),
    );
    let lines = write(
        tmp.path(),
        "c.jsonl",
        utf32le("{\"text\": \"Señor Padrino López\"}\n", true),
    );
    let out = newscoder()
        .arg("import")
        .arg(&p)
        .args([&with_bom, &without, &lines])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stored_texts(&p),
        vec![
            "Hello Caracas\n\nMaduro habló.\n".to_string(),
            "Hola Maracaibo\n\nGuaidó habló.\n".to_string(),
            "Señor Padrino López".to_string(),
        ]
    );
}

#[test]
fn utf16_without_bom_is_text_not_binary() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    new_project(&p);
    let bytes: Vec<u8> = "Title\n\nPadrino López spoke.\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let input = write(tmp.path(), "w.txt", bytes);
    let (_, all) = run_said(newscoder().arg("import").arg(&p).arg(&input));
    assert!(!all.contains("binary"), "{all}");
    assert_eq!(
        stored_texts(&p),
        vec!["Title\n\nPadrino López spoke.\n".to_string()]
    );
}
