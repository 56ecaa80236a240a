//! Coding benchmark (issue 4): 1,000 generated transcripts (`../shared/bench/gen_corpus.py`, seed
//! 1, 8,000 words each) and 50,000 codings made here deterministically: codes Zipf-distributed
//! over the 147 Bentzen template codes, spans of one to three sentences inside informant turns,
//! about 30 % of them placed to overlap an earlier coding, two coders. Measured with the real
//! project file: `code_span` followed by `codings(document)` (what the app does to redraw a
//! document's margin stripes after coding), an AND and a NOT excerpt query, and undo and redo of a
//! coding (each followed by `codings(document)`, as the app redraws after Ctrl+Z).
//! Run with `cargo bench --bench coding`; prints `BENCHMARKS.md` rows.

use std::time::Instant;

use tolk::coding::retrieve::Op;
use tolk::project::ExcerptQuery;

mod common;
#[path = "common/corpus.rs"]
mod corpus;
use common::stats;
#[path = "common/coded.rs"]
mod coded;
use coded::{coded_project, CODINGS, DOCS, SEED};

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("coding benchmark: run it with `cargo bench --bench coding`");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let coded::Coded {
        mut project,
        docs,
        codes,
        zipf,
        mut rng,
        setup_secs: setup,
    } = coded_project(work.path());
    let commit = coded::commit();
    let n = format!("{DOCS} docs, {CODINGS} codings");
    println!("(setup: {CODINGS} codings in {setup:.1} s)");
    println!("| measure | N | seed | commit | runs | p50 / p95 / max |");
    println!("| --- | --- | --- | --- | --- | --- |");

    let mut apply = Vec::new();
    for _ in 0..200 {
        let doc = rng.below(docs.len());
        let sentences = &docs[doc].1;
        let s = sentences[rng.below(sentences.len())];
        let code = &codes[zipf.sample(&mut rng)];
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
