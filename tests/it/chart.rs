//! `tolk chart` on a small hand-coded project: each kind's SVG is byte-identical to the chart the
//! core draws from the numbers worked out here by hand (so the CLI, the analysis adapters and the
//! drawing agree), it needs no fonts (no text left, read back with an empty font database), and
//! a PNG records its width and 300 dpi.

use std::path::Path;

use resvg::usvg;
use tolk::chart::{Bar, BarChart, BarUnit, Heatmap, ThemeEdge, ThemeMap, ThemeNode};
use tolk::ImportOptions;

use crate::util::{stdout, tolk, TempProject};

// Two interviews, three informants (IP1 and IP2 in a, IP3 in b); I is the interviewer.
const DOC_A: &str = "I: Hva betyr tillit?\nIP1: Ærlighet og kontroll.\nI: Og du?\nIP2: Ærlighet.\n";
const DOC_B: &str = "IP3: Ærlighet og samarbeid.\n";

/// Codes (tree order): Tillit (#285CC2) with «Ærlighet & åpenhet» (#C2285C) and «Kontroll
/// <styring>» (#28C25C); Samarbeid (#C2A028). Whole turns coded:
///
/// | code                | turns                     | informants    |
/// |---------------------|---------------------------|---------------|
/// | Ærlighet & åpenhet  | a 2 (IP1), a 4 (IP2), b 1 | IP1, IP2, IP3 |
/// | Kontroll <styring>  | a 2 (IP1)                 | IP1           |
/// | Samarbeid           | b 1 (IP3)                 | IP3           |
///
/// Documents: a kommune=Bodø, b kommune=Ås.
fn fixture() -> TempProject {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    p.import_bytes("a.txt", DOC_A.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.import_bytes("b.txt", DOC_B.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tillit", Some("#285cc2")).unwrap();
    p.create_code(Some("Tillit"), "Ærlighet & åpenhet", Some("#c2285c"))
        .unwrap();
    p.create_code(Some("Tillit"), "Kontroll <styring>", Some("#28c25c"))
        .unwrap();
    p.create_code(None, "Samarbeid", Some("#c2a028")).unwrap();
    for (doc, code, turn) in [
        ("a", "Tillit/Ærlighet & åpenhet", 2),
        ("a", "Tillit/Ærlighet & åpenhet", 4),
        ("b", "Tillit/Ærlighet & åpenhet", 1),
        ("a", "Tillit/Kontroll <styring>", 2),
        ("b", "Samarbeid", 1),
    ] {
        p.code_turn(doc, code, turn, None).unwrap();
    }
    p.set_document_attribute("a", "kommune", "Bodø").unwrap();
    p.set_document_attribute("b", "kommune", "Ås").unwrap();
    p.close().unwrap();
    t
}

/// Runs `tolk chart` and returns the file it wrote.
fn chart(t: &TempProject, args: &[&str], file: &str) -> Vec<u8> {
    let out_path = t.dir.path().join(file);
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"chart", &t.path];
    for a in args {
        all.push(a);
    }
    all.push(&"-o");
    all.push(&out_path);
    let out = tolk(&all, &t.dir.path().join("cache"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).starts_with(&format!("wrote {}", out_path.display())));
    std::fs::read(&out_path).unwrap()
}

/// The SVG read back with no fonts at all: valid, and with every label already outlines.
fn read_back(svg: &str) -> usvg::Tree {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("valid SVG");
    fn texts(g: &usvg::Group) -> usize {
        g.children()
            .iter()
            .map(|n| match n {
                usvg::Node::Text(_) => 1,
                usvg::Node::Group(g) => texts(g),
                _ => 0,
            })
            .sum()
    }
    assert_eq!(texts(tree.root()), 0, "labels left as text");
    assert!(!svg.contains("<text"));
    tree
}

fn guid(t: &TempProject, path: &str) -> String {
    let p = t.open();
    let guid = p.resolve_code(path).unwrap().guid;
    p.close().unwrap();
    guid
}

#[test]
fn prevalence_bars_of_a_code_s_sub_codes() {
    let t = fixture();
    let svg =
        String::from_utf8(chart(&t, &["prevalence", "--code", "Tillit"], "bars.svg")).unwrap();
    read_back(&svg);
    // N = 3 informants; Ærlighet reaches IP1, IP2, IP3 (3 av 3), Kontroll only IP1 (1 av 3).
    let expected = BarChart {
        title: "«Tillit»: informanter per underkode".into(),
        bars: vec![
            Bar {
                label: "Ærlighet & åpenhet".into(),
                value: 3.0,
                note: Some("3 av 3 informanter".into()),
                color: Some("#C2285C".into()),
            },
            Bar {
                label: "Kontroll <styring>".into(),
                value: 1.0,
                note: Some("1 av 3 informanter".into()),
                color: Some("#28C25C".into()),
            },
        ],
        axis_label: "Informanter".into(),
        unit: BarUnit::Count,
        max: Some(3.0),
    };
    assert_eq!(svg, expected.to_svg().unwrap());
    // The title is the chart's accessible name, escaped.
    assert!(svg.contains(">«Tillit»: informanter per underkode</title>"));
}

#[test]
fn a_heatmap_of_themes_by_attribute_counts_informants() {
    let t = fixture();
    let args = [
        "heatmap",
        "--cols",
        "attribute:kommune",
        "--measure",
        "informants",
    ];
    let svg = String::from_utf8(chart(&t, &args, "heat.svg")).unwrap();
    read_back(&svg);
    // Rows: the top-level codes with their sub-codes. Tillit in Bodø (document a): IP1 and IP2
    // = 2; in Ås (b): IP3 = 1. Samarbeid: only IP3, in Ås. A zero cell is blank.
    let expected = Heatmap {
        title: "Temaer × kommune (informanter)".into(),
        row_labels: vec!["Tillit".into(), "Samarbeid".into()],
        col_labels: vec!["Bodø".into(), "Ås".into()],
        values: vec![vec![2.0, 1.0], vec![0.0, 1.0]],
        cell_labels: Some(vec![
            vec!["2".into(), "1".into()],
            vec!["".into(), "1".into()],
        ]),
        legend: "Informanter".into(),
    };
    assert_eq!(svg, expected.to_svg().unwrap());
}

#[test]
fn cooccurrence_heatmap_and_theme_map() {
    let t = fixture();
    let (honesty, control, cooperation) = (
        guid(&t, "Tillit/Ærlighet & åpenhet"),
        guid(&t, "Tillit/Kontroll <styring>"),
        guid(&t, "Samarbeid"),
    );
    // Codes with excerpts (Tillit has none of its own). Turns holding both: Ærlighet and
    // Kontroll share a 2, Ærlighet and Samarbeid share b 1, Kontroll and Samarbeid none.
    let svg = String::from_utf8(chart(&t, &["cooccurrence"], "co.svg")).unwrap();
    read_back(&svg);
    let blank = String::new;
    let expected = Heatmap {
        title: "Samforekomst: alle kodede koder".into(),
        row_labels: vec![
            "Ærlighet & åpenhet".into(),
            "Kontroll <styring>".into(),
            "Samarbeid".into(),
        ],
        col_labels: vec![
            "Ærlighet & åpenhet".into(),
            "Kontroll <styring>".into(),
            "Samarbeid".into(),
        ],
        values: vec![
            vec![0.0, 1.0, 1.0],
            vec![1.0, 0.0, 0.0],
            vec![1.0, 0.0, 0.0],
        ],
        cell_labels: Some(vec![
            vec![blank(), "1".into(), "1".into()],
            vec!["1".into(), blank(), blank()],
            vec!["1".into(), blank(), blank()],
        ]),
        legend: "Taleturer med begge kodene".into(),
    };
    assert_eq!(svg, expected.to_svg().unwrap());

    // Circles sized by excerpts (3, 1, 1); links weighted by Jaccard over turns: Ærlighet's
    // turns {a2, a4, b1} and Kontroll's {a2}: 1 / 3; Ærlighet and Samarbeid's {b1}: 1 / 3.
    let svg = String::from_utf8(chart(&t, &["theme-map"], "map.svg")).unwrap();
    read_back(&svg);
    let node = |id: &str, label: &str, weight: f64, color: &str| ThemeNode {
        id: id.into(),
        label: label.into(),
        weight,
        color: Some(color.into()),
    };
    let expected = ThemeMap {
        title: "Temakart: alle kodede koder".into(),
        nodes: vec![
            node(&honesty, "Ærlighet & åpenhet", 3.0, "#C2285C"),
            node(&control, "Kontroll <styring>", 1.0, "#28C25C"),
            node(&cooperation, "Samarbeid", 1.0, "#C2A028"),
        ],
        edges: vec![
            ThemeEdge {
                a: honesty.clone(),
                b: control,
                weight: 1.0 / 3.0,
            },
            ThemeEdge {
                a: honesty,
                b: cooperation,
                weight: 1.0 / 3.0,
            },
        ],
        legend: "Sirkel: antall utdrag. Linje: kodene forekommer sammen (samme taletur); tykkere \
                 linje, høyere Jaccard."
            .into(),
    };
    assert_eq!(svg, expected.to_svg().unwrap());
}

/// Width, height and pHYs of a PNG, decoded with the `png` crate.
fn png_info(bytes: &[u8]) -> (u32, u32, png::PixelDimensions) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let info = reader.info();
    (
        info.width,
        info.height,
        info.pixel_dims.expect("a pHYs chunk"),
    )
}

/// The SVG's own width and height (user units).
fn svg_size(svg: &[u8]) -> (f64, f64) {
    let size = usvg::Tree::from_data(svg, &usvg::Options::default())
        .unwrap()
        .size();
    (f64::from(size.width()), f64::from(size.height()))
}

#[test]
fn the_png_records_its_dpi_and_width() {
    let t = fixture();
    let svg = chart(&t, &["prevalence", "--code", "Tillit"], "bars.svg");
    let (w, h) = svg_size(&svg);
    let png_bytes = chart(&t, &["prevalence", "--code", "Tillit"], "bars.png");
    assert_eq!(&png_bytes[..8], b"\x89PNG\r\n\x1a\n");
    let (width, height, dims) = png_info(&png_bytes);
    // 16 cm at 300 dpi: 16 / 2.54 × 300 = 1889.76 → 1890 px; the height in proportion.
    assert_eq!(width, 1890);
    assert_eq!(f64::from(height), (1890.0 * h / w).round());
    // 300 dpi = 300 / 0.0254 = 11811.02 → 11811 pixels per metre.
    assert_eq!(
        (dims.xppu, dims.yppu, dims.unit),
        (11811, 11811, png::Unit::Meter)
    );

    // 8 cm at 150 dpi: 8 / 2.54 × 150 = 472.44 → 472 px; 150 / 0.0254 = 5905.5 → 5906 per metre.
    let small = chart(
        &t,
        &[
            "prevalence",
            "--code",
            "Tillit",
            "--width-cm",
            "8",
            "--dpi",
            "150",
        ],
        "small.png",
    );
    let (width, _, dims) = png_info(&small);
    assert_eq!((width, dims.xppu), (472, 5906));
}

#[test]
fn a_wrong_file_type_or_a_code_without_sub_codes_is_refused() {
    let t = fixture();
    let cache = t.dir.path().join("cache");
    let jpg = t.dir.path().join("chart.jpg");
    let out = tolk(&[&"chart", &t.path, &"prevalence", &"-o", &jpg], &cache);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("must end in .svg or .png"));
    assert!(!Path::new(&jpg).exists());
    let svg = t.dir.path().join("chart.svg");
    let out = tolk(
        &[
            &"chart",
            &t.path,
            &"prevalence",
            &"--code",
            &"Samarbeid",
            &"-o",
            &svg,
        ],
        &cache,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("«Samarbeid» has no sub-codes"));
}
