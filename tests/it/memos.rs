//! Memos on the project, a document, a code and a coding: set, read, replace and delete; a memo
//! goes with its document or code; the change log keeps the previous text; the kind filter and
//! search; the Markdown export; the CLI's JSON; memos surviving a reopen.

use serde_json::Value;
use tolk::{Error, ImportOptions, MemoFilter, MemoKind, MemoTarget, Project};

use crate::util::{stdout, tolk, TempProject};

/// Two turns: turn 1 by I, turn 2 by IP1.
const INTERVJU: &str = "I: Hva betyr tillit for deg?\nIP1: Å bli trodd på, særlig på jobb.\n";
const SAMTALE: &str = "I: Hei.\nIP2: Hei på deg.\n";

/// A project with documents `ås-intervju` and `samtale`, codes `Tillit` and `Tillit/Kommune`,
/// and one coding (returned) of turn 2 of `ås-intervju`.
fn setup(t: &TempProject) -> (Project, String) {
    let mut p = t.open();
    p.set_actor("Kari Nordmann");
    for (file, text) in [("ås-intervju.txt", INTERVJU), ("samtale.txt", SAMTALE)] {
        p.import_bytes(file, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    p.create_code(None, "Tillit", None).unwrap();
    p.create_code(Some("Tillit"), "Kommune", None).unwrap();
    let coder = p.current_coder().unwrap();
    let doc = p.document("ås-intervju").unwrap();
    let turn = &doc.turns[1];
    assert_eq!(turn.n, 2);
    p.close().unwrap();
    // The coding is written straight into the file, so these tests depend only on the coding
    // table, not on the coding API.
    let guid = "0F0E0D0C-0B0A-4908-8706-050403020100";
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.execute(
        "INSERT INTO coding (guid, document_id, code_id, coder_id, start_char, end_char, \
         created_at) VALUES (?1, (SELECT id FROM document WHERE name = 'ås-intervju'), \
         (SELECT id FROM code WHERE name_nb = 'Kommune'), \
         (SELECT id FROM coder WHERE guid = ?2), ?3, ?4, '2024-01-01T00:00:00Z')",
        (
            guid,
            &coder.guid,
            turn.start_char as i64,
            turn.end_char as i64,
        ),
    )
    .unwrap();
    drop(conn);
    let mut p = t.open();
    p.set_actor("Kari Nordmann");
    (p, guid.to_owned())
}

fn targets(coding: &str) -> [(MemoTarget, MemoKind, &'static str); 4] {
    [
        (MemoTarget::Project, MemoKind::Project, "Prosjekt"),
        (
            MemoTarget::Document("ås-intervju".into()),
            MemoKind::Document,
            "ås-intervju",
        ),
        (
            MemoTarget::Code("Tillit/Kommune".into()),
            MemoKind::Code,
            "Tillit/Kommune",
        ),
        (
            MemoTarget::Coding(coding.to_lowercase()),
            MemoKind::Coding,
            "ås-intervju · tur 2",
        ),
    ]
}

fn log(t: &TempProject) -> Vec<(String, String, Value)> {
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT action, subject, detail FROM change_log WHERE action LIKE '%memo' ORDER BY seq",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let detail: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&detail).unwrap()))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

#[test]
fn set_read_replace_and_delete_a_memo_on_each_kind_of_target() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    for (target, kind, label) in targets(&coding) {
        assert_eq!(p.memo(target.clone()).unwrap(), None, "{label}: none yet");
        let memo = p
            .set_memo(target.clone(), "Første tanke.\r\nAndre linje.\n\n")
            .unwrap()
            .unwrap();
        assert_eq!(memo.kind, kind);
        assert_eq!(memo.target, label);
        assert_eq!(
            memo.text, "Første tanke.\nAndre linje.",
            "LF, trailing blank dropped"
        );
        assert_eq!(memo.author, "Kari Nordmann");
        assert_eq!(memo.created_at, memo.updated_at);
        assert_eq!(p.memo(target.clone()).unwrap(), Some(memo.clone()));

        let replaced = p.set_memo(target.clone(), "Ny tekst").unwrap().unwrap();
        assert_eq!(
            replaced.guid, memo.guid,
            "{label}: replacing keeps the memo"
        );
        assert_eq!(replaced.text, "Ny tekst");
        assert_eq!(replaced.created_at, memo.created_at);
        assert_eq!(p.memos(&MemoFilter::default()).unwrap().len(), 1);

        assert_eq!(p.set_memo(target.clone(), "  \n").unwrap(), None);
        assert_eq!(p.memo(target.clone()).unwrap(), None, "{label}: deleted");
        assert!(p.memos(&MemoFilter::default()).unwrap().is_empty());
        assert_eq!(
            p.set_memo(target, "").unwrap(),
            None,
            "deleting again is fine"
        );
    }
    p.close().unwrap();

    // Each kind: set, replace, delete = 3 entries (deleting nothing logs nothing), 12 in all,
    // each naming the previous text.
    let entries = log(&t);
    let actions: Vec<&str> = entries.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["set_memo", "set_memo", "delete_memo"].repeat(4),
        "one entry per change"
    );
    let (_, _, first) = &entries[0];
    assert_eq!(first["kind"], "project");
    assert_eq!(first["previous"], Value::Null);
    assert_eq!(first["text"], "Første tanke.\nAndre linje.");
    let (_, subject, second) = &entries[4];
    assert_eq!(second["kind"], "document");
    assert_eq!(second["previous"], "Første tanke.\nAndre linje.");
    assert_eq!(second["text"], "Ny tekst");
    assert_eq!(subject, &second["target"].as_str().unwrap().to_owned());
    let (_, _, deleted) = &entries[11];
    assert_eq!(deleted["kind"], "coding");
    assert_eq!(deleted["previous"], "Ny tekst");
    assert_eq!(deleted["memo"], entries[9].2["memo"], "the same memo GUID");
}

#[test]
fn the_same_text_again_changes_and_logs_nothing() {
    let t = TempProject::new();
    let (mut p, _) = setup(&t);
    let a = p.set_memo(MemoTarget::Project, "Tekst").unwrap().unwrap();
    let b = p.set_memo(MemoTarget::Project, "Tekst\n").unwrap().unwrap();
    assert_eq!(a, b);
    p.close().unwrap();
    assert_eq!(log(&t).len(), 1);
}

#[test]
fn a_missing_target_is_an_error_naming_it() {
    let t = TempProject::new();
    let (mut p, _) = setup(&t);
    assert!(matches!(
        p.set_memo(MemoTarget::Document("finnes ikke".into()), "x"),
        Err(Error::UnknownDocument(name)) if name == "finnes ikke"
    ));
    let err = p
        .memo(MemoTarget::Code("Finnes/ikke".into()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Finnes"), "{err}");
    let err = p
        .set_memo(MemoTarget::Coding("nei".into()), "x")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"nei\""), "{err}");
}

#[test]
fn a_memo_goes_with_its_document_code_or_coding() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    for (target, _, _) in targets(&coding) {
        p.set_memo(target, "notat").unwrap();
    }
    p.set_memo(MemoTarget::Document("samtale".into()), "blir")
        .unwrap();
    p.set_memo(MemoTarget::Code("Tillit".into()), "blir også")
        .unwrap();
    let kinds = |p: &Project| -> Vec<(MemoKind, String)> {
        p.memos(&MemoFilter::default())
            .unwrap()
            .into_iter()
            .map(|m| (m.kind, m.target))
            .collect()
    };
    assert_eq!(kinds(&p).len(), 6);

    // Deleting the document takes its memo and its coding's memo; the other document's stays.
    p.delete_document("ås-intervju").unwrap();
    assert_eq!(
        kinds(&p),
        [
            (MemoKind::Project, "Prosjekt".to_owned()),
            (MemoKind::Document, "samtale".to_owned()),
            (MemoKind::Code, "Tillit".to_owned()),
            (MemoKind::Code, "Tillit/Kommune".to_owned()),
        ]
    );
    // Deleting a code takes the memos of the code and its sub-codes.
    p.delete_code("Tillit").unwrap();
    assert_eq!(
        kinds(&p),
        [
            (MemoKind::Project, "Prosjekt".to_owned()),
            (MemoKind::Document, "samtale".to_owned()),
        ]
    );
}

#[test]
fn the_list_filters_by_kind_and_searches_the_text_ignoring_case() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    p.set_memo(MemoTarget::Project, "Overordnet: TILLIT og kontroll")
        .unwrap();
    p.set_memo(MemoTarget::Document("samtale".into()), "Kort samtale.")
        .unwrap();
    p.set_memo(MemoTarget::Document("ås-intervju".into()), "Åpen om tillit")
        .unwrap();
    p.set_memo(MemoTarget::Code("Tillit".into()), "Definisjon uklar")
        .unwrap();
    p.set_memo(MemoTarget::Coding(coding), "Særlig på jobb: ÆØÅ")
        .unwrap();

    let list = |kind: Option<MemoKind>, search: Option<&str>| -> Vec<String> {
        p.memos(&MemoFilter {
            kind,
            search: search.map(str::to_owned),
        })
        .unwrap()
        .into_iter()
        .map(|m| m.target)
        .collect()
    };
    // By kind, then by name in Norwegian order (s before å).
    assert_eq!(
        list(None, None),
        [
            "Prosjekt",
            "samtale",
            "ås-intervju",
            "Tillit",
            "ås-intervju · tur 2"
        ]
    );
    assert_eq!(
        list(Some(MemoKind::Document), None),
        ["samtale", "ås-intervju"]
    );
    assert_eq!(list(Some(MemoKind::Coding), None), ["ås-intervju · tur 2"]);
    assert_eq!(list(None, Some("tillit")), ["Prosjekt", "ås-intervju"]);
    assert_eq!(list(None, Some("æøå")), ["ås-intervju · tur 2"]);
    // A decomposed å (a + combining ring) finds the composed one.
    assert_eq!(list(None, Some("a\u{30A}pen")), ["ås-intervju"]);
    assert_eq!(
        list(Some(MemoKind::Code), Some("tillit")),
        Vec::<String>::new()
    );
    assert_eq!(
        list(None, Some("")).len(),
        5,
        "an empty search filters nothing"
    );
}

#[test]
fn memos_export_as_markdown_grouped_by_kind() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    p.set_memo(MemoTarget::Project, "Hovedfunn: tillit *bygges* lokalt.")
        .unwrap();
    p.set_memo(
        MemoTarget::Document("ås-intervju".into()),
        "Informanten var åpen.\n# ikke en overskrift\nSærlig om økonomi.",
    )
    .unwrap();
    p.set_memo(MemoTarget::Code("Tillit/Kommune".into()), "Bør deles i to?")
        .unwrap();
    p.set_memo(MemoTarget::Coding(coding), "Sterkt sitat.")
        .unwrap();
    p.rename_document("ås-intervju", "ås_intervju [1]").unwrap();
    p.close().unwrap();
    // Fixed dates, so the expected text can be written out: the document memo was changed
    // after it was written.
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.execute(
        "UPDATE memo SET created_at = '2024-02-01T09:30:00Z', updated_at = \
         '2024-02-01T09:30:00Z'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE memo SET updated_at = '2024-12-24T23:59:59Z' WHERE kind = 'document'",
        [],
    )
    .unwrap();
    drop(conn);
    let p = t.open();

    // Document names are escaped in headings (`_`, `[`, `]`); memo text is as written except
    // the line that would become a heading.
    let expected = [
        "# Memoer",
        "",
        "## Prosjekt",
        "",
        "### Prosjekt",
        "",
        "*Kari Nordmann · 01.02.2024*",
        "",
        "Hovedfunn: tillit *bygges* lokalt.",
        "",
        "## Dokumenter",
        "",
        "### ås\\_intervju \\[1\\]",
        "",
        "*Kari Nordmann · 01.02.2024, endret 24.12.2024*",
        "",
        "Informanten var åpen.",
        "\\# ikke en overskrift",
        "Særlig om økonomi.",
        "",
        "## Koder",
        "",
        "### Tillit/Kommune",
        "",
        "*Kari Nordmann · 01.02.2024*",
        "",
        "Bør deles i to?",
        "",
        "## Kodinger",
        "",
        "### ås\\_intervju \\[1\\] · tur 2",
        "",
        "*Kari Nordmann · 01.02.2024*",
        "",
        "Sterkt sitat.",
        "",
    ]
    .join("\n");
    assert_eq!(p.export_memos_markdown().unwrap(), expected);
}

#[test]
fn memos_survive_closing_and_reopening() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    for (target, _, label) in targets(&coding) {
        p.set_memo(target, &format!("Om {label}: æøå")).unwrap();
    }
    let before = p.memos(&MemoFilter::default()).unwrap();
    p.close().unwrap();
    assert!(
        !t.path.with_extension("tolk-wal").exists(),
        "closing folds the WAL into the file"
    );
    let p = t.open();
    assert_eq!(p.memos(&MemoFilter::default()).unwrap(), before);
    let memo = p.memo(MemoTarget::Coding(coding)).unwrap().unwrap();
    assert_eq!(memo.text, "Om ås-intervju · tur 2: æøå");
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn cli_memo_and_memos_with_pinned_json() {
    let t = TempProject::new();
    let (p, coding) = setup(&t);
    let document_guid = p.document("ås-intervju").unwrap().guid;
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let out = tolk(args, &cache);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let json = |args: &[&dyn AsRef<std::ffi::OsStr>]| -> Value {
        serde_json::from_str(&run(args)).unwrap()
    };

    let none = json(&[&"memo", &t.path, &"--document", &"ås-intervju", &"--json"]);
    assert_eq!(none, Value::Null, "no memo yet");
    let set = json(&[
        &"memo",
        &t.path,
        &"--document",
        &"ås-intervju",
        &"--set",
        &"Åpen informant.",
        &"--json",
    ]);
    assert_eq!(
        keys(&set),
        [
            "author",
            "created_at",
            "guid",
            "kind",
            "target",
            "target_guid",
            "text",
            "title",
            "updated_at"
        ]
    );
    assert_eq!(set["kind"], "document");
    assert_eq!(set["target"], "ås-intervju");
    assert_eq!(set["target_guid"], document_guid.as_str());
    assert_eq!(set["text"], "Åpen informant.");
    assert_eq!(set["title"], Value::Null);
    let got = json(&[&"memo", &t.path, &"--document", &document_guid, &"--json"]);
    assert_eq!(got, set, "by GUID too");

    run(&[&"memo", &t.path, &"--project", &"--set", &"Prosjektnotat"]);
    run(&[
        &"memo",
        &t.path,
        &"--code",
        &"Tillit",
        &"--set",
        &"Kodenotat",
    ]);
    run(&[
        &"memo",
        &t.path,
        &"--coding",
        &coding,
        &"--set",
        &"Kodingsnotat",
    ]);
    let shown = run(&[&"memo", &t.path, &"--code", &"Tillit"]);
    assert!(shown.ends_with("Kodenotat\n"), "{shown}");

    let all = json(&[&"memos", &t.path, &"--json"]);
    let kinds: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["project", "document", "code", "coding"]);
    assert_eq!(all[3]["target"], "ås-intervju · tur 2");
    assert_eq!(all[3]["target_guid"], coding.as_str());
    let codes = json(&[&"memos", &t.path, &"--kind", &"code", &"--json"]);
    assert_eq!(codes.as_array().unwrap().len(), 1);
    assert_eq!(codes[0]["text"], "Kodenotat");
    let found = json(&[&"memos", &t.path, &"--search", &"ÅPEN", &"--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["target"], "ås-intervju");

    // Markdown to stdout and to a file are the core's export.
    let exported = t.open().export_memos_markdown().unwrap();
    assert_eq!(run(&[&"memos", &t.path, &"--markdown"]), exported);
    let file = t.dir.path().join("memoer.md");
    run(&[&"memos", &t.path, &"--markdown", &"-o", &file]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported);

    // --set "" deletes; exactly one target is required.
    let deleted = json(&[&"memo", &t.path, &"--project", &"--set", &"", &"--json"]);
    assert_eq!(deleted, Value::Null);
    assert_eq!(
        json(&[&"memos", &t.path, &"--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let out = tolk(
        &[&"memo", &t.path, &"--project", &"--code", &"Tillit"],
        &cache,
    );
    assert!(!out.status.success());
    let out = tolk(&[&"memo", &t.path], &cache);
    assert!(!out.status.success());
}

#[test]
fn a_version_1_project_upgrades_and_takes_memos() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.tolk");
    std::fs::copy(crate::util::fixture("db/v0001.tolk"), &path).unwrap();
    let mut p = Project::open(&path).unwrap();
    p.set_memo(
        MemoTarget::Document("utf8".into()),
        "Gammelt prosjekt, nytt notat.",
    )
    .unwrap();
    p.close().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, tolk::store::SCHEMA_VERSION);
    drop(conn);
    let p = Project::open(&path).unwrap();
    let memos = p.memos(&MemoFilter::default()).unwrap();
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].target, "utf8");
}

#[test]
fn the_schema_allows_one_memo_per_target_and_only_the_matching_target_column() {
    let t = TempProject::new();
    let (mut p, _) = setup(&t);
    p.set_memo(MemoTarget::Project, "Ett").unwrap();
    p.close().unwrap();
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let insert = |kind: &str, document: Option<i64>, code: Option<i64>| {
        conn.execute(
            "INSERT INTO memo (guid, kind, document_id, code_id, text, author, created_at, \
             updated_at) VALUES (hex(randomblob(16)), ?1, ?2, ?3, 'x', 'a', 't', 't')",
            (kind, document, code),
        )
    };
    let document: i64 = conn
        .query_row("SELECT min(id) FROM document", [], |r| r.get(0))
        .unwrap();
    let code: i64 = conn
        .query_row("SELECT min(id) FROM code", [], |r| r.get(0))
        .unwrap();
    assert!(
        insert("project", None, None).is_err(),
        "a second project memo"
    );
    assert!(
        insert("document", None, None).is_err(),
        "a document memo needs its document"
    );
    assert!(
        insert("project", Some(document), None).is_err(),
        "a project memo has no target"
    );
    assert!(
        insert("code", Some(document), Some(code)).is_err(),
        "only the matching column"
    );
    assert!(
        insert("document", Some(999_999), None).is_err(),
        "the document must exist"
    );
    insert("document", Some(document), None).unwrap();
    assert!(
        insert("document", Some(document), None).is_err(),
        "one memo per document"
    );
    insert("code", None, Some(code)).unwrap();
}

#[test]
fn deleting_a_code_logs_the_memos_it_takes_so_it_can_be_undone() {
    let t = TempProject::new();
    let (mut p, coding) = setup(&t);
    let kommune = p.resolve_code("Tillit/Kommune").unwrap().guid;
    p.set_memo(MemoTarget::Code("Tillit/Kommune".into()), "Om koden")
        .unwrap();
    // The coding is a coding of Tillit/Kommune, so its memo goes too.
    p.set_memo(MemoTarget::Coding(coding.clone()), "Om kodingen")
        .unwrap();
    p.set_memo(MemoTarget::Code("Tillit".into()), "Blir")
        .unwrap();
    p.delete_code("Tillit/Kommune").unwrap();
    let left: Vec<String> = p
        .memos(&MemoFilter::default())
        .unwrap()
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(left, ["Blir"]);
    p.close().unwrap();
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let detail: String = conn
        .query_row(
            "SELECT detail FROM change_log WHERE action = 'delete_code'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let detail: Value = serde_json::from_str(&detail).unwrap();
    let memos = detail["memos"].as_array().unwrap();
    assert_eq!(memos.len(), 2);
    assert_eq!(memos[0]["kind"], "code");
    assert_eq!(memos[0]["target"], kommune.as_str());
    assert_eq!(memos[0]["text"], "Om koden");
    assert_eq!(memos[0]["author"], "Kari Nordmann");
    assert_eq!(memos[1]["kind"], "coding");
    assert_eq!(memos[1]["target"], coding.as_str());
    assert_eq!(memos[1]["text"], "Om kodingen");
}
