//! Chart benchmark (issue 6): drawing the core's charts from in-memory inputs of the sizes the
//! Bentzen codebook gives (19 themes, 147 codes), as SVG and as a 16 cm, 300 dpi PNG. The
//! inputs are made here deterministically; the analysis that feeds them is the analysis
//! benchmark's. Run with `cargo bench --bench chart`; prints `BENCHMARKS.md` rows.

use std::time::Instant;

use tolk::chart::{self, Bar, BarChart, BarUnit, Heatmap, ThemeEdge, ThemeMap, ThemeNode};

mod common;
use common::stats;

const RUNS: usize = 5;

/// Draws one chart as SVG.
type Draw = fn() -> String;

/// A code's label as the template writes them: a key and a name of typical length.
fn label(i: usize) -> String {
    format!(
        "T{:02}.{} Tillit og styring i kommunen, del {i}",
        i / 8 + 1,
        i % 8 + 1
    )
}

fn bars() -> BarChart {
    BarChart {
        title: "Informanter per tema".into(),
        bars: (0..19)
            .map(|i| Bar {
                label: label(i),
                value: ((i * 7) % 41) as f64,
                note: Some(format!("{} av 40 informanter", (i * 7) % 41)),
                color: None,
            })
            .collect(),
        axis_label: "Informanter".into(),
        unit: BarUnit::Count,
        max: Some(40.0),
    }
}

fn heatmap(rows: usize, cols: usize) -> Heatmap {
    Heatmap {
        title: format!("{rows} × {cols}"),
        row_labels: (0..rows).map(label).collect(),
        col_labels: (0..cols).map(label).collect(),
        values: (0..rows)
            .map(|r| (0..cols).map(|c| ((r * 7 + c * 13) % 40) as f64).collect())
            .collect(),
        cell_labels: None,
        legend: "Utdrag".into(),
    }
}

fn theme_map() -> ThemeMap {
    ThemeMap {
        title: "Temakart".into(),
        nodes: (0..40)
            .map(|i| ThemeNode {
                id: i.to_string(),
                label: label(i),
                weight: (i % 9 + 1) as f64,
                color: None,
            })
            .collect(),
        edges: (0..40usize)
            .flat_map(|a| {
                (a + 1..40)
                    .filter(move |b| (a * b) % 7 == 1)
                    .map(move |b| (a, b))
            })
            .take(80)
            .map(|(a, b)| ThemeEdge {
                a: a.to_string(),
                b: b.to_string(),
                weight: ((a + b) % 5 + 1) as f64,
            })
            .collect(),
        legend: "Sirkel: antall utdrag.".into(),
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("chart benchmark: run it with `cargo bench --bench chart`");
        return;
    }
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let charts: [(&str, Draw); 4] = [
        ("prevalence bars, 19 themes", || bars().to_svg().unwrap()),
        ("heatmap 19 × 12 (themes × attribute values)", || {
            heatmap(19, 12).to_svg().unwrap()
        }),
        ("heatmap 147 × 147 (co-occurrence)", || {
            heatmap(147, 147).to_svg().unwrap()
        }),
        ("theme map, 40 codes, 80 links", || {
            theme_map().to_svg().unwrap()
        }),
    ];
    println!("| chart | N | seed | commit | runs | SVG p50 / p95 / max | SVG size | PNG 16 cm 300 dpi p50 / p95 / max |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, draw) in &charts {
        let (mut svg_ms, mut png_ms) = (Vec::new(), Vec::new());
        let mut size = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let svg = draw();
            svg_ms.push(ms(t));
            size = svg.len();
            let t = Instant::now();
            chart::to_png(&svg, chart::DEFAULT_WIDTH_CM, chart::DEFAULT_DPI).unwrap();
            png_ms.push(ms(t));
        }
        println!(
            "| {name} | 1 | – | {commit} | {RUNS} | {} ms | {} kB | {} ms |",
            stats(&mut svg_ms, 0),
            size / 1000,
            stats(&mut png_ms, 0)
        );
    }
}
