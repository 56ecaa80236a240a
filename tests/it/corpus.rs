//! The generated corpus (`../shared/bench/gen_corpus.py`): every document's speakers, turns and
//! header attributes, checked against what the test reads from the files itself.

use std::collections::BTreeSet;

use tolk::ImportOptions;

use crate::util::{gen_corpus, TempProject};

/// What a generated file says about itself, read line by line without the importer's code:
/// header `Key: value` lines up to `---`, then labelled paragraphs `[hh:mm:ss] LABEL: …`.
struct Expected {
    speakers: BTreeSet<String>,
    turns: usize,
    rolle: String,
    kommune: String,
    dato: String,
}

fn expected(text: &str) -> Expected {
    let (header, body) = text
        .split_once("\n---\n")
        .expect("the generator writes a --- line");
    let field = |key: &str| {
        header
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("header has {key}"))
            .trim()
            .to_owned()
    };
    let mut speakers = BTreeSet::new();
    let mut turns = 0;
    for line in body.lines() {
        let rest = match line.strip_prefix('[') {
            Some(r) => r.split_once("] ").map_or(r, |(_, after)| after),
            None => line,
        };
        if let Some((label, _)) = rest.split_once(": ") {
            if label == "I"
                || label == "Informant"
                || label
                    .strip_prefix("IP")
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            {
                speakers.insert(label.to_owned());
                turns += 1;
            }
        }
    }
    Expected {
        speakers,
        turns,
        rolle: field("Rolle"),
        kommune: field("Kommune"),
        dato: field("Dato"),
    }
}

#[test]
fn twenty_generated_transcripts_import_with_their_speakers_turns_and_header() {
    let project = TempProject::new();
    let corpus = project.dir.path().join("corpus");
    gen_corpus(20, 1500, &corpus);
    let mut p = project.open();
    let report = p.import_paths(
        std::slice::from_ref(&corpus),
        &ImportOptions::default(),
        &mut |_| {},
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.imported.len(), 20);
    for (path, outcome) in &report.imported {
        let text = std::fs::read_to_string(path).unwrap();
        let want = expected(&text);
        let doc = p.document(&outcome.name).unwrap();
        let speakers: BTreeSet<String> = doc.turns.iter().map(|t| t.speaker.clone()).collect();
        assert_eq!(speakers, want.speakers, "{}", outcome.name);
        assert!(
            speakers.contains("I") && speakers.len() == 2,
            "{}: {speakers:?}",
            outcome.name
        );
        assert!(
            speakers.contains("Informant") || speakers.iter().any(|s| s.starts_with("IP")),
            "{speakers:?}"
        );
        assert_eq!(doc.turns.len(), want.turns, "{}", outcome.name);
        assert_eq!(doc.attributes["rolle"], want.rolle);
        assert_eq!(doc.attributes["kommune"], want.kommune);
        assert_eq!(doc.attributes["dato"], want.dato);
        // The header (and the --- line) is preamble.
        let preamble = tolk::text::slice_chars(&doc.text, 0, doc.preamble_end_char);
        assert!(
            preamble.contains("Rolle: ") && preamble.trim_end().ends_with("---"),
            "{preamble}"
        );
    }
}
