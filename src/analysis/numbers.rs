//! How Norwegian papers write prevalence: «5 av 7 informanter», or with the numbers up to twelve
//! in words («fem av syv informanter»), and shares with a decimal comma («42,9 %»).

/// The bokmål words for 0 to 12 («én» for one: *informant* is masculine).
const WORDS: [&str; 13] = [
    "null", "én", "to", "tre", "fire", "fem", "seks", "syv", "åtte", "ni", "ti", "elleve", "tolv",
];

/// «k av n informanter» in digits, with a non-breaking space between thousands.
pub fn informants_phrase(k: usize, n: usize) -> String {
    format!(
        "{} av {} {}",
        thousands(k),
        thousands(n),
        informants_noun(n)
    )
}

/// «k av n informanter» with both numbers in words when both are at most twelve (style guides
/// spell out small numbers), else in digits.
pub fn informants_phrase_words(k: usize, n: usize) -> String {
    if n < WORDS.len() {
        format!("{} av {} {}", WORDS[k.min(n)], WORDS[n], informants_noun(n))
    } else {
        informants_phrase(k, n)
    }
}

fn informants_noun(n: usize) -> &'static str {
    if n == 1 {
        "informant"
    } else {
        "informanter"
    }
}

/// An integer with a non-breaking space between groups of three digits: `12 500`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A share (0 to 1) as a percentage with one decimal and a decimal comma: `42,9 %` (with a
/// non-breaking space before the sign).
pub fn percent(share: f64) -> String {
    format!("{:.1}\u{a0}%", share * 100.0).replace('.', ",")
}

/// A number with `decimals` digits and a decimal comma: `10,83`.
pub fn decimal(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_as_papers_write_them() {
        assert_eq!(informants_phrase(5, 7), "5 av 7 informanter");
        assert_eq!(informants_phrase_words(5, 7), "fem av syv informanter");
        assert_eq!(informants_phrase_words(1, 12), "én av tolv informanter");
        assert_eq!(informants_phrase_words(1, 1), "én av én informant");
        assert_eq!(informants_phrase_words(5, 13), "5 av 13 informanter");
        assert_eq!(
            informants_phrase(1200, 12500),
            "1\u{a0}200 av 12\u{a0}500 informanter"
        );
    }

    #[test]
    fn shares_and_decimals_take_a_comma() {
        // 3/7 = 0.428571… → 42.857…% → «42,9 %».
        assert_eq!(percent(3.0 / 7.0), "42,9\u{a0}%");
        assert_eq!(decimal(10.8276, 2), "10,83");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1\u{a0}000");
    }
}
