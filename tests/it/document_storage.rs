//! Where a document's text and original bytes are stored (migration `0007_document_text.sql`):
//! the bytes in `document_original`, the text as the `document` row's last column. An older
//! project keeps both through the upgrade, and re-detecting turns still reads the bytes.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use tolk::{ImportOptions, Project};

use crate::util::{fixture, TempProject};

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn document_columns(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info('document')")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.collect::<rusqlite::Result<_>>().unwrap()
}

fn stored_original(conn: &Connection, name: &str) -> Vec<u8> {
    conn.query_row(
        "SELECT o.original FROM document_original o JOIN document d ON d.id = o.document_id \
         WHERE d.name = ?1",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_version_1_project_keeps_its_text_and_original_bytes_through_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.tolk");
    std::fs::copy(fixture("db/v0001.tolk"), &path).unwrap();
    // fixtures/db/README.md: v0001.tolk is `tolk import` of fixtures/encodings/utf8.txt, which
    // is already NFC with LF line endings, so its text is the file's text and its original
    // the file's bytes: 396 bytes, 373 chars (æ, ø, å, «, », –, € take two or three bytes).
    let file_bytes = std::fs::read(fixture("encodings/utf8.txt")).unwrap();
    let file_text = String::from_utf8(file_bytes.clone()).unwrap();
    assert_eq!((file_bytes.len(), file_text.chars().count()), (396, 373));
    {
        let old = read_only(&path);
        let (text, original): (String, Vec<u8>) = old
            .query_row("SELECT text, original FROM document", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(text, file_text, "the fixture as it was written");
        assert_eq!(original, file_bytes);
        assert!(document_columns(&old).contains(&"original".to_owned()));
    }

    let mut p = Project::open(&path).unwrap();
    let doc = p.document("utf8").unwrap();
    assert_eq!(doc.text, file_text);
    assert_eq!(
        doc.turn_text(&doc.turns[5]),
        "Lite. Men vi fikk bestemme selv, og det gjør at folk blir værende i jobben. Også på \
         Røst og Værøy."
    );
    // Re-detecting reads the original bytes and refuses if they no longer give the stored text.
    assert_eq!(p.redetect_turns("utf8", None).unwrap(), 6);
    p.close().unwrap();

    let conn = read_only(&path);
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, tolk::store::SCHEMA_VERSION);
    let columns = document_columns(&conn);
    assert!(!columns.contains(&"original".to_owned()), "{columns:?}");
    assert_eq!(
        columns.last().map(String::as_str),
        Some("text"),
        "the text is the row's last column: {columns:?}"
    );
    assert_eq!(stored_original(&conn, "utf8"), file_bytes);
    let chars: i64 = conn
        .query_row("SELECT length(text) FROM document", [], |r| r.get(0))
        .unwrap();
    assert_eq!(chars, 373);
}

#[test]
fn an_imported_original_is_stored_apart_and_goes_with_its_document() {
    let t = TempProject::new();
    let mut p = t.open();
    let file = fixture("encodings/utf8.txt");
    let report = p.import_paths(
        std::slice::from_ref(&file),
        &ImportOptions::default(),
        &mut |_| {},
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(p.redetect_turns("utf8", None).unwrap(), 6);
    p.close().unwrap();
    assert_eq!(
        stored_original(&read_only(&t.path), "utf8"),
        std::fs::read(&file).unwrap()
    );

    let mut p = t.open();
    p.delete_document("utf8").unwrap();
    p.close().unwrap();
    let left: i64 = read_only(&t.path)
        .query_row("SELECT COUNT(*) FROM document_original", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the bytes went with their document");
}
