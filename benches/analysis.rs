//! Thematic-analysis benchmark (issue 6) over the coding benchmark's load (see
//! `common/coded.rs`: 1,000 transcripts of 8,000 words, 50,000 codings, seed 1). Measured warm
//! (the project read and every document's words split once, as the app does on first use): the
//! summaries of all top-level themes with their sub-codes, the code × document and code ×
//! `rolle` matrices, the 147 × 147 co-occurrence matrix in both modes, the code frequencies and
//! the framework matrix. The first summary (cold: reading the project and splitting 8 million
//! words) is reported once. Run with `cargo bench --bench analysis`; prints `BENCHMARKS.md` rows.
//! `TOLK_BENCH_CODED=FILE` keeps the coded project in FILE and reuses it on later runs.

use std::time::Instant;

use tolk::analysis::{Columns, CooccurrenceMode, MatrixMeasure, MatrixOptions, SummaryOptions};
use tolk::project::SpeakerRole;
use tolk::Project;

mod common;
#[path = "common/corpus.rs"]
mod corpus;
use common::stats;
#[path = "common/coded.rs"]
#[allow(dead_code)] // shared with the coding benchmark, which draws further codings from it
mod coded;
use coded::{coded_project, CODINGS, DOCS, SEED};

/// A call measured on the project.
type Measure<'a> = dyn Fn(&Project) + 'a;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("analysis benchmark: run it with `cargo bench --bench analysis`");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    // Making the load takes minutes; TOLK_BENCH_CODED=FILE keeps it in FILE for the next run.
    let kept = std::env::var_os("TOLK_BENCH_CODED").map(std::path::PathBuf::from);
    let project = match kept {
        Some(file) if file.exists() => {
            println!("(the load as kept in {})", file.display());
            Project::open(&file).unwrap()
        }
        _ => {
            let coded = coded_project(work.path());
            println!("(setup: {CODINGS} codings in {:.1} s)", coded.setup_secs);
            match kept {
                Some(file) => {
                    coded.project.close().unwrap();
                    std::fs::copy(work.path().join("bench.tolk"), &file).unwrap();
                    Project::open(&file).unwrap()
                }
                None => coded.project,
            }
        }
    };
    let commit = coded::commit();
    let n = format!("{DOCS} docs, {CODINGS} codings");
    println!("| measure | N | seed | commit | runs | p50 / p95 / max |");
    println!("| --- | --- | --- | --- | --- | --- |");

    let themes: Vec<String> = project
        .codes()
        .unwrap()
        .into_iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.guid)
        .collect();
    let summary = |code: &str| {
        project
            .theme_summary(&SummaryOptions {
                code: code.to_owned(),
                subcodes: true,
                by: Some("rolle".to_owned()),
                ..SummaryOptions::default()
            })
            .unwrap()
    };
    let t = Instant::now();
    project.prepare_analysis().unwrap();
    println!(
        "| `prepare_analysis`, cold (reads the project, splits every document's 8 million words) | {n} | {SEED} | {commit} | 1 | {:.0} ms |",
        ms(t)
    );

    let mut all = Vec::new();
    let mut each = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        for code in &themes {
            let one = Instant::now();
            summary(code);
            each.push(ms(one));
        }
        all.push(ms(t));
    }
    println!(
        "| summaries of all {} top-level themes with sub-codes and `--by rolle`, together | {n} | {SEED} | {commit} | 10 | {} ms |",
        themes.len(),
        stats(&mut all, 0)
    );
    println!(
        "| one theme summary (of the {} above) | {n} | {SEED} | {commit} | {} | {} ms |",
        themes.len(),
        each.len(),
        stats(&mut each, 1)
    );

    let time = |label: &str, runs: usize, f: &dyn Fn() -> String| {
        f();
        let mut times = Vec::new();
        let mut what = String::new();
        for _ in 0..runs {
            let t = Instant::now();
            what = f();
            times.push(ms(t));
        }
        println!(
            "| {label} ({what}) | {n} | {SEED} | {commit} | {runs} | {} ms |",
            stats(&mut times, 1)
        );
    };
    let matrix = |columns: Columns, measure: MatrixMeasure| {
        let m = project
            .code_matrix(&MatrixOptions {
                columns,
                measure,
                ..MatrixOptions::default()
            })
            .unwrap();
        format!("{} × {}", m.rows.len(), m.cols.len())
    };
    time("code × document, excerpts", 20, &|| {
        matrix(Columns::Documents, MatrixMeasure::Excerpts)
    });
    time("code × document, informants", 20, &|| {
        matrix(Columns::Documents, MatrixMeasure::Informants)
    });
    time("code × `rolle`, excerpts", 20, &|| {
        matrix(
            Columns::Attribute("rolle".to_owned()),
            MatrixMeasure::Excerpts,
        )
    });
    time("code × `rolle`, informants", 20, &|| {
        matrix(
            Columns::Attribute("rolle".to_owned()),
            MatrixMeasure::Informants,
        )
    });
    for (label, mode) in [
        ("turns", CooccurrenceMode::Turns),
        ("overlap", CooccurrenceMode::Overlap),
    ] {
        time(&format!("co-occurrence matrix, {label}"), 20, &|| {
            let m = project.cooccurrence_matrix(mode).unwrap();
            format!("{} × {}", m.rows.len(), m.cols.len())
        });
    }
    time("code frequencies with sub-codes", 20, &|| {
        format!("{} codes", project.code_frequencies(true).unwrap().len())
    });
    time("framework matrix, top-level themes", 20, &|| {
        let m = project.framework_matrix(&[]).unwrap();
        format!("{} × {}", m.rows.len(), m.codes.len())
    });

    // After a change (a coding made, then undone, in turn) the project is read again, and the
    // scope's word totals or co-occurrence positions counted again; the words stay split.
    let mut project = project;
    let doc = project.documents().unwrap().remove(0).guid;
    let view = project.document(&doc).unwrap();
    let turn = view
        .turns
        .iter()
        .find(|t| t.role == SpeakerRole::Informant)
        .expect("an informant turn");
    let (start, end) = (turn.start_char, turn.end_char);
    let measures: [(&str, &Measure<'_>); 3] = [
        ("theme summary (the first theme, with sub-codes)", &|p| {
            p.theme_summary(&SummaryOptions {
                code: themes[0].clone(),
                subcodes: true,
                ..SummaryOptions::default()
            })
            .unwrap();
        }),
        ("code × document, excerpts", &|p| {
            p.code_matrix(&MatrixOptions::default()).unwrap();
        }),
        ("co-occurrence matrix, turns", &|p| {
            p.cooccurrence_matrix(CooccurrenceMode::Turns).unwrap();
        }),
    ];
    for (label, f) in measures {
        let mut times = Vec::new();
        for run in 0..10 {
            if run % 2 == 0 {
                project
                    .code_span(&doc, &themes[1], start, end, Some("Kari"))
                    .unwrap();
            } else {
                project.undo().unwrap();
            }
            let t = Instant::now();
            f(&project);
            times.push(ms(t));
        }
        println!(
            "| {label}, first call after a change | {n} | {SEED} | {commit} | 10 | {} ms |",
            stats(&mut times, 1)
        );
    }
    project.close().unwrap();
}
