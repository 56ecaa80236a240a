//! The framework matrix: informants × themes, each cell the researcher's short summary of what
//! the informant says about the theme (table `framework_cell`) with links to the excerpts.

use std::collections::HashMap;

use serde::Serialize;

use super::CodeRef;
use crate::codebook::tree::Tree;
use crate::memo::normalize_text;
use crate::store::{analysis, codes, informants, log};
use crate::{Project, Result};

/// Where one excerpt is, for a link that opens it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcerptLink {
    /// The GUID of one of its codings (the oldest).
    pub coding: String,
    pub document: String,
    pub document_guid: String,
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
}

/// One informant × theme cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkCell {
    /// The researcher's summary (`None`: not written yet).
    pub text: Option<String>,
    /// Who last wrote it, and when (RFC 3339).
    pub author: Option<String>,
    pub updated_at: Option<String>,
    /// Excerpts of the theme (with its sub-codes) starting in the informant's turns.
    pub excerpts: usize,
    /// Those excerpts, in document order.
    pub links: Vec<ExcerptLink>,
}

/// One informant's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkRow {
    pub informant: String,
    pub informant_guid: String,
    /// One cell per theme, in the order of [`FrameworkMatrix::codes`].
    pub cells: Vec<FrameworkCell>,
}

/// Informants (Norwegian order of name) × themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkMatrix {
    pub codes: Vec<CodeRef>,
    pub rows: Vec<FrameworkRow>,
}

impl Project {
    /// The framework matrix over `codes` (keys, GUIDs or paths, in that order; empty: the
    /// top-level codes), each counted with its sub-codes.
    pub fn framework_matrix(&self, codes: &[String]) -> Result<FrameworkMatrix> {
        let conn = self.store().conn();
        let snap = self.analysis_cache().lock().snapshot(conn)?;
        let tree = snap.tree();
        let themes: Vec<usize> = if codes.is_empty() {
            tree.children(None).to_vec()
        } else {
            codes
                .iter()
                .map(|c| tree.resolve(c))
                .collect::<Result<_>>()?
        };
        let mut cols_of: Vec<Vec<usize>> = vec![Vec::new(); snap.codes.len()];
        for (col, &c) in themes.iter().enumerate() {
            for m in tree.family(c) {
                cols_of[m].push(col);
            }
        }
        let texts: HashMap<(i64, i64), analysis::CellRow> = analysis::framework_cells(conn)?
            .into_iter()
            .map(|c| ((c.informant_id, c.code_id), c))
            .collect();
        let mut rows: Vec<FrameworkRow> = snap
            .informants
            .iter()
            .map(|i| FrameworkRow {
                informant: i.name.clone(),
                informant_guid: i.guid.clone(),
                cells: themes
                    .iter()
                    .map(|&c| {
                        let stored = texts.get(&(i.id, snap.codes[c].id));
                        FrameworkCell {
                            text: stored.map(|s| s.text.clone()),
                            author: stored.map(|s| s.author.clone()),
                            updated_at: stored.map(|s| s.updated_at.clone()),
                            excerpts: 0,
                            links: Vec::new(),
                        }
                    })
                    .collect(),
            })
            .collect();
        for e in &snap.excerpts {
            let Some(i) = snap.informant_of(e) else {
                continue;
            };
            for &col in &cols_of[e.code] {
                let cell = &mut rows[i].cells[col];
                cell.excerpts += 1;
                let doc = &snap.docs[e.doc];
                cell.links.push(ExcerptLink {
                    coding: e.coding.clone(),
                    document: doc.name.clone(),
                    document_guid: doc.guid.clone(),
                    turn: e.start_turn.map(|t| snap.turns[t].n),
                    start_char: e.start_char,
                    end_char: e.end_char,
                });
            }
        }
        Ok(FrameworkMatrix {
            codes: themes.iter().map(|&c| snap.code_ref(&tree, c)).collect(),
            rows,
        })
    }

    /// Writes the summary of what `informant` (name or GUID) says about `code`; empty text
    /// clears the cell. Undoable; logged as `set_framework_cell` with the previous text.
    pub fn set_framework_cell(&mut self, informant: &str, code: &str, text: &str) -> Result<()> {
        let text = normalize_text(text);
        let (at, actor) = (crate::project::now(), self.actor().to_owned());
        self.store_mut().write_undoable(|tx| {
            let (informant_id, name) = informants::resolve(tx, informant)?;
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let c = tree.resolve(code)?;
            let previous = analysis::framework_cell(tx, informant_id, rows[c].id)?;
            if previous.as_deref().unwrap_or("") == text {
                return Ok(());
            }
            analysis::set_framework_cell(tx, (informant_id, rows[c].id), &text, &actor, &at)?;
            let guid: String = tx.query_row(
                "SELECT guid FROM informant WHERE id = ?1",
                [informant_id],
                |r| r.get(0),
            )?;
            log::append(
                tx,
                &at,
                &actor,
                "set_framework_cell",
                &guid,
                &serde_json::json!({
                    "informant": name, "code_guid": rows[c].guid, "code_key": rows[c].data.key,
                    "code_path": tree.path(c), "text": text, "previous": previous,
                }),
            )?;
            Ok(())
        })
    }
}
