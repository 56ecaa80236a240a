//! Bokmål ↔ nynorsk forms of a query word, so that *leder* finds *leiarane* and *skole* finds
//! *skulen*: the regular -er ↔ -ar (plurals, present tense, agent nouns: *politiker* ↔
//! *politikar*) when the word list knows the other form, and a short hand-checked list of words
//! whose stems differ (*hjem* ↔ *heim*, *syk* ↔ *sjuk*).

use super::lexicon::Lexicon;

/// Words whose bokmål and nynorsk stems differ, as (bokmål, nynorsk), each a base form. Written
/// by hand: no crate or open word list pairs the two written standards' lemmas. Kept to words
/// transcripts of public-sector interviews use, where neither form is another word.
const PAIRS: [(&str, &str); 21] = [
    ("ansatt", "tilsett"),
    ("arbeidsgiver", "arbeidsgjevar"),
    ("fremtid", "framtid"),
    ("frihet", "fridom"),
    ("hjem", "heim"),
    ("hjemme", "heime"),
    ("hverdag", "kvardag"),
    ("høy", "høg"),
    ("kjærlighet", "kjærleik"),
    ("leder", "leiar"),
    ("ledelse", "leiing"),
    ("mulighet", "moglegheit"),
    ("myndighet", "myndigheit"),
    ("skole", "skule"),
    ("syk", "sjuk"),
    ("sykdom", "sjukdom"),
    ("sykehjem", "sjukeheim"),
    ("sykehus", "sjukehus"),
    ("tjeneste", "teneste"),
    ("trygghet", "tryggleik"),
    ("virksomhet", "verksemd"),
];

/// The shortest word the -er → -ar rule applies to: shorter ones (*her* → *har*, *der* →
/// *dar*) are function words more often than forms.
const MIN_RULE_CHARS: usize = 6;

/// The other standard's forms of a lower-case word (none if it has none).
pub(crate) fn variants(word: &str) -> Vec<String> {
    let mut out: Vec<String> = PAIRS
        .iter()
        .filter_map(|&(nb, nn)| match word {
            w if w == nb => Some(nn.to_owned()),
            w if w == nn => Some(nb.to_owned()),
            _ => None,
        })
        .collect();
    if out.is_empty() && word.chars().count() >= MIN_RULE_CHARS {
        if let Some(base) = word.strip_suffix("er") {
            let nynorsk = format!("{base}ar");
            if Lexicon::norwegian().form(&nynorsk).is_some() {
                out.push(nynorsk);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_pairs_go_both_ways_and_the_rule_needs_a_listed_form() {
        assert_eq!(variants("hjem"), ["heim"]);
        assert_eq!(variants("heim"), ["hjem"]);
        assert_eq!(
            variants("leder"),
            ["leiar"],
            "the list, not the rule (*ledar*)"
        );
        assert_eq!(variants("politiker"), ["politikar"]);
        assert_eq!(variants("endringer"), ["endringar"]);
        assert!(variants("her").is_empty(), "too short for the rule");
        assert!(variants("tillit").is_empty());
        assert!(
            variants("xqzvler").is_empty(),
            "*xqzvlar* is not in the word list"
        );
    }
}
