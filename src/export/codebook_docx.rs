//! The codebook as a Word table for an appendix, on landscape A4: one row per code in tree
//! order (sub-codes indented under their parents) with its definition, inclusion and exclusion
//! notes, anchor examples (each in «») and how many codings it has (its own, not its
//! sub-codes').

use std::path::Path;

use docx_rs::{Paragraph, Run, Table, TableCell, TableRow};

use super::docx_style::{self as style, paragraph, run};
use crate::codebook::tree::Tree;
use crate::project::Project;
use crate::store::codes;
use crate::Result;

const HEADER: [&str; 6] = [
    "Kode",
    "Definisjon",
    "Inkludering",
    "Ekskludering",
    "Ankereksempler",
    "Kodinger",
];

/// Column widths in twentieths of a point: 13 900 fits landscape A4 inside 1-inch margins.
const GRID: [usize; 6] = [2400, 3200, 2100, 2100, 2900, 1200];

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(text)))
}

impl Project {
    /// Writes the codebook as a Word table (see the module docs); returns how many codes.
    pub fn export_codebook_docx(&self, path: &Path) -> Result<usize> {
        let conn = self.store().conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let counts = self.code_counts()?;
        let header = TableRow::new(
            HEADER
                .iter()
                .map(|h| {
                    TableCell::new()
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*h).bold()))
                })
                .collect(),
        );
        let mut table = Table::new(vec![header]).set_grid(GRID.to_vec());
        let order = tree.order();
        for &i in &order {
            let summary = tree.summary(i);
            let d = &rows[i].data;
            let name = match &d.key {
                Some(k) => format!("{k} {}", d.name_nb),
                None => d.name_nb.clone(),
            };
            let mut name_run = Run::new().add_text(name);
            if summary.depth == 0 {
                name_run = name_run.bold();
            }
            let indent = i32::try_from(summary.depth * 240).unwrap_or(i32::MAX);
            let code = TableCell::new().add_paragraph(
                Paragraph::new()
                    .indent(Some(indent), None, None, None)
                    .add_run(name_run),
            );
            let mut anchors = TableCell::new();
            for a in &d.anchors {
                anchors = anchors.add_paragraph(Paragraph::new().add_run(run(&format!("«{a}»"))));
            }
            if d.anchors.is_empty() {
                anchors = anchors.add_paragraph(Paragraph::new());
            }
            let count = counts.get(&rows[i].guid).copied().unwrap_or(0);
            table = table.add_row(TableRow::new(vec![
                code,
                cell(&d.definition_nb),
                cell(&d.inclusion),
                cell(&d.exclusion),
                anchors,
                cell(&count.to_string()),
            ]));
        }
        let doc = style::document()
            .page_size(16838, 11906)
            .page_orient(docx_rs::PageOrientationType::Landscape)
            .add_paragraph(paragraph(style::TITLE, "Kodebok"))
            .add_table(table);
        super::write_file(path, &style::pack(doc)?)?;
        Ok(order.len())
    }
}
