//! The excerpts as a table, one row per excerpt, which the XLSX and CSV exports share; and the
//! 0/1 table of which code occurs in which document.
//!
//! Columns: `code_level_1` … `code_level_N` (the code's names from the top), `code_key`,
//! `document`, `speaker`, `informant`, one column per attribute key (named by the key;
//! `attr_KEY` when a key clashes with a fixed column), `turn`, `timestamp` (`hh:mm:ss`),
//! `start_char`, `end_char`, `text` (the quote, omitted ranges as `(…)`), `translation`, `memo`,
//! `coders` (comma-separated), `citation`.

use std::collections::HashSet;

use super::citation::format_time;
use super::excerpt_set::ExcerptSet;

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn optional(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    /// The cell as CSV text (numbers without a fraction as integers).
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A header and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The fixed columns, in order (the code levels before them, the attributes after `informant`).
const FIXED: &[&str] = &[
    "code_key",
    "document",
    "speaker",
    "informant",
    "turn",
    "timestamp",
    "start_char",
    "end_char",
    "text",
    "translation",
    "memo",
    "coders",
    "citation",
];

/// One row per excerpt.
pub fn excerpt_table(set: &ExcerptSet) -> Table {
    let depth = set.depth();
    let fixed: HashSet<&str> = FIXED.iter().copied().collect();
    // The fixed columns around the attributes: the first four before them, the rest after.
    let (before, after) = FIXED.split_at(4);
    let mut header: Vec<String> = (1..=depth).map(|n| format!("code_level_{n}")).collect();
    header.extend(before.iter().map(|c| (*c).to_owned()));
    for key in &set.attribute_keys {
        let clash = fixed.contains(key.as_str()) || key.starts_with("code_level_");
        header.push(if clash {
            format!("attr_{key}")
        } else {
            key.clone()
        });
    }
    header.extend(after.iter().map(|c| (*c).to_owned()));
    let rows = set
        .excerpts
        .iter()
        .map(|e| {
            let mut row: Vec<Cell> = (0..depth)
                .map(|l| Cell::optional(e.code_path.get(l).map(String::as_str)))
                .collect();
            row.push(Cell::optional(e.code_key.as_deref()));
            row.push(Cell::text(&e.document));
            row.push(Cell::optional(e.speaker.as_deref()));
            row.push(Cell::optional(e.informant.as_deref()));
            for key in &set.attribute_keys {
                row.push(Cell::optional(e.attributes.get(key).map(String::as_str)));
            }
            row.push(e.turn.map_or(Cell::Empty, |n| Cell::Number(f64::from(n))));
            row.push(
                e.time_ms
                    .map_or(Cell::Empty, |t| Cell::text(format_time(t))),
            );
            row.push(Cell::Number(e.start_char as f64));
            row.push(Cell::Number(e.end_char as f64));
            row.push(Cell::text(&e.quote));
            row.push(Cell::optional(e.translation.as_deref()));
            row.push(Cell::optional(e.memo.as_deref()));
            row.push(Cell::text(e.coders.join(", ")));
            row.push(Cell::text(&e.reference));
            row
        })
        .collect();
    Table { header, rows }
}

/// One row per document of the project, one column per code of the export (its section
/// heading): 1 when the export has an excerpt of that code in that document, else 0.
pub fn presence_table(set: &ExcerptSet) -> Table {
    let mut header = vec!["document".to_owned()];
    header.extend(set.sections.iter().map(|s| s.heading.clone()));
    let rows = set
        .documents
        .iter()
        .map(|doc| {
            let mut row = vec![Cell::text(doc)];
            for s in &set.sections {
                let present = s.excerpts.iter().any(|&i| set.excerpts[i].document == *doc);
                row.push(Cell::Number(if present { 1.0 } else { 0.0 }));
            }
            row
        })
        .collect();
    Table { header, rows }
}
