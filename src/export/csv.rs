//! The CSV export: the excerpt table of [`super::table`], UTF-8 with a byte-order mark (so a
//! Norwegian Excel opens it as UTF-8), `;`-separated unless another delimiter is chosen.

use super::excerpt_set::ExcerptSet;
use super::table::{excerpt_table, Table};

/// The default delimiter: what a Norwegian Excel expects (the comma is the decimal mark).
pub const DEFAULT_DELIMITER: u8 = b';';

/// The file's bytes.
pub fn write(set: &ExcerptSet, delimiter: u8) -> Vec<u8> {
    table_bytes(&excerpt_table(set), delimiter)
}

/// A table as CSV bytes with a byte-order mark.
pub fn table_bytes(table: &Table, delimiter: u8) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    out.write_record(&table.header).expect("write to memory");
    for row in &table.rows {
        out.write_record(row.iter().map(|c| c.as_text()))
            .expect("write to memory");
    }
    out.into_inner().expect("flush to memory")
}
