//! Project files: create, reopen, schema versions, checkpointing.

use std::path::PathBuf;

use sha2::Digest;
use tolk::{Error, ImportOptions, Project};

use crate::util::TempProject;

const INTERVIEW: &str = "Rolle: enhetsleder\nKommune: Bodø\nDato: 05.09.2024\n\n\
[00:00:05] I: Hva betyr tillit for deg?\n\
[00:00:09] IP1: Tillit er «limet» – det som gjør at vi tør.\n\
Og det koster 100 €.\n\
[00:01:15] I: Takk.\n";

#[test]
fn import_then_reopen_gives_identical_turns() {
    let project = TempProject::new();
    let mut p = project.open();
    let outcome = p
        .import_bytes(
            "bodø-leder.txt",
            INTERVIEW.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
    let before = p.document(&outcome.name).unwrap();
    p.close().unwrap();

    let p = project.open();
    let after = p.document(&outcome.guid).unwrap();
    assert_eq!(
        before, after,
        "a reopened project shows the same document and turns"
    );
    // Three labelled paragraphs after the header; the fourth line continues IP1's turn.
    assert_eq!(after.turns.len(), 3);
    assert_eq!(
        after.turn_text(&after.turns[1]),
        "Tillit er «limet» – det som gjør at vi tør.\nOg det koster 100 €."
    );
    assert_eq!(after.turns[1].time_ms, Some(9_000));
    assert_eq!(after.attributes["kommune"], "Bodø");
}

#[test]
fn names_stay_unique_and_the_same_bytes_are_skipped() {
    let project = TempProject::new();
    let dir = project.dir.path();
    std::fs::create_dir(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/intervju.txt"), INTERVIEW).unwrap();
    std::fs::write(
        dir.join("intervju.txt"),
        format!("{INTERVIEW}[00:02:00] IP1: Bare hyggelig.\n"),
    )
    .unwrap();
    std::fs::write(dir.join("kopi.txt"), INTERVIEW).unwrap();
    let mut p = project.open();
    let report = p.import_paths(
        &[
            dir.join("a"),
            dir.join("intervju.txt"),
            dir.join("kopi.txt"),
        ],
        &ImportOptions::default(),
        &mut |_| {},
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let names: Vec<_> = report
        .imported
        .iter()
        .map(|(_, o)| o.name.as_str())
        .collect();
    assert_eq!(names, ["intervju", "intervju (2)"]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].existing, "intervju");
}

fn file_digest(path: &PathBuf) -> Vec<u8> {
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn a_project_from_a_newer_tolk_is_refused_and_left_untouched() {
    let project = TempProject::new();
    {
        let conn = rusqlite::Connection::open(&project.path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let before = file_digest(&project.path);
    let err = Project::open(&project.path).err().expect("refused");
    assert!(
        matches!(
            err,
            Error::ProjectTooNew {
                found: 99,
                supported: tolk::store::SCHEMA_VERSION,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("test.tolk"), "{message}");
    assert!(
        message.contains("99")
            && message.contains(&format!("reads up to {}", tolk::store::SCHEMA_VERSION)),
        "{message}"
    );
    assert_eq!(
        file_digest(&project.path),
        before,
        "the file must stay byte-identical"
    );
}

#[test]
fn other_files_are_not_projects() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.tolk");
    std::fs::write(&text, "not a database").unwrap();
    assert!(matches!(
        Project::open(&text),
        Err(Error::NotAProject { .. })
    ));
    let other_db = dir.path().join("other.tolk");
    rusqlite::Connection::open(&other_db)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        Project::open(&other_db),
        Err(Error::NotAProject { .. })
    ));
    assert!(matches!(
        Project::create(&other_db),
        Err(Error::ProjectExists { .. })
    ));
}

#[test]
fn after_close_the_tolk_file_alone_holds_everything() {
    let project = TempProject::new();
    let mut p = project.open();
    p.import_bytes("x.txt", INTERVIEW.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.close().unwrap();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.tolk");
    std::fs::copy(&project.path, &copy).unwrap();
    let p = Project::open(&copy).unwrap();
    assert_eq!(
        p.documents().unwrap().len(),
        1,
        "the WAL was checkpointed into the file"
    );
}

#[test]
fn schema_and_pragmas() {
    let project = TempProject::new();
    let p = project.open();
    drop(p);
    let conn = rusqlite::Connection::open(&project.path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, tolk::store::SCHEMA_VERSION);
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let schema: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {}\n{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default()
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    insta::assert_snapshot!(schema.join("\n\n"));
}

#[test]
fn every_entity_has_a_guid() {
    let project = TempProject::new();
    let mut p = project.open();
    p.import_bytes("x.txt", INTERVIEW.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.close().unwrap();
    let conn = rusqlite::Connection::open(&project.path).unwrap();
    for table in ["project", "document", "speaker", "informant", "turn"] {
        let (rows, guids): (i64, i64) = conn
            .query_row(
                &format!(
                    "SELECT COUNT(*), COUNT(DISTINCT guid) FROM {table} WHERE length(guid) = 36"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let all: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(all > 0, "{table} has rows");
        assert_eq!(
            (rows, guids),
            (all, all),
            "{table}: every row has its own GUID"
        );
    }
}

#[test]
fn informants_merge_across_documents_and_interviewers_never_count() {
    let project = TempProject::new();
    let mut p = project.open();
    p.import_bytes("a.txt", INTERVIEW.as_bytes(), &ImportOptions::default())
        .unwrap();
    let second = INTERVIEW.replace("Bodø", "Alta");
    p.import_bytes("b.txt", second.as_bytes(), &ImportOptions::default())
        .unwrap();
    let names: Vec<_> = p
        .informants()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    // I is an interviewer in both; IP1 is one informant per document by default.
    assert_eq!(names, ["a/IP1", "b/IP1"]);
    p.set_informant_attribute("a/IP1", "Alder", "54").unwrap();
    p.set_informant_attribute("b/IP1", "alder", "55").unwrap();
    p.set_informant_attribute("b/IP1", "kjønn", "kvinne")
        .unwrap();
    let report = p.merge_informants("a/IP1", "b/IP1").unwrap();
    assert_eq!(
        report.conflicts,
        [("alder".to_owned(), "54".to_owned(), "55".to_owned())]
    );
    let informants = p.informants().unwrap();
    assert_eq!(informants.len(), 1);
    assert_eq!(informants[0].speakers, ["a/IP1", "b/IP1"]);
    assert_eq!(informants[0].documents, ["a", "b"]);
    assert_eq!(informants[0].attributes["alder"], "54");
    assert_eq!(informants[0].attributes["kjønn"], "kvinne");
    let doc = p.document("b").unwrap();
    assert_eq!(doc.turns[1].informant.as_deref(), Some("a/IP1"));
    assert_eq!(doc.turns[0].informant, None, "I is an interviewer");
}

#[test]
fn speakers_are_renamed_merged_marked_and_turns_redetected() {
    let project = TempProject::new();
    let mut p = project.open();
    let text = "Kari: Hei.\nOla: Hei, Kari.\nKari: Hva tenker du om tillit?\nOla: Mye.\n";
    p.import_bytes("samtale.txt", text.as_bytes(), &ImportOptions::default())
        .unwrap();
    // Kari and Ola each start two paragraphs, so both are labels.
    assert_eq!(p.document("samtale").unwrap().turns.len(), 4);
    assert!(!p.rename_speaker("samtale", "Kari", "Intervjuer").unwrap());
    p.set_speaker_role(
        "samtale",
        "Intervjuer",
        tolk::project::SpeakerRole::Interviewer,
    )
    .unwrap();
    assert_eq!(
        p.informants().unwrap().len(),
        1,
        "only Ola is an informant now"
    );
    assert!(
        p.rename_speaker("samtale", "Ola", "Intervjuer").unwrap(),
        "renaming onto a label merges"
    );
    let doc = p.document("samtale").unwrap();
    assert!(doc.turns.iter().all(|t| t.speaker == "Intervjuer"));
    assert!(p.informants().unwrap().is_empty());

    let pattern = tolk::turns::SpeakerPattern::new(r"^(?P<speaker>Ola):\s*").unwrap();
    assert_eq!(p.redetect_turns("samtale", Some(&pattern)).unwrap(), 2);
    let doc = p.document("samtale").unwrap();
    assert_eq!(
        doc.turn_text(&doc.turns[0]),
        "Hei, Kari.\nKari: Hva tenker du om tillit?"
    );
    assert_eq!(doc.preamble_end_char, "Kari: Hei.\n".chars().count());
    assert!(tolk::turns::SpeakerPattern::new("(unclosed").is_err());
    assert!(
        tolk::turns::SpeakerPattern::new("^(\\w+):").is_err(),
        "no speaker group"
    );
}

#[test]
fn attribute_csv_sets_documents_and_reports_unknown_rows() {
    let project = TempProject::new();
    let mut p = project.open();
    p.import_bytes(
        "leder-bodo.txt",
        INTERVIEW.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    let csv = project.dir.path().join("attr.csv");
    std::fs::write(
        &csv,
        "dokument;Sektor;kommune\nleder-bodo;helse;Bodø kommune\nfinnes-ikke;x;y\n",
    )
    .unwrap();
    let report = p.import_attributes_csv(&csv).unwrap();
    assert_eq!((report.rows, report.values), (1, 2));
    assert_eq!(report.unknown, ["finnes-ikke"]);
    let attrs = p.document("leder-bodo").unwrap().attributes;
    assert_eq!(attrs["sektor"], "helse");
    assert_eq!(
        attrs["kommune"], "Bodø kommune",
        "the CSV overrides the header value"
    );
    assert_eq!(attrs["rolle"], "enhetsleder");
}
