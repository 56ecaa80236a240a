//! The XLSX export (rust_xlsxwriter): sheet `Utdrag` with one row per excerpt (the columns of
//! [`super::table`]) and sheet `Koder per dokument` with the 0/1 presence of each code per
//! document. Headers bold, the first row frozen, an autofilter on the excerpts.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::excerpt_set::ExcerptSet;
use super::table::{excerpt_table, presence_table, Cell, Table};
use crate::{Error, Result};

/// Excel's longest text in a cell.
const MAX_CELL_CHARS: usize = 32_767;

fn xlsx_error(e: XlsxError) -> Error {
    Error::Invalid(format!("cannot write the spreadsheet: {e}"))
}

/// The workbook's bytes.
pub fn write(set: &ExcerptSet) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    sheet(book.add_worksheet(), "Utdrag", &excerpt_table(set), true).map_err(xlsx_error)?;
    sheet(
        book.add_worksheet(),
        "Koder per dokument",
        &presence_table(set),
        false,
    )
    .map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// Writes a table into a sheet.
pub(crate) fn sheet(
    ws: &mut Worksheet,
    name: &str,
    table: &Table,
    filter: bool,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col(c), fit(s))?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, col(c), *n)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if filter && !table.rows.is_empty() {
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        ws.autofilter(0, 0, last_row, col(table.header.len().saturating_sub(1)))?;
    }
    ws.autofit();
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Text cut to Excel's limit, with `(…)` where it was cut (an excerpt of more than 32 767
/// characters is a whole transcript coded at once).
fn fit(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_CELL_CHARS - 3).collect();
    out.push_str("(…)");
    out
}
