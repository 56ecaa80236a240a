//! Coding from search results (`tolk search --code-hits`, `Project::code_hit`): every hit in one
//! undo step, the turn / sentence / match extents, no duplicate codings; and saved searches
//! (`tolk searches`), which survive reopening and whose save and delete undo.

use serde_json::Value;
use tolk::project::{HitExtent, SearchRequest};
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

// Four hits of «tillit» (tillit, Tilliten, Mistillit, tillit) in turns 1 and 2; one of
// «kontroll» in turn 3's question and one in turn 4.
const TEXT: &str = "I: Hva betyr tillit for deg?\n\
IP1: Tilliten er stor. Mistillit finnes også! Men tillit tar tid.\n\
I: Og kontroll?\n\
IP1: Kontroll er noe annet.\n";

struct Setup {
    project: TempProject,
    cache: tempfile::TempDir,
}

fn setup() -> Setup {
    let project = TempProject::new();
    let mut p = project.open();
    p.set_actor("kari");
    p.import_bytes("samtale.txt", TEXT.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tillit", Some("#AA0000")).unwrap();
    p.create_code(None, "Kontroll", Some("#0000AA")).unwrap();
    p.close().unwrap();
    Setup {
        project,
        cache: tempfile::tempdir().unwrap(),
    }
}

impl Setup {
    /// Runs `tolk ARGS` with the test's cache; returns stdout and stderr.
    fn run(&self, args: &[&str]) -> (String, String) {
        let all: Vec<&dyn AsRef<std::ffi::OsStr>> = args
            .iter()
            .map(|a| {
                if *a == "P" {
                    &self.project.path as &dyn AsRef<std::ffi::OsStr>
                } else {
                    a as &dyn AsRef<std::ffi::OsStr>
                }
            })
            .collect();
        let out = tolk(&all, self.cache.path());
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?}: {stderr}");
        (stdout(&out), stderr)
    }

    /// The texts of the codings of `code` in the transcript, in document order.
    fn coded(&self, code: &str) -> Vec<String> {
        let p = self.project.open();
        let text = p.document("samtale").unwrap().text;
        p.codings("samtale")
            .unwrap()
            .into_iter()
            .filter(|c| c.code_path == code)
            .map(|c| {
                text.chars()
                    .skip(c.start_char)
                    .take(c.end_char - c.start_char)
                    .collect()
            })
            .collect()
    }
}

#[test]
fn coding_all_hits_by_turn_is_one_step_that_undo_takes_back_whole() {
    let s = setup();
    // --limit 1 lists one hit but codes all four; two of them share turn 2, so 2 codings.
    let (out, err) = s.run(&[
        "search",
        "P",
        "tillit",
        "--limit",
        "1",
        "--code-hits",
        "Tillit",
        "--coder",
        "kari",
        "--json",
    ]);
    let found: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(found["hits"], 4);
    assert_eq!(found["results"].as_array().unwrap().len(), 1);
    assert!(
        err.contains("coded 4 hits: 2 new codings, 0 already coded"),
        "{err}"
    );
    assert_eq!(
        s.coded("Tillit"),
        [
            "Hva betyr tillit for deg?",
            "Tilliten er stor. Mistillit finnes også! Men tillit tar tid."
        ]
    );

    let mut p = s.project.open();
    let step = p.undo_state().unwrap().undo.expect("a step");
    // Two codings, and kari's first coding also names the coder: 3 log entries, one step.
    assert_eq!((step.action.as_str(), step.changes), ("code", 3));
    p.undo().unwrap().expect("undone");
    p.close().unwrap();
    assert!(s.coded("Tillit").is_empty(), "one undo removes both");

    // Coding again finds nothing coded; once more, everything is.
    let (_, err) = s.run(&[
        "search",
        "P",
        "tillit",
        "--code-hits",
        "Tillit",
        "--coder",
        "kari",
    ]);
    assert!(err.contains("2 new codings, 0 already coded"), "{err}");
    let (_, err) = s.run(&[
        "search",
        "P",
        "tillit",
        "--code-hits",
        "Tillit",
        "--coder",
        "kari",
    ]);
    assert!(err.contains("0 new codings, 2 already coded"), "{err}");
    assert_eq!(s.coded("Tillit").len(), 2, "no duplicates");
    let p = s.project.open();
    assert_eq!(p.undo_state().unwrap().undo.unwrap().changes, 2);
}

#[test]
fn sentence_and_match_extents() {
    let s = setup();
    let (_, err) = s.run(&[
        "search",
        "P",
        "tillit",
        "--code-hits",
        "Tillit",
        "--extent",
        "sentence",
    ]);
    assert!(err.contains("coded 4 hits: 4 new codings"), "{err}");
    assert_eq!(
        s.coded("Tillit"),
        [
            "Hva betyr tillit for deg?",
            "Tilliten er stor.",
            "Mistillit finnes også!",
            "Men tillit tar tid."
        ]
    );
    let (_, err) = s.run(&[
        "search",
        "P",
        "kontroll",
        "--code-hits",
        "Kontroll",
        "--extent",
        "match",
    ]);
    assert!(err.contains("coded 2 hits: 2 new codings"), "{err}");
    assert_eq!(s.coded("Kontroll"), ["kontroll", "Kontroll"]);
}

#[test]
fn spans_another_gesture_coded_are_left_alone_and_other_coders_do_not_count() {
    let s = setup();
    let mut p = s.project.open();
    p.code_turn("samtale", "Tillit", 2, Some("kari")).unwrap();
    p.code_turn("samtale", "Tillit", 1, Some("ola")).unwrap();
    p.close().unwrap();
    let (_, err) = s.run(&[
        "search",
        "P",
        "tillit",
        "--code-hits",
        "Tillit",
        "--coder",
        "kari",
    ]);
    // Turn 2 kari had; turn 1 only ola had, so kari codes it too.
    assert!(err.contains("1 new codings, 1 already coded"), "{err}");
    assert_eq!(s.coded("Tillit").len(), 3);
}

#[test]
fn one_hit_is_coded_by_itself() {
    let s = setup();
    let mut p: Project = s.project.open();
    // Turn 4 is "IP1: Kontroll er noe annet." on the fourth line; its word «Kontroll» starts
    // 5 chars after that line's start.
    let line = TEXT.find("IP1: Kontroll").unwrap();
    let start = TEXT[..line].chars().count() + 5;
    let done = p
        .code_hit(
            "samtale",
            start,
            start + 8,
            "Kontroll",
            HitExtent::Sentence,
            None,
        )
        .unwrap();
    assert_eq!((done.hits, done.coded, done.already), (1, 1, 0));
    // The same hit again, as its turn: the turn is that one sentence, already coded.
    let again = p
        .code_hit(
            "samtale",
            start,
            start + 8,
            "Kontroll",
            HitExtent::Turn,
            None,
        )
        .unwrap();
    assert_eq!((again.coded, again.already), (0, 1));
    // A span outside the text is refused.
    assert!(p
        .code_hit("samtale", 500, 508, "Kontroll", HitExtent::Match, None)
        .is_err());
    p.close().unwrap();
    assert_eq!(s.coded("Kontroll"), ["Kontroll er noe annet."]);
}

#[test]
fn saved_searches_persist_replace_by_name_and_undo() {
    let s = setup();
    let mut p = s.project.open();
    let scoped = SearchRequest {
        code: Some("Tillit".to_owned()),
        filters: vec!["rolle=leder".to_owned()],
        ..SearchRequest::new("tillit NEAR/3 tid")
    };
    let saved = p.save_search("  Tillit i tid ", &scoped).unwrap();
    assert_eq!(saved.name, "Tillit i tid");
    assert_eq!(saved.code_path.as_deref(), Some("Tillit"));
    p.save_search("Kontroll", &SearchRequest::new("kontroll"))
        .unwrap();
    // A query the search cannot read is not saved.
    assert!(p
        .save_search("Feil", &SearchRequest::new("\"tillit"))
        .is_err());
    p.close().unwrap();

    let mut p = s.project.open();
    let list = p.saved_searches().unwrap();
    let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Kontroll", "Tillit i tid"]);
    // The scope keeps the code by GUID, so renaming or moving it later changes nothing.
    let request = list[1].request();
    assert_eq!(request.code, list[1].code);
    assert_eq!(request.code.map(|g| g.len()), Some(36));
    assert_eq!(
        (request.query, request.filters),
        (scoped.query, scoped.filters)
    );

    // Saving under a name that differs only in case replaces; undo brings the old one back.
    p.save_search("KONTROLL", &SearchRequest::new("kontroll*"))
        .unwrap();
    let queries: Vec<String> = p
        .saved_searches()
        .unwrap()
        .into_iter()
        .map(|s| s.query)
        .collect();
    assert_eq!(queries, ["kontroll*", "tillit NEAR/3 tid"]);
    p.undo().unwrap().expect("undone");
    assert_eq!(p.saved_searches().unwrap()[0].query, "kontroll");

    p.delete_saved_search("tillit i tid").unwrap();
    assert_eq!(p.saved_searches().unwrap().len(), 1);
    assert!(p.delete_saved_search("tillit i tid").is_err());
    p.undo().unwrap().expect("undone");
    assert_eq!(p.saved_searches().unwrap().len(), 2);
    p.close().unwrap();

    // The CLI sees the same list, and saves and deletes too.
    s.run(&["searches", "P", "save", "Ukodet", "styring", "--uncoded"]);
    s.run(&["searches", "P", "delete", "Kontroll"]);
    let (out, _) = s.run(&["searches", "P", "--json"]);
    let list: Value = serde_json::from_str(&out).unwrap();
    let rows: Vec<(&str, &str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["query"].as_str().unwrap(),
                r["uncoded"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Tillit i tid", "tillit NEAR/3 tid", false),
            ("Ukodet", "styring", true)
        ]
    );
    assert_eq!(list[0]["code_path"], "Tillit");
}
