//! The charts and the network as standalone SVG files for reports, drawn
//! from the same figures the window shows.

use super::figures::BarChart;
use super::figures::{polarity_color, polarity_dash};
use super::network::{ActorNetwork, NetworkScale, kind_color};
use crate::wording::count;
use std::fmt::Write;

/// Text with XML's special characters escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

const FONT: &str = "font-family=\"sans-serif\" font-size=\"12\"";

/// The `stroke-dasharray` attribute of a polarity's lines ("" when solid).
fn dash_attr(polarity: &str) -> String {
    polarity_dash(polarity).map_or_else(String::new, |[dash, gap]| {
        format!(" stroke-dasharray=\"{dash} {gap}\"")
    })
}

/// A horizontal stacked bar chart with title, whose data it is (the
/// caption), category labels, totals and a legend.
pub fn bar_chart_svg(chart: &BarChart) -> String {
    let (label_w, bar_w, row_h, top) = (180.0, 460.0, 22.0, 58.0);
    let legend_h = 20.0 * chart.series.len().div_ceil(4) as f64;
    let width = label_w + bar_w + 70.0;
    let height = top + row_h * chart.bars.len().max(1) as f64 + legend_h + 20.0;
    let max = chart.max_total().max(1) as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let _ = writeln!(
        s,
        "<text x=\"10\" y=\"22\" {FONT} font-size=\"15\" font-weight=\"bold\">{}</text>",
        esc(&chart.title())
    );
    let _ = writeln!(
        s,
        "<text x=\"10\" y=\"40\" {FONT} fill=\"#555\">{}</text>",
        esc(&chart.caption)
    );
    if chart.bars.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"10\" y=\"{}\" {FONT}>No data</text>",
            top + 15.0
        );
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" {FONT} text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 15.0,
            esc(&bar.label)
        );
        let mut x = label_w;
        for seg in &bar.segments {
            let w = seg.value as f64 / max * bar_w;
            let color = chart.colors.get(seg.series).copied().unwrap_or([128; 3]);
            let name = chart.series.get(seg.series).map_or("", String::as_str);
            let _ = writeln!(
                s,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                y + 3.0,
                row_h - 6.0,
                hex(color),
                esc(name),
                seg.value
            );
            x += w;
        }
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" {FONT}>{}</text>",
            x + 4.0,
            y + 15.0,
            bar.total()
        );
    }
    let ly = top + row_h * chart.bars.len().max(1) as f64 + 12.0;
    for (i, name) in chart.series.iter().enumerate() {
        let (x, y) = (10.0 + (i % 4) as f64 * 170.0, ly + (i / 4) as f64 * 20.0);
        let color = chart.colors.get(i).copied().unwrap_or([128; 3]);
        let _ = writeln!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" {FONT}>{}</text>",
            hex(color),
            x + 17.0,
            y + 11.0,
            esc(name)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The network with nodes at `positions` (unit square, one per node):
/// circles sized by mentions and coloured by kind, arrows coloured by
/// polarity and as thick as their counts.
pub fn network_svg(net: &ActorNetwork, positions: &[[f32; 2]]) -> String {
    let (size, pad) = (800.0f32, 70.0f32);
    let at = |i: usize| {
        let p = positions.get(i).copied().unwrap_or([0.5, 0.5]);
        (
            pad + p[0] * (size - 2.0 * pad),
            pad + p[1] * (size - 2.0 * pad),
        )
    };
    let scale = NetworkScale::of(net);
    let radius = |m: usize| scale.radius(m);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\">"
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    s.push_str("<defs>");
    let polarities = net.polarities();
    for (i, p) in polarities.iter().enumerate() {
        let _ = write!(
            s,
            "<marker id=\"arrow{i}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            hex(polarity_color(p, i))
        );
    }
    s.push_str("</defs>\n");
    let _ = writeln!(
        s,
        "<text x=\"10\" y=\"20\" {FONT} fill=\"#555\">Stances of: {}</text>",
        esc(&net.caption)
    );
    for e in &net.edges {
        let ((x1, y1), (x2, y2)) = (at(e.from), at(e.to));
        let i = polarities
            .iter()
            .position(|p| *p == e.polarity)
            .unwrap_or(0);
        let width = scale.width(e);
        let title = e.title(net);
        if e.from == e.to {
            let r = radius(net.nodes[e.from].mentions);
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width:.1}\"{}><title>{}</title></circle>",
                x1 + r,
                y1 - r,
                r * 0.7,
                hex(polarity_color(&e.polarity, i)),
                dash_attr(&e.polarity),
                esc(&title)
            );
            continue;
        }
        // Stop the arrow at the target's rim; bend it a little so edges
        // both ways stay apart.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let d = (dx * dx + dy * dy).sqrt().max(1.0);
        let r = radius(net.nodes[e.to].mentions) + 2.0;
        let (ex, ey) = (x2 - dx / d * r, y2 - dy / d * r);
        let (cx, cy) = (
            (x1 + ex) / 2.0 - dy / d * 18.0,
            (y1 + ey) / 2.0 + dx / d * 18.0,
        );
        let _ = writeln!(
            s,
            "<path d=\"M{x1:.1},{y1:.1} Q{cx:.1},{cy:.1} {ex:.1},{ey:.1}\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.8\" stroke-width=\"{width:.1}\"{} marker-end=\"url(#arrow{i})\"><title>{}</title></path>",
            hex(polarity_color(&e.polarity, i)),
            dash_attr(&e.polarity),
            esc(&title)
        );
    }
    for (i, n) in net.nodes.iter().enumerate() {
        let (x, y) = at(i);
        let r = radius(n.mentions);
        let _ = writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.8\"><title>{} ({}): {}</title></circle>",
            hex(kind_color(n.kind)),
            esc(&n.name),
            n.kind.as_str(),
            count(n.mentions, "mention", "mentions")
        );
        let _ = writeln!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\" {FONT} text-anchor=\"middle\">{}</text>",
            y + r + 13.0,
            esc(&n.name)
        );
    }
    s.push_str("</svg>\n");
    s
}
