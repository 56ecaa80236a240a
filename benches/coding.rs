//! Coding benchmark (issue 4): 1,000 generated transcripts (`../shared/bench/gen_corpus.py`, seed
//! 1, 8,000 words each) and 50,000 codings made here deterministically: codes Zipf-distributed
//! over the 147 Bentzen template codes, spans of one to three sentences inside informant turns,
//! about 30 % of them placed to overlap an earlier coding, two coders. Measured with the real
//! project file: `code_span` followed by `codings(document)` (what the app does to redraw a
//! document's margin stripes after coding), an AND and a NOT excerpt query, and undo and redo of a
//! coding (each followed by `codings(document)`, as the app redraws after Ctrl+Z).
//! Run with `cargo bench --bench coding`; prints `BENCHMARKS.md` rows.

use std::process::Command;
use std::time::Instant;

use tolk::coding::retrieve::Op;
use tolk::project::{ExcerptQuery, SpeakerRole};
use tolk::{ImportOptions, Project};

mod common;
use common::stats;
#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const SEED: u64 = 1;
const DOCS: usize = 1000;
const WORDS_PER_DOC: usize = 8000;
const CODINGS: usize = 50_000;
const OVERLAP_SHARE: f64 = 0.3;

/// A sentence of an informant turn, as char offsets into the document text.
#[derive(Clone, Copy)]
struct Sentence {
    start: usize,
    end: usize,
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("coding benchmark: run it with `cargo bench --bench coding`");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let corpus = work.path().join("corpus");
    let status = Command::new("python3")
        .arg(root.join("../shared/bench/gen_corpus.py"))
        .args([
            "--docs",
            &DOCS.to_string(),
            "--words-per-doc",
            &WORDS_PER_DOC.to_string(),
        ])
        .args(["--seed", &SEED.to_string(), "--out"])
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs gen_corpus.py");
    assert!(status.success());
    let path = work.path().join("bench.tolk");
    let mut project = Project::create_with_codebook(&path, Some("bentzen")).expect("project");
    let report = project.import_paths(&[corpus], &ImportOptions::default(), &mut |_| {});
    assert!(report.failed.is_empty());

    // Codes in tree order; Zipf weights 1/rank.
    let codes: Vec<String> = project
        .codes()
        .unwrap()
        .into_iter()
        .map(|c| c.guid)
        .collect();
    let weights: Vec<f64> = (1..=codes.len()).map(|r| 1.0 / r as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut rng = Rng(SEED.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let zipf = |rng: &mut Rng| {
        let mut x = rng.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    };

    // Sentences of informant turns, per document.
    let docs: Vec<(String, Vec<Sentence>)> = project
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| {
            let view = project.document(&d.guid).unwrap();
            let mut sentences = Vec::new();
            for t in view
                .turns
                .iter()
                .filter(|t| t.role == SpeakerRole::Informant)
            {
                let text: Vec<char> = view.turn_text(t).chars().collect();
                let mut start = 0;
                for (i, c) in text.iter().enumerate() {
                    let ends = matches!(c, '.' | '?' | '!')
                        && text.get(i + 1).is_none_or(|n| n.is_whitespace());
                    if ends {
                        sentences.push(Sentence {
                            start: t.start_char + start,
                            end: t.start_char + i + 1,
                        });
                        start = i + 2;
                    }
                }
            }
            (d.guid, sentences)
        })
        .collect();

    let coders = ["Kari", "Ola"];
    let mut made: Vec<(usize, usize, usize)> = Vec::with_capacity(CODINGS); // (doc, sentence, len)
    let started = Instant::now();
    while made.len() < CODINGS {
        let (doc, first, len) = if !made.is_empty() && rng.unit() < OVERLAP_SHARE {
            // Overlap an earlier coding: start inside its sentences.
            let (doc, first, len) = made[rng.below(made.len())];
            (doc, first + rng.below(len), 1 + rng.below(3))
        } else {
            let doc = rng.below(docs.len());
            (doc, rng.below(docs[doc].1.len().max(1)), 1 + rng.below(3))
        };
        let sentences = &docs[doc].1;
        if sentences.is_empty() {
            continue;
        }
        let first = first.min(sentences.len() - 1);
        let last = (first + len - 1).min(sentences.len() - 1);
        let (start, end) = (sentences[first].start, sentences[last].end);
        let code = &codes[zipf(&mut rng)];
        let coder = coders[rng.below(2)];
        project
            .code_span(&docs[doc].0, code, start, end, Some(coder))
            .expect("coding");
        made.push((doc, first, last - first + 1));
    }
    let setup = started.elapsed().as_secs_f64();

    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let n = format!("{DOCS} docs, {CODINGS} codings");
    println!("(setup: {CODINGS} codings in {setup:.1} s)");
    println!("| measure | N | seed | commit | runs | p50 / p95 / max |");
    println!("| --- | --- | --- | --- | --- | --- |");

    let mut apply = Vec::new();
    for _ in 0..200 {
        let doc = rng.below(docs.len());
        let sentences = &docs[doc].1;
        let s = sentences[rng.below(sentences.len())];
        let code = &codes[zipf(&mut rng)];
        let t = Instant::now();
        let coding = project
            .code_span(&docs[doc].0, code, s.start, s.end, Some("Kari"))
            .unwrap();
        let stripes = project.codings(&docs[doc].0).unwrap();
        apply.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(stripes.iter().any(|c| c.guid == coding.guid));
    }
    println!("| `code_span` + `codings(document)` (apply, return the stripes) | {n} | {SEED} | {commit} | 200 | {} ms |", stats(&mut apply, 1));

    // Ctrl+Z and Ctrl+Shift+Z as the app does them: take the step back (or again), then redraw
    // the stripes of the document it was in (the step's context).
    for (label, undo) in [("undo", true), ("redo", false)] {
        let mut times = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            let step = if undo { project.undo() } else { project.redo() };
            let step = step.unwrap().expect("a coding step");
            project
                .codings(step.context.as_deref().expect("a document"))
                .unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!("| `{label}` of a coding + `codings(document)` | {n} | {SEED} | {commit} | 200 | {} ms |", stats(&mut times, 1));
    }

    for (label, op) in [("AND", Op::And), ("NOT", Op::Not)] {
        let query = ExcerptQuery {
            code: "T01".into(),
            ops: vec![(op, "T06".into())],
            subcodes: true,
            ..ExcerptQuery::default()
        };
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..20 {
            let t = Instant::now();
            found = project.excerpts(&query).unwrap().len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!("| excerpts `T01 {label} T06`, sub-codes included ({found} excerpts) | {n} | {SEED} | {commit} | 20 | {} ms |", stats(&mut times, 1));
    }
    project.close().unwrap();
}
