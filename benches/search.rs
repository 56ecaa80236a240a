//! Search benchmark (issue 5): 1,000 generated transcripts (`../shared/bench/gen_corpus.py`,
//! seed 1, 8,000 words each, about 8 M words) imported into a real project; the index build
//! (`reindex`, with the compound-part field) timed once, then each query of the issue run warm
//! 200 times with its counts and first 50 keyword-in-context lines. Beside each, `rg -c -i` over
//! the same files (output to a file) as the floor of an unindexed scan, if ripgrep is installed.
//! Run with `cargo bench --bench search`; prints `BENCHMARKS.md` rows. `TOLK_BENCH_QUERY=og`
//! runs one query only.

use std::process::Command;
use std::time::Instant;

use tolk::project::SearchRequest;
use tolk::{ImportOptions, Project};

mod common;
#[path = "common/corpus.rs"]
mod corpus;
use common::stats;

const DOCS: usize = 1000;
const RUNS: usize = 200;
const QUERIES: [&str; 10] = [
    "tillit",
    "styring",
    "rapportering",
    "handlingsrom",
    "kontroll",
    "og",
    "rom",
    "sykehjem",
    "\"tillit og kontroll\"",
    "tillit NEAR/5 kontroll",
];

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("search benchmark: run it with `cargo bench --bench search`");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    // Before any thread starts: the index goes into the benchmark's own cache directory.
    std::env::set_var("TOLK_CACHE_DIR", work.path().join("cache"));
    let corpus = work.path().join("corpus");
    corpus::generate(&corpus, DOCS, None, 1);
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();

    let path = work.path().join("bench.tolk");
    let mut project = Project::create(&path).expect("create");
    let report = project.import_paths(&files, &ImportOptions::default(), &mut |_| {});
    assert!(report.failed.is_empty(), "{:?}", report.failed.len());

    let started = Instant::now();
    let index = project.reindex().expect("reindex");
    let build = started.elapsed().as_secs_f64();
    println!(
        "| index build, {DOCS} transcripts ({} units, with compound parts) | {build:.1} s |",
        index.units
    );

    let rg = Command::new("rg").arg("--version").output().is_ok();
    println!("| query | hits | turns | p50 / p95 / max (ms), {RUNS} warm runs | rg -c -i (ms) |");
    println!("| --- | --- | --- | --- | --- |");
    // TOLK_BENCH_QUERY runs one query only (for profiling).
    let only = std::env::var("TOLK_BENCH_QUERY").ok();
    for query in QUERIES
        .into_iter()
        .filter(|q| only.as_deref().is_none_or(|o| o == *q))
    {
        let request = SearchRequest::new(query);
        let found = project.search(&request).expect("search"); // warm-up
        let mut samples: Vec<f64> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let found = project.search(&request).expect("search");
                std::hint::black_box(found);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let floor = if rg {
            let pattern = query.trim_matches('"').replace(" NEAR/5 ", ".*");
            let out = std::fs::File::create(work.path().join("rg.out")).expect("rg output");
            let started = Instant::now();
            Command::new("rg")
                .args(["-c", "-i", &pattern])
                .arg(&corpus)
                .stdout(out)
                .status()
                .expect("rg runs");
            format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0)
        } else {
            "(ripgrep not installed)".to_owned()
        };
        println!(
            "| `{query}` | {} | {} | {} | {floor} |",
            found.hits,
            found.turns,
            stats(&mut samples, 1)
        );
    }
    project.close().expect("close");
}
