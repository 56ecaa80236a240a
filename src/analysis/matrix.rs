//! Code × document and code × attribute matrices, counted in excerpts or informants, each cell
//! with its row and column share and the excerpt query behind it.

use serde::Serialize;

use super::{CodeRef, CooccurrenceMode};
use crate::coding::retrieve::Op;
use crate::project::ExcerptQuery;
use crate::{Project, Result};

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

    #[allow(dead_code)] // the co-occurrence matrix lands next
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
    /// The column's total: excerpts of the rows in it; for informants, the informants in it (in
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
        let _ = options;
        todo!()
    }

    /// Codes × codes, every code in codebook order: turns (or overlapping places) holding both,
    /// with Jaccard; the diagonal is each code's own count, so a cell's row share is the share of
    /// the row code's turns that also hold the column code.
    pub fn cooccurrence_matrix(&self, mode: CooccurrenceMode) -> Result<Matrix> {
        let _ = mode;
        todo!()
    }
}
