//! Renaming and deleting documents: unique names, informants following a rename, what a deletion
//! takes with it (counted before, removed in one transaction), the change log and the CLI.

use tolk::project::DeleteSummary;
use tolk::{Error, ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

/// Header of three attributes, then 5 turns by 3 speakers: I (interviewer), IP1 and IP2.
const A: &str = "Rolle: enhetsleder\nKommune: Bodø\nDato: 05.09.2024\n\n\
I: Hei, og velkommen.\n\
IP1: Takk.\n\
IP2: Ja, takk.\n\
I: Hva betyr tillit?\n\
IP1: Mye.\n";

/// No header; 3 turns by 2 speakers: I and IP1.
const B: &str = "I: Hallo.\nIP1: Hei.\nI: Takk for praten.\n";

fn import(p: &mut Project, file: &str, text: &str) {
    p.import_bytes(file, text.as_bytes(), &ImportOptions::default())
        .unwrap();
}

/// Two documents; informant `a/IP1` also speaks in `b` (merged), `a/IP2` has an attribute.
fn two_documents(project: &TempProject) -> Project {
    let mut p = project.open();
    import(&mut p, "a.txt", A);
    import(&mut p, "b.txt", B);
    p.merge_informants("a/IP1", "b/IP1").unwrap();
    p.set_informant_attribute("a/IP1", "kjønn", "kvinne")
        .unwrap();
    p.set_informant_attribute("a/IP2", "alder", "40").unwrap();
    p
}

fn names(p: &Project) -> Vec<String> {
    p.documents().unwrap().into_iter().map(|d| d.name).collect()
}

fn informant_names(p: &Project) -> Vec<String> {
    p.informants()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect()
}

fn last_log(project: &TempProject) -> (String, String, serde_json::Value) {
    let conn = rusqlite::Connection::open(&project.path).unwrap();
    conn.query_row(
        "SELECT action, subject, detail FROM change_log ORDER BY seq DESC LIMIT 1",
        [],
        |r| {
            let detail: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&detail).unwrap()))
        },
    )
    .unwrap()
}

#[test]
fn the_summary_counts_words_turns_informants_and_attributes() {
    let project = TempProject::new();
    let p = two_documents(&project);
    let docs = p.documents().unwrap();
    let a = docs.iter().find(|d| d.name == "a").unwrap();
    // 5 turns; informants IP1 and IP2 (I is the interviewer); rolle, kommune and dato from the
    // header.
    assert_eq!((a.turns, a.informants, a.attributes.len()), (5, 2, 3));
    // Words count labels and split at dots: "Rolle enhetsleder" 2 + "Kommune Bodø" 2 +
    // "Dato 05 09 2024" 4 = 8; "I Hei og velkommen" 4, "IP1 Takk" 2, "IP2 Ja takk" 3,
    // "I Hva betyr tillit" 4, "IP1 Mye" 2: 8 + 4 + 2 + 3 + 4 + 2 = 23.
    assert_eq!(a.words, 23);
}

#[test]
fn rename_keeps_names_unique_and_default_informant_names_follow() {
    let project = TempProject::new();
    let mut p = two_documents(&project);
    let guid_a = p.document("a").unwrap().guid;

    // `a/IP1` and `a/IP2` still have their default names: both follow.
    assert_eq!(p.rename_document("a", "  Ålesund 1 ").unwrap(), "Ålesund 1");
    // Norwegian order: Å after b.
    assert_eq!(names(&p), ["b", "Ålesund 1"]);
    assert_eq!(p.document("Ålesund 1").unwrap().guid, guid_a);
    assert_eq!(informant_names(&p), ["Ålesund 1/IP1", "Ålesund 1/IP2"]);
    let (action, subject, detail) = last_log(&project);
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("rename_document", guid_a.as_str())
    );
    assert_eq!(detail["from"], "a");
    assert_eq!(detail["to"], "Ålesund 1");
    assert_eq!(detail["informants_renamed"], 2);

    // b's IP1 is the merged informant named after a, not "b/IP1": its name stays.
    p.rename_document("b", "Bodø 2").unwrap();
    assert_eq!(informant_names(&p), ["Ålesund 1/IP1", "Ålesund 1/IP2"]);

    // A clash is an error that names the taken name, and changes nothing.
    let err = p.rename_document("Bodø 2", "Ålesund 1").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("\"Ålesund 1\""), "{err}");
    assert!(p.rename_document("Bodø 2", "   ").is_err());
    assert!(matches!(
        p.rename_document("nope", "x"),
        Err(Error::UnknownDocument(_))
    ));
    assert_eq!(names(&p), ["Bodø 2", "Ålesund 1"]);

    // Renaming to the same name is fine and by GUID works too.
    assert_eq!(
        p.rename_document(&guid_a, "Ålesund 1").unwrap(),
        "Ålesund 1"
    );
    p.close().unwrap();
    let p = project.open();
    assert_eq!(names(&p), ["Bodø 2", "Ålesund 1"]);
}

#[test]
fn delete_removes_the_document_its_lone_informants_and_is_logged() {
    let project = TempProject::new();
    let mut p = two_documents(&project);
    let guid_a = p.document("a").unwrap().guid;

    // a: 5 turns, 3 speakers (I, IP1, IP2). IP1 also speaks in b, so only IP2 goes: 1
    // informant. Attributes: rolle + kommune + dato on a (3) + alder on IP2 (1) = 4; kjønn
    // belongs to IP1, who stays.
    let expected = DeleteSummary {
        turns: 5,
        speakers: 3,
        informants_removed: 1,
        attribute_count: 4,
    };
    assert_eq!(p.delete_preview("a").unwrap(), expected);
    assert_eq!(names(&p), ["a", "b"], "the preview deletes nothing");
    assert_eq!(p.delete_document(&guid_a).unwrap(), expected);

    assert_eq!(names(&p), ["b"]);
    let informants = p.informants().unwrap();
    assert_eq!(informants.len(), 1);
    assert_eq!(informants[0].name, "a/IP1");
    assert_eq!(informants[0].speakers, ["b/IP1"]);
    assert_eq!(informants[0].attributes["kjønn"], "kvinne");
    let (action, subject, detail) = last_log(&project);
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("delete_document", guid_a.as_str())
    );
    assert_eq!(detail["name"], "a");
    assert_eq!(detail["guid"], guid_a.as_str());
    assert_eq!(detail["turns"], 5);
    assert!(matches!(
        p.delete_preview("a"),
        Err(Error::UnknownDocument(_))
    ));
    p.close().unwrap();

    // Nothing of a is left in the file: b's 3 turns and 2 speakers remain, one informant with
    // one attribute, and no document attributes (b had no header).
    let conn = rusqlite::Connection::open(&project.path).unwrap();
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("document"), 1);
    assert_eq!(count("turn"), 3);
    assert_eq!(count("speaker"), 2);
    assert_eq!(count("informant"), 1);
    assert_eq!(count("informant_attribute"), 1);
    assert_eq!(count("document_attribute"), 0);
    drop(conn);

    // b now takes its informant with it: 3 turns, 2 speakers, 1 informant, its 1 attribute.
    let mut p = project.open();
    let summary = p.delete_document("b").unwrap();
    assert_eq!(
        summary,
        DeleteSummary {
            turns: 3,
            speakers: 2,
            informants_removed: 1,
            attribute_count: 1
        }
    );
    assert!(p.documents().unwrap().is_empty());
    assert!(p.informants().unwrap().is_empty());
    // The same bytes can be imported again once the document is gone.
    import(&mut p, "a.txt", A);
    assert_eq!(names(&p), ["a"]);
}

#[test]
fn cli_renames_and_deletes_only_with_yes() {
    let project = TempProject::new();
    let cache = project.dir.path().join("cache");
    drop(two_documents(&project));
    let docs_json = |path: &std::path::Path| -> serde_json::Value {
        let out = tolk(&[&"docs", &path, &"--json"], &cache);
        assert!(out.status.success());
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let path = project.path.clone();

    let out = tolk(&[&"docs", &path, &"rename", &"a", &"Øst"], &cache);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out).trim(), "renamed \"a\" → \"Øst\"");
    let out = tolk(&[&"docs", &path, &"rename", &"b", &"Øst"], &cache);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"Øst\""));

    // Without --yes: says what would go (as computed in the test above) and exits 1.
    let out = tolk(&[&"docs", &path, &"delete", &"Øst"], &cache);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("would delete \"Øst\": 5 turns, 3 speakers, 1 informants, 4 attributes"),
        "{}",
        stdout(&out)
    );
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["name"].as_str().unwrap().to_owned())
            .collect()
    };
    // Norwegian order: b before Ø.
    assert_eq!(names(&docs_json(&path)), ["b", "Øst"]);

    let out = tolk(&[&"docs", &path, &"delete", &"Øst", &"--yes"], &cache);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).starts_with("deleted \"Øst\": 5 turns"));
    let after = docs_json(&path);
    assert_eq!(names(&after), ["b"]);
    // The listing keeps its fields.
    let keys: Vec<&String> = after[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "attributes",
            "format",
            "guid",
            "language",
            "name",
            "source",
            "speakers",
            "turns",
            "words"
        ]
    );
}
