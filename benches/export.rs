//! Export speed on a generated project of 5,000 documents (~600 words) and
//! 1,000,000 spans: jsonl, csv and conll, each reported as throughput of
//! output bytes (MB/s) beside writing the very same bytes with a plain
//! `BufWriter` (line by line, then flush and fsync, as the export does), so
//! the cost of reading the project and formatting shows as a ratio.
//! Targets: jsonl >= 150 MB/s, csv >= 80 MB/s.
//!
//! Before the timed runs, the time to read every text and annotation file
//! on one thread is printed (the floor for any export: parsing the RON
//! annotation files dominates), and one export per format prints its wall
//! and CPU time and the process's peak resident memory, which must not grow
//! with the project (exports stream document by document).
//!
//! Run: `cargo bench --bench export` (add `-- --quick` for a shorter run).
//! Set `NEWSCODER_BENCH_DOCS` to shrink the project.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newscoder::export::{ExportOptions, Format, export};
use newscoder::store::ProjectDir;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

fn documents() -> usize {
    std::env::var("NEWSCODER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// Peak resident memory of this process so far (Linux), for the report.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time (user + system) this process has used so far, in seconds
/// (Linux; assumes the usual 100 clock ticks per second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn run(dir: &ProjectDir, format: Format, out: &Path) -> u64 {
    let opts = ExportOptions::new(format, out);
    export(dir, &opts, &mut |_, _| {}).expect("export");
    std::fs::metadata(out).expect("output").len()
}

/// The baseline: the same bytes, line by line through a BufWriter.
fn plain_write(lines: &[&[u8]], out: &Path) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("create"));
    for l in lines {
        w.write_all(l).expect("write");
    }
    let f = w.into_inner().expect("flush");
    f.sync_all().expect("sync");
}

fn bench_export(c: &mut Criterion) {
    let docs = documents();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("project");
    std::fs::create_dir(&root).expect("project folder");
    let started = Instant::now();
    let dir = newscoder::synth::write_project(&root, docs, 600, 200, &["alice"])
        .expect("generate project");
    eprintln!(
        "generated {docs} documents, {} spans in {:.1?}; peak RSS {:.0} MiB",
        docs * 200,
        started.elapsed(),
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    let t = Instant::now();
    let mut read_bytes = 0;
    for d in &dir.project.documents {
        let set = dir.load_set("alice", &d.id).expect("load");
        let text = dir.read_text(&d.id).expect("text");
        read_bytes += text.len() + set.map(|s| s.spans.len()).unwrap_or(0);
    }
    eprintln!(
        "reading every text and annotation file on one thread: {:.2} s ({read_bytes} bytes)",
        t.elapsed().as_secs_f64()
    );
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).expect("output folder");

    for (format, name) in [
        (Format::Jsonl, "x.jsonl"),
        (Format::Csv, "x.csv"),
        (Format::Conll, "x.conll"),
    ] {
        let out = out_dir.join(name);
        // Reset the peak so it shows this export alone (Linux).
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t = Instant::now();
        let cpu = cpu_seconds();
        let bytes = run(&dir, format, &out);
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu
            .zip(cpu_seconds())
            .map(|(a, b)| b - a)
            .unwrap_or(f64::NAN);
        eprintln!(
            "{format}: {:.1} MB in {secs:.2} s = {:.0} MB/s (single run, {cpu:.2} s CPU); peak RSS {:.0} MiB",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            peak_rss_mib().unwrap_or(f64::NAN)
        );
        let content = std::fs::read(&out).expect("read output");
        let lines: Vec<&[u8]> = content.split_inclusive(|b| *b == b'\n').collect();

        let mut g = c.benchmark_group(format!("export_{format}"));
        g.throughput(Throughput::Bytes(bytes));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(15));
        g.bench_function("newscoder_export", |b| b.iter(|| run(&dir, format, &out)));
        let plain = out_dir.join(format!("plain-{name}"));
        g.bench_function("plain_bufwriter_same_bytes", |b| {
            b.iter(|| plain_write(&lines, &plain))
        });
        g.finish();
        let _ = std::fs::remove_file(&plain);
        let _ = std::fs::remove_file(&out);
    }
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
