//! Code × document and code × attribute matrices, counted in excerpts or informants, each cell
//! with its row and column share and the excerpt query behind it.

use serde::Serialize;

use super::scope::{Grouping, Scope};
use super::{share, CodeRef, CooccurrenceMode};
use crate::coding::retrieve::Op;
use crate::project::ExcerptQuery;
use crate::{Error, Project, Result};

/// What a matrix's columns are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Columns {
    /// One column per document, in Norwegian order of name.
    #[default]
    Documents,
    /// One column per value of this attribute (the informant's value, else the document's), in
    /// Norwegian order, and «(ingen verdi)» last when some coding or informant has none.
    Attribute(String),
}

impl Columns {
    /// `documents` or `attribute:NAME`.
    pub fn parse(text: &str) -> Option<Columns> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("documents") {
            return Some(Columns::Documents);
        }
        let name = text.strip_prefix("attribute:")?.trim();
        (!name.is_empty()).then(|| Columns::Attribute(name.to_owned()))
    }
}

/// What a matrix counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatrixMeasure {
    /// Excerpts (codings, identical ones by several coders once).
    #[default]
    Excerpts,
    /// Informants with at least one excerpt.
    Informants,
    /// Co-occurrence over turns.
    Turns,
    /// Co-occurrence over overlapping codings.
    Overlap,
}

impl MatrixMeasure {
    /// `excerpts` or `informants`.
    pub fn parse(text: &str) -> Option<MatrixMeasure> {
        match text.trim().to_ascii_lowercase().as_str() {
            "excerpts" => Some(MatrixMeasure::Excerpts),
            "informants" => Some(MatrixMeasure::Informants),
            _ => None,
        }
    }

    pub(crate) fn of(mode: CooccurrenceMode) -> MatrixMeasure {
        match mode {
            CooccurrenceMode::Turns => MatrixMeasure::Turns,
            CooccurrenceMode::Overlap => MatrixMeasure::Overlap,
        }
    }
}

/// What [`Project::code_matrix`] computes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatrixOptions {
    /// The rows: these codes (keys, GUIDs or paths) in the order given; empty: every code in
    /// codebook order.
    pub codes: Vec<String>,
    /// Count each row's code with its sub-codes.
    pub subcodes: bool,
    pub columns: Columns,
    /// `Excerpts` or `Informants`.
    pub measure: MatrixMeasure,
    /// `KEY=VALUE` scope filters, as in [`super::SummaryOptions::scope`].
    pub scope: Vec<String>,
}

/// A row: a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    #[serde(flatten)]
    pub code: CodeRef,
    /// The row's total: its excerpts, or informants (each once), over all columns; on the
    /// co-occurrence matrix the code's own turns or coded places.
    pub total: usize,
}

/// What a column stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ColumnTarget {
    Document {
        guid: String,
        name: String,
    },
    /// `value: None` is «(ingen verdi)».
    Attribute {
        key: String,
        value: Option<String>,
    },
    Code {
        guid: String,
    },
}

/// A column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixColumn {
    /// The document's name, the attribute value (or «(ingen verdi)»), or the code's label.
    pub label: String,
    pub target: ColumnTarget,
    /// The column's total: the excerpts of the rows' codes in it (each once); for informants, the informants in it (in
    /// scope), so a cell reads «X av N»; on the co-occurrence matrix the code's own count.
    pub total: usize,
}

/// A cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MatrixCell {
    pub count: usize,
    /// `count / row total` (0 when the total is 0).
    pub row_share: f64,
    /// `count / column total` (0 when the total is 0).
    pub col_share: f64,
    /// On the co-occurrence matrix: |A ∩ B| / |A ∪ B|.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jaccard: Option<f64>,
}

/// A matrix of codes against documents, attribute values or codes. `cells[row][col]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub measure: MatrixMeasure,
    /// Rows counted with their sub-codes.
    pub subcodes: bool,
    pub scope: Vec<String>,
    pub rows: Vec<MatrixRow>,
    pub cols: Vec<MatrixColumn>,
    pub cells: Vec<Vec<MatrixCell>>,
}

impl Matrix {
    /// The excerpt query that opens a cell: the row code's excerpts in the column's document or
    /// attribute group; on the co-occurrence matrix the row code's excerpts in a turn that holds
    /// the column code (`SAME-TURN`) or the places both codes cover (`AND`).
    pub fn excerpt_query(&self, row: usize, col: usize) -> ExcerptQuery {
        let mut query = ExcerptQuery {
            code: self.rows[row].code.guid.clone(),
            subcodes: self.subcodes,
            attributes: self.scope.clone(),
            ..ExcerptQuery::default()
        };
        match &self.cols[col].target {
            ColumnTarget::Document { guid, .. } => query.document = Some(guid.clone()),
            ColumnTarget::Attribute { key, value } => query
                .attributes
                .push(format!("{key}={}", value.as_deref().unwrap_or(""))),
            ColumnTarget::Code { guid } => {
                let op = match self.measure {
                    MatrixMeasure::Overlap => Op::And,
                    _ => Op::SameTurn,
                };
                query.ops.push((op, guid.clone()));
            }
        }
        query
    }
}

impl Project {
    /// Codes × documents or × an attribute's values (see [`MatrixOptions`]).
    pub fn code_matrix(&self, options: &MatrixOptions) -> Result<Matrix> {
        let counts_informants = match options.measure {
            MatrixMeasure::Excerpts => false,
            MatrixMeasure::Informants => true,
            other => {
                return Err(Error::Invalid(format!(
                    "a code matrix counts excerpts or informants, not {other:?}; co-occurrence \
                     has its own matrix"
                )))
            }
        };
        let mut cache = self.analysis_cache().lock();
        let snap = cache.snapshot(self.store().conn())?;
        let tree = snap.tree();
        let scope = Scope::new(&snap, &options.scope)?;
        let codes: Vec<usize> = if options.codes.is_empty() {
            tree.order()
        } else {
            options
                .codes
                .iter()
                .map(|c| tree.resolve(c))
                .collect::<Result<_>>()?
        };
        // The rows each code counts in (a sub-code also counts in its ancestors' rows).
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); snap.codes.len()];
        for (row, &c) in codes.iter().enumerate() {
            let family = if options.subcodes {
                tree.family(c)
            } else {
                vec![c]
            };
            for m in family {
                rows_of[m].push(row);
            }
        }

        // Columns, each excerpt's column and the informants in each column.
        let (cols, col_of_doc, grouping) = match &options.columns {
            Columns::Documents => {
                let mut col_of_doc = vec![usize::MAX; snap.docs.len()];
                let mut cols = Vec::new();
                for (d, doc) in snap.docs.iter().enumerate().filter(|&(d, _)| scope.doc[d]) {
                    col_of_doc[d] = cols.len();
                    cols.push(MatrixColumn {
                        label: doc.name.clone(),
                        target: ColumnTarget::Document {
                            guid: doc.guid.clone(),
                            name: doc.name.clone(),
                        },
                        total: 0,
                    });
                }
                (cols, col_of_doc, None)
            }
            Columns::Attribute(name) => {
                let counted = snap
                    .excerpts
                    .iter()
                    .filter(|e| !rows_of[e.code].is_empty() && scope.excerpt(&snap, e));
                let grouping = Grouping::new(&snap, &scope, &*cache.values(&snap, name)?, counted);
                let cols = grouping
                    .groups
                    .iter()
                    .map(|g| MatrixColumn {
                        label: g.label().to_owned(),
                        target: ColumnTarget::Attribute {
                            key: grouping.name.clone(),
                            value: g.value.clone(),
                        },
                        total: 0,
                    })
                    .collect::<Vec<_>>();
                (cols, Vec::new(), Some(grouping))
            }
        };
        let col_of = |e: &super::snapshot::Excerpt| match &grouping {
            Some(g) => g.excerpt(&snap, e),
            None => col_of_doc[e.doc],
        };
        let (n_rows, n_cols) = (codes.len(), cols.len());
        let mut counts = vec![0usize; n_rows * n_cols];
        let mut row_totals = vec![0usize; n_rows];
        let mut col_totals = vec![0usize; n_cols];
        if counts_informants {
            // (row, column, informant) of every excerpt, each once.
            let mut seen: Vec<(usize, usize, usize)> = Vec::new();
            for e in snap.excerpts.iter().filter(|e| scope.excerpt(&snap, e)) {
                if let Some(i) = snap.informant_of(e) {
                    let col = col_of(e);
                    seen.extend(rows_of[e.code].iter().map(|&r| (r, col, i)));
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for &(r, c, _) in &seen {
                counts[r * n_cols + c] += 1;
            }
            let mut by_row: Vec<(usize, usize)> = seen.iter().map(|&(r, _, i)| (r, i)).collect();
            by_row.sort_unstable();
            by_row.dedup();
            for (r, _) in by_row {
                row_totals[r] += 1;
            }
            // A column's N: the informants in it, coded or not.
            let mut in_col: Vec<(usize, usize)> = snap
                .speakers
                .iter()
                .enumerate()
                .filter(|&(s, _)| scope.speaker[s])
                .filter_map(|(s, sp)| {
                    let col = match &grouping {
                        Some(g) => g.speaker[s],
                        None => col_of_doc[sp.doc],
                    };
                    Some((col, sp.informant?))
                })
                .collect();
            in_col.sort_unstable();
            in_col.dedup();
            for (c, _) in in_col {
                col_totals[c] += 1;
            }
        } else {
            for e in snap.excerpts.iter().filter(|e| scope.excerpt(&snap, e)) {
                let col = col_of(e);
                for &r in &rows_of[e.code] {
                    counts[r * n_cols + col] += 1;
                    row_totals[r] += 1;
                }
                // Once, though nested rows (a code with its sub-codes) may count it twice.
                if !rows_of[e.code].is_empty() {
                    col_totals[col] += 1;
                }
            }
        }
        let rows = codes
            .iter()
            .zip(&row_totals)
            .map(|(&c, &total)| MatrixRow {
                code: snap.code_ref(&tree, c),
                total,
            })
            .collect();
        let cols = cols
            .into_iter()
            .zip(&col_totals)
            .map(|(col, &total)| MatrixColumn { total, ..col })
            .collect();
        let cells = (0..n_rows)
            .map(|r| {
                (0..n_cols)
                    .map(|c| {
                        let count = counts[r * n_cols + c];
                        MatrixCell {
                            count,
                            row_share: share(count, row_totals[r]),
                            col_share: share(count, col_totals[c]),
                            jaccard: None,
                        }
                    })
                    .collect()
            })
            .collect();
        Ok(Matrix {
            measure: options.measure,
            subcodes: options.subcodes,
            scope: options.scope.clone(),
            rows,
            cols,
            cells,
        })
    }
}
