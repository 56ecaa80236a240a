//! A batch import killed with SIGKILL leaves a sound project: every document is either wholly
//! there or not there at all, and a second import finishes the batch.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{gen_corpus, TempProject};

#[cfg(unix)]
#[test]
fn sigkill_during_a_batch_import_leaves_no_half_imported_document() {
    let project = TempProject::new();
    let corpus = project.dir.path().join("corpus");
    gen_corpus(400, 2000, &corpus);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .arg("import")
        .arg(&project.path)
        .arg(&corpus)
        .env("TOLK_CACHE_DIR", project.dir.path().join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once some documents are in, while the batch is still running.
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let count = rusqlite::Connection::open(&project.path)
            .and_then(|c| c.query_row("SELECT COUNT(*) FROM document", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if count >= 5 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import was killed before it finished"
    );

    let conn = rusqlite::Connection::open(&project.path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let docs: i64 = conn
        .query_row("SELECT COUNT(*) FROM document", [], |r| r.get(0))
        .unwrap();
    assert!(
        (1..400).contains(&docs),
        "killed mid-batch: {docs} of 400 documents"
    );
    // Every stored document has its turns, speakers and header attributes and its log entry.
    let incomplete: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM turn t WHERE t.document_id = d.id) \
             OR NOT EXISTS (SELECT 1 FROM document_attribute a WHERE a.document_id = d.id AND a.key = 'rolle') \
             OR (SELECT COUNT(*) FROM change_log l WHERE l.subject = d.guid AND l.action = 'import_document') != 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(incomplete, 0, "no half-imported document");
    drop(conn);

    // Importing the folder again skips what is there and imports the rest.
    let mut p = project.open();
    let report = p.import_paths(&[corpus], &tolk::ImportOptions::default(), &mut |_| {});
    assert!(report.failed.is_empty());
    assert_eq!(report.skipped.len() as i64, docs);
    assert_eq!(report.imported.len() as i64, 400 - docs);
}
