//! Attribute tables from spreadsheets: a CSV whose first column names documents, or whose
//! `informant` column names informants, and whose other columns are attributes. Researchers'
//! spreadsheets come from Excel: UTF-8 (often with BOM) or Windows-1252, `;` or `,`.

use unicode_normalization::UnicodeNormalization;

/// A parsed attribute table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeTable {
    /// Whether rows name informants (an `informant` column) rather than documents.
    pub informants: bool,
    /// Attribute keys, lower-cased, in column order.
    pub keys: Vec<String>,
    pub rows: Vec<AttributeRow>,
}

/// One row: what it names and its values, in the order of [`AttributeTable::keys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRow {
    pub name: String,
    pub values: Vec<String>,
}

/// Parses a CSV file's bytes; the error says what is wrong, for the caller to put the path to.
pub fn parse(bytes: &[u8]) -> Result<AttributeTable, String> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(clean)
        .collect();
    if headers.len() < 2 {
        return Err(
            "the first row must name a document (or informant) column and at least one \
                    attribute column"
                .to_owned(),
        );
    }
    let name_column = headers
        .iter()
        .position(|h| h.eq_ignore_ascii_case("informant"))
        .unwrap_or(0);
    let informants = headers[name_column].eq_ignore_ascii_case("informant");
    let keys: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != name_column)
        .map(|(_, h)| h.to_lowercase())
        .collect();
    if let Some(empty) = keys.iter().position(String::is_empty) {
        return Err(format!(
            "column {} has no name in the header row",
            empty + 2
        ));
    }
    let mut rows = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", line + 2))?;
        let name = record.get(name_column).map(clean).unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        let values = (0..headers.len())
            .filter(|&i| i != name_column)
            .map(|i| record.get(i).map(clean).unwrap_or_default())
            .collect();
        rows.push(AttributeRow { name, values });
    }
    Ok(AttributeTable {
        informants,
        keys,
        rows,
    })
}

/// The delimiter of a CSV text: `;` or `,`, whichever its first line has more of (`;` on a tie).
/// Excel writes `;` where the decimal separator is a comma, as in Norway; count, don't guess.
pub(crate) fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    }
}

fn clean(field: &str) -> String {
    field.trim().nfc().collect()
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252, which is what
/// Excel on Windows saves as "CSV" in Norway.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_utf8_with_bom_names_documents() {
        let csv = "\u{feff}dokument;Rolle;Kommune\nleder-bodo;enhetsleder;Bodø\nukjent;x;\n";
        let table = parse(csv.as_bytes()).unwrap();
        assert!(!table.informants);
        assert_eq!(table.keys, ["rolle", "kommune"]);
        assert_eq!(table.rows[0].name, "leder-bodo");
        assert_eq!(table.rows[0].values, ["enhetsleder", "Bodø"]);
        assert_eq!(table.rows[1].values, ["x", ""]);
    }

    #[test]
    fn comma_windows_1252_with_informant_column() {
        // "kjønn" and "Tromsø" in Windows-1252: ø is 0xF8.
        let bytes =
            b"alder,informant,kj\xF8nn\n54,leder-bodo/IP1,kvinne\n41,x/IP2,mann i Troms\xF8\n";
        let table = parse(bytes).unwrap();
        assert!(table.informants);
        assert_eq!(table.keys, ["alder", "kjønn"]);
        assert_eq!(table.rows[0].name, "leder-bodo/IP1");
        assert_eq!(table.rows[0].values, ["54", "kvinne"]);
        assert_eq!(table.rows[1].values, ["41", "mann i Tromsø"]);
    }

    #[test]
    fn a_single_column_is_an_error() {
        assert!(parse(b"dokument\nleder-bodo\n").is_err());
    }
}
