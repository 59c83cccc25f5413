//! Bytes to text: BOM removed, UTF-8 used as is, UTF-16, UTF-32 and legacy
//! encodings (Windows-1252, Latin-1, …) detected and decoded, and line
//! endings made LF. Offsets into a text written with CRLF can be carried
//! over to the normalised text.

use super::limits::binary_reason;
use encoding_rs::{Encoding, UTF_8};

/// A decoded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text: no BOM, LF line endings.
    pub text: String,
    /// The encoding it was decoded from, when it was not UTF-8 (for a
    /// warning: the guess may be wrong).
    pub encoding: Option<&'static str>,
    /// Whether some bytes did not fit the encoding and were replaced by
    /// U+FFFD.
    pub lossy: bool,
}

impl Decoded {
    /// A warning for the user about how the file was decoded, if it was not
    /// plain UTF-8.
    pub fn warning(&self) -> Option<String> {
        match (self.encoding, self.lossy) {
            (None, false) => None,
            (None, true) => {
                Some("some bytes were not valid UTF-8 and were replaced by \u{fffd}".into())
            }
            (Some(enc), false) => Some(format!("not UTF-8; decoded as {enc}")),
            (Some(enc), true) => Some(format!(
                "not UTF-8; decoded as {enc}, but some bytes did not fit and were replaced by \u{fffd}"
            )),
        }
    }
}

/// Decodes a file's bytes. `html` lets a `<meta charset>` declaration
/// decide the encoding of a file that is not UTF-8. Refuses binary data
/// (the error says why, without the path).
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    // UTF-16 and UTF-32 have NUL bytes, so this comes before the binary
    // check.
    if let Some((wide, bom_len)) = sniff_wide(bytes) {
        let (text, lossy) = wide.decode(&bytes[bom_len..]);
        return Ok(Decoded {
            text: normalize_newlines(&text),
            encoding: Some(wide.name()),
            lossy,
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok(plain(s));
        }
        return decode_legacy(rest, html);
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(reason);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(plain(s)),
        Err(_) => decode_legacy(bytes, html),
    }
}

/// A text encoding of two or four bytes per unit, told by its BOM or, for
/// a file without one, by where its NUL bytes fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wide {
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
}

impl Wide {
    /// The encoding's name, as in warnings.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Wide::Utf16Le => "UTF-16LE",
            Wide::Utf16Be => "UTF-16BE",
            Wide::Utf32Le => "UTF-32LE",
            Wide::Utf32Be => "UTF-32BE",
        }
    }

    /// Decodes `bytes` (without BOM); whether some units were not valid
    /// and were replaced by U+FFFD.
    pub(crate) fn decode(self, bytes: &[u8]) -> (String, bool) {
        let enc = match self {
            Wide::Utf16Le => encoding_rs::UTF_16LE,
            Wide::Utf16Be => encoding_rs::UTF_16BE,
            Wide::Utf32Le | Wide::Utf32Be => return decode_utf32(bytes, self == Wide::Utf32Be),
        };
        let (text, lossy) = enc.decode_without_bom_handling(bytes);
        (text.into_owned(), lossy)
    }
}

/// The wide encoding `bytes` are in, and the length of its BOM (0 when
/// told by the NUL pattern). UTF-32 is asked first, as its little-endian
/// BOM begins with UTF-16's. Without a BOM, text of mostly Latin letters
/// shows its width by NUL bytes: a NUL high byte in each four-byte group for UTF-32,
/// every NUL at an odd (little-endian) or even (big-endian) offset for
/// UTF-16; binary data has NUL bytes anywhere.
pub(crate) fn sniff_wide(bytes: &[u8]) -> Option<(Wide, usize)> {
    match bytes {
        [0xff, 0xfe, 0, 0, ..] => return Some((Wide::Utf32Le, 4)),
        [0, 0, 0xfe, 0xff, ..] => return Some((Wide::Utf32Be, 4)),
        [0xff, 0xfe, ..] => return Some((Wide::Utf16Le, 2)),
        [0xfe, 0xff, ..] => return Some((Wide::Utf16Be, 2)),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(1024)];
    let groups = &sample[..sample.len() / 4 * 4];
    if !groups.is_empty() {
        let all = |f: fn(&[u8]) -> bool| groups.chunks_exact(4).all(f);
        // (Characters go up to U+10FFFF: the third byte is at most 0x10.)
        if all(|g| g[3] == 0 && g[2] <= 0x10 && g != [0, 0, 0, 0]) {
            return Some((Wide::Utf32Le, 0));
        }
        if all(|g| g[0] == 0 && g[1] <= 0x10 && g != [0, 0, 0, 0]) {
            return Some((Wide::Utf32Be, 0));
        }
    }
    let pairs = &sample[..sample.len() / 2 * 2];
    let nuls_at = |odd: usize| {
        pairs
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == 0 && i % 2 == odd)
            .count()
    };
    let (even, odd) = (nuls_at(0), nuls_at(1));
    match (even, odd) {
        (0, n) if n >= 2 => Some((Wide::Utf16Le, 0)),
        (n, 0) if n >= 2 => Some((Wide::Utf16Be, 0)),
        _ => None,
    }
}

/// UTF-32 (which encoding_rs does not read): four bytes per character.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, bool) {
    let mut lossy = !bytes.len().is_multiple_of(4);
    let mut out = String::with_capacity(bytes.len() / 4);
    for g in bytes.chunks_exact(4) {
        let g = [g[0], g[1], g[2], g[3]];
        let unit = if big_endian {
            u32::from_be_bytes(g)
        } else {
            u32::from_le_bytes(g)
        };
        out.push(char::from_u32(unit).unwrap_or_else(|| {
            lossy = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if !bytes.len().is_multiple_of(4) {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    (out, lossy)
}

fn plain(s: &str) -> Decoded {
    Decoded {
        text: normalize_newlines(s),
        encoding: None,
        lossy: false,
    }
}

/// Decodes bytes that are not UTF-8: by the page's declared charset for
/// HTML, otherwise by chardetng's guess.
fn decode_legacy(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    let declared = if html { declared_charset(bytes) } else { None };
    let enc = declared.filter(|e| *e != UTF_8).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, false)
    });
    let (text, lossy) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: Some(enc.name()),
        lossy,
    })
}

/// The encoding a web page declares in its first kilobyte
/// (`<meta charset="…">` or `content="text/html; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// Drops a leading BOM and turns CRLF and lone CR into LF.
pub fn normalize_newlines(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if !s.contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Normalises like [`normalize_newlines`] and also returns, when the text
/// changed, the new character offset of every old one (`map[old] = new`,
/// for `old` in `0..=chars`), so spans over the old text can be moved.
pub fn normalize_with_map(s: &str) -> (String, Option<Vec<usize>>) {
    if !s.starts_with('\u{feff}') && !s.contains('\r') {
        return (s.to_string(), None);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut out = String::with_capacity(s.len());
    let mut new = 0;
    for (i, &c) in chars.iter().enumerate() {
        map.push(new);
        let dropped = (i == 0 && c == '\u{feff}') || (c == '\r' && chars.get(i + 1) == Some(&'\n'));
        if dropped {
            continue;
        }
        out.push(if c == '\r' { '\n' } else { c });
        new += 1;
    }
    map.push(new);
    (out, Some(map))
}

/// Moves an offset over the original text to the normalised one. Offsets
/// beyond the original text stay beyond the new one, so range checks still
/// catch them.
pub fn map_offset(map: Option<&[usize]>, old: usize) -> usize {
    match map {
        None => old,
        Some(m) => match m.get(old) {
            Some(&new) => new,
            None => {
                let last = m.len().saturating_sub(1);
                old - (last - m[last])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode(b"\xef\xbb\xbfTitle\r\nline\rend\r\n", false).unwrap();
        assert_eq!(d.text, "Title\nline\nend\n");
        assert_eq!(d.encoding, None);
        assert_eq!(d.warning(), None);
    }

    #[test]
    fn windows_1252_is_detected() {
        let d = decode(b"Caf\xe9 \x93quoted\x94 and more caf\xe9 text here", false).unwrap();
        assert_eq!(
            d.text,
            "Café \u{201c}quoted\u{201d} and more café text here"
        );
        assert_eq!(d.encoding, Some("windows-1252"));
        assert!(d.warning().unwrap().contains("windows-1252"));
    }

    #[test]
    fn latin1_is_decoded() {
        let d = decode(b"Espa\xf1a: el se\xf1or Mart\xedn dijo que s\xed.", false).unwrap();
        assert_eq!(d.text, "España: el señor Martín dijo que sí.");
        assert!(d.encoding.is_some());
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hé\r\nx".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes, false).unwrap();
        assert_eq!(d.text, "Hé\nx");
        assert_eq!(d.encoding, Some("UTF-16LE"));
    }

    fn wide(text: &str, bom: &[u8], unit: fn(char) -> Vec<u8>) -> Vec<u8> {
        let mut bytes = bom.to_vec();
        text.chars().for_each(|c| bytes.extend(unit(c)));
        bytes
    }

    #[test]
    fn utf32_with_and_without_bom_is_not_taken_for_utf16() {
        let le = |c: char| (c as u32).to_le_bytes().to_vec();
        let be = |c: char| (c as u32).to_be_bytes().to_vec();
        let text = "Hello, Nicolás 😀\r\nbye";
        for (bytes, name) in [
            (wide(text, &[0xff, 0xfe, 0, 0], le), "UTF-32LE"),
            (wide(text, &[0, 0, 0xfe, 0xff], be), "UTF-32BE"),
            (wide(text, &[], le), "UTF-32LE"),
            (wide(text, &[], be), "UTF-32BE"),
        ] {
            let d = decode(&bytes, false).unwrap();
            assert_eq!(d.text, "Hello, Nicolás 😀\nbye", "{name}");
            assert_eq!(d.encoding, Some(name));
            assert!(!d.lossy);
        }
    }

    #[test]
    fn utf16_without_bom_is_text_not_binary() {
        let text = "Maduro habló\nen Caracas";
        let le = |c: char| {
            let mut b = [0u16; 2];
            c.encode_utf16(&mut b)
                .iter()
                .flat_map(|u| u.to_le_bytes())
                .collect()
        };
        let be = |c: char| {
            let mut b = [0u16; 2];
            c.encode_utf16(&mut b)
                .iter()
                .flat_map(|u| u.to_be_bytes())
                .collect()
        };
        for (bytes, name) in [
            (wide(text, &[], le), "UTF-16LE"),
            (wide(text, &[], be), "UTF-16BE"),
        ] {
            let d = decode(&bytes, false).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, Some(name));
        }
        // NUL bytes at both odd and even offsets: still binary.
        assert!(decode(b"\0\0ab\0c\0\0", false).is_err());
    }

    #[test]
    fn html_charset_declaration_wins() {
        let page =
            b"<html><head><meta charset=\"iso-8859-7\"></head><body>\xe1\xe2\xe3</body></html>";
        let d = decode(page, true).unwrap();
        assert!(d.text.contains("αβγ"), "{}", d.text);
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"PK\x03\x04\0\0binary", false).is_err());
    }

    #[test]
    fn offsets_follow_normalisation() {
        let raw = "\u{feff}ab\r\ncd\re";
        let (text, map) = normalize_with_map(raw);
        assert_eq!(text, "ab\ncd\ne");
        let map = map.unwrap();
        // 'c' was at 5 (BOM, a, b, CR, LF) and is now at 3.
        assert_eq!(map_offset(Some(&map), 5), 3);
        assert_eq!(map_offset(Some(&map), raw.chars().count()), 7);
        assert_eq!(map_offset(Some(&map), 20), 18);
        assert_eq!(normalize_with_map("plain").1, None);
    }
}
