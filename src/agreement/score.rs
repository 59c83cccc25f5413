//! Scoring: the pure function from an [`AgreementInput`] to an
//! [`AgreementReport`]. One pass over the documents feeds every figure;
//! nothing here reads files.

use super::beyond::{
    ActorTally, DocStatements, NetworkTally, SpanLookup, StatementKind, StatementTally,
};
use super::category::CategoryTally;
use super::disagreements::compare_document;
use super::input::AgreementInput;
use super::kappa::{Binary, Contingency, FastMap};
use super::matching::{Range, exact_pairs, overlap_count};
use super::report::{
    AgreementReport, AttributeReport, CategoryReport, DocumentReport, LabelReport, MatchFigures,
    MicroReport, OrderedMap,
};
use super::tokens::{self, TokenCursor, TokenRange};
use super::unitizing::AlphaU;
use crate::model::{AnnotationSet, Codebook};
use crate::text::{Token, tokenize};

/// What to include beyond the figures of docs/formats.md, "Agreement".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Add the per-document breakdown.
    pub per_document: bool,
}

/// Every label the figures are reported for: the codebook's, in order,
/// then any other label found in the annotations, alphabetically (such
/// spans are invalid, but they are still the coders' data). Labels outside
/// the codebook are added as they are met, so each span's label is read
/// only once.
struct LabelTable<'a> {
    names: Vec<&'a str>,
    index: FastMap<&'a str, u32>,
    category: Vec<Option<usize>>,
    /// Position of the label within its category.
    local: Vec<u32>,
    actor: Vec<bool>,
    attributes: Vec<Vec<&'a str>>,
    /// Number of labels from the codebook (the rest were met in the data).
    from_codebook: usize,
}

impl<'a> LabelTable<'a> {
    fn new(codebook: &'a Codebook) -> LabelTable<'a> {
        let mut t = LabelTable {
            names: Vec::new(),
            index: FastMap::default(),
            category: Vec::new(),
            local: Vec::new(),
            actor: Vec::new(),
            attributes: Vec::new(),
            from_codebook: 0,
        };
        for (ci, cat) in codebook.categories.iter().enumerate() {
            for label in &cat.labels {
                if t.index.contains_key(label.name.as_str()) {
                    continue;
                }
                let local = t.category.iter().filter(|c| **c == Some(ci)).count() as u32;
                t.push(&label.name, Some(ci), local, label.actor);
                if let Some(attrs) = t.attributes.last_mut() {
                    attrs.extend(label.attributes.iter().map(|a| a.name.as_str()));
                }
            }
        }
        t.from_codebook = t.names.len();
        t
    }

    /// The number of `name`, adding it if it is not in the codebook.
    fn number(&mut self, name: &'a str) -> u32 {
        if let Some(&n) = self.index.get(name) {
            return n;
        }
        self.push(name, None, 0, false);
        (self.names.len() - 1) as u32
    }

    /// Label numbers in report order: codebook order, then the others by
    /// name.
    fn report_order(&self) -> Vec<usize> {
        let mut extra: Vec<usize> = (self.from_codebook..self.names.len()).collect();
        extra.sort_by_key(|&l| self.names[l]);
        (0..self.from_codebook).chain(extra).collect()
    }

    fn push(&mut self, name: &'a str, category: Option<usize>, local: u32, actor: bool) {
        self.index.insert(name, self.names.len() as u32);
        self.names.push(name);
        self.category.push(category);
        self.local.push(local);
        self.actor.push(actor);
        self.attributes.push(Vec::new());
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// One span, reduced to what scoring needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Item {
    label: u32,
    start: usize,
    end: usize,
    /// Index into the set's spans.
    span: usize,
    tokens: TokenRange,
}

fn items<'a>(
    labels: &mut LabelTable<'a>,
    set: &'a AnnotationSet,
    toks: &[Token],
    out: &mut Vec<Item>,
) {
    let mut cursor = TokenCursor::new(toks);
    let mut counts = vec![0usize; labels.len() + 1];
    let unsorted: Vec<Item> = set
        .spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let label = labels.number(&s.label);
            if label as usize >= counts.len() {
                counts.resize(label as usize + 1, 0);
            }
            counts[label as usize] += 1;
            Item {
                label,
                start: s.start,
                end: s.end,
                span: i,
                tokens: cursor.range(s.start, s.end),
            }
        })
        .collect();
    // Grouped by label with a counting sort, keeping the set's order within
    // a label (the figures do not depend on that order).
    let mut next = Vec::with_capacity(counts.len());
    let mut at = 0;
    for c in &counts {
        next.push(at);
        at += c;
    }
    out.clear();
    out.resize(unsorted.len(), Item::default());
    for x in unsorted {
        let slot = &mut next[x.label as usize];
        out[*slot] = x;
        *slot += 1;
    }
}

/// The statements of `kind` among a set's items; `wanted` flags the kind's
/// labels by number (labels met later, outside the codebook, are never
/// statement labels).
fn of_kind<'a>(
    kind: &StatementKind,
    wanted: &[bool],
    lookup: &SpanLookup<'a>,
    items: &[Item],
    set: &'a AnnotationSet,
) -> DocStatements<'a> {
    let spans = items
        .iter()
        .filter(|x| wanted.get(x.label as usize).copied().unwrap_or(false))
        .map(|x| &set.spans[x.span]);
    DocStatements::new(kind, lookup, spans)
}

/// Running totals of one label.
#[derive(Clone, Debug)]
struct LabelTally<'a> {
    a_spans: usize,
    b_spans: usize,
    exact: usize,
    overlap: usize,
    tokens: Binary,
    alpha_u: AlphaU,
    attributes: Vec<Contingency<Option<&'a str>>>,
}

impl LabelTally<'_> {
    /// A label first met after `continuum` characters of documents.
    fn new(attributes: usize, continuum: usize) -> Self {
        let mut alpha_u = AlphaU::new(2);
        if continuum > 0 {
            // Gaps run on across documents, so the documents before are
            // one stretch without units.
            alpha_u.add_document(continuum, &[&[], &[]]);
        }
        LabelTally {
            a_spans: 0,
            b_spans: 0,
            exact: 0,
            overlap: 0,
            tokens: Binary::default(),
            alpha_u,
            attributes: vec![Contingency::new(); attributes],
        }
    }
}

/// Computes every figure over the documents of `input`.
pub fn compute(input: &AgreementInput, options: ReportOptions) -> AgreementReport {
    let mut labels = LabelTable::new(&input.codebook);
    let mut tally: Vec<LabelTally> = (0..labels.len())
        .map(|l| LabelTally::new(labels.attributes[l].len(), 0))
        .collect();
    let mut continuum = 0;
    let categories = &input.codebook.categories;
    let mut cat_tally: Vec<CategoryTally> = vec![CategoryTally::default(); categories.len()];
    let mut cat_a: Vec<Vec<(u32, TokenRange)>> = vec![Vec::new(); categories.len()];
    let mut cat_b: Vec<Vec<(u32, TokenRange)>> = vec![Vec::new(); categories.len()];
    let stances = StatementKind::stances(&input.codebook);
    let events = StatementKind::events(&input.codebook);
    let flags = |kind: &StatementKind| -> Vec<bool> {
        labels
            .names
            .iter()
            .map(|n| kind.labels.iter().any(|l| l == n))
            .collect()
    };
    let (is_stance, is_event) = (flags(&stances), flags(&events));
    let mut actors = ActorTally::default();
    let mut statements = StatementTally::default();
    let mut event_tally = StatementTally::default();
    let mut network = NetworkTally::default();
    let mut per_document = Vec::new();
    let mut total_tokens: u64 = 0;

    let (mut ia, mut ib) = (Vec::new(), Vec::new());
    let (mut ra, mut rb): (Vec<Range>, Vec<Range>) = (Vec::new(), Vec::new());
    let (mut ta, mut tb): (Vec<TokenRange>, Vec<TokenRange>) = (Vec::new(), Vec::new());
    for doc in &input.documents {
        let toks = tokenize(&doc.text);
        let len = doc.text.chars().count();
        total_tokens += toks.len() as u64;
        items(&mut labels, &doc.a, &toks, &mut ia);
        items(&mut labels, &doc.b, &toks, &mut ib);
        while tally.len() < labels.len() {
            tally.push(LabelTally::new(0, continuum));
        }
        continuum += len;
        let mut doc_report = DocumentReport {
            a_spans: doc.a.spans.len(),
            b_spans: doc.b.spans.len(),
            ..DocumentReport::default()
        };
        let (mut pa, mut pb) = (0, 0);
        for (l, t) in tally.iter_mut().enumerate() {
            let l32 = l as u32;
            let ea = pa + ia[pa..].iter().take_while(|x| x.label == l32).count();
            let eb = pb + ib[pb..].iter().take_while(|x| x.label == l32).count();
            let (sa, sb) = (&ia[pa..ea], &ib[pb..eb]);
            (pa, pb) = (ea, eb);
            ra.clear();
            ra.extend(sa.iter().map(|x| (x.start, x.end)));
            rb.clear();
            rb.extend(sb.iter().map(|x| (x.start, x.end)));
            t.alpha_u.add_document(len, &[&ra, &rb]);
            if sa.is_empty() && sb.is_empty() {
                continue;
            }
            t.a_spans += sa.len();
            t.b_spans += sb.len();
            let exact = exact_pairs(&ra, &rb);
            let overlap = overlap_count(&ra, &rb);
            t.exact += exact.len();
            t.overlap += overlap;
            doc_report.exact.matches += exact.len();
            doc_report.overlap.matches += overlap;
            for &(i, j) in &exact {
                let (x, y) = (&doc.a.spans[sa[i].span], &doc.b.spans[sb[j].span]);
                for (k, name) in labels.attributes[l].iter().enumerate() {
                    let va = x.attrs.get(*name).map(String::as_str);
                    let vb = y.attrs.get(*name).map(String::as_str);
                    t.attributes[k].add(va, vb, 1);
                }
                if labels.actor[l] {
                    actors.add_pair(x, y);
                }
            }
            ta.clear();
            ta.extend(sa.iter().map(|x| x.tokens));
            tokens::union(&mut ta);
            tb.clear();
            tb.extend(sb.iter().map(|x| x.tokens));
            tokens::union(&mut tb);
            let both = tokens::intersection(&ta, &tb);
            t.tokens.both += both as u64;
            t.tokens.only_a += (tokens::total(&ta) - both) as u64;
            t.tokens.only_b += (tokens::total(&tb) - both) as u64;
        }
        for (items, buffers) in [(&ia, &mut cat_a), (&ib, &mut cat_b)] {
            buffers.iter_mut().for_each(Vec::clear);
            for x in items.iter() {
                let l = x.label as usize;
                if let Some(k) = labels.category[l] {
                    buffers[k].push((labels.local[l], x.tokens));
                }
            }
        }
        for (k, c) in cat_tally.iter_mut().enumerate() {
            c.add_document(toks.len(), &cat_a[k], &cat_b[k]);
        }
        let (la, lb) = (SpanLookup::new(&doc.a), SpanLookup::new(&doc.b));
        let (sa, sb) = (
            of_kind(&stances, &is_stance, &la, &ia, &doc.a),
            of_kind(&stances, &is_stance, &lb, &ib, &doc.b),
        );
        statements.add_document(&sa, &sb);
        network.add_document(&sa, &sb);
        let (ea, eb) = (
            of_kind(&events, &is_event, &la, &ia, &doc.a),
            of_kind(&events, &is_event, &lb, &ib, &doc.b),
        );
        event_tally.add_document(&ea, &eb);
        if options.per_document {
            let (a, b) = (doc_report.a_spans, doc_report.b_spans);
            doc_report.exact = MatchFigures::new(doc_report.exact.matches, a, b);
            doc_report.overlap = MatchFigures::new(doc_report.overlap.matches, a, b);
            doc_report.disagreements = compare_document(doc).disagreements.len();
            per_document.push((doc.id.clone(), doc_report));
        }
    }

    let coded: Vec<_> = input.documents.iter().map(|d| (&d.a, &d.b)).collect();
    let mut report = AgreementReport {
        coders: input.coders.clone(),
        documents: input.documents.len(),
        variables: super::variable_report::two_coders(&input.codebook, &coded),
        ..AgreementReport::default()
    };
    let (mut micro_exact, mut micro_overlap, mut micro_a, mut micro_b) = (0, 0, 0, 0);
    for l in labels.report_order() {
        let t = &mut tally[l];
        micro_exact += t.exact;
        micro_overlap += t.overlap;
        micro_a += t.a_spans;
        micro_b += t.b_spans;
        t.tokens.neither = total_tokens - t.tokens.both - t.tokens.only_a - t.tokens.only_b;
        let table = t.tokens.to_contingency();
        report.labels.0.push((
            labels.names[l].to_string(),
            LabelReport {
                a_spans: t.a_spans,
                b_spans: t.b_spans,
                exact: MatchFigures::new(t.exact, t.a_spans, t.b_spans),
                overlap: MatchFigures::new(t.overlap, t.a_spans, t.b_spans),
                token_kappa: table.cohen_kappa(),
                token_alpha: table.krippendorff_alpha(),
                alpha_u: t.alpha_u.alpha(),
            },
        ));
        for (k, name) in labels.attributes[l].iter().enumerate() {
            report.attributes.0.push((
                format!("{}.{name}", labels.names[l]),
                AttributeReport {
                    pairs: t.exact,
                    kappa: t.attributes[k].cohen_kappa(),
                },
            ));
        }
    }
    report.micro = MicroReport {
        exact: MatchFigures::new(micro_exact, micro_a, micro_b),
        overlap: MatchFigures::new(micro_overlap, micro_a, micro_b),
    };
    for (cat, c) in categories.iter().zip(&cat_tally) {
        report.categories.0.push((
            cat.name.clone(),
            CategoryReport {
                token_kappa: c.kappa(),
            },
        ));
    }
    report.actors = actors.report();
    report.statements = statements.report();
    report.events = event_tally.report();
    report.network = network.report();
    if options.per_document {
        report.per_document = Some(OrderedMap(per_document));
    }
    report
}
