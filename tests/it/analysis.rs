//! Thematic analysis over hand-drawn fixtures: every count, share, Jaccard and G² below is
//! worked out by hand from the drawing, with the arithmetic in comments.

use serde_json::Value;
use tolk::analysis::{
    ColumnTarget, Columns, CooccurrenceMode, MatrixMeasure, MatrixOptions, QuoteChoice,
    SummaryOptions, ThemeSummary,
};
use tolk::project::ExcerptQuery;
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

// Document "a" (chars; each turn's words start after its label):
//
//   turn 1  I    label   0, words   3..20   "Hva betyr tillit?"
//   turn 2  IP1  label  21, words  26..67   "Tillit tillit tillit handler om ledelsen." (6 words)
//   turn 3  I    label  68, words  71..83   "Og kontroll?"
//   turn 4  IP1  label  84, words  89..114  "Kontroll og rapportering." (3 words)
//   turn 5  IP2  label 115, words 120..154  "Rapportering rapportering tar tid." (4 words)
const DOC_A: &str = "I: Hva betyr tillit?\nIP1: Tillit tillit tillit handler om ledelsen.\n\
I: Og kontroll?\nIP1: Kontroll og rapportering.\nIP2: Rapportering rapportering tar tid.\n";

// Document "b":
//
//   turn 1  I    label  0, words  3..11  "Fortell."
//   turn 2  IP3  label 12, words 17..72  "Tillit tillit tillit er viktig. Ledelsen stoler på oss."
//                                        (9 words; "Ledelsen stoler" is 49..64)
//   turn 3  IP3  label 73, words 78..96  "Kontroll er tungt." (3 words)
const DOC_B: &str = "I: Fortell.\nIP3: Tillit tillit tillit er viktig. Ledelsen stoler på oss.\n\
IP3: Kontroll er tungt.\n";

/// Codes, in codebook order: Tillit, its sub-code Tillit/Relasjon, Kontroll, Ledelse. Codings
/// (kari unless said):
///
/// | code            | doc | span    | turn          |
/// |-----------------|-----|---------|---------------|
/// | Tillit          | a   | 26..67  | 2, kari and ola (one excerpt) |
/// | Ledelse         | a   | 26..67  | 2             |
/// | Kontroll        | a   | 71..83  | 3 (the interviewer) |
/// | Kontroll        | a   | 89..114 | 4             |
/// | Kontroll        | a   | 120..154| 5             |
/// | Tillit/Relasjon | b   | 17..72  | 2             |
/// | Kontroll        | b   | 49..64  | 2             |
/// | Kontroll        | b   | 78..96  | 3             |
///
/// Informants a/IP1 and b/IP3 have rolle=leder, a/IP2 rolle=ansatt; documents have no rolle.
fn fixture() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    for (name, text) in [("a.txt", DOC_A), ("b.txt", DOC_B)] {
        p.import_bytes(name, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    // The drawing is right.
    let a = p.document("a").unwrap();
    let words: Vec<(usize, usize, &str)> = a
        .turns
        .iter()
        .map(|t| (t.start_char, t.end_char, a.turn_text(t)))
        .collect();
    assert_eq!(
        words[1],
        (26, 67, "Tillit tillit tillit handler om ledelsen.")
    );
    assert_eq!(words[4], (120, 154, "Rapportering rapportering tar tid."));
    let b = p.document("b").unwrap();
    assert_eq!(tolk::text::slice_chars(&b.text, 49, 64), "Ledelsen stoler");
    assert_eq!((b.turns[2].start_char, b.turns[2].end_char), (78, 96));

    p.create_code(None, "Tillit", None).unwrap();
    p.create_code(Some("Tillit"), "Relasjon", None).unwrap();
    p.create_code(None, "Kontroll", None).unwrap();
    p.create_code(None, "Ledelse", None).unwrap();
    p.code_turn("a", "Tillit", 2, None).unwrap();
    p.code_turn("a", "Tillit", 2, Some("ola")).unwrap();
    p.code_turn("a", "Ledelse", 2, None).unwrap();
    for turn in [3, 4, 5] {
        p.code_turn("a", "Kontroll", turn, None).unwrap();
    }
    p.code_turn("b", "Tillit/Relasjon", 2, None).unwrap();
    p.code_span("b", "Kontroll", 49, 64, None).unwrap();
    p.code_turn("b", "Kontroll", 3, None).unwrap();
    for (informant, rolle) in [("a/IP1", "leder"), ("a/IP2", "ansatt"), ("b/IP3", "leder")] {
        p.set_informant_attribute(informant, "rolle", rolle)
            .unwrap();
    }
    (t, p)
}

fn theme(code: &str, subcodes: bool) -> SummaryOptions {
    SummaryOptions {
        code: code.to_owned(),
        subcodes,
        ..SummaryOptions::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn prevalence_groups_and_coded_share() {
    let (_t, p) = fixture();
    let s = p
        .theme_summary(&SummaryOptions {
            by: Some("rolle".into()),
            ..theme("Tillit", true)
        })
        .unwrap();
    // Tillit a 26..67 (two coders, one excerpt) and Relasjon b 17..72: 2 excerpts in 2 of 2
    // documents, from a/IP1 and b/IP3 of the 3 informants.
    assert_eq!(
        (
            s.excerpts,
            s.documents,
            s.documents_total,
            s.informants,
            s.informants_total
        ),
        (2, 2, 2, 2, 3)
    );
    assert_eq!(s.phrase, "2 av 3 informanter");
    assert_eq!(s.phrase_words, "to av tre informanter");
    assert_eq!(
        (s.code.label.as_str(), s.code.name.as_str()),
        ("Tillit", "Tillit")
    );

    // By rolle: ansatt = {a/IP2}, leder = {a/IP1, b/IP3}, in Norwegian order. The theme's
    // excerpts start in turns of a/IP1 and b/IP3 (leder); nothing has no value (the
    // interviewer's Kontroll coding is not the theme's).
    let groups: Vec<(&str, usize, usize, usize, usize, &str)> = s
        .groups
        .iter()
        .map(|g| {
            (
                g.label.as_str(),
                g.excerpts,
                g.documents,
                g.informants,
                g.informants_total,
                g.phrase.as_str(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("ansatt", 0, 0, 0, 1, "0 av 1 informant"),
            ("leder", 2, 2, 2, 2, "2 av 2 informanter"),
        ]
    );
    assert_eq!(s.groups[1].filter, "rolle=leder");
    // A group's excerpt query lists its excerpts.
    let leder = p.excerpts(&s.group_query(&s.groups[1])).unwrap();
    assert_eq!(leder.len(), 2);

    // Coded share of informant words. a: 6 + 3 + 4 = 13 words, 6 coded (turn 2): 6/13.
    // b: 9 + 3 = 12 words, 9 coded (turn 2): 9/12 = 0.75.
    let shares: Vec<(&str, usize, usize)> = s
        .coded_share
        .iter()
        .map(|d| (d.document.as_str(), d.informant_words, d.coded_words))
        .collect();
    assert_eq!(shares, [("a", 13, 6), ("b", 12, 9)]);
    assert!(close(s.coded_share[0].share, 6.0 / 13.0));
    assert!(close(s.coded_share[1].share, 0.75));

    // Without sub-codes: only Tillit a 26..67.
    let alone = p.theme_summary(&theme("Tillit", false)).unwrap();
    assert_eq!(
        (alone.excerpts, alone.documents, alone.informants),
        (1, 1, 1)
    );
    assert_eq!(alone.phrase_words, "én av tre informanter");
}

#[test]
fn scope_limits_informants_and_codings() {
    let (_t, p) = fixture();
    // rolle=leder: a/IP1 and b/IP3 are in scope (N = 2). Kontroll's codings in scope start in
    // their turns: a 89..114 (IP1), b 49..64 and b 78..96 (IP3) = 3. Not a 71..83 (the
    // interviewer's turn, judged by document a's own values, which have no rolle) nor
    // a 120..154 (a/IP2, ansatt).
    let s = p
        .theme_summary(&SummaryOptions {
            scope: vec!["rolle=leder".into()],
            ..theme("Kontroll", false)
        })
        .unwrap();
    assert_eq!((s.excerpts, s.informants, s.informants_total), (3, 2, 2));
    assert_eq!(s.phrase, "2 av 2 informanter");
    // The same excerpts an excerpt query with the filter lists.
    assert_eq!(p.excerpts(&s.excerpt_query()).unwrap().len(), 3);
    // Words in scope: a/IP1's 6 + 3 in a, b/IP3's 9 + 3 in b; coded: a 89..114 (3 words),
    // b 49..64 (2) and b 78..96 (3).
    let shares: Vec<(&str, usize, usize)> = s
        .coded_share
        .iter()
        .map(|d| (d.document.as_str(), d.informant_words, d.coded_words))
        .collect();
    assert_eq!(shares, [("a", 9, 3), ("b", 12, 5)]);
}

#[test]
fn cooccurrence_over_turns_and_overlaps() {
    let (_t, p) = fixture();
    let pairs = |s: &ThemeSummary| -> Vec<(String, usize, f64)> {
        s.cooccurring
            .iter()
            .map(|c| (c.code.label.clone(), c.count, c.jaccard))
            .collect()
    };
    // Turns. The theme (Tillit with Relasjon) holds a/2 and b/2. Ledelse holds a/2:
    // 1 in common, Jaccard 1 / |{a2, b2}| = 1/2. Kontroll holds a/3, a/4, a/5, b/2, b/3:
    // 1 in common (b/2), Jaccard 1 / (2 + 5 − 1) = 1/6. Equal counts: higher Jaccard first.
    let s = p.theme_summary(&theme("Tillit", true)).unwrap();
    let got = pairs(&s);
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0.as_str(), got[0].1), ("Ledelse", 1));
    assert!(close(got[0].2, 0.5));
    assert_eq!((got[1].0.as_str(), got[1].1), ("Kontroll", 1));
    assert!(close(got[1].2, 1.0 / 6.0));

    // Overlaps. The theme covers a 26..67 (41 chars) and b 17..72 (55): 96 chars. Ledelse
    // covers a 26..67: one place, 41 shared chars, Jaccard 41 / (96 + 41 − 41) = 41/96.
    // Kontroll covers 12 + 25 + 34 + 15 + 18 = 104 chars; it meets the theme at b 49..64 only:
    // one place, Jaccard 15 / (96 + 104 − 15) = 15/185.
    let s = p
        .theme_summary(&SummaryOptions {
            mode: CooccurrenceMode::Overlap,
            ..theme("Tillit", true)
        })
        .unwrap();
    let got = pairs(&s);
    assert_eq!((got[0].0.as_str(), got[0].1), ("Ledelse", 1));
    assert!(close(got[0].2, 41.0 / 96.0));
    assert_eq!((got[1].0.as_str(), got[1].1), ("Kontroll", 1));
    assert!(close(got[1].2, 15.0 / 185.0));
}

#[test]
fn cooccurrence_matrix_counts_and_jaccard() {
    let (_t, p) = fixture();
    // Rows and columns: Tillit, Relasjon, Kontroll, Ledelse, each code alone.
    // Turns: Tillit {a2}, Relasjon {b2}, Kontroll {a3, a4, a5, b2, b3}, Ledelse {a2}.
    let m = p.cooccurrence_matrix(CooccurrenceMode::Turns).unwrap();
    let labels: Vec<&str> = m.rows.iter().map(|r| r.code.label.as_str()).collect();
    assert_eq!(labels, ["Tillit", "Tillit/Relasjon", "Kontroll", "Ledelse"]);
    let counts: Vec<Vec<usize>> = m
        .cells
        .iter()
        .map(|r| r.iter().map(|c| c.count).collect())
        .collect();
    assert_eq!(
        counts,
        [[1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 5, 0], [1, 0, 0, 1]]
    );
    // Relasjon × Kontroll: 1 / (1 + 5 − 1) = 0.2; Tillit × Ledelse: 1 / (1 + 1 − 1) = 1.
    assert!(close(m.cells[1][2].jaccard.unwrap(), 0.2));
    assert!(close(m.cells[0][3].jaccard.unwrap(), 1.0));
    // Row share: of Kontroll's 5 turns, 1 holds Relasjon; column share: Relasjon's 1 turn.
    assert!(close(m.cells[2][1].row_share, 0.2));
    assert!(close(m.cells[2][1].col_share, 1.0));
    // The cell opens Kontroll's excerpts in a turn that also holds Relasjon: b 49..64 and
    // b 17..72 are both in b/2, so only b 49..64 (Kontroll's) is listed.
    let listed = p.excerpts(&m.excerpt_query(2, 1)).unwrap();
    let spans: Vec<(usize, usize)> = listed.iter().map(|e| (e.start_char, e.end_char)).collect();
    assert_eq!(spans, [(49, 64)]);

    // Overlaps: Kontroll's diagonal is its 5 separate places; Relasjon (b 17..72, 55 chars)
    // and Kontroll (104 chars) share b 49..64: 15 / (55 + 104 − 15) = 15/144.
    let m = p.cooccurrence_matrix(CooccurrenceMode::Overlap).unwrap();
    assert_eq!(m.measure, MatrixMeasure::Overlap);
    assert_eq!((m.cells[2][2].count, m.cells[1][2].count), (5, 1));
    assert!(close(m.cells[1][2].jaccard.unwrap(), 15.0 / 144.0));
    // The cell opens the piece both cover (Relasjon AND Kontroll).
    let listed = p.excerpts(&m.excerpt_query(1, 2)).unwrap();
    assert_eq!(
        (listed.len(), listed[0].text.as_str()),
        (1, "Ledelsen stoler")
    );
}

#[test]
fn code_matrices_and_frequencies() {
    let (_t, p) = fixture();
    // Code × document, excerpts: Tillit a 1 (two coders, once), Relasjon b 1, Kontroll a 3
    // and b 2, Ledelse a 1. Column totals: a 1 + 3 + 1 = 5, b 1 + 2 = 3.
    let m = p.code_matrix(&MatrixOptions::default()).unwrap();
    let counts: Vec<Vec<usize>> = m
        .cells
        .iter()
        .map(|r| r.iter().map(|c| c.count).collect())
        .collect();
    assert_eq!(counts, [[1, 0], [0, 1], [3, 2], [1, 0]]);
    let totals: Vec<usize> = m.cols.iter().map(|c| c.total).collect();
    assert_eq!(totals, [5, 3]);
    // Kontroll in a: 3 of its 5 excerpts (row), 3 of a's 5 (column).
    assert!(close(m.cells[2][0].row_share, 0.6));
    assert!(close(m.cells[2][0].col_share, 0.6));
    // With sub-codes Tillit's row holds Relasjon's excerpt too; column totals still count
    // each excerpt once.
    let m = p
        .code_matrix(&MatrixOptions {
            subcodes: true,
            ..MatrixOptions::default()
        })
        .unwrap();
    assert_eq!(
        m.cells[0].iter().map(|c| c.count).collect::<Vec<_>>(),
        [1, 1]
    );
    assert_eq!(m.cols.iter().map(|c| c.total).collect::<Vec<_>>(), [5, 3]);

    // Code × rolle, informants. Columns: ansatt {a/IP2}, leder {a/IP1, b/IP3}, and
    // «(ingen verdi)» for Kontroll's coding in the interviewer's turn (which has no informant,
    // so N = 0 there). Kontroll reaches a/IP2 (ansatt) and a/IP1, b/IP3 (leder): 3 in all.
    let m = p
        .code_matrix(&MatrixOptions {
            columns: Columns::Attribute("rolle".into()),
            measure: MatrixMeasure::Informants,
            ..MatrixOptions::default()
        })
        .unwrap();
    let cols: Vec<(&str, usize)> = m.cols.iter().map(|c| (c.label.as_str(), c.total)).collect();
    assert_eq!(cols, [("ansatt", 1), ("leder", 2), ("(ingen verdi)", 0)]);
    assert_eq!(
        m.cols[2].target,
        ColumnTarget::Attribute {
            key: "rolle".into(),
            value: None
        }
    );
    let kontroll: Vec<usize> = m.cells[2].iter().map(|c| c.count).collect();
    assert_eq!((kontroll, m.rows[2].total), (vec![1, 2, 0], 3));
    // Kontroll × leder: 2 of Kontroll's 3 informants, 2 of leder's 2.
    assert!(close(m.cells[2][1].row_share, 2.0 / 3.0));
    assert!(close(m.cells[2][1].col_share, 1.0));

    // Every cell of the excerpt matrices opens exactly its excerpts.
    for columns in [Columns::Documents, Columns::Attribute("rolle".into())] {
        let m = p
            .code_matrix(&MatrixOptions {
                columns,
                ..MatrixOptions::default()
            })
            .unwrap();
        for (r, row) in m.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let listed = p.excerpts(&m.excerpt_query(r, c)).unwrap();
                assert_eq!(listed.len(), cell.count, "row {r}, column {c}");
            }
        }
    }

    // Frequencies: (excerpts, documents, informants) per code, in codebook order.
    let f: Vec<(String, usize, usize, usize)> = p
        .code_frequencies(false)
        .unwrap()
        .into_iter()
        .map(|f| (f.code.label, f.excerpts, f.documents, f.informants))
        .collect();
    assert_eq!(
        f,
        [
            ("Tillit".to_owned(), 1, 1, 1),
            ("Tillit/Relasjon".to_owned(), 1, 1, 1),
            ("Kontroll".to_owned(), 5, 2, 3),
            ("Ledelse".to_owned(), 1, 1, 1),
        ]
    );
    assert_eq!(p.code_frequencies(true).unwrap()[0].excerpts, 2);
}

/// A project for G²: one document, "Tillit tillit tillit tilliten tilliten tillit." by IP1
/// (coded Tema) and "Tillit." plus 30 times "økonomi" by IP2.
fn keyword_project() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    let other = format!("Tillit.{}", " økonomi".repeat(30));
    let text = format!("IP1: Tillit tillit tillit tilliten tilliten tillit.\nIP2: {other}\n");
    p.import_bytes("c.txt", text.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tema", None).unwrap();
    p.code_turn("c", "Tema", 1, None).unwrap();
    (t, p)
}

#[test]
fn distinctive_words_by_g2() {
    let (_t, p) = keyword_project();
    let s = p.theme_summary(&theme("Tema", false)).unwrap();
    // The theme's words: 6, all of stem "tillit" (4 × tillit, 2 × tilliten). The others: 31
    // (1 × tillit, 30 × økonomi). a = 6, b = 1, c = 6, d = 31, N = 37; the word 7 times in
    // all, other words 30.
    //   E = 7·6/37 = 1.135135, 7·31/37 = 5.864865, 30·6/37 = 4.864865, 30·31/37 = 25.135135
    //   O = 6, 1, 0, 30
    //   G² = 2 · (6·ln(6/1.135135) + 1·ln(1/5.864865) + 0 + 30·ln(30/25.135135))
    //      = 2 · (9.990047 − 1.768979 + 5.307921) = 2 · 13.528988 = 27.057977
    // «økonomi» is under-used in the theme, so it is not listed.
    assert_eq!(s.distinctive_words.len(), 1);
    let w = &s.distinctive_words[0];
    assert_eq!((w.word.as_str(), w.count, w.other_count), ("tillit", 6, 1));
    assert!((w.g2 - 27.057977).abs() < 1e-5, "{}", w.g2);
    // Its keyword-in-context lines: the six words of the theme, none of IP2's.
    let lines = p
        .theme_word_contexts(&theme("Tema", false), &w.stem)
        .unwrap();
    let found: Vec<&str> = lines.iter().map(|l| l.word.as_str()).collect();
    assert_eq!(
        found,
        ["Tillit", "tillit", "tillit", "tilliten", "tilliten", "tillit"]
    );
    assert_eq!(lines[3].before, "Tillit tillit tillit ");
    assert_eq!(lines[3].turn, Some(1));
}

#[test]
fn below_the_thresholds_nothing_is_distinctive() {
    // In the main fixture the theme (Tillit with Relasjon) speaks 15 words (a/2: 6, b/2: 9) of
    // the informants' 25 (13 in a, 12 in b), so 10 others. «tillit» is 6 of the theme's words
    // and none of the others: a = 6, b = 0, c = 15, d = 10, N = 25; the word 6 times in all,
    // other words 19.
    //   E = 6·15/25 = 3.6, 6·10/25 = 2.4, 19·15/25 = 11.4, 19·10/25 = 7.6
    //   O = 6, 0, 9, 10
    //   G² = 2 · (6·ln(6/3.6) + 0 + 9·ln(9/11.4) + 10·ln(10/7.6))
    //      = 2 · (3.064954 − 2.127499 + 2.744368) = 7.363646 < 10.83
    // Every other word occurs fewer than 5 times. Nothing is listed.
    let (_t, p) = fixture();
    let s = p.theme_summary(&theme("Tillit", true)).unwrap();
    assert!(s.distinctive_words.is_empty(), "{:?}", s.distinctive_words);
    assert!((tolk::analysis::g2(6.0, 0.0, 15.0, 10.0) - 7.363646).abs() < 1e-5);
}

/// A project for quotes: one document, five turns coded Tema.
///
///   turn 1 IP1 "Tillit og ledelse henger sammen i kommunen."
///   turn 2 IP1 "Tillit og ledelse i kommunen er viktig."
///   turn 3 IP1 "Tillit og ledelse og kommunen."
///   turn 4 IP2 "Budsjettet er stramt."
///   turn 5 IP3 "Tillit i kommunen."
fn quote_project() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    let text = "IP1: Tillit og ledelse henger sammen i kommunen.\n\
                IP1: Tillit og ledelse i kommunen er viktig.\n\
                IP1: Tillit og ledelse og kommunen.\n\
                IP2: Budsjettet er stramt.\n\
                IP3: Tillit i kommunen.\n";
    p.import_bytes("q.txt", text.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.create_code(None, "Tema", None).unwrap();
    for turn in 1..=5 {
        p.code_turn("q", "Tema", turn, None).unwrap();
    }
    (t, p)
}

fn quotes_of(p: &Project, n: usize) -> Vec<(u32, String, bool)> {
    p.theme_summary(&SummaryOptions {
        quotes: n,
        ..theme("Tema", false)
    })
    .unwrap()
    .quotes
    .into_iter()
    .map(|q| (q.turn.unwrap(), q.informant.unwrap(), q.pinned))
    .collect()
}

#[test]
fn quotes_spread_across_informants_and_are_deterministic() {
    let (_t, p) = quote_project();
    // Three quotes for three informants: one each.
    let three = quotes_of(&p, 3);
    let mut who: Vec<&str> = three.iter().map(|q| q.1.as_str()).collect();
    who.sort_unstable();
    assert_eq!(who, ["q/IP1", "q/IP2", "q/IP3"]);
    // The typical ones first: IP1's and IP3's words are the theme's; IP2 shares none of them.
    assert_eq!(three[2].1, "q/IP2");
    // Five: the first three from three informants, then IP1's other two.
    let five = quotes_of(&p, 5);
    assert_eq!(&five[..3], &three[..]);
    let mut turns: Vec<u32> = five.iter().map(|q| q.0).collect();
    turns.sort_unstable();
    assert_eq!(turns, [1, 2, 3, 4, 5]);
    assert!(five[3..].iter().all(|q| q.1 == "q/IP1"));
    // Byte-identical JSON from two runs, and from a fresh handle.
    let json = |p: &Project| {
        serde_json::to_string(&p.theme_summary(&theme("Tema", false)).unwrap()).unwrap()
    };
    let first = json(&p);
    assert_eq!(first, json(&p));
    let again = Project::open(&_t.path).unwrap();
    assert_eq!(first, json(&again));
}

#[test]
fn pins_and_exclusions_survive_reopen_and_undo() {
    let (t, mut p) = quote_project();
    let coding_of = |p: &Project, turn: u32| -> String {
        let s = p
            .theme_summary(&SummaryOptions {
                quotes: 5,
                ..theme("Tema", false)
            })
            .unwrap();
        s.quotes
            .into_iter()
            .find(|q| q.turn == Some(turn))
            .unwrap()
            .coding
    };
    let third = coding_of(&p, 3);
    let ip3 = coding_of(&p, 5);
    // Pinning IP1's turn 3 puts it first; IP1 is then quoted, so IP3 and IP2 follow.
    p.pin_quote("Tema", &third).unwrap();
    let got = quotes_of(&p, 3);
    assert_eq!(got[0], (3, "q/IP1".to_owned(), true));
    let rest: Vec<&str> = got[1..].iter().map(|q| q.1.as_str()).collect();
    assert_eq!(rest, ["q/IP3", "q/IP2"]);
    // Excluding IP3's quote: IP2 follows, then (no other informant left) IP1 again.
    p.exclude_quote("Tema", &ip3).unwrap();
    let got = quotes_of(&p, 3);
    assert_eq!(got[0], (3, "q/IP1".to_owned(), true));
    assert_eq!(got[1].1, "q/IP2");
    assert_eq!(got[2].1, "q/IP1");
    assert_ne!(got[2].0, 3);
    assert!(got.iter().all(|q| q.0 != 5));
    // Both logged, by code and document.
    let history = p.history().unwrap();
    let last: Vec<(&str, Option<&str>, Option<&str>)> = history[history.len() - 2..]
        .iter()
        .map(|c| (c.action.as_str(), c.name.as_deref(), c.context.as_deref()))
        .collect();
    assert_eq!(
        last,
        [
            ("pin_quote", Some("Tema"), Some("q")),
            ("exclude_quote", Some("Tema"), Some("q"))
        ]
    );
    // Pinning again changes nothing and logs nothing.
    p.pin_quote("Tema", &third).unwrap();
    assert_eq!(p.history().unwrap().len(), history.len());
    p.close().unwrap();

    let mut p = Project::open(&t.path).unwrap();
    let choices: Vec<(String, QuoteChoice)> = p
        .quote_choices("Tema")
        .unwrap()
        .into_iter()
        .map(|c| (c.coding, c.choice))
        .collect();
    assert_eq!(
        choices,
        [
            (third.clone(), QuoteChoice::Pinned),
            (ip3.clone(), QuoteChoice::Excluded)
        ]
    );
    let kept = quotes_of(&p, 3);
    assert_eq!(kept[0], (3, "q/IP1".to_owned(), true));
    // Undo the exclusion, then the pin: back to the chosen ones.
    assert_eq!(p.undo().unwrap().unwrap().action, "exclude_quote");
    assert!(quotes_of(&p, 3).iter().any(|q| q.0 == 5));
    assert_eq!(p.undo().unwrap().unwrap().action, "pin_quote");
    assert!(p.quote_choices("Tema").unwrap().is_empty());
    assert!(quotes_of(&p, 3).iter().all(|q| !q.2));
    // Unpinning what is not pinned says so.
    assert!(!p.unpin_quote("Tema", &third).unwrap());
    assert!(p.pin_quote("Tema", "no-such-coding").is_err());
}

#[test]
fn framework_cells_are_saved_undone_and_merged() {
    let (t, mut p) = fixture();
    p.set_framework_cell("a/IP1", "Tillit", "Stoler på ledelsen.")
        .unwrap();
    p.set_framework_cell("a/IP2", "Tillit", "Nevner det ikke.")
        .unwrap();
    // Rows: the informants in Norwegian order; columns: the top-level codes; each theme with
    // its sub-codes. a/IP1: Tillit a/2 (1), Kontroll a/4 (1), Ledelse a/2 (1). a/IP2: Kontroll
    // a/5. b/IP3: Tillit through Relasjon b/2 (1), Kontroll b 49..64 and b/3 (2). The
    // interviewer's Kontroll coding is nobody's.
    let m = p.framework_matrix(&[]).unwrap();
    let codes: Vec<&str> = m.codes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(codes, ["Tillit", "Kontroll", "Ledelse"]);
    let grid: Vec<(&str, Vec<usize>)> = m
        .rows
        .iter()
        .map(|r| {
            (
                r.informant.as_str(),
                r.cells.iter().map(|c| c.excerpts).collect(),
            )
        })
        .collect();
    assert_eq!(
        grid,
        [
            ("a/IP1", vec![1, 1, 1]),
            ("a/IP2", vec![0, 1, 0]),
            ("b/IP3", vec![1, 2, 0]),
        ]
    );
    let cell = &m.rows[0].cells[0];
    assert_eq!(cell.text.as_deref(), Some("Stoler på ledelsen."));
    assert_eq!(cell.author.as_deref(), Some("kari"));
    let link = &cell.links[0];
    assert_eq!(
        (
            link.document.as_str(),
            link.turn,
            link.start_char,
            link.end_char
        ),
        ("a", Some(2), 26, 67)
    );
    let last = p.history().unwrap().pop().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.name.as_deref(),
            last.context.as_deref()
        ),
        ("set_framework_cell", Some("Tillit"), Some("a/IP2"))
    );
    // Undo takes the last text back; redo restores it.
    p.undo().unwrap();
    assert_eq!(p.framework_matrix(&[]).unwrap().rows[1].cells[0].text, None);
    p.redo().unwrap();
    p.close().unwrap();
    let mut p = Project::open(&t.path).unwrap();
    let m = p
        .framework_matrix(&["Kontroll".into(), "Tillit".into()])
        .unwrap();
    assert_eq!(m.rows[1].cells[1].text.as_deref(), Some("Nevner det ikke."));
    // Merging a/IP2 into a/IP1 keeps both texts.
    p.merge_informants("a/IP1", "a/IP2").unwrap();
    let m = p.framework_matrix(&[]).unwrap();
    assert_eq!(m.rows.len(), 2);
    assert_eq!(
        m.rows[0].cells[0].text.as_deref(),
        Some("Stoler på ledelsen.\n\nNevner det ikke.")
    );
    // Empty text clears a cell.
    p.set_framework_cell("a/IP1", "Tillit", "  ").unwrap();
    assert_eq!(p.framework_matrix(&[]).unwrap().rows[0].cells[0].text, None);
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn cli_summary_json_shape_and_outputs() {
    let (t, p) = fixture();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let path = &t.path;
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let out = tolk(args, &cache);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let summary_args: [&dyn AsRef<std::ffi::OsStr>; 8] = [
        &"summary",
        path,
        &"--code",
        &"Tillit",
        &"--subcodes",
        &"--by",
        &"rolle",
        &"--json",
    ];
    let json = run(&summary_args);
    // Two runs, byte for byte.
    assert_eq!(json, run(&summary_args));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        keys(&v),
        [
            "by",
            "code",
            "coded_share",
            "color",
            "cooccurrence_mode",
            "cooccurring",
            "definition",
            "depth",
            "distinctive_words",
            "documents",
            "documents_total",
            "excerpts",
            "groups",
            "guid",
            "hidden",
            "informants",
            "informants_total",
            "key",
            "memo",
            "name",
            "path",
            "phrase",
            "phrase_words",
            "quotes",
            "scope",
            "subcodes",
        ]
    );
    assert_eq!(v["code"], "Tillit");
    assert_eq!(
        (
            &v["excerpts"],
            &v["documents"],
            &v["informants"],
            &v["informants_total"]
        ),
        (
            &Value::from(2),
            &Value::from(2),
            &Value::from(2),
            &Value::from(3)
        )
    );
    assert_eq!(v["phrase"], "2 av 3 informanter");
    assert_eq!(
        keys(&v["cooccurring"][0]),
        ["code", "color", "count", "depth", "guid", "hidden", "jaccard", "key", "name", "path"]
    );
    assert_eq!(
        (&v["cooccurring"][0]["code"], &v["cooccurring"][0]["count"]),
        (&Value::from("Ledelse"), &Value::from(1))
    );
    assert_eq!(v["cooccurring"][0]["jaccard"], 0.5);
    assert_eq!(v["distinctive_words"], Value::Array(Vec::new()));
    assert_eq!(
        keys(&v["quotes"][0]),
        [
            "coding",
            "document",
            "document_guid",
            "end_char",
            "informant",
            "pinned",
            "score",
            "speaker",
            "start_char",
            "text",
            "turn"
        ]
    );
    assert_eq!(
        keys(&v["groups"][0]),
        [
            "documents",
            "excerpts",
            "filter",
            "informants",
            "informants_total",
            "label",
            "phrase",
            "phrase_words",
            "value"
        ]
    );

    // Human output in Norwegian form.
    let text = run(&[&"summary", path, &"--code", &"Tillit", &"--subcodes"]);
    assert!(
        text.contains("2 utdrag i 2 av 2 dokumenter, fra 2 av 3 informanter"),
        "{text}"
    );
    let md = run(&[&"summary", path, &"--code", &"Tillit", &"--md"]);
    assert!(md.starts_with("# Tillit Tillit\n"), "{md}");

    // Pinning from the CLI shows in the summary.
    let coding = v["quotes"][1]["coding"].as_str().unwrap().to_owned();
    run(&[&"quotes", path, &"--code", &"Tillit", &"pin", &coding]);
    let v: Value = serde_json::from_str(&run(&[
        &"summary",
        path,
        &"--code",
        &"Tillit",
        &"--subcodes",
        &"--json",
    ]))
    .unwrap();
    assert_eq!(
        (&v["quotes"][0]["coding"], &v["quotes"][0]["pinned"]),
        (&Value::from(coding), &Value::from(true))
    );

    // CSV: a byte-order mark, `;`, a header row, one row per code and a totals row.
    let csv = run(&[
        &"matrix",
        path,
        &"--rows",
        &"codes",
        &"--cols",
        &"attribute:rolle",
        &"--measure",
        &"informants",
        &"--csv",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}kode;navn;ansatt;leder;(ingen verdi);totalt"
    );
    assert_eq!(lines[3], "Kontroll;Kontroll;1;2;0;3");
    assert_eq!(lines.len(), 6);
    let m: Value =
        serde_json::from_str(&run(&[&"matrix", path, &"--cols", &"documents", &"--json"])).unwrap();
    assert_eq!(
        keys(&m),
        ["cells", "cols", "measure", "rows", "scope", "subcodes"]
    );
    assert_eq!(keys(&m["cells"][0][0]), ["col_share", "count", "row_share"]);
    assert_eq!(m["cols"][0]["target"]["kind"], "document");
    let co = run(&[&"cooccurrence", path, &"--csv"]);
    let lines: Vec<&str> = co.lines().collect();
    // Pairs with a count: Tillit–Ledelse (1, J 1) and Relasjon–Kontroll (1, J 0.2).
    assert_eq!(
        lines,
        [
            "\u{feff}kode_a;navn_a;kode_b;navn_b;antall;jaccard",
            "Tillit;Tillit;Ledelse;Ledelse;1;1,0000",
            "Tillit/Relasjon;Relasjon;Kontroll;Kontroll;1;0,2000",
        ]
    );
    let co: Value = serde_json::from_str(&run(&[
        &"cooccurrence",
        path,
        &"--mode",
        &"overlap",
        &"--json",
    ]))
    .unwrap();
    assert_eq!(co["measure"], "overlap");
    assert_eq!(
        keys(&co["cells"][0][0]),
        ["col_share", "count", "jaccard", "row_share"]
    );

    // The framework from the CLI.
    run(&[
        &"framework",
        path,
        &"set",
        &"b/IP3",
        &"Kontroll",
        &"Synes kontroll er tungt.",
    ]);
    let fw = run(&[&"framework", path, &"--csv"]);
    let lines: Vec<&str> = fw.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}informant;Tillit Tillit;Tillit (utdrag);Kontroll Kontroll;Kontroll (utdrag);Ledelse Ledelse;Ledelse (utdrag)"
    );
    assert_eq!(lines[3], "b/IP3;;1;Synes kontroll er tungt.;2;;0");
    let fw: Value = serde_json::from_str(&run(&[&"framework", path, &"--json"])).unwrap();
    assert_eq!(keys(&fw), ["codes", "rows"]);
    assert_eq!(
        keys(&fw["rows"][0]["cells"][0]),
        ["author", "excerpts", "links", "text", "updated_at"]
    );
    // A distinctive word's keys, from the G² project.
    let (k, kp) = keyword_project();
    kp.close().unwrap();
    let v: Value =
        serde_json::from_str(&run(&[&"summary", &k.path, &"--code", &"Tema", &"--json"])).unwrap();
    assert_eq!(
        keys(&v["distinctive_words"][0]),
        ["count", "g2", "other_count", "stem", "word"]
    );
    assert_eq!(
        (
            &v["distinctive_words"][0]["word"],
            &v["distinctive_words"][0]["count"]
        ),
        (&Value::from("tillit"), &Value::from(6))
    );
    let freq: Value = serde_json::from_str(&run(&[&"frequencies", path, &"--json"])).unwrap();
    assert_eq!(freq[2]["code"], "Kontroll");
    assert_eq!(
        (&freq[2]["excerpts"], &freq[2]["informants"]),
        (&Value::from(5), &Value::from(3))
    );
}

#[test]
fn an_empty_filter_value_finds_what_has_none() {
    // `KEY=` in an excerpt query finds codings whose turn (or document) has no value: here
    // Kontroll's coding in the interviewer's turn (a 71..83).
    let (_t, p) = fixture();
    let listed = p
        .excerpts(&ExcerptQuery {
            code: "Kontroll".into(),
            attributes: vec!["rolle=".into()],
            ..ExcerptQuery::default()
        })
        .unwrap();
    let spans: Vec<(usize, usize)> = listed.iter().map(|e| (e.start_char, e.end_char)).collect();
    assert_eq!(spans, [(71, 83)]);
}
