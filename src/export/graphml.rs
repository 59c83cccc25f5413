//! `graphml`: the actor network of `network.rs` as GraphML (for Gephi,
//! igraph, networkx): a directed graph whose nodes are registry actors
//! (`name`, `label` = name, `kind`, `mentions`) and whose edges go from
//! holder to target actor (`polarity`, `count`, `weight` = count,
//! `documents` and `coders` as `;`-joined lists). Every attribute is
//! declared with a `<key>`; the XML is written with quick-xml, which escapes
//! markup, and characters XML 1.0 forbids are replaced by U+FFFD.

use super::ExportError;
use super::context::Ctx;
use super::network::Network;
use super::output::AtomicFile;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::Write;

/// Writes the finished network as GraphML.
pub(super) fn write(out: &mut AtomicFile, ctx: &Ctx, network: &Network) -> Result<(), ExportError> {
    write_graphml(out.writer(), ctx, network).map_err(|e| out.err(e))
}

/// (key id, for, attr.name, attr.type)
const KEYS: [(&str, &str, &str, &str); 9] = [
    ("d0", "node", "name", "string"),
    ("d1", "node", "label", "string"),
    ("d2", "node", "kind", "string"),
    ("d3", "node", "mentions", "int"),
    ("d4", "edge", "polarity", "string"),
    ("d5", "edge", "count", "int"),
    ("d6", "edge", "weight", "double"),
    ("d7", "edge", "documents", "string"),
    ("d8", "edge", "coders", "string"),
];

fn write_graphml(out: &mut impl Write, ctx: &Ctx, network: &Network) -> std::io::Result<()> {
    let mut w = quick_xml::Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    for (id, target, name, ty) in KEYS {
        w.create_element("key")
            .with_attributes([
                ("id", id),
                ("for", target),
                ("attr.name", name),
                ("attr.type", ty),
            ])
            .write_empty()?;
    }
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "actors"), ("edgedefault", "directed")]),
    ))?;
    for (actor, mentions) in network.nodes(ctx) {
        let id = actor.id.to_string();
        let name = xml_safe(&actor.name);
        w.create_element("node")
            .with_attribute(("id", id.as_str()))
            .write_inner_content(|w| {
                data(w, "d0", &name)?;
                data(w, "d1", &name)?;
                data(w, "d2", actor.kind.as_str())?;
                data(w, "d3", &mentions.to_string())
            })?;
    }
    for (n, ((holder, target, polarity), edge)) in network.edges.iter().enumerate() {
        let id = format!("e{}", n + 1);
        let (source, target) = (holder.to_string(), target.to_string());
        w.create_element("edge")
            .with_attributes([
                ("id", id.as_str()),
                ("source", source.as_str()),
                ("target", target.as_str()),
            ])
            .write_inner_content(|w| {
                data(w, "d4", &xml_safe(polarity))?;
                data(w, "d5", &edge.count.to_string())?;
                data(w, "d6", &format!("{:.1}", edge.count as f64))?;
                data(w, "d7", &edge.documents_field())?;
                data(w, "d8", &edge.coders_field())
            })?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.into_inner().write_all(b"\n")
}

fn data<W: Write>(w: &mut quick_xml::Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// Replaces characters XML 1.0 does not allow (most C0 controls, lone
/// surrogates cannot occur in Rust strings, U+FFFE/U+FFFF).
pub(super) fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}
