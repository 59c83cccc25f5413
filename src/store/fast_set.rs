//! A fast reader for annotation files in the exact style the store writes
//! them. Loading every annotation of a large project is dominated by RON
//! parsing (see `benches/store.rs`), and annotation files are by far the
//! most numerous, so this strict reader handles the common case; anything
//! it does not recognise (comments, raw strings, unknown fields, another
//! layout, a syntax error) makes it give up, and the general RON parser
//! reads the file instead — with its line and column on errors. A property
//! test and a fuzz target check that whenever it answers, it answers
//! exactly what the RON parser does.

use crate::model::{ActorId, AnnotationSet, CodeValue, Span, SpanId, Status};
use std::collections::BTreeMap;

/// Parses `text` if it is an annotation set in the house style; `None`
/// means "use the general parser".
pub fn parse_annotation_set(text: &str) -> Option<AnnotationSet> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let set = p.set()?;
    p.ws();
    (p.i == p.s.len()).then_some(set)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.s.get(self.i) == Some(&b)).then(|| self.i += 1)
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    fn field(&mut self) -> Option<&'a str> {
        let name = self.ident()?;
        self.eat(b':')?;
        Some(name)
    }

    fn number(&mut self) -> Option<u64> {
        self.ws();
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        // Leading zeros, signs, exponents and the like: leave to RON.
        let digits = &self.text[start..self.i];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        digits.parse().ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.i..];
            let stop = rest.find(['"', '\\'])?;
            out.push_str(&rest[..stop]);
            self.i += stop;
            if self.s[self.i] == b'"' {
                self.i += 1;
                return Some(out);
            }
            self.i += 1;
            let c = match *self.s.get(self.i)? {
                b'"' => '"',
                b'\\' => '\\',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'u' => {
                    let rest = self.text.get(self.i + 1..)?;
                    let hex = rest.strip_prefix('{')?.split_once('}')?.0;
                    if hex.is_empty() || hex.len() > 6 {
                        return None;
                    }
                    self.i += hex.len() + 2;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                _ => return None,
            };
            self.i += 1;
            out.push(c);
        }
    }

    /// `(` fields `)` with optional trailing comma; calls `f` per field.
    fn strukt(&mut self, mut f: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.eat(b'(')?;
        loop {
            if self.peek()? == b')' {
                self.i += 1;
                return Some(());
            }
            let name = self.field()?;
            f(self, name)?;
            match self.peek()? {
                b',' => self.i += 1,
                b')' => {}
                _ => return None,
            }
        }
    }

    /// `{` "key": value, … `}`.
    fn map<V>(
        &mut self,
        mut value: impl FnMut(&mut Self) -> Option<V>,
    ) -> Option<BTreeMap<String, V>> {
        self.eat(b'{')?;
        let mut out = BTreeMap::new();
        loop {
            if self.peek()? == b'}' {
                self.i += 1;
                return Some(out);
            }
            let k = self.string()?;
            self.eat(b':')?;
            let v = value(self)?;
            // A key written twice is an error: leave it to the full parser,
            // which reports it with its position.
            if out.insert(k, v).is_some() {
                return None;
            }
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }

    /// `[` item, item, … `]` with optional trailing comma.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            if self.peek()? == b']' {
                self.i += 1;
                return Some(out);
            }
            out.push(item(self)?);
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    /// `[` "a", "b" `]`: a list of strings.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(|p| p.string())
    }

    /// A link role's targets: a list of ids, or (format version 1) one id;
    /// sorted without repeats as the model keeps them.
    fn targets(&mut self) -> Option<Vec<SpanId>> {
        let small = |n: u64| u32::try_from(n).ok().map(SpanId);
        if self.peek()? != b'[' {
            return Some(vec![small(self.number()?)?]);
        }
        let mut out = self.list(|p| small(p.number()?))?;
        out.sort();
        out.dedup();
        Some(out)
    }

    /// A document code: a string, a list of strings or a number written
    /// as the store writes them (`3.0`, `-0.5`, `1e30`).
    fn code(&mut self) -> Option<CodeValue> {
        match self.peek()? {
            b'"' => Some(CodeValue::Text(self.string()?)),
            b'[' => Some(CodeValue::Many(self.strings()?)),
            _ => Some(CodeValue::Number(self.float()?)),
        }
    }

    /// `-`? digits (`.` digits)? (`e` `-`? digits)?; anything else (NaN,
    /// `inf`, a sign on the exponent RON does not write) is left to RON.
    fn float(&mut self) -> Option<f64> {
        self.ws();
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        if !digits(self) {
            return None;
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if self.s.get(self.i) == Some(&b'-') {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        self.text[start..self.i].parse().ok()
    }

    fn set(&mut self) -> Option<AnnotationSet> {
        let (mut document, mut coder, mut status, mut spans) = (None, None, None, None);
        let mut codes = None;
        self.strukt(|p, name| {
            match name {
                "document" if document.is_none() => document = Some(p.string()?),
                "coder" if coder.is_none() => coder = Some(p.string()?),
                "status" if status.is_none() => {
                    status = Some(match p.ident()? {
                        "NotStarted" => Status::NotStarted,
                        "InProgress" => Status::InProgress,
                        "Done" => Status::Done,
                        _ => return None,
                    })
                }
                "spans" if spans.is_none() => spans = Some(p.spans()?),
                "codes" if codes.is_none() => codes = Some(p.map(|p| p.code())?),
                _ => return None,
            }
            Some(())
        })?;
        Some(AnnotationSet {
            document: document?,
            coder: coder?,
            status: status.unwrap_or_default(),
            codes: codes.unwrap_or_default(),
            spans: spans.unwrap_or_default(),
        })
    }

    fn spans(&mut self) -> Option<Vec<Span>> {
        self.list(|p| p.span())
    }

    fn span(&mut self) -> Option<Span> {
        let (mut id, mut start, mut end, mut label) = (None, None, None, None);
        let mut span = Span::new(SpanId(0), 0, 0, "");
        let mut seen = [false; 4];
        self.strukt(|p, name| {
            let small = |n: u64| u32::try_from(n).ok();
            let flag = |seen: &mut [bool; 4], i: usize| {
                (!std::mem::replace(&mut seen[i], true)).then_some(())
            };
            match name {
                "id" if id.is_none() => id = Some(SpanId(small(p.number()?)?)),
                "start" if start.is_none() => start = Some(usize::try_from(p.number()?).ok()?),
                "end" if end.is_none() => end = Some(usize::try_from(p.number()?).ok()?),
                "label" if label.is_none() => label = Some(p.string()?),
                "attrs" => {
                    flag(&mut seen, 0)?;
                    span.attrs = p.map(|p| p.string())?;
                }
                "links" => {
                    flag(&mut seen, 1)?;
                    span.links = p.map(|p| p.targets())?;
                    // An empty list is the same as no link: the model
                    // leaves the role out.
                    span.links.retain(|_, ts| !ts.is_empty());
                }
                "actor" => {
                    flag(&mut seen, 2)?;
                    span.actor = match p.ident()? {
                        "Some" => {
                            p.eat(b'(')?;
                            let id = if p.peek()? == b'"' {
                                ActorId::parse(&p.string()?)?
                            } else {
                                ActorId(u128::from(small(p.number()?)?))
                            };
                            p.eat(b')')?;
                            Some(id)
                        }
                        // Identical to leaving the field out.
                        "None" => None,
                        _ => return None,
                    };
                }
                "note" => {
                    flag(&mut seen, 3)?;
                    span.note = p.string()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        span.id = id?;
        span.start = start?;
        span.end = end?;
        span.label = label?;
        Some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_ron;
    use proptest::prelude::*;
    use std::path::Path;

    fn ron_parse(text: &str) -> Option<AnnotationSet> {
        ron::from_str(text).ok()
    }

    #[test]
    fn reads_the_house_style() {
        let text = r#"(
    document: "d1",
    coder: "alice",
    status: Done,
    spans: [
        (id: 1, start: 0, end: 6, label: "Person", actor: Some(1)),
        (id: 3, start: 7, end: 28, label: "Stance", attrs: {"polarity": "oppose"}, links: {"holder": 1, "target": 2}, note: "a \"quote\" \u{301} \' \\ \n"),
        (id: 4, start: 7, end: 28, label: "Stance", links: {"holder": [1, 5], "target": [2]}, actor: Some("01JD3M6V8Q2R4T6W8Y0A2C4E6G")),
    ],
    codes: {"genre": "news report", "topics": ["a", "b"], "sources": 3},
)
"#;
        let fast = parse_annotation_set(text).expect("house style");
        assert_eq!(Some(fast), ron_parse(text));
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        for text in [
            "(document: \"d\", coder: \"c\", spans: [], extra: 1)",
            "// comment\n(document: \"d\", coder: \"c\")",
            "(document: r\"d\", coder: \"c\")",
            "(document: \"d\", coder: \"c\", spans: [(id: 01, start: 0, end: 1, label: \"x\")])",
            "(document: \"d\", coder: \"c\", spans: [(id: 1, start: 0, end: 1)])",
            "(document: \"d\", coder: \"c\"",
            "(document: \"d\", coder: \"c\", coder: \"e\")",
        ] {
            assert_eq!(parse_annotation_set(text), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_ron_on_everything_the_store_writes(
            notes in proptest::collection::vec(any::<String>(), 0..6),
            labels in proptest::collection::vec("\\PC{0,8}", 1..6),
            numbers in proptest::collection::vec(any::<u32>(), 6),
        ) {
            let mut set = AnnotationSet::new("doc", "coder \" é");
            for (i, note) in notes.iter().enumerate() {
                let mut s = Span::new(SpanId(numbers[i % 6]), i, i + numbers[(i + 1) % 6] as usize, &labels[i % labels.len()]);
                s.note = note.clone();
                if i % 2 == 0 {
                    s.attrs.insert(labels[0].clone(), note.clone());
                    s.add_link(note, SpanId(numbers[2]));
                    s.add_link(note, SpanId(numbers[4]));
                    s.actor = Some(ActorId(u128::from(numbers[3]) << 64 | u128::from(numbers[5])));
                    set.codes.insert(note.clone(), crate::model::CodeValue::Many(vec![note.clone()]));
                    set.codes.insert(labels[0].clone(), crate::model::CodeValue::Number(f64::from(numbers[1])));
                }
                set.spans.push(s);
            }
            let text = to_ron(&set, 2, Path::new("x.ron")).unwrap();
            prop_assert_eq!(parse_annotation_set(&text), Some(set));
        }

        #[test]
        fn never_disagrees_with_ron_on_arbitrary_input(text in "[(){}\\[\\]:,\" a-z0-9\\\\\n]{0,80}") {
            if let Some(fast) = parse_annotation_set(&text) {
                prop_assert_eq!(Some(fast), ron_parse(&text));
            }
        }
    }
}
