//! Codings: coding spans and turns, validation, duplicates, uncoding, the margin-stripe view,
//! counts, offsets after an emoji and a combining mark, and what goes when a code or a document
//! is deleted.

use serde_json::Value;
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

// "I: " is 3 chars, so turn 1's words are 3..19 ("Hva betyr tillit" is 16 chars); the line
// break is 19, turn 2's label "IP1: " starts at 20 and its words at 25: "Tillit er frihet."
// (17 chars) is 25..42.
const TEXT: &str = "I: Hva betyr tillit\nIP1: Tillit er frihet.\n";

fn project() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    p.import_bytes("samtale.txt", TEXT.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tillit", Some("#AA0000")).unwrap();
    p.create_code(Some("Tillit"), "Frihet", None).unwrap();
    p.create_code(None, "Kontroll", Some("#0000AA")).unwrap();
    (t, p)
}

fn coding_rows(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM coding", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn code_a_span_and_a_turn_and_see_the_stripes() {
    let (_t, mut p) = project();
    // "Tillit er" is 25..34 (6 + 1 + 2 chars).
    let v = p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    assert_eq!((v.start_char, v.end_char), (25, 34));
    assert_eq!(v.coder, "kari", "the current coder by default");
    assert_eq!(v.code_path, "Tillit");
    assert_eq!(v.color, "#AA0000");
    assert_eq!(v.turns, [2]);
    assert_eq!(v.guid.len(), 36);

    // Coding the same span with the same code as the same coder gives the same coding.
    let again = p
        .code_span("samtale", "Tillit", 25, 34, Some("kari"))
        .unwrap();
    assert_eq!(again.guid, v.guid);
    // Another coder makes another coding.
    let ola = p
        .code_span("samtale", "Tillit", 25, 34, Some("Ola"))
        .unwrap();
    assert_ne!(ola.guid, v.guid);

    // A whole turn: turn 1's words, 3..19.
    let turn = p.code_turn("samtale", "Tillit/Frihet", 1, None).unwrap();
    assert_eq!((turn.start_char, turn.end_char), (3, 19));
    assert_eq!(turn.turns, [1]);

    // A span across the line break falls in both turns: 10..30.
    let across = p.code_span("samtale", "Kontroll", 10, 30, None).unwrap();
    assert_eq!(across.turns, [1, 2]);

    // Document order: by start, then end.
    let stripes = p.codings("samtale").unwrap();
    let spans: Vec<(usize, usize, &str)> = stripes
        .iter()
        .map(|c| (c.start_char, c.end_char, c.coder.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (3, 19, "kari"),
            (10, 30, "kari"),
            (25, 34, "kari"),
            (25, 34, "Ola")
        ]
    );
    assert_eq!(stripes[0].code_path, "Tillit/Frihet");
    assert!(!stripes[0].code_hidden);
    // Switching off Tillit's family hides the code, not its codings: they are marked.
    p.set_family_hidden("Tillit", true).unwrap();
    let stripes = p.codings("samtale").unwrap();
    assert_eq!(stripes.len(), 4);
    assert!(
        stripes[0].code_hidden,
        "Frihet lies under the hidden Tillit"
    );
    assert!(!stripes[1].code_hidden, "Kontroll is not hidden");
    p.set_family_hidden("Tillit", false).unwrap();

    // Counts: the same span of Tillit by two coders counts once.
    let codes = p.codes().unwrap();
    let counts = p.code_counts().unwrap();
    let count = |path: &str| {
        let g = &codes.iter().find(|c| c.path == path).unwrap().guid;
        counts.get(g).copied().unwrap_or(0)
    };
    assert_eq!(count("Tillit"), 1);
    assert_eq!(count("Tillit/Frihet"), 1);
    assert_eq!(count("Kontroll"), 1);
}

#[test]
fn spans_must_be_inside_the_text_and_non_empty() {
    let (_t, mut p) = project();
    let len = TEXT.trim_end().chars().count(); // 42, the stored text has no final line break
    let doc = p.document("samtale").unwrap();
    let stored = doc.text.chars().count();
    assert!(stored == len || stored == len + 1);
    assert!(p.code_span("samtale", "Tillit", 5, 5, None).is_err());
    assert!(p.code_span("samtale", "Tillit", 6, 5, None).is_err());
    assert!(p
        .code_span("samtale", "Tillit", 0, stored + 1, None)
        .is_err());
    assert!(p.code_span("samtale", "Tillit", 0, stored, None).is_ok());
    assert!(p.code_span("samtale", "Ukjent", 0, 3, None).is_err());
    assert!(p.code_span("ukjent", "Tillit", 0, 3, None).is_err());
    assert!(p.code_turn("samtale", "Tillit", 3, None).is_err());
}

#[test]
fn uncode_by_guid_or_by_span_and_log_enough_to_undo() {
    let (t, mut p) = project();
    let a = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    let b = p.code_span("samtale", "Kontroll", 35, 41, None).unwrap();
    let removed = p.uncode(&a.guid.to_lowercase()).unwrap();
    assert_eq!(removed.guid, a.guid);
    assert!(p.uncode(&a.guid).is_err(), "already gone");
    // By span: another coder's does not match.
    assert!(p
        .uncode_span("samtale", "Kontroll", 35, 41, Some("ola"))
        .is_err());
    p.uncode_span("samtale", "Kontroll", 35, 41, None).unwrap();
    assert!(p.codings("samtale").unwrap().is_empty());
    p.close().unwrap();

    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT action, subject, detail FROM change_log WHERE action IN ('code', 'uncode') ORDER BY seq")
        .unwrap();
    let log: Vec<(String, String, Value)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                serde_json::from_str(&r.get::<_, String>(2)?).unwrap(),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(actions, ["code", "code", "uncode", "uncode"]);
    let (_, subject, detail) = &log[2];
    assert_eq!(subject, &a.guid);
    assert_eq!(detail["guid"], a.guid.as_str());
    assert_eq!(detail["document"], a.document_guid.as_str());
    assert_eq!(detail["code"], a.code_guid.as_str());
    assert_eq!(detail["coder"], a.coder_guid.as_str());
    assert_eq!(detail["coder_name"], "kari");
    assert_eq!(detail["start_char"], 25);
    assert_eq!(detail["end_char"], 31);
    assert_eq!(log[1].2["guid"], b.guid.as_str());
}

#[test]
fn offsets_after_an_emoji_and_a_combining_mark() {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    // "IP1: " is 0..5; "Jeg" 5..8; the facepalm 🤦🏼‍♀️ is 9..14 (5 chars: U+1F926, U+1F3FC,
    // ZWJ, U+2640, VS16) but 7 UTF-16 units; "stoler" 15..21; "x" + COMBINING ACUTE (no
    // precomposed form, so NFC keeps both) 22..24; "på" 25..27.
    let line = "IP1: Jeg \u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F} stoler x\u{301} på dem.\n";
    p.import_bytes("emoji.txt", line.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tillit", None).unwrap();
    let doc = p.document("emoji").unwrap();
    let face = "\u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F}";
    assert_eq!(face.chars().count(), 5);
    assert_eq!(face.encode_utf16().count(), 7);

    // The webview selects "stoler" as UTF-16 units 17..23 (15 + 2 extra units of the emoji).
    let (s16, e16) = (17, 23);
    let start = tolk::text::char_of_utf16(&doc.text, s16);
    let end = tolk::text::char_of_utf16(&doc.text, e16);
    assert_eq!((start, end), (15, 21));
    let v = p.code_span("emoji", "Tillit", start, end, None).unwrap();
    assert_eq!(tolk::text::utf16_of_char(&doc.text, v.start_char), s16);
    assert_eq!(tolk::text::utf16_of_char(&doc.text, v.end_char), e16);

    // The emoji itself, and the letter with its combining mark (chars 22..24, UTF-16 24..26).
    p.code_span("emoji", "Tillit", 9, 14, None).unwrap();
    p.code_span("emoji", "Tillit", 22, 24, None).unwrap();
    assert_eq!(tolk::text::utf16_of_char(&doc.text, 22), 24);
    assert_eq!(tolk::text::utf16_of_char(&doc.text, 24), 26);
    // "på" after it: chars 25..27 are UTF-16 27..29.
    assert_eq!(tolk::text::char_of_utf16(&doc.text, 27), 25);

    let q = tolk::project::ExcerptQuery {
        code: "Tillit".into(),
        ..Default::default()
    };
    let texts: Vec<String> = p
        .excerpts(&q)
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, [face, "stoler", "x\u{301}"]);
}

#[test]
fn deleting_a_code_deletes_its_codings_and_counts_them() {
    let (t, mut p) = project();
    p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    p.code_span("samtale", "Tillit", 25, 31, Some("ola"))
        .unwrap();
    p.code_span("samtale", "Tillit/Frihet", 35, 41, None)
        .unwrap();
    p.code_span("samtale", "Kontroll", 3, 6, None).unwrap();
    // Tillit with Frihet: 2 codes; 2 + 1 = 3 codings (each coder's counted).
    let preview = p.delete_code_preview("Tillit").unwrap();
    assert_eq!((preview.codes, preview.codings), (2, 3));
    let gone = p.delete_code("Tillit").unwrap();
    assert_eq!(gone, preview);
    let left = p.codings("samtale").unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].code_path, "Kontroll");
    p.close().unwrap();
    assert_eq!(coding_rows(&t.path), 1);
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let detail: String = conn
        .query_row(
            "SELECT detail FROM change_log WHERE action = 'delete_code'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let detail: Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["codings"].as_array().unwrap().len(), 3);
    assert_eq!(detail["codings"][0]["start_char"], 25);
}

#[test]
fn deleting_a_document_deletes_its_codings() {
    let (t, mut p) = project();
    p.import_bytes(
        "annen.txt",
        "IP2: Noe annet.\n".as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    p.code_span("samtale", "Kontroll", 3, 6, None).unwrap();
    p.code_span("annen", "Tillit", 5, 8, None).unwrap();
    assert_eq!(p.document_coding_count("samtale").unwrap(), 2);
    p.delete_document("samtale").unwrap();
    assert_eq!(p.codings("annen").unwrap().len(), 1);
    let counts = p.code_counts().unwrap();
    assert_eq!(counts.values().sum::<usize>(), 1);
    p.close().unwrap();
    assert_eq!(coding_rows(&t.path), 1);
}

#[test]
fn codings_survive_reopening() {
    let (t, mut p) = project();
    let v = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    p.close().unwrap();
    let p = Project::open(&t.path).unwrap();
    assert_eq!(p.codings("samtale").unwrap(), [v]);
}

#[test]
fn cli_code_and_uncode() {
    let (t, p) = project();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let out = tolk(
        &[
            &"code", &t.path, &"samtale", &"--code", &"Tillit", &"--start", &"25", &"--end", &"31",
            &"--coder", &"kari", &"--json",
        ],
        &cache,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code",
            "code_key",
            "code_path",
            "coder",
            "color",
            "document",
            "end_char",
            "guid",
            "start_char",
            "turns"
        ]
    );
    assert_eq!(v["start_char"], 25);
    assert_eq!(v["turns"], serde_json::json!([2]));
    let guid = v["guid"].as_str().unwrap().to_owned();

    let out = tolk(
        &[
            &"code",
            &t.path,
            &"samtale",
            &"--code",
            &"Kontroll",
            &"--turn",
            &"1",
            &"--coder",
            &"kari",
        ],
        &cache,
    );
    assert!(out.status.success());
    // Neither a span nor a turn: refused by the argument parser.
    let out = tolk(
        &[&"code", &t.path, &"samtale", &"--code", &"Kontroll"],
        &cache,
    );
    assert!(!out.status.success());

    let out = tolk(&[&"uncode", &t.path, &"--coding", &guid], &cache);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tolk(
        &[
            &"uncode",
            &t.path,
            &"samtale",
            &"--code",
            &"Kontroll",
            &"--start",
            &"3",
            &"--end",
            &"19",
            &"--coder",
            &"kari",
        ],
        &cache,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(coding_rows(&t.path), 0);
}
