//! The Norwegian analyzer against `../shared/search/nb-compound-pairs.tsv`, the hand-checked list
//! of query/word pairs that must or must not match. Prints precision, recall and the hit rate per
//! kind with every row that went the wrong way (`cargo test search_pairs -- --nocapture`), and
//! fails if the figures fall below what the analyzer reaches today. `variant` rows (bokmål ↔
//! nynorsk forms, `index::variant`) are reported and held apart, never counted in precision or
//! recall.

use std::collections::BTreeMap;

use tolk::index::Analyzer;
use tolk::language::Language;

use crate::util::shared;

struct Pair {
    query: String,
    word: String,
    expect_match: bool,
    kind: String,
}

fn pairs() -> Vec<Pair> {
    let text = std::fs::read_to_string(shared("search/nb-compound-pairs.tsv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "query\tword\texpect\tkind\tnote",
        "the pair list's header changed"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Pair {
                query: cols[0].to_owned(),
                word: cols[1].to_owned(),
                expect_match: match cols[2] {
                    "match" => true,
                    "nomatch" => false,
                    other => panic!("unknown expectation {other:?} in {line:?}"),
                },
                kind: cols[3].to_owned(),
            }
        })
        .collect()
}

#[test]
fn norwegian_matching_meets_the_hand_checked_pairs() {
    let analyzer = Analyzer::new(Language::Nb);
    let pairs = pairs();
    assert!(pairs.len() >= 250, "{} rows", pairs.len());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut variants_wrong = 0;
    for pair in &pairs {
        let hit = analyzer.matches(&pair.query, &pair.word);
        let entry = kinds.entry(pair.kind.as_str()).or_default();
        entry.0 += usize::from(hit);
        entry.1 += 1;
        if pair.kind == "variant" {
            variants_wrong += usize::from(pair.expect_match != hit);
            continue;
        }
        match (pair.expect_match, hit) {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => fp += 1,
            (false, false) => {}
        }
        if pair.expect_match != hit {
            wrong.push(format!(
                "  {} → {} ({}, expected {})",
                pair.query,
                pair.word,
                pair.kind,
                if pair.expect_match {
                    "match"
                } else {
                    "no match"
                }
            ));
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!("precision {precision:.3}, recall {recall:.3} (variant rows left out)");
    for (kind, (hits, rows)) in &kinds {
        println!("  {kind}: {hits} of {rows} hit");
    }
    println!("wrong way:\n{}", wrong.join("\n"));
    assert!(precision >= 0.94, "precision {precision:.3}");
    assert!(recall >= 0.92, "recall {recall:.3}");
    assert_eq!(variants_wrong, 0, "variant rows the wrong way");
}
