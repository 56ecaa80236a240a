//! The `tolk` CLI: JSON shapes pinned, exit codes, and errors that name the file.

use serde_json::Value;

use crate::util::{stdout, tolk, TempProject};

const INTERVIEW: &str = "Rolle: rådgiver\nKommune: Ås\nDato: 01.02.2024\n---\n\
I: Hvordan merker du tillitsreformen?\n\
IP2 (00:12): Vi får mer handlingsrom 😀, men også mer ansvar.\n";

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn new_import_docs_show_round_trip_with_pinned_json() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let file = t.dir.path().join("rådgiver-ås.txt");
    std::fs::write(&file, INTERVIEW).unwrap();
    let fresh = t.dir.path().join("fresh.tolk");
    let out = tolk(&[&"new", &fresh], &cache);
    assert!(out.status.success());
    assert!(
        tolk(&[&"new", &fresh], &cache).status.code() != Some(0),
        "new refuses an existing file"
    );

    let out = tolk(&[&"import", &fresh, &file, &"--json"], &cache);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(keys(&report), ["failed", "imported", "skipped"]);
    assert_eq!(report["imported"][0]["name"], "rådgiver-ås");
    assert_eq!(report["imported"][0]["turns"], 2);

    let out = tolk(&[&"docs", &fresh, &"--json"], &cache);
    let docs: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let doc = &docs[0];
    assert_eq!(
        keys(doc),
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
    assert_eq!(doc["name"], "rådgiver-ås");
    assert_eq!(doc["format"], "txt");
    assert_eq!(doc["language"], "nb");
    assert_eq!(doc["turns"], 2);
    assert_eq!(doc["speakers"], serde_json::json!(["I", "IP2"]));
    assert_eq!(doc["attributes"]["kommune"], "Ås");
    assert!(doc["source"].as_str().unwrap().ends_with("rådgiver-ås.txt"));

    let out = tolk(
        &[&"show", &fresh, &doc["guid"].as_str().unwrap(), &"--json"],
        &cache,
    );
    let show: Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in ["name", "text", "preamble_end_char", "turns"] {
        assert!(show.get(key).is_some(), "show --json has {key}");
    }
    let text: Vec<char> = show["text"].as_str().unwrap().chars().collect();
    let turns = show["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 2);
    for turn in turns {
        for key in ["n", "speaker", "start_char", "end_char", "time_ms", "text"] {
            assert!(turn.get(key).is_some(), "a turn has {key}");
        }
        let (s, e) = (
            turn["start_char"].as_u64().unwrap() as usize,
            turn["end_char"].as_u64().unwrap() as usize,
        );
        let slice: String = text[s..e].iter().collect();
        assert_eq!(
            slice,
            turn["text"].as_str().unwrap(),
            "text[start_char..end_char] in chars is the turn text"
        );
    }
    assert_eq!(
        turns[1]["text"],
        "Vi får mer handlingsrom 😀, men også mer ansvar."
    );
    assert_eq!(turns[1]["time_ms"], 12_000);
    assert_eq!(turns[0]["time_ms"], Value::Null);
    // Preamble: the four header lines and the --- line, with their newlines.
    let preamble = "Rolle: rådgiver\nKommune: Ås\nDato: 01.02.2024\n---\n";
    assert_eq!(show["preamble_end_char"], preamble.chars().count());

    // Importing the same file again is a skip, not a failure.
    let out = tolk(&[&"import", &fresh, &file], &cache);
    assert!(out.status.success());
    assert!(stdout(&out).contains("already in the project"));
}

#[test]
fn a_failed_file_makes_import_exit_non_zero_and_names_the_file() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let good = t.dir.path().join("god.txt");
    let empty = t.dir.path().join("tom.txt");
    std::fs::write(&good, INTERVIEW).unwrap();
    std::fs::write(&empty, "").unwrap();
    let out = tolk(&[&"import", &t.path, &empty, &good], &cache);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tom.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(stdout(&out).contains("1 imported, 0 skipped, 1 failed"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let out = tolk(
        &[&"import", &t.path, &"x.txt", &"--speaker-pattern", &"(oops"],
        &cache,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid speaker pattern"));
    let out = tolk(&[&"show", &t.path, &"finnes-ikke"], &cache);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document named \"finnes-ikke\""));
    let out = tolk(&[&"docs", &t.dir.path().join("missing.tolk")], &cache);
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.tolk"));
}

#[test]
fn attributes_and_informants_from_the_cli() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let a = t.dir.path().join("a.txt");
    let b = t.dir.path().join("b.txt");
    std::fs::write(&a, INTERVIEW).unwrap();
    std::fs::write(&b, INTERVIEW.replace("Ås", "Vinje")).unwrap();
    assert!(tolk(&[&"import", &t.path, &a, &b], &cache).status.success());
    assert!(tolk(
        &[&"attributes", &t.path, &"--set", &"a", &"Sektor=helse"],
        &cache
    )
    .status
    .success());
    let csv = t.dir.path().join("inf.csv");
    std::fs::write(&csv, b"informant,alder\na/IP2,61\n").unwrap();
    assert!(tolk(&[&"attributes", &t.path, &"--csv", &csv], &cache)
        .status
        .success());
    let out = tolk(
        &[&"informants", &t.path, &"merge", &"a/IP2", &"b/IP2"],
        &cache,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tolk(&[&"informants", &t.path, &"--json"], &cache);
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["speakers"], serde_json::json!(["a/IP2", "b/IP2"]));
    assert_eq!(list[0]["attributes"]["alder"], "61");
    let out = tolk(&[&"docs", &t.path, &"--json"], &cache);
    let docs: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(docs[0]["attributes"]["sektor"], "helse");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let corpus = t.dir.path().join("corpus");
    crate::util::gen_corpus(1, 20_000, &corpus);
    assert!(tolk(&[&"import", &t.path, &corpus], &cache)
        .status
        .success());
    // `show --json` of a 20,000-word transcript is far more than a pipe buffer (64 KiB), so the
    // process is still writing when the reader goes away.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args([
            "show".as_ref(),
            t.path.as_os_str(),
            "intervju_0001".as_ref(),
            "--json".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut [0u8; 1]).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit {status:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
