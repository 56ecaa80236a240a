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

fn log_actions(path: &std::path::Path) -> Vec<(String, Value)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT action, detail FROM change_log ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            serde_json::from_str(&r.get::<_, String>(1)?).unwrap(),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn reassign_keeps_guid_coder_span_and_memo() {
    let (t, mut p) = project();
    let v = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    p.set_memo(tolk::memo::MemoTarget::Coding(v.guid.clone()), "viktig")
        .unwrap();
    let r = p.reassign_coding(&v.guid, "Kontroll").unwrap();
    assert_eq!(r.guid, v.guid);
    assert_eq!(r.code_path, "Kontroll");
    assert_eq!(
        (r.start_char, r.end_char, r.coder.as_str()),
        (25, 31, "kari")
    );
    assert_eq!(r.color, "#0000AA");
    let memo = p
        .memo(tolk::memo::MemoTarget::Coding(v.guid.clone()))
        .unwrap()
        .unwrap();
    assert_eq!(memo.text, "viktig");
    // The same span already coded with Tillit by kari: re-assigning onto it is refused.
    let w = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    assert!(p.reassign_coding(&w.guid, "Kontroll").is_err());
    // Most recent first: Tillit (just coded), then Kontroll (re-assigned to).
    let recent = p.recent_codes(9).unwrap();
    let tillit = p.resolve_code("Tillit").unwrap().guid;
    let kontroll = p.resolve_code("Kontroll").unwrap().guid;
    assert_eq!(recent, [tillit.clone(), kontroll.clone()]);
    p.close().unwrap();

    let log = log_actions(&t.path);
    let (_, detail) = log
        .iter()
        .find(|(a, _)| a == "reassign_coding")
        .expect("logged");
    assert_eq!(detail["guid"], v.guid.as_str());
    assert_eq!(detail["code"], tillit.as_str());
    assert_eq!(detail["to_code"], kontroll.as_str());
}

#[test]
fn adjusting_onto_the_same_code_merges_and_says_so() {
    let (t, mut p) = project();
    // Turn 2's words "Tillit er frihet." are 25..42: "Tillit" 25..31, "frihet" 35..41.
    let a = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    let b = p.code_span("samtale", "Tillit", 35, 41, None).unwrap();
    p.set_memo(tolk::memo::MemoTarget::Coding(b.guid.clone()), "om frihet")
        .unwrap();
    // Another code and another coder's coding of the same code are not merged.
    let other_code = p.code_span("samtale", "Kontroll", 35, 41, None).unwrap();
    let other_coder = p
        .code_span("samtale", "Tillit", 35, 41, Some("ola"))
        .unwrap();

    // Moving a's end from 31 to 34 ("Tillit er") touches nothing.
    let moved = p.adjust_coding(&a.guid, 25, 34).unwrap();
    assert_eq!(moved.merged, 0);
    assert_eq!((moved.coding.start_char, moved.coding.end_char), (25, 34));
    // Out to 36 overlaps b (35..41): merged into a as 25..41, b's memo carried over.
    let merged = p.adjust_coding(&a.guid, 25, 36).unwrap();
    assert_eq!(merged.merged, 1);
    assert_eq!(merged.coding.guid, a.guid);
    assert_eq!((merged.coding.start_char, merged.coding.end_char), (25, 41));
    let memo = p
        .memo(tolk::memo::MemoTarget::Coding(a.guid.clone()))
        .unwrap()
        .unwrap();
    assert_eq!(memo.text, "om frihet");
    let guids: Vec<String> = p
        .codings("samtale")
        .unwrap()
        .into_iter()
        .map(|c| c.guid)
        .collect();
    assert!(!guids.contains(&b.guid));
    assert!(guids.contains(&other_code.guid) && guids.contains(&other_coder.guid));
    // An empty or out-of-text span is refused (the text is 43 chars).
    assert!(p.adjust_coding(&a.guid, 30, 30).is_err());
    assert!(p.adjust_coding(&a.guid, 30, 44).is_err());
    p.close().unwrap();

    let log = log_actions(&t.path);
    let adjusts: Vec<&Value> = log
        .iter()
        .filter(|(a, _)| a == "adjust_coding")
        .map(|(_, d)| d)
        .collect();
    assert_eq!(adjusts.len(), 2);
    assert_eq!(
        (&adjusts[1]["start_char"], &adjusts[1]["to_end_char"]),
        (&serde_json::json!(25), &serde_json::json!(41))
    );
    assert_eq!(adjusts[1]["merged"], serde_json::json!([b.guid]));
    let uncode = log
        .iter()
        .find(|(a, d)| a == "uncode" && d["guid"] == b.guid.as_str())
        .expect("the merged coding is logged as uncoded");
    assert_eq!(uncode.1["memo"]["text"], "om frihet");
}

#[test]
fn extend_to_whole_turns() {
    let (_t, mut p) = project();
    // "er" (32..34) in turn 2 becomes turn 2's words, 25..42; a span across the line break
    // (10..30) becomes turn 1's start to turn 2's end, 3..42.
    let a = p.code_span("samtale", "Tillit", 32, 34, None).unwrap();
    let e = p.extend_coding_to_turns(&a.guid).unwrap();
    assert_eq!((e.coding.start_char, e.coding.end_char), (25, 42));
    let b = p.code_span("samtale", "Kontroll", 10, 30, None).unwrap();
    let e = p.extend_coding_to_turns(&b.guid).unwrap();
    assert_eq!((e.coding.start_char, e.coding.end_char), (3, 42));
    assert_eq!(e.coding.turns, [1, 2]);
}

#[test]
fn in_vivo_makes_or_reuses_a_code_and_codes_in_one_step() {
    let (t, mut p) = project();
    // "Tillit er frihet" is 25..41.
    let made = p
        .code_with_new_code(
            "samtale",
            25,
            41,
            None,
            &tolk::project::NewCodePlace::InVivo,
            None,
        )
        .unwrap();
    assert!(made.code_created);
    assert_eq!(made.code.path, "In vivo/Tillit er frihet");
    assert_eq!(made.coding.code_guid, made.code.guid);
    assert_eq!((made.coding.start_char, made.coding.end_char), (25, 41));
    // The same words again, another coder: the code is reused.
    let again = p
        .code_with_new_code(
            "samtale",
            25,
            41,
            None,
            &tolk::project::NewCodePlace::InVivo,
            Some("ola"),
        )
        .unwrap();
    assert!(!again.code_created);
    assert_eq!(again.code.guid, made.code.guid);
    // A typed name under a chosen parent; case-insensitive reuse of "Frihet".
    let under = p
        .code_with_new_code(
            "samtale",
            35,
            41,
            Some("frihet"),
            &tolk::project::NewCodePlace::Under("Tillit".into()),
            None,
        )
        .unwrap();
    assert!(!under.code_created);
    assert_eq!(under.code.path, "Tillit/Frihet");
    let top = p
        .code_with_new_code(
            "samtale",
            3,
            19,
            Some("Spørsmål"),
            &tolk::project::NewCodePlace::TopLevel,
            None,
        )
        .unwrap();
    assert_eq!(top.code.path, "Spørsmål");
    // A selection of only the line break has no words to name a code.
    assert!(p
        .code_with_new_code(
            "samtale",
            19,
            20,
            None,
            &tolk::project::NewCodePlace::InVivo,
            None
        )
        .is_err());
    p.close().unwrap();

    // One gesture, one transaction: «In vivo», its child and the coding, logged in order.
    let actions: Vec<String> = log_actions(&t.path)
        .into_iter()
        .map(|(a, _)| a)
        .filter(|a| a == "create_code" || a == "code")
        .skip(3) // the fixture's three codes
        .take(3)
        .collect();
    assert_eq!(actions, ["create_code", "create_code", "code"]);
}

#[test]
fn palette_lists_visible_codes_with_definitions() {
    let t = TempProject::new();
    let mut p = t.open();
    p.add_builtin_codebook("bentzen").unwrap();
    let all = p.palette_codes().unwrap();
    assert!(all
        .iter()
        .any(|c| c.summary.key.as_deref() == Some("T08.6")));
    let t08 = all
        .iter()
        .find(|c| c.summary.key.as_deref() == Some("T08"))
        .unwrap();
    assert!(t08.definition.as_deref().is_some_and(|d| !d.is_empty()));
    p.set_family_hidden("T17", true).unwrap();
    let visible = p.palette_codes().unwrap();
    assert!(visible
        .iter()
        .all(|c| !c.summary.key.as_deref().unwrap_or("").starts_with("T17")));
    assert!(visible.len() < all.len());
}

#[test]
fn utf16_selection_after_an_emoji_codes_exactly_those_chars() {
    // What the desktop does: the webview's selection arrives as UTF-16 units, the shell
    // converts with `char_of_utf16`, and `tolk excerpts --json` gives back the same characters.
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    // "IP1: " 0..5 (UTF-16 0..5); 🤦🏼‍♀️ is chars 5..10 but UTF-16 5..12; then " Jeg blir ".
    // "a\u{30A}" (a + COMBINING RING ABOVE) becomes "å" under NFC (2 chars → 1); "x\u{301}"
    // (x + COMBINING ACUTE) has no precomposed form and stays 2 chars.
    let line = "IP1: \u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F} Jeg blir sa\u{30A} x\u{301} lei.\n";
    p.import_bytes("emoji.txt", line.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tillit", None).unwrap();
    let doc = p.document("emoji").unwrap();
    let js: Vec<u16> = doc.text.encode_utf16().collect();
    // The selection "Jeg blir så x\u{301}" starts after the label and emoji and a space:
    // 5 + 7 + 1 = 13 units; it is "Jeg blir så " (12) + x + mark (2) = 14 units: 13..27.
    let (s16, e16) = (13, 27);
    let selected = String::from_utf16(&js[s16..e16]).unwrap();
    assert_eq!(selected, "Jeg blir s\u{E5} x\u{301}");
    let (start, end) = (
        tolk::text::char_of_utf16(&doc.text, s16),
        tolk::text::char_of_utf16(&doc.text, e16),
    );
    // Chars: 5 (label) + 5 (emoji) + 1 (space) = 11; + 14 (all one unit each) = 25.
    assert_eq!((start, end), (11, 25));
    p.code_span("emoji", "Tillit", start, end, None).unwrap();
    p.close().unwrap();

    let out = tolk(
        &[&"excerpts", &t.path, &"--code", &"Tillit", &"--json"],
        &t.dir.path().join("cache"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v[0]["text"], selected.as_str());
    assert_eq!(
        (v[0]["start_char"].clone(), v[0]["end_char"].clone()),
        (11.into(), 25.into())
    );
}

#[test]
fn each_coding_edit_is_one_undo_step() {
    let (_t, mut p) = project();
    let a = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    let b = p.code_span("samtale", "Tillit", 35, 41, None).unwrap();
    p.set_memo(tolk::memo::MemoTarget::Coding(b.guid.clone()), "om frihet")
        .unwrap();
    // Adjust with a merge, then undo: b is back with its GUID and memo, a has its old span.
    p.adjust_coding(&a.guid, 25, 36).unwrap();
    let step = p.undo().unwrap().expect("a step to undo");
    assert_eq!(step.action, "adjust_coding");
    let spans: Vec<(String, usize, usize)> = p
        .codings("samtale")
        .unwrap()
        .into_iter()
        .map(|c| (c.guid, c.start_char, c.end_char))
        .collect();
    assert_eq!(spans, [(a.guid.clone(), 25, 31), (b.guid.clone(), 35, 41)]);
    let memo = p
        .memo(tolk::memo::MemoTarget::Coding(b.guid.clone()))
        .unwrap();
    assert_eq!(memo.map(|m| m.text).as_deref(), Some("om frihet"));

    // In vivo makes «In vivo», its child and the coding: one undo takes all three back.
    let codes_before = p.codes().unwrap().len();
    p.code_with_new_code(
        "samtale",
        3,
        19,
        None,
        &tolk::project::NewCodePlace::InVivo,
        None,
    )
    .unwrap();
    assert_eq!(p.codes().unwrap().len(), codes_before + 2);
    p.undo().unwrap().expect("a step to undo");
    assert_eq!(p.codes().unwrap().len(), codes_before);
    assert_eq!(p.codings("samtale").unwrap().len(), 2);

    // Re-assigning and undoing gives the coding its code back.
    p.reassign_coding(&a.guid, "Kontroll").unwrap();
    p.undo().unwrap().expect("a step to undo");
    assert_eq!(p.coding(&a.guid).unwrap().code_path, "Tillit");
}
