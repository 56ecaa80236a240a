//! Document languages and a small guesser. Tolk needs the language for stemming and stop words;
//! a researcher can always set it. The guess counts frequent function words that tell bokmål,
//! nynorsk, Danish, Swedish and English apart, and falls back to bokmål.

use std::fmt;

/// A document's language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nb,
    Nn,
    Da,
    Sv,
    En,
}

impl Language {
    /// Every language, in the order the UI lists them.
    pub const ALL: [Language; 5] = [
        Language::Nb,
        Language::Nn,
        Language::Da,
        Language::Sv,
        Language::En,
    ];

    /// The code stored in the project file: `nb`, `nn`, `da`, `sv` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::Da => "da",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// Parses a language code.
    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Guesses the language of `text` from words that mark one language against the others.
    pub fn guess(text: &str) -> Language {
        // Words frequent in one language and absent or rare in the others. Words bokmål and
        // Danish share (ikke, jeg, bare) count for neither, so each list leans on spellings
        // that differ (hva/hvad, mye/meget, meg/mig).
        const MARKERS: [(Language, &[&str]); 5] = [
            (
                Language::Nb,
                &[
                    "hva", "hvordan", "noen", "mye", "meg", "deg", "seg", "av", "nå", "etter",
                    "veldig", "også",
                ],
            ),
            (
                Language::Nn,
                &[
                    "ikkje", "eg", "kva", "korleis", "nokon", "mykje", "berre", "dei", "veit",
                    "heilt", "frå", "kvar", "eit", "vere", "meir",
                ],
            ),
            (
                Language::Da,
                &[
                    "hvad",
                    "hvorledes",
                    "nogle",
                    "nogen",
                    "meget",
                    "mig",
                    "dig",
                    "sig",
                    "af",
                    "nu",
                    "sådan",
                    "gør",
                ],
            ),
            (
                Language::Sv,
                &[
                    "inte", "jag", "vad", "hur", "och", "är", "mycket", "någon", "också", "att",
                    "för",
                ],
            ),
            (
                Language::En,
                &[
                    "the", "and", "is", "that", "not", "what", "how", "we", "they", "with", "of",
                    "you",
                ],
            ),
        ];
        let mut scores = [0usize; 5];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(20_000)
        {
            let word = word.to_lowercase();
            for (i, (_, words)) in MARKERS.iter().enumerate() {
                if words.contains(&word.as_str()) {
                    scores[i] += 1;
                }
            }
        }
        let (best, &best_score) = scores
            .iter()
            .enumerate()
            .max_by_key(|&(i, s)| (*s, usize::from(i == 0)))
            .expect("five scores");
        if best_score == 0 {
            Language::Nb
        } else {
            MARKERS[best].0
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn guesses_each_language_from_a_sentence() {
        let cases = [
            (
                "Jeg vet ikke hvordan det er, men vi har veldig mye tillit til lederen.",
                Language::Nb,
            ),
            (
                "Eg veit ikkje korleis det er, men vi har mykje tillit til leiaren.",
                Language::Nn,
            ),
            (
                "Jeg ved ikke hvad det er, men vi har meget tillid til lederen, også nu.",
                Language::Da,
            ),
            (
                "Jag vet inte hur det är, men vi har mycket förtroende för chefen.",
                Language::Sv,
            ),
            (
                "I do not know what the reason is, but we trust the manager and the team.",
                Language::En,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Language::guess(text), expected, "{text}");
        }
    }

    #[test]
    fn text_without_markers_is_bokmaal() {
        assert_eq!(Language::guess("Tillit. Styring. Kontroll."), Language::Nb);
    }
}
