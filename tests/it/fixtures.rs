//! Every fixture in `fixtures/` through the real importer into a real project: turns, speakers,
//! times, header attributes and preamble as `fixtures/README.md` counts them by hand.

use std::collections::BTreeMap;

use tolk::project::ImportReport;
use tolk::{ImportOptions, Project};

use crate::util::{fixture, TempProject};

struct Expect {
    name: &'static str,
    turns: usize,
    speakers: &'static [&'static str],
    attributes: &'static [(&'static str, &'static str)],
    preamble_end_char: Option<usize>,
    times: Option<&'static [u64]>,
}

const TRANSCRIPTS: &[Expect] = &[
    Expect {
        name: "leder-bodo",
        turns: 9,
        speakers: &["I", "IP1"],
        attributes: &[
            ("prosjekt", "Tillitsbasert ledelse i kommunesektoren"),
            ("rolle", "Enhetsleder, hjemmetjenesten"),
            ("kommune", "Bodø"),
            ("dato", "14.02.2024"),
            ("intervjuer", "Siri"),
            ("varighet", "00:04:30"),
            ("transkribert av", "[navn]"),
        ],
        preamble_end_char: Some(182),
        times: Some(&[
            4000, 11000, 62000, 69000, 150000, 154000, 195000, 200000, 242000,
        ]),
    },
    Expect {
        name: "tilsett-voss",
        turns: 11,
        speakers: &["Intervjuar", "Informant"],
        attributes: &[
            ("prosjekt", "Tillitsbasert leiing i kommunane"),
            ("rolle", "Miljøterapeut, bu- og miljøtenesta"),
            ("kommune", "Voss herad"),
            ("dato", "03.04.2024"),
            ("intervjuform", "Telefon"),
        ],
        preamble_end_char: Some(145),
        times: Some(&[
            5000, 12000, 40000, 47000, 125000, 135000, 181000, 188000, 260000, 266000, 310000,
        ]),
    },
    Expect {
        name: "gruppe-tromso",
        turns: 10,
        speakers: &["Moderator", "Deltaker 1", "Deltaker 2"],
        attributes: &[
            ("prosjekt", "Tillitsbasert ledelse i kommunesektoren"),
            ("kommune", "Tromsø"),
            ("dato", "22.05.2024"),
            ("type", "Fokusgruppe"),
        ],
        preamble_end_char: Some(102),
        times: None,
    },
    Expect {
        name: "tabell-alta",
        turns: 12,
        speakers: &["Intervjuer", "IP2"],
        attributes: &[],
        preamble_end_char: Some(85),
        times: None,
    },
    Expect {
        name: "leiar-forde",
        turns: 8,
        speakers: &["Intervjuar", "Leiar"],
        attributes: &[
            ("prosjekt", "Tillitsbasert leiing i kommunane"),
            ("rolle", "Einingsleiar, pleie og omsorg"),
            ("kommune", "Sunnfjord"),
            ("stad", "Førde"),
            ("dato", "11.06.2024"),
        ],
        preamble_end_char: Some(155),
        times: None,
    },
    Expect {
        name: "mote-kommunedirektor",
        turns: 7,
        speakers: &["Intervjuer", "Kari Nordmann"],
        attributes: &[],
        preamble_end_char: Some(0),
        times: Some(&[1000, 6200, 25000, 29000, 33800, 41000, 44500]),
    },
    Expect {
        name: "whisper-sandnes",
        turns: 8,
        speakers: &["SPEAKER_00", "SPEAKER_01"],
        attributes: &[],
        preamble_end_char: Some(0),
        times: Some(&[480, 4900, 14000, 18100, 32500, 36600, 39500, 45400]),
    },
    Expect {
        name: "notat-kristiansand",
        turns: 7,
        speakers: &["Intervjuer", "IP3"],
        attributes: &[],
        preamble_end_char: Some(119),
        times: None,
    },
];

fn import(p: &mut Project, rel: &[&str]) -> ImportReport {
    let paths: Vec<_> = rel.iter().map(|r| fixture(r)).collect();
    p.import_paths(&paths, &ImportOptions::default(), &mut |_| {})
}

#[test]
fn every_transcript_fixture_imports_as_the_readme_counts_it() {
    let project = TempProject::new();
    let mut p = project.open();
    let report = import(&mut p, &["transcripts"]);
    assert!(report.failed.is_empty(), "{:#?}", report.failed);
    assert_eq!(report.imported.len(), TRANSCRIPTS.len());
    p.close().unwrap();
    // Reopen: what a researcher sees after a restart.
    let p = project.open();
    for want in TRANSCRIPTS {
        let doc = p.document(want.name).unwrap();
        let mut speakers: Vec<&str> = Vec::new();
        for t in &doc.turns {
            if !speakers.contains(&t.speaker.as_str()) {
                speakers.push(&t.speaker);
            }
        }
        assert_eq!(doc.turns.len(), want.turns, "{}: turns", want.name);
        assert_eq!(speakers, want.speakers, "{}: speakers", want.name);
        let attributes: BTreeMap<String, String> = want
            .attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(doc.attributes, attributes, "{}: attributes", want.name);
        if let Some(end) = want.preamble_end_char {
            assert_eq!(doc.preamble_end_char, end, "{}: preamble", want.name);
        }
        if let Some(times) = want.times {
            let got: Vec<u64> = doc
                .turns
                .iter()
                .map(|t| t.time_ms.unwrap_or(u64::MAX))
                .collect();
            assert_eq!(got, times, "{}: times", want.name);
        }
        assert!(!doc.text.contains('\r'), "{}: LF only", want.name);
        for t in &doc.turns {
            let words = doc.turn_text(t);
            assert_eq!(
                words,
                words.trim(),
                "{} turn {}: no surrounding blanks",
                want.name,
                t.n
            );
        }
    }
}

#[test]
fn docx_keeps_insertions_links_and_breaks_and_drops_deletions() {
    let project = TempProject::new();
    let mut p = project.open();
    import(
        &mut p,
        &[
            "transcripts/gruppe-tromso.docx",
            "transcripts/tabell-alta.docx",
        ],
    );
    let doc = p.document("gruppe-tromso").unwrap();
    assert!(
        !doc.text.contains("absolutt"),
        "tracked deletion never appears"
    );
    assert!(
        doc.text.contains("Det siste har vi ikke fått til ennå."),
        "insertion kept"
    );
    assert!(
        doc.text.contains("på tillit.example.org, men"),
        "hyperlink text kept"
    );
    let turn5 = doc.turn_text(&doc.turns[4]);
    assert!(
        turn5.starts_with("Vi satte opp tre mål i fjor.\n1.\tFærre skjema\n2.\tMer tid med barna\n3.\tMindre detaljstyring"),
        "{turn5:?}"
    );
    let alta = p.document("tabell-alta").unwrap();
    assert_eq!(
        alta.turn_text(&alta.turns[0]),
        "Du har vært rektor i Alta i mange år. Hva har endret seg?"
    );
    assert_eq!(alta.turn_text(&alta.turns[11]), "Takk selv.");
}

#[test]
fn subtitles_merge_cues_of_one_speaker_up_to_two_seconds_apart() {
    let project = TempProject::new();
    let mut p = project.open();
    import(&mut p, &["transcripts/mote-kommunedirektor.vtt"]);
    let doc = p.document("mote-kommunedirektor").unwrap();
    assert_eq!(
        doc.text.lines().nth(1).unwrap(),
        "Kari Nordmann: Fordi vi så at detaljstyringen kostet mer enn den ga. Ledere brukte \
         timer hver uke på rapporter ingen leste. Så vi kuttet halvparten av indikatorene."
    );
    assert_eq!(
        doc.turn_text(&doc.turns[2]),
        "Det var ikke populært hos alle."
    );
}

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let project = TempProject::new();
    let mut p = project.open();
    let report = import(&mut p, &["encodings"]);
    assert!(report.failed.is_empty(), "{:#?}", report.failed);
    let reference = p.document("utf8").unwrap().text;
    assert!(
        reference.contains("– helt konkret")
            && reference.contains("2 000 €")
            && reference.contains("«Tillit»")
    );
    for name in ["utf16le-bom", "utf16be-bom", "windows-1252"] {
        assert_eq!(p.document(name).unwrap().text, reference, "{name}");
    }
    let latin1 = p.document("iso-8859-1").unwrap().text;
    assert_eq!(
        latin1,
        reference.replace('–', "-").replace("2 000 €", "2 000 euro")
    );
    let combining = p.document("utf8-combining").unwrap();
    assert_eq!(
        combining.text,
        reference.replace("første gang på år.", "første gang på år 😀")
    );
    let outcome = &report
        .imported
        .iter()
        .find(|(_, o)| o.name == "utf8-combining")
        .unwrap()
        .1;
    assert_eq!(
        outcome.normalized_chars, 7,
        "seven decomposed å composed by NFC"
    );
    for (_, o) in &report.imported {
        assert_eq!(o.turns, 6, "{}", o.name);
    }
    let legacy = &report
        .imported
        .iter()
        .find(|(_, o)| o.name == "windows-1252")
        .unwrap()
        .1;
    assert!(
        matches!(
            &legacy.warnings[..],
            [tolk::ImportWarning::EncodingGuessed { encoding }] if encoding == "windows-1252"
        ),
        "a guessed encoding is reported: {:?}",
        legacy.warnings
    );
}

#[test]
fn broken_files_fail_one_by_one_with_their_names_and_the_rest_import() {
    let project = TempProject::new();
    let mut p = project.open();
    let report = import(&mut p, &["broken", "transcripts/leder-bodo.txt"]);
    let failures: BTreeMap<String, String> = report
        .failed
        .iter()
        .map(|f| {
            (
                f.path.file_name().unwrap().to_string_lossy().into_owned(),
                f.error.clone(),
            )
        })
        .collect();
    let expected = [
        ("avkuttet.docx", "not a readable docx file"),
        ("binar.txt", "binary file"),
        ("tom.txt", "the file is empty"),
        ("ukjent.pdf", "unsupported file type \".pdf\""),
    ];
    assert_eq!(failures.len(), expected.len(), "{failures:#?}");
    for (file, cause) in expected {
        let error = &failures[file];
        assert!(
            error.contains(file) && error.contains(cause),
            "{file}: {error}"
        );
    }
    let imported: Vec<&str> = report
        .imported
        .iter()
        .map(|(_, o)| o.name.as_str())
        .collect();
    assert_eq!(imported, ["uten-etiketter", "leder-bodo"]);
    let unlabelled = &report.imported[0].1;
    assert_eq!(unlabelled.turns, 0);
    assert!(
        unlabelled
            .warnings
            .contains(&tolk::ImportWarning::NoSpeakerLabels),
        "{:?}",
        unlabelled.warnings
    );
    let doc = p.document("uten-etiketter").unwrap();
    assert_eq!(doc.preamble_end_char, doc.text.chars().count());
}

#[test]
fn attribute_csvs_from_the_fixtures() {
    let project = TempProject::new();
    let mut p = project.open();
    import(&mut p, &["transcripts"]);
    let docs = p
        .import_attributes_csv(&fixture("attributes/dokumenter.csv"))
        .unwrap();
    assert_eq!(
        (docs.rows, docs.unknown.clone()),
        (8, vec!["finnes-ikke".to_owned()])
    );
    assert_eq!(
        p.document("gruppe-tromso").unwrap().attributes["sektor"],
        "oppvekst; teknisk"
    );
    let people = p
        .import_attributes_csv(&fixture("attributes/informanter-1252.csv"))
        .unwrap();
    assert!(people.informants);
    assert_eq!(
        (people.rows, people.unknown),
        (9, vec!["leder-bodo/IP9".to_owned()])
    );
    let informants = p.informants().unwrap();
    let kari = informants
        .iter()
        .find(|i| i.name == "mote-kommunedirektor/Kari Nordmann")
        .unwrap();
    assert_eq!(kari.attributes["kjønn"], "kvinne");
    assert_eq!(kari.attributes["alder"], "50–59");
    let voss = informants
        .iter()
        .find(|i| i.name == "tilsett-voss/Informant")
        .unwrap();
    assert_eq!(
        voss.attributes["stilling"],
        "Miljøterapeut, bu- og miljøtenesta"
    );
}

#[test]
fn informant_names_sort_norwegian() {
    let project = TempProject::new();
    let mut p = project.open();
    for name in ["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"] {
        let text = format!("I: Hei.\n{name}: Hei.\nI: Ja?\n{name}: Ja.\n");
        p.import_bytes(
            &format!("{name}.txt"),
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
    }
    let docs: Vec<String> = p.documents().unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(
        docs,
        ["abc", "Zulu", "Ærlig", "Øst", "Ål", "Ås", "Åsen", "Aasen"]
    );
}
