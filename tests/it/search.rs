//! `tolk search` and `tolk reindex` over hand-written transcripts: every operator of the query
//! language, the two code scopes, filters, counts that `--limit` never changes, offsets after an
//! emoji, and an index that follows the project (rebuilt after an import, untouched by codings).

use serde_json::Value;
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

const LEDER: &str = "Rolle: enhetsleder\nKommune: Bodø\nDato: 05.09.2024\n\n\
I: Hva betyr tillit for deg?\n\
IP1: Tilliten er stor etter tillitsreformen, men detaljstyring finnes.\n\
I: Og kontroll?\n\
IP1: 🤦🏼‍♀️ Kontrollen tar tid. Romantikk og stillits har ingenting med tillit å gjøre.\n";

const TILSETT: &str = "Rolle: tilsett\nKommune: Voss\nDato: 12.09.2024\n\n\
I: Korleis er styringa?\n\
IP2: Styringa er prega av mistillit, og kontroll gir lite tillit.\n";

struct Setup {
    project: TempProject,
    cache: tempfile::TempDir,
}

fn setup() -> Setup {
    setup_with(&[("leder.txt", LEDER), ("tilsett.txt", TILSETT)])
}

fn setup_with(files: &[(&str, &str)]) -> Setup {
    let project = TempProject::new();
    let mut p = project.open();
    for &(name, text) in files {
        p.import_bytes(name, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    p.close().unwrap();
    Setup {
        project,
        cache: tempfile::tempdir().unwrap(),
    }
}

impl Setup {
    fn search(&self, args: &[&str]) -> Value {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"search", &self.project.path];
        all.extend(args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
        all.push(&"--json");
        let out = tolk(&all, self.cache.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(&stdout(&out)).unwrap()
    }

    /// The matched words, as the document text between `start_char` and `end_char`.
    fn words(&self, args: &[&str]) -> Vec<String> {
        let found = self.search(args);
        let p = self.project.open();
        found["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let doc = p.document(r["document"].as_str().unwrap()).unwrap();
                let (s, e) = (
                    r["start_char"].as_u64().unwrap() as usize,
                    r["end_char"].as_u64().unwrap() as usize,
                );
                doc.text.chars().skip(s).take(e - s).collect()
            })
            .collect()
    }
}

#[test]
fn a_word_finds_its_inflections_and_compounds_and_nothing_else() {
    let s = setup();
    assert_eq!(
        s.words(&["tillit"]),
        [
            "tillit",
            "Tilliten",
            "tillitsreformen",
            "tillit",
            "mistillit",
            "tillit"
        ]
    );
    let found = s.search(&["tillit"]);
    assert_eq!(found["hits"], 6);
    // Turns: leder 1, 2, 4 and tilsett 2.
    assert_eq!(found["turns"], 4);
    assert_eq!(found["documents"], 2);
    // The interviewer is nobody's informant: IP1 (leder) and IP2 (tilsett).
    assert_eq!(found["informants"], 2);
}

#[test]
fn exact_mode_phrases_and_near() {
    let s = setup();
    assert_eq!(s.words(&["=tilliten"]), ["Tilliten"]);
    assert_eq!(s.words(&["\"styring være\""]), Vec::<String>::new());
    // A phrase matches inflected forms in a row ("Styringa er"), never compounds.
    assert_eq!(s.words(&["\"styring er\""]), ["Styringa er"]);
    assert_eq!(s.words(&["\"stor tillit\""]), Vec::<String>::new());
    // NEAR is order-free: in "mistillit, og kontroll gir lite tillit" one word stands between
    // mistillit and kontroll, two between kontroll and tillit.
    assert_eq!(
        s.words(&["tillit NEAR/2 kontroll"]),
        ["mistillit", "kontroll", "tillit"]
    );
    assert_eq!(
        s.words(&["tillit NEAR/1 kontroll"]),
        ["mistillit", "kontroll"]
    );
    assert!(s.words(&["tillit NEAR/0 kontroll"]).is_empty());
}

#[test]
fn boolean_operators_and_wildcards() {
    let s = setup();
    // Units (turns) with tillit but no kontroll-word: leder 1 and 2.
    assert_eq!(s.search(&["tillit NOT kontroll"])["turns"], 2);
    assert_eq!(s.search(&["tillit -kontroll"])["turns"], 2);
    assert_eq!(s.search(&["+tillit +kontroll"])["turns"], 2);
    assert_eq!(s.search(&["tillit AND kontroll"])["turns"], 2);
    assert_eq!(s.search(&["romantikk OR stillits"])["hits"], 2);
    // Leading and inner wildcards work on word forms as written.
    assert_eq!(
        s.words(&["*styring*"]),
        ["detaljstyring", "styringa", "Styringa"]
    );
    assert_eq!(s.words(&["kontroll?n"]), ["Kontrollen"]);
}

#[test]
fn speaker_attribute_and_code_filters() {
    let s = setup();
    assert_eq!(s.search(&["tillit speaker:IP2"])["hits"], 2);
    assert_eq!(s.search(&["tillit rolle=tilsett"])["hits"], 2);
    assert_eq!(s.search(&["tillit", "--where", "kommune=Bodø"])["hits"], 4);
    let mut p = s.project.open();
    p.add_builtin_codebook("bentzen").unwrap();
    // Code the first chars of leder's turn 4 ("🤦🏼‍♀️ Kontrollen"), whose turn also says tillit.
    let doc = p.document("leder").unwrap();
    let turn = doc.turns.iter().find(|t| t.n == 4).unwrap();
    p.code_span(
        "leder",
        "T01",
        turn.start_char,
        turn.start_char + 16,
        Some("kari"),
    )
    .unwrap();
    p.close().unwrap();
    assert_eq!(s.words(&["tillit code:T01"]), ["tillit"]);
    // Inside codings of T01 only "Kontrollen" is coded; outside, everything else.
    assert_eq!(s.words(&["kontroll", "--code", "T01"]), ["Kontrollen"]);
    assert_eq!(
        s.words(&["kontroll", "--uncoded"]),
        ["kontroll", "kontroll"]
    );
    assert_eq!(
        s.words(&["kontroll", "--uncoded", "--coder", "ola"]),
        ["kontroll", "Kontrollen", "kontroll"]
    );
}

#[test]
fn offsets_are_chars_after_an_emoji_and_highlights_point_into_the_snippet() {
    let s = setup();
    let found = s.search(&["romantikk"]);
    let hit = &found["results"][0];
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let [a, b] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(snippet[a..b].iter().collect::<String>(), "Romantikk");
    assert_eq!(s.words(&["romantikk"]), ["Romantikk"]);
}

#[test]
fn limit_shortens_the_list_but_never_the_counts() {
    let s = setup();
    let all = s.search(&["tillit"]);
    let one = s.search(&["tillit", "--limit", "1"]);
    assert_eq!(one["results"].as_array().unwrap().len(), 1);
    for key in ["hits", "turns", "documents", "informants"] {
        assert_eq!(one[key], all[key], "{key}");
    }
    let keys: Vec<&str> = one["results"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "document",
            "end_char",
            "highlights",
            "snippet",
            "speaker",
            "start_char",
            "turn"
        ]
    );
}

#[test]
fn the_index_follows_imports_and_ignores_codings() {
    let s = setup();
    assert_eq!(s.search(&["budsjett"])["hits"], 0);
    let index_files = || -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = walk(s.cache.path())
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "idx"))
            .collect();
        files.sort();
        files
    };
    let before = index_files();
    assert!(!before.is_empty());
    let mut p = Project::open(&s.project.path).unwrap();
    p.add_builtin_codebook("bentzen").unwrap();
    p.code_turn("leder", "T01", 2, Some("kari")).unwrap();
    p.close().unwrap();
    s.search(&["tillit"]);
    assert_eq!(index_files(), before, "a coding must not rebuild the index");
    let mut p = Project::open(&s.project.path).unwrap();
    p.import_bytes(
        "budsjett.txt",
        "I: Og budsjettet?\nIP3: Budsjettene styrer alt.\n".as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    p.close().unwrap();
    assert_eq!(s.words(&["budsjett"]), ["budsjettet", "Budsjettene"]);
    let out = tolk(&[&"reindex", &s.project.path], s.cache.path());
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("indexed 10 units"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_bad_query_is_a_clear_error() {
    let s = setup();
    let out = tolk(
        &[&"search", &s.project.path, &"tillit AND ("],
        s.cache.path(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read the search"), "{err}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn counts_from_the_index_agree_with_reading_every_word() {
    use tolk::index::Analyzer;
    use tolk::language::Language;

    let project = TempProject::new();
    let cache = tempfile::tempdir().unwrap();
    let mut p = project.open();
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(crate::util::fixture("transcripts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let report = p.import_paths(&files, &ImportOptions::default(), &mut |_| {});
    assert!(report.failed.is_empty());
    let docs = p.documents().unwrap();
    for word in ["tillit", "styring", "og", "kontroll", "rom", "leiar*"] {
        // The oracle: every word of every turn and preamble paragraph, analysed one by one.
        let terms: Vec<String> = Language::ALL
            .into_iter()
            .flat_map(|l| Analyzer::new(l).query_terms(word))
            .collect();
        let wildcard = word.strip_suffix('*');
        let (mut hits, mut units) = (0, 0);
        for summary in &docs {
            let doc = p.document(&summary.name).unwrap();
            let analyzer = Analyzer::new(doc.language);
            let chars: Vec<char> = doc.text.chars().collect();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            let preamble: String = chars[..doc.preamble_end_char].iter().collect();
            let mut at = 0;
            for paragraph in preamble.split("\n\n") {
                let n = paragraph.chars().count();
                spans.push((at, at + n));
                at += n + 2;
            }
            spans.extend(doc.turns.iter().map(|t| (t.start_char, t.end_char)));
            for (s, e) in spans {
                let text: String = chars[s..e].iter().collect();
                let n = Analyzer::tokens(&text)
                    .iter()
                    .filter(|t| match wildcard {
                        Some(prefix) => t.word.starts_with(prefix),
                        None => {
                            let w = analyzer.word_terms(&t.word);
                            terms
                                .iter()
                                .any(|q| *q == w.surface || *q == w.stem || w.parts.contains(q))
                        }
                    })
                    .count();
                hits += n;
                units += usize::from(n > 0);
            }
        }
        let out = tolk(
            &[&"search", &project.path, &word, &"--json", &"--limit", &"1"],
            cache.path(),
        );
        let found: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(hits > 0, "{word}: the fixtures should hold it");
        assert_eq!(found["hits"], hits, "{word}");
        assert_eq!(found["turns"], units, "{word}");
    }
}

#[test]
fn a_bokmal_word_finds_its_nynorsk_forms_and_only_those() {
    let s = setup_with(&[(
        "nynorsk.txt",
        "I: Korleis er leiarane på skulen?\n\
         IP1: Leiarane er heime kvar dag, men eg veit ikkje kva dei gjer, og brukarane har \
         heimel i lova for tenesta.\n",
    )]);
    // leder ↔ leiar, skole ↔ skule, tjeneste ↔ teneste are listed pairs; bruker → brukar is the
    // -er → -ar rule. hjem ↔ heim: *heime* is *heim* with -e (hjemme ↔ heime), while
    // *heimel* (hjemmel, 'legal basis') is another word.
    assert_eq!(s.words(&["leder"]), ["leiarane", "Leiarane"]);
    assert_eq!(s.words(&["skole"]), ["skulen"]);
    assert_eq!(s.words(&["bruker"]), ["brukarane"]);
    assert_eq!(s.words(&["tjeneste"]), ["tenesta"]);
    assert_eq!(s.words(&["hjem"]), ["heime"]);
    // Exact mode is the word as written.
    assert_eq!(s.words(&["=leder"]), Vec::<String>::new());
}
