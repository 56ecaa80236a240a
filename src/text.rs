//! Text normalisation and offset units. Stored text is NFC with LF line endings, and every
//! position in the core is a char (Unicode scalar) offset into it, end exclusive. The webview
//! counts UTF-16 units and Rust slices by bytes: the conversions live here, nowhere else.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalises `raw` to NFC with LF line endings (CRLF and lone CR become LF).
///
/// Returns the text and how many chars the normalisation changed (removed CRs and characters
/// composed or decomposed by NFC), so an import can report what it did to a file.
pub fn normalize(raw: &str) -> (String, usize) {
    let lf: String = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_owned()
    };
    // Every CR is either dropped (CRLF) or replaced (lone CR): one changed char each.
    let line_changes = raw.matches('\r').count();
    if is_nfc_quick(lf.chars()) == IsNormalized::Yes {
        return (lf, line_changes);
    }
    let nfc: String = lf.nfc().collect();
    let nfc_changes = lf.chars().count().abs_diff(nfc.chars().count()).max(
        // Same length but different chars (rare reorderings) still count as changes.
        usize::from(nfc != lf),
    );
    (nfc, line_changes + nfc_changes)
}

/// Number of chars in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The byte offset of char offset `char_pos` in `s` (the length for positions at or past the end).
pub fn byte_of_char(s: &str, char_pos: usize) -> usize {
    s.char_indices().nth(char_pos).map_or(s.len(), |(b, _)| b)
}

/// The byte offset `n` chars after byte offset `from` of UTF-8 text (its length if the text ends
/// first); `from` must start a char. Counts char-start bytes a chunk at a time, so skipping far
/// into a long transcript runs at memory speed, and it works on stored bytes without
/// validating all of them first.
pub fn byte_after_chars(utf8: &[u8], from: usize, n: usize) -> usize {
    const CHUNK: usize = 64;
    // A byte starts a char unless it is a continuation byte (0b10xx_xxxx).
    let starts_char = |b: u8| (b as i8) >= -0x40;
    let bytes = &utf8[from.min(utf8.len())..];
    let (mut i, mut left) = (0, n);
    // Skip whole chunks that hold no more char starts than are left to pass.
    while left > 0 && i + CHUNK <= bytes.len() {
        let starts: usize = bytes[i..i + CHUNK]
            .chunks_exact(8)
            .map(|w| 8 - continuation_bytes(u64::from_le_bytes(w.try_into().expect("8 bytes"))))
            .sum();
        if starts > left {
            break;
        }
        left -= starts;
        i += CHUNK;
    }
    // Then byte by byte: pass `left` char starts and stop at the next one.
    while i < bytes.len() {
        if starts_char(bytes[i]) {
            if left == 0 {
                return from + i;
            }
            left -= 1;
        }
        i += 1;
    }
    utf8.len()
}

/// How many of the eight bytes in `word` are UTF-8 continuation bytes (`0b10xx_xxxx`): high bit
/// set and the next bit clear, counted for all eight at once.
fn continuation_bytes(word: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    (word & HIGH & !(word << 1)).count_ones() as usize
}

/// The char offset of byte offset `byte_pos`, which must lie on a char boundary.
pub fn char_of_byte(s: &str, byte_pos: usize) -> usize {
    s[..byte_pos].chars().count()
}

/// The substring between two char offsets.
pub fn slice_chars(s: &str, start_char: usize, end_char: usize) -> &str {
    let start = byte_of_char(s, start_char);
    let end = start + byte_of_char(&s[start..], end_char.saturating_sub(start_char));
    &s[start..end]
}

/// Converts a char offset into a UTF-16 unit offset.
pub fn utf16_of_char(s: &str, char_pos: usize) -> usize {
    s.chars().take(char_pos).map(char::len_utf16).sum()
}

/// Converts a UTF-16 unit offset into a char offset. An offset inside a surrogate pair rounds
/// down to the start of its char.
pub fn char_of_utf16(s: &str, utf16_pos: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.chars().enumerate() {
        let next = units + c.len_utf16();
        if next > utf16_pos {
            return i;
        }
        units = next;
    }
    s.chars().count()
}

#[cfg(test)]
mod tests {

    #[test]
    fn byte_after_chars_agrees_with_byte_of_char() {
        // Long enough for whole chunks; æ is 2 bytes, 🤦🏼‍♀️ 5 chars in 17 bytes, "e\u{301}" 2 chars.
        let text = "Tillit er æøå, 🤦🏼‍♀️ og kafe\u{301}. ".repeat(9);
        let n = text.chars().count();
        for from in [0, 1, 11, 15, 40] {
            let from_byte = byte_of_char(&text, from);
            for k in 0..=(n - from + 3) {
                assert_eq!(
                    byte_after_chars(text.as_bytes(), from_byte, k),
                    byte_of_char(&text, from + k),
                    "from {from}, {k} chars"
                );
            }
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crlf_and_cr_become_lf_and_are_counted() {
        let (text, changed) = normalize("a\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        // One CR removed from the CRLF, one lone CR replaced.
        assert_eq!(changed, 2);
    }

    #[test]
    fn combining_marks_compose_to_nfc() {
        // "å" as a + COMBINING RING ABOVE, "ø" is already precomposed.
        let (text, changed) = normalize("a\u{30a}pen og ø");
        assert_eq!(text, "åpen og ø");
        assert_eq!(changed, 1);
    }

    #[test]
    fn nfc_text_is_unchanged() {
        assert_eq!(
            normalize("Ærlig talt, tillit 😀"),
            ("Ærlig talt, tillit 😀".into(), 0)
        );
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let s = "å😀ø";
        assert_eq!(utf16_of_char(s, 2), 3); // å = 1 unit, 😀 = 2 units
        assert_eq!(char_of_utf16(s, 3), 2);
        assert_eq!(char_of_utf16(s, 2), 1); // inside the pair rounds down
        assert_eq!(slice_chars(s, 1, 3), "😀ø");
    }

    proptest! {
        #[test]
        fn char_utf16_byte_round_trip(s in "[a-zæøåÆØÅ😀\u{301} \n]{0,40}", k in 0usize..45) {
            let n = char_len(&s);
            let c = k.min(n);
            prop_assert_eq!(char_of_utf16(&s, utf16_of_char(&s, c)), c);
            prop_assert_eq!(char_of_byte(&s, byte_of_char(&s, c)), c);
            prop_assert_eq!(slice_chars(&s, 0, c).chars().count(), c);
        }
    }
}
