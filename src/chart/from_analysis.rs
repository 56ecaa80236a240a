//! Chart inputs from analysis results, so the app, the CLI and reports draw the same chart from
//! the same numbers: prevalence bars from code frequencies, heatmaps from matrices, a theme map
//! from the co-occurrence matrix.

use std::collections::HashMap;

use super::{Bar, BarChart, BarUnit, Heatmap, ThemeEdge, ThemeMap, ThemeNode};
use crate::analysis::numbers::informants_phrase;
use crate::analysis::{CodeFrequency, CodeRef, ColumnTarget, Matrix, MatrixMeasure};

/// A theme map with more codes than this is unreadable; the most frequent are kept.
pub const THEME_MAP_MAX_CODES: usize = 40;
/// Links kept on a theme map: the strongest.
pub const THEME_MAP_MAX_LINKS: usize = 80;

/// A code on a chart: its key and name (`T06.4 Relasjonell tillit`), else its name.
pub fn code_label(code: &CodeRef) -> String {
    match &code.key {
        Some(key) => format!("{key} {}", code.name),
        None => code.name.clone(),
    }
}

/// Prevalence bars: each code's informants, in the order given and in its colour, against
/// `informants_total` (N), each bar noted «X av N informanter».
pub fn prevalence_chart(title: &str, codes: &[CodeFrequency], informants_total: usize) -> BarChart {
    BarChart {
        title: title.to_string(),
        bars: codes
            .iter()
            .map(|c| Bar {
                label: code_label(&c.code),
                value: c.informants as f64,
                note: Some(informants_phrase(c.informants, informants_total)),
                color: Some(c.code.color.clone()),
            })
            .collect(),
        axis_label: "Informanter".to_string(),
        unit: BarUnit::Count,
        max: Some(informants_total as f64),
    }
}

/// What a matrix's cells count, as its legend says it.
fn measure_label(measure: MatrixMeasure) -> &'static str {
    match measure {
        MatrixMeasure::Excerpts => "Utdrag",
        MatrixMeasure::Informants => "Informanter",
        MatrixMeasure::Turns => "Taleturer med begge kodene",
        MatrixMeasure::Overlap => "Steder der kodingene overlapper",
    }
}

/// A matrix as a heatmap of its counts (a zero cell left blank), rows limited to `codes` (GUIDs)
/// when given. On the co-occurrence matrix the columns are limited alike and the diagonal (a
/// code with itself, its own count) is blank, so it does not set the scale.
pub fn matrix_heatmap(title: &str, matrix: &Matrix, codes: Option<&[String]>) -> Heatmap {
    let keep = |guid: &str| codes.is_none_or(|codes| codes.iter().any(|c| c == guid));
    let rows: Vec<usize> = (0..matrix.rows.len())
        .filter(|&r| keep(&matrix.rows[r].code.guid))
        .collect();
    let row_of: HashMap<&str, usize> = matrix
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| (row.code.guid.as_str(), r))
        .collect();
    let column_code = |c: usize| match &matrix.cols[c].target {
        ColumnTarget::Code { guid } => Some(guid.as_str()),
        _ => None,
    };
    let cols: Vec<usize> = (0..matrix.cols.len())
        .filter(|&c| column_code(c).is_none_or(keep))
        .collect();
    let col_label = |c: usize| match column_code(c).and_then(|guid| row_of.get(guid)) {
        Some(&r) => code_label(&matrix.rows[r].code),
        None => matrix.cols[c].label.clone(),
    };
    let same_code = |r: usize, c: usize| column_code(c) == Some(matrix.rows[r].code.guid.as_str());
    let cell = |r: usize, c: usize| {
        if same_code(r, c) {
            0
        } else {
            matrix.cells[r][c].count
        }
    };
    Heatmap {
        title: title.to_string(),
        row_labels: rows
            .iter()
            .map(|&r| code_label(&matrix.rows[r].code))
            .collect(),
        col_labels: cols.iter().map(|&c| col_label(c)).collect(),
        values: rows
            .iter()
            .map(|&r| cols.iter().map(|&c| cell(r, c) as f64).collect())
            .collect(),
        cell_labels: Some(
            rows.iter()
                .map(|&r| {
                    cols.iter()
                        .map(|&c| match cell(r, c) {
                            0 => String::new(),
                            n => super::number::format_number(n as f64, 0),
                        })
                        .collect()
                })
                .collect(),
        ),
        legend: measure_label(matrix.measure).to_string(),
    }
}

/// `codes` (those with excerpts; the [`THEME_MAP_MAX_CODES`] most frequent) as circles sized by
/// their excerpts, linked where the co-occurrence matrix counts them together, a line's width
/// its Jaccard (its count when the matrix has none); the [`THEME_MAP_MAX_LINKS`] strongest links.
pub fn theme_map(title: &str, codes: &[CodeFrequency], cooccurrence: &Matrix) -> ThemeMap {
    let mut chosen: Vec<usize> = (0..codes.len())
        .filter(|&i| codes[i].excerpts > 0)
        .collect();
    // Most excerpts first (a stable sort keeps the given order among equals), then back in order.
    chosen.sort_by_key(|&i| std::cmp::Reverse(codes[i].excerpts));
    chosen.truncate(THEME_MAP_MAX_CODES);
    chosen.sort_unstable();
    let nodes: Vec<ThemeNode> = chosen
        .iter()
        .map(|&i| ThemeNode {
            id: codes[i].code.guid.clone(),
            label: code_label(&codes[i].code),
            weight: codes[i].excerpts as f64,
            color: Some(codes[i].code.color.clone()),
        })
        .collect();

    let on_map = |guid: &str| nodes.iter().any(|n| n.id == guid);
    let mut edges = Vec::new();
    for (r, row) in cooccurrence.rows.iter().enumerate() {
        for (c, col) in cooccurrence.cols.iter().enumerate() {
            let ColumnTarget::Code { guid } = &col.target else {
                continue;
            };
            let cell = &cooccurrence.cells[r][c];
            // Each pair once: the matrix is symmetric, so the upper triangle.
            if c > r && cell.count > 0 && on_map(&row.code.guid) && on_map(guid) {
                let weight = cell.jaccard.unwrap_or(cell.count as f64);
                edges.push(ThemeEdge {
                    a: row.code.guid.clone(),
                    b: guid.clone(),
                    weight,
                });
            }
        }
    }
    edges.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    edges.truncate(THEME_MAP_MAX_LINKS);

    let link = match cooccurrence.measure {
        MatrixMeasure::Overlap => "overlappende kodinger",
        _ => "samme taletur",
    };
    ThemeMap {
        title: title.to_string(),
        nodes,
        edges,
        legend: format!("Sirkel: antall utdrag. Linje: kodene forekommer sammen ({link}); tykkere linje, høyere Jaccard."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{MatrixCell, MatrixColumn, MatrixRow};

    fn code(guid: &str, key: Option<&str>, name: &str) -> CodeRef {
        CodeRef {
            label: key.unwrap_or(name).to_string(),
            guid: guid.to_string(),
            key: key.map(str::to_string),
            path: name.to_string(),
            name: name.to_string(),
            color: "#285CC2".to_string(),
            depth: 0,
            hidden: false,
        }
    }

    fn frequency(guid: &str, name: &str, excerpts: usize, informants: usize) -> CodeFrequency {
        CodeFrequency {
            code: code(guid, None, name),
            excerpts,
            documents: 1,
            informants,
        }
    }

    fn cell(count: usize, jaccard: Option<f64>) -> MatrixCell {
        MatrixCell {
            count,
            row_share: 0.0,
            col_share: 0.0,
            jaccard,
        }
    }

    /// Three codes: a–b in 4 turns (Jaccard 0,4), a–c in 1 (0,1), b–c never.
    fn cooccurrence() -> Matrix {
        let codes = [("a", "Tillit"), ("b", "Kontroll"), ("c", "Åpenhet")];
        let j = [
            [None, Some(0.4), Some(0.1)],
            [Some(0.4), None, Some(0.0)],
            [Some(0.1), Some(0.0), None],
        ];
        let counts = [[6, 4, 1], [4, 8, 0], [1, 0, 3]];
        Matrix {
            measure: MatrixMeasure::Turns,
            subcodes: false,
            scope: vec![],
            rows: codes
                .iter()
                .map(|(g, n)| MatrixRow {
                    code: code(g, None, n),
                    total: 0,
                })
                .collect(),
            cols: codes
                .iter()
                .map(|(g, n)| MatrixColumn {
                    label: n.to_string(),
                    target: ColumnTarget::Code {
                        guid: g.to_string(),
                    },
                    total: 0,
                })
                .collect(),
            cells: (0..3)
                .map(|r| (0..3).map(|c| cell(counts[r][c], j[r][c])).collect())
                .collect(),
        }
    }

    #[test]
    fn labels_carry_the_key_when_there_is_one() {
        assert_eq!(
            code_label(&code("g", Some("T06.4"), "Relasjonell tillit")),
            "T06.4 Relasjonell tillit"
        );
        assert_eq!(code_label(&code("g", None, "Egen kode")), "Egen kode");
    }

    #[test]
    fn prevalence_bars_say_x_of_n() {
        let chart = prevalence_chart(
            "Tema",
            &[
                frequency("a", "Tillit", 9, 5),
                frequency("b", "Kontroll", 2, 1),
            ],
            7,
        );
        assert_eq!(chart.max, Some(7.0));
        let bars: Vec<(&str, f64, Option<&str>)> = chart
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.value, b.note.as_deref()))
            .collect();
        assert_eq!(
            bars,
            [
                ("Tillit", 5.0, Some("5 av 7 informanter")),
                ("Kontroll", 1.0, Some("1 av 7 informanter"))
            ]
        );
        chart.to_svg().unwrap();
    }

    #[test]
    fn the_cooccurrence_heatmap_blanks_the_diagonal_and_keeps_chosen_codes() {
        let all = matrix_heatmap("Samforekomst", &cooccurrence(), None);
        assert_eq!(all.values[0], [0.0, 4.0, 1.0]);
        assert_eq!(all.cell_labels.as_ref().unwrap()[1], ["4", "", ""]);
        assert_eq!(all.legend, "Taleturer med begge kodene");
        let two = matrix_heatmap(
            "Samforekomst",
            &cooccurrence(),
            Some(&["a".to_string(), "c".to_string()]),
        );
        assert_eq!(two.row_labels, ["Tillit", "Åpenhet"]);
        assert_eq!(two.col_labels, ["Tillit", "Åpenhet"]);
        assert_eq!(two.values, [[0.0, 1.0], [1.0, 0.0]]);
        two.to_svg().unwrap();
    }

    #[test]
    fn a_document_matrix_keeps_every_column() {
        let mut m = cooccurrence();
        m.measure = MatrixMeasure::Informants;
        for (i, col) in m.cols.iter_mut().enumerate() {
            col.label = format!("Intervju {}", i + 1);
            col.target = ColumnTarget::Document {
                guid: format!("d{i}"),
                name: col.label.clone(),
            };
        }
        let heatmap = matrix_heatmap("Koder × dokumenter", &m, Some(&["b".to_string()]));
        assert_eq!(
            heatmap.col_labels,
            ["Intervju 1", "Intervju 2", "Intervju 3"]
        );
        // No code columns, so no diagonal: the row's own column keeps its count.
        assert_eq!(heatmap.values, [[4.0, 8.0, 0.0]]);
        assert_eq!(heatmap.legend, "Informanter");
    }

    #[test]
    fn the_theme_map_links_codes_that_occur_together() {
        let codes = [
            frequency("a", "Tillit", 6, 3),
            frequency("b", "Kontroll", 8, 4),
            frequency("c", "Åpenhet", 3, 2),
            frequency("d", "Ubrukt", 0, 0),
        ];
        let map = theme_map("Temakart", &codes, &cooccurrence());
        // d has no excerpts; b–c never co-occur; a–b is the stronger link.
        assert_eq!(
            map.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        let edges: Vec<(&str, &str, f64)> = map
            .edges
            .iter()
            .map(|e| (e.a.as_str(), e.b.as_str(), e.weight))
            .collect();
        assert_eq!(edges, [("a", "b", 0.4), ("a", "c", 0.1)]);
        map.to_svg().unwrap();
    }

    #[test]
    fn the_theme_map_keeps_the_most_frequent_codes() {
        // 45 codes with 1..=45 excerpts: the 40 kept are those with 6..=45, in the given order.
        let codes: Vec<CodeFrequency> = (1..=45)
            .map(|i| frequency(&format!("g{i}"), &format!("Kode {i}"), i, 1))
            .collect();
        let map = theme_map("Temakart", &codes, &cooccurrence());
        assert_eq!(map.nodes.len(), THEME_MAP_MAX_CODES);
        assert_eq!(map.nodes[0].id, "g6");
        assert_eq!(map.nodes[39].id, "g45");
        assert!(map.edges.is_empty());
    }
}
