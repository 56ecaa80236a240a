//! Import benchmark: `tolk import` of generated transcripts (`../shared/bench/gen_corpus.py`,
//! 8,000 words each) into a fresh project, timed end to end with peak memory (GNU time's
//! maximum resident set size). Run with `cargo bench --bench import [-- N...]`; prints
//! `BENCHMARKS.md` rows.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

mod common;
#[path = "common/corpus.rs"]
mod corpus;
use common::stats;

const SEED: u32 = 1;
const WORDS_PER_DOC: u32 = 8000;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it,
    // and a test run must not spend minutes importing thousands of transcripts.
    if !std::env::args().any(|a| a == "--bench") {
        println!("import benchmark: run it with `cargo bench --bench import`");
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1000]
    } else {
        sizes
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let work = tempfile::tempdir().expect("temp dir");
    println!(
        "| command | N | seed | commit | runs | time p50 / p95 / max | peak RSS p50 / p95 / max |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for n in sizes {
        let corpus = work.path().join(format!("corpus{n}"));
        corpus::generate(&corpus, n, Some(WORDS_PER_DOC), SEED);
        let runs = if n >= 1000 { 3 } else { 5 };
        let mut times = Vec::new();
        let mut rss_mb = Vec::new();
        for run in 0..runs {
            let project = work.path().join(format!("p{n}-{run}.tolk"));
            let new = Command::new(env!("CARGO_BIN_EXE_tolk"))
                .arg("new")
                .arg(&project)
                .output()
                .expect("tolk new");
            assert!(new.status.success());
            let started = Instant::now();
            let out = Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(env!("CARGO_BIN_EXE_tolk"))
                .arg("import")
                .arg(&project)
                .arg(&corpus)
                .env("TOLK_CACHE_DIR", work.path().join("cache"))
                .output()
                .expect("GNU time (/usr/bin/time) runs tolk import");
            times.push(started.elapsed().as_secs_f64());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            let kb: f64 = stderr
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .expect("GNU time prints the peak RSS in KiB");
            rss_mb.push(kb / 1024.0);
        }
        println!(
            "| `tolk import P.tolk corpus/` ({WORDS_PER_DOC} words/doc) | {n} | {SEED} | {commit} | {runs} | {} s | {} MiB |",
            stats(&mut times, 2),
            stats(&mut rss_mb, 0)
        );
    }
}
