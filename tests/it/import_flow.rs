//! The app's import flow on real project files: a preview that writes nothing and says what the
//! import then does, and an import that can be cancelled between files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::Digest;
use tolk::project::{FilePreview, SpeakerRole};
use tolk::turns::SpeakerPattern;
use tolk::ImportOptions;

use crate::util::{fixture, TempProject};

/// SHA-256 of the project file and of its `-wal` (absent = empty), so a write to either shows.
fn hash_project(path: &Path) -> (String, String) {
    let hash = |p: &Path| {
        let bytes = std::fs::read(p).unwrap_or_default();
        sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (hash(path), hash(Path::new(&wal)))
}

fn batch() -> Vec<PathBuf> {
    vec![
        fixture("transcripts"),
        fixture("broken/tom.txt"),
        fixture("broken/uten-etiketter.txt"),
        // Some tests import this file first, so the preview calls it a duplicate.
        fixture("encodings/utf8.txt"),
    ]
}

fn preview_of<'a>(previews: &'a [FilePreview], file: &str) -> &'a FilePreview {
    previews
        .iter()
        .find(|p| p.path.ends_with(file))
        .unwrap_or_else(|| panic!("no preview for {file}"))
}

#[test]
fn preview_writes_nothing_to_the_project_file() {
    let t = TempProject::new();
    {
        let mut p = t.open();
        p.import_bytes(
            "utf8.txt",
            &std::fs::read(fixture("encodings/utf8.txt")).unwrap(),
            &ImportOptions::default(),
        )
        .unwrap();
        p.close().unwrap();
    }
    let closed = std::fs::read(&t.path).unwrap();
    let p = t.open();
    let before = hash_project(&t.path);
    let previews = p
        .preview_import(&batch(), &ImportOptions::default())
        .unwrap();
    // 8 transcripts + tom + uten-etiketter + utf8 = 11 files.
    assert_eq!(previews.len(), 11);
    assert_eq!(hash_project(&t.path), before);
    assert_eq!(p.documents().unwrap().len(), 1);
    p.close().unwrap();
    // Opening and closing around the preview leaves the file as it was, byte for byte.
    assert_eq!(std::fs::read(&t.path).unwrap(), closed);
}

#[test]
fn preview_shows_turns_speakers_attributes_and_problems() {
    let t = TempProject::new();
    let mut p = t.open();
    p.import_bytes(
        "gammel.txt",
        &std::fs::read(fixture("encodings/utf8.txt")).unwrap(),
        &ImportOptions::default(),
    )
    .unwrap();
    let previews = p
        .preview_import(&batch(), &ImportOptions::default())
        .unwrap();

    // fixtures/README.md: leder-bodo.txt has 9 turns alternating I, IP1, …, I, so I has
    // turns 1, 3, 5, 7, 9 (5) and IP1 turns 2, 4, 6, 8 (4); 7 header attributes.
    let bodo = preview_of(&previews, "leder-bodo.txt");
    assert_eq!(bodo.name, "leder-bodo");
    assert_eq!(bodo.format, Some(tolk::Format::Txt));
    assert_eq!(bodo.language, Some(tolk::language::Language::Nb));
    assert_eq!(bodo.turns, 9);
    let speakers: Vec<_> = bodo
        .speakers
        .iter()
        .map(|s| (s.label.as_str(), s.turns, s.role))
        .collect();
    assert_eq!(
        speakers,
        [
            ("I", 5, SpeakerRole::Interviewer),
            ("IP1", 4, SpeakerRole::Informant)
        ]
    );
    assert_eq!(bodo.attributes.len(), 7);
    assert_eq!(
        bodo.attributes[2],
        ("kommune".to_owned(), "Bodø".to_owned())
    );
    assert_eq!(bodo.first_turns.len(), 3);
    assert_eq!(bodo.first_turns[0].speaker, "I");
    assert_eq!(bodo.first_turns[0].time_ms, Some(4000));
    assert!(bodo.importable());

    // gruppe-tromso.docx: Moderator in turns 1, 4, 7, 10 (4), Deltaker 1 and 2 three each.
    let tromso = preview_of(&previews, "gruppe-tromso.docx");
    let speakers: Vec<_> = tromso
        .speakers
        .iter()
        .map(|s| (s.label.as_str(), s.turns))
        .collect();
    assert_eq!(
        speakers,
        [("Moderator", 4), ("Deltaker 1", 3), ("Deltaker 2", 3)]
    );

    let tom = preview_of(&previews, "tom.txt");
    let error = tom.error.as_deref().expect("tom.txt fails");
    assert!(
        error.contains("tom.txt") && error.contains("empty"),
        "{error}"
    );
    assert_eq!(tom.import_error, Some(tolk::ImportError::Empty));
    assert!(!tom.importable());

    let plain = preview_of(&previews, "uten-etiketter.txt");
    assert_eq!(plain.turns, 0);
    assert!(
        plain
            .warnings
            .contains(&tolk::ImportWarning::NoSpeakerLabels),
        "{:?}",
        plain.warnings
    );

    // utf8.txt is in the project already, under the name it was imported as.
    let dup = preview_of(&previews, "encodings/utf8.txt");
    assert_eq!(dup.duplicate_of.as_deref(), Some("gammel"));
    assert!(!dup.importable());
}

#[test]
fn preview_matches_what_the_import_then_does() {
    let t = TempProject::new();
    let mut p = t.open();
    p.import_bytes(
        "utf8.txt",
        &std::fs::read(fixture("encodings/utf8.txt")).unwrap(),
        &ImportOptions::default(),
    )
    .unwrap();
    // A second leder-bodo under another folder: different bytes, same stem, so it is named
    // `leder-bodo (2)` in the preview and in the import.
    let other = t.dir.path().join("annen");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(
        other.join("leder-bodo.txt"),
        "I: Hei.\nIP1: Hei selv.\n".as_bytes(),
    )
    .unwrap();
    let mut paths = batch();
    paths.push(other.join("leder-bodo.txt"));
    let options = ImportOptions::default();
    let previews = p.preview_import(&paths, &options).unwrap();
    let report = p.import_paths(&paths, &options, &mut |_| {});

    assert_eq!(
        report.imported.len() + report.skipped.len() + report.failed.len(),
        previews.len()
    );
    for preview in &previews {
        if let Some(error) = &preview.error {
            let failed = report
                .failed
                .iter()
                .find(|f| f.path == preview.path)
                .unwrap_or_else(|| panic!("{:?} should fail", preview.path));
            assert_eq!(&failed.error, error);
            assert_eq!(failed.import_error, preview.import_error);
        } else if let Some(existing) = &preview.duplicate_of {
            let skipped = report
                .skipped
                .iter()
                .find(|s| s.path == preview.path)
                .expect("skipped");
            assert_eq!(&skipped.existing, existing);
        } else {
            let (_, outcome) = report
                .imported
                .iter()
                .find(|(path, _)| path == &preview.path)
                .unwrap_or_else(|| panic!("{:?} should be imported", preview.path));
            assert_eq!(outcome.name, preview.name);
            assert_eq!(Some(outcome.format), preview.format);
            assert_eq!(Some(outcome.language), preview.language);
            assert_eq!(outcome.turns, preview.turns);
            let labels: Vec<_> = preview.speakers.iter().map(|s| s.label.clone()).collect();
            assert_eq!(outcome.speakers, labels);
            let attributes: BTreeMap<_, _> = preview.attributes.iter().cloned().collect();
            assert_eq!(outcome.attributes, attributes);
            assert_eq!(outcome.warnings, preview.warnings);
            assert_eq!(outcome.normalized_chars, preview.normalized_chars);
            let doc = p.document(&outcome.name).unwrap();
            for turn in &preview.first_turns {
                let stored = &doc.turns[turn.n as usize - 1];
                assert_eq!(stored.speaker, turn.speaker);
                let words = doc.turn_text(stored).trim();
                let shown = turn.text.trim_end_matches('…');
                assert!(words.starts_with(shown), "{words:?} / {shown:?}");
            }
        }
    }
    assert_eq!(
        preview_of(&previews, "annen/leder-bodo.txt").name,
        "leder-bodo (2)"
    );
    assert!(p.document("leder-bodo (2)").is_ok());
}

#[test]
fn preview_with_a_speaker_pattern_finds_turns_a_default_preview_does_not() {
    let t = TempProject::new();
    let p = t.open();
    let file = t.dir.path().join("streker.txt");
    std::fs::write(&file, "Kari - Hei.\nOla - Hei selv.\nKari - Ha det.\n").unwrap();
    let plain = p
        .preview_import(std::slice::from_ref(&file), &ImportOptions::default())
        .unwrap();
    assert_eq!(plain[0].turns, 0);
    let options = ImportOptions {
        speaker_pattern: Some(SpeakerPattern::new(r"^(?P<speaker>\w+) - ").unwrap()),
        language: Some(tolk::language::Language::Nn),
    };
    let with = p.preview_import(&[file], &options).unwrap();
    // Kari, Ola, Kari: 3 turns; Kari has 2, Ola 1.
    assert_eq!(with[0].turns, 3);
    let speakers: Vec<_> = with[0]
        .speakers
        .iter()
        .map(|s| (s.label.as_str(), s.turns))
        .collect();
    assert_eq!(speakers, [("Kari", 2), ("Ola", 1)]);
    assert_eq!(with[0].language, Some(tolk::language::Language::Nn));
}

#[test]
fn cancel_after_two_files_keeps_those_and_reports_the_rest() {
    let t = TempProject::new();
    let mut p = t.open();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    // fixtures/transcripts holds 8 files; cancel once the second is done.
    let report = p.import_paths_cancellable(
        &[fixture("transcripts")],
        &ImportOptions::default(),
        &cancel,
        &mut |progress| {
            seen.push((progress.done, progress.total));
            if progress.done == 2 {
                cancel.store(true, Ordering::SeqCst);
            }
        },
    );
    assert_eq!(seen, [(1, 8), (2, 8)]);
    assert_eq!(report.imported.len(), 2);
    // 8 - 2 = 6 files left out, none failed or skipped.
    assert_eq!(report.not_imported.len(), 6);
    assert!(report.failed.is_empty() && report.skipped.is_empty());
    p.close().unwrap();
    // The two imported files are in the project file after closing and reopening.
    let p = t.open();
    let docs = p.documents().unwrap();
    assert_eq!(docs.len(), 2);
    for (path, outcome) in &report.imported {
        assert!(docs.iter().any(|d| d.name == outcome.name), "{path:?}");
    }
}

#[test]
fn per_file_options_set_each_files_language() {
    let t = TempProject::new();
    let mut p = t.open();
    let nn = ImportOptions {
        language: Some(tolk::language::Language::Nn),
        ..ImportOptions::default()
    };
    let files = vec![
        (fixture("transcripts/leder-bodo.txt"), nn),
        (
            fixture("transcripts/tilsett-voss.txt"),
            ImportOptions::default(),
        ),
    ];
    let report = p.import_files_cancellable(&files, &AtomicBool::new(false), &mut |_| {});
    assert_eq!(report.imported.len(), 2);
    let lang = |name: &str| {
        p.documents()
            .unwrap()
            .into_iter()
            .find(|d| d.name == name)
            .unwrap()
            .language
    };
    assert_eq!(lang("leder-bodo"), tolk::language::Language::Nn);
    // tilsett-voss is nynorsk (fixtures/README.md), guessed as such.
    assert_eq!(lang("tilsett-voss"), tolk::language::Language::Nn);
}
