//! Export benchmark (issue 7): a project made here deterministically (seed 1): 200 interviews of
//! 30 turns (15 informant turns of 40–80 words from a Norwegian word list), rolle, kommune and
//! dato attributes, 30 codes (10 themes with 2 sub-codes each) and 10,000 codings of whole
//! informant turns (about 10 % with a translation, 10 % with an omitted range). Times
//! `Project::export_excerpts` of every excerpt (10 themes with their sub-codes, OR-ed) to each
//! format, cited with `«…» ({rolle}, {kommune}, {date:dd.mm.yy})`, written to a file, and the
//! theme report on every theme (by rolle) as DOCX and HTML.
//! Run with `cargo bench --bench export`; prints `BENCHMARKS.md` rows.

use std::process::Command;
use std::time::Instant;

use tolk::coding::retrieve::Op;
use tolk::export::{CharRange, ExportFormat, ExportOptions, ReportFormat, ReportOptions};
use tolk::project::ExcerptQuery;
use tolk::{ImportOptions, Project};

mod common;
use common::stats;

const SEED: u64 = 1;
const DOCS: usize = 200;
const TURNS: usize = 30;
const THEMES: usize = 10;
const CODINGS: usize = 10_000;
const RUNS: usize = 5;

const WORDS: &[&str] = &[
    "tillit",
    "kontroll",
    "ledelsen",
    "vi",
    "er",
    "og",
    "det",
    "som",
    "på",
    "ikke",
    "å",
    "får",
    "ansvar",
    "frihet",
    "kommunen",
    "rapportering",
    "brukerne",
    "hverdagen",
    "tjenesten",
    "godt",
    "møter",
    "kolleger",
    "økonomi",
    "tid",
    "mål",
    "skjema",
    "målstyring",
    "rådmann",
    "tør",
    "stoler",
    "sjekker",
    "lærer",
    "sammen",
    "åpenhet",
    "støtte",
    "ærlig",
    "forventninger",
];
const KOMMUNER: &[&str] = &[
    "Bodø", "Tromsø", "Ås", "Ørland", "Vadsø", "Hamar", "Molde", "Alta", "Bø", "Åfjord",
];
const ROLLER: &[&str] = &["enhetsleder", "ansatt", "rådmann"];

/// splitmix64: a reproducible stream of numbers from the seed (the load needs no statistical
/// quality, and no `rand` dependency for one benchmark).
struct Stream(u64);

impl Stream {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn turn(rng: &mut Stream) -> String {
    let n = 40 + rng.below(41);
    let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    format!("{}.", words.join(" "))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("export benchmark: run it with `cargo bench --bench export`");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let path = work.path().join("bench.tolk");
    let mut project = Project::create(&path).expect("project");
    let mut rng = Stream(SEED);
    let started = Instant::now();
    for d in 0..DOCS {
        let mut text = format!(
            "Rolle: {}\nKommune: {}\nDato: {:02}.{:02}.2024\n\n",
            ROLLER[rng.below(ROLLER.len())],
            KOMMUNER[rng.below(KOMMUNER.len())],
            1 + rng.below(28),
            1 + rng.below(12)
        );
        for t in 0..TURNS {
            let speaker = if t % 2 == 0 { "I" } else { "IP1" };
            text.push_str(&format!("{speaker}: {}\n", turn(&mut rng)));
        }
        project
            .import_bytes(
                &format!("intervju-{d:03}.txt"),
                text.as_bytes(),
                &ImportOptions::default(),
            )
            .expect("import");
    }
    let mut codes = Vec::new();
    for t in 0..THEMES {
        let theme = format!("Tema {t}");
        project.create_code(None, &theme, None).expect("code");
        codes.push(theme.clone());
        for s in 0..2 {
            let sub = format!("Undertema {s}");
            project.create_code(Some(&theme), &sub, None).expect("code");
            codes.push(format!("{theme}/{sub}"));
        }
    }
    let mut made = std::collections::HashSet::new();
    while made.len() < CODINGS {
        let doc = format!("intervju-{:03}", rng.below(DOCS));
        // Informant turns are the even numbers (turn 1 is the interviewer's).
        let n = 2 * (1 + rng.below(TURNS / 2)) as u32;
        let code = &codes[rng.below(codes.len())];
        let coding = project
            .code_turn(&doc, code, n, Some("Kari"))
            .expect("coding");
        // Coding a turn again with its code gives the coding it has.
        if !made.insert(coding.guid.clone()) {
            continue;
        }
        if rng.below(10) == 0 {
            project
                .set_translation(&coding.guid, "Trust is freedom and responsibility.")
                .expect("translation");
        }
        if rng.below(10) == 0 {
            let start = coding.start_char + 5;
            project
                .set_omissions(&coding.guid, &[CharRange::new(start, start + 10)])
                .expect("omission");
        }
    }
    let setup = started.elapsed().as_secs_f64();

    let query = ExcerptQuery {
        code: "Tema 0".to_owned(),
        ops: (1..THEMES).map(|t| (Op::Or, format!("Tema {t}"))).collect(),
        subcodes: true,
        ..ExcerptQuery::default()
    };
    let options = ExportOptions {
        citation: Some("«…» ({rolle}, {kommune}, {date:dd.mm.yy})".to_owned()),
        ..ExportOptions::default()
    };
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let n = format!("{DOCS} docs, {CODINGS} excerpts");
    println!("(setup: {DOCS} documents and {CODINGS} codings in {setup:.1} s)");
    println!("| measure | N | seed | commit | runs | p50 / p95 / max |");
    println!("| --- | --- | --- | --- | --- | --- |");
    // What every format shares: the retrieval, and the excerpts with their notes and citations.
    let mut retrieval = Vec::new();
    let mut set = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        assert_eq!(project.excerpts(&query).expect("excerpts").len(), CODINGS);
        retrieval.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let excerpts = project.excerpt_set(&query, &options).expect("set");
        set.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(excerpts.excerpts.len(), CODINGS);
    }
    println!(
        "| `excerpts` (the retrieval alone) | {n} | {SEED} | {commit} | {RUNS} | {} ms |",
        stats(&mut retrieval, 0)
    );
    println!(
        "| `excerpt_set` (retrieval, notes, citations) | {n} | {SEED} | {commit} | {RUNS} | {} ms |",
        stats(&mut set, 0)
    );
    for format in ExportFormat::ALL {
        let out = work.path().join(format!("utdrag.{}", format.as_str()));
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let outcome = project
                .export_excerpts(&query, format, &options, &out)
                .expect("export");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(outcome.excerpts, CODINGS);
            size = std::fs::metadata(&out).expect("written").len();
        }
        println!(
            "| `export_excerpts` to {} ({:.1} MB) | {n} | {SEED} | {commit} | {RUNS} | {} ms |",
            format.as_str(),
            size as f64 / 1e6,
            stats(&mut times, 0)
        );
    }
    for format in [ReportFormat::Docx, ReportFormat::Html] {
        let out = work.path().join(format!("rapport.{}", format.as_str()));
        let options = ReportOptions {
            by: Some("rolle".to_owned()),
            export: options.clone(),
            ..ReportOptions::default()
        };
        let mut times = Vec::new();
        let mut charts = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let outcome = project
                .export_report(&options, format, &out)
                .expect("report");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            charts = outcome.charts;
        }
        println!(
            "| `export_report` of every theme, by rolle, to {} ({charts} charts) | {n} | {SEED} | {commit} | {RUNS} | {} ms |",
            format.as_str(),
            stats(&mut times, 0)
        );
    }
    project.close().expect("close");
}
