//! The codebook: codes nested to any depth, the templates they may come from, and the rules that
//! keep the tree sound. Pure: no SQL here (the tables are `store::codes`), no UI.
//!
//! What it owns:
//! - [`template`]: the `tolk-codebook` JSON format (the built-in Bentzen trust codebook is one,
//!   shipped inside the binary), reading it into [`CodeData`] rows and writing rows back to it.
//! - [`tree`]: a codebook's rows as a tree: depth-first order, paths, families, descendants, and
//!   resolving what a researcher typed (a key, a GUID, or a path) to one code.
//! - Names, paths and colours: a name is trimmed NFC text, unique among its siblings when compared
//!   case-insensitively ([`name_key`]); a path joins the names from the top with `/` and writes a
//!   `/` inside a name as `\/` (and `\` as `\\`); a colour is `#RRGGBB`, stored upper-case.
//!
//! Template codes keep their template id as a stable `key` (`T06.4.7`) that never changes when a
//! code is moved or renamed; codes the researcher makes have none. A template's blocks (A–F in
//! Bentzen's) group its themes; they are not codes.

pub mod template;
pub mod tree;

use unicode_normalization::UnicodeNormalization;

use crate::{Error, Result};

/// The built-in codebooks, by the name the CLI and the app use: `(name, JSON)`.
pub const BUILTIN: &[(&str, &str)] = &[("bentzen", include_str!("bentzen-tillit.json"))];

/// The JSON of a built-in codebook.
pub fn builtin(name: &str) -> Result<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
        .map(|(_, json)| *json)
        .ok_or_else(|| {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            Error::Invalid(format!(
                "no built-in codebook {name:?}; Tolk has: {}",
                names.join(", ")
            ))
        })
}

/// A code's content: everything about it but where it sits in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeData {
    /// The template id (`T06.4.7`); `None` for codes the researcher made.
    pub key: Option<String>,
    pub name_nb: String,
    pub name_en: Option<String>,
    /// `#RRGGBB`, upper-case.
    pub color: String,
    pub definition_nb: String,
    pub definition_en: Option<String>,
    /// The researcher's inclusion note.
    pub inclusion: String,
    /// The researcher's exclusion note.
    pub exclusion: String,
    /// Anchor examples.
    pub anchors: Vec<String>,
    /// The template's note on the code, shown read-only.
    pub source_note: Option<String>,
    /// The template's per-code fields kept for rule-based suggestions (indicators, exclude,
    /// sources, and any field Tolk does not know), as they were in the template.
    pub rules: serde_json::Map<String, serde_json::Value>,
    /// The block letter the template gave this code (its themes have one).
    pub block: Option<String>,
    /// Whether the family this code heads is switched off.
    pub hidden: bool,
}

/// A stored code: its content and its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRow {
    pub id: i64,
    pub guid: String,
    pub parent_id: Option<i64>,
    pub position: usize,
    pub created_at: String,
    pub data: CodeData,
}

/// A block of a template: a grouping of themes, shown as a header or a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub letter: String,
    pub name_nb: String,
    pub name_en: Option<String>,
}

/// One row of the code list, in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSummary {
    pub guid: String,
    pub key: Option<String>,
    /// The bokmål names from the top, joined with `/` (a `/` in a name written `\/`).
    pub path: String,
    /// 0 for top-level codes (themes).
    pub depth: usize,
    /// The parent's GUID.
    pub parent: Option<String>,
    /// Order among siblings, from 0.
    pub position: usize,
    pub name: String,
    pub name_en: Option<String>,
    pub color: String,
    /// The block of the code's theme: the letter on the code or its nearest ancestor with one.
    pub block: Option<String>,
    /// Hidden: its family or the family of an ancestor is switched off.
    pub hidden: bool,
    /// The switch is on this code (it heads a hidden family).
    pub hides_family: bool,
    /// Number of direct children.
    pub children: usize,
}

/// A code with everything about it, for a code's detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDetail {
    pub summary: CodeSummary,
    pub data: CodeData,
    pub created_at: String,
}

/// A coder: who makes codings (a REFI-QDA user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coder {
    pub guid: String,
    pub name: String,
    pub created_at: String,
}

/// What adding or importing a codebook did. Codes the project already has (same key, or for
/// codes without a key the same name under the same parent) are kept as they are, with the
/// researcher's changes; only missing codes are added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodebookReport {
    /// The template's id (`bentzen-tillit`).
    pub template: String,
    /// Codes added.
    pub added: usize,
    /// Codes the project already had, left as they were.
    pub kept: usize,
    /// Blocks added.
    pub blocks_added: usize,
}

/// A code name as stored: trimmed and NFC. Empty names and control characters are refused.
pub fn normalize_name(name: &str) -> Result<String> {
    let name: String = name.trim().nfc().collect();
    if name.is_empty() {
        return Err(Error::Invalid("a code needs a name".to_owned()));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Invalid(format!(
            "a code name cannot hold line breaks or control characters: {name:?}"
        )));
    }
    Ok(name)
}

/// What two sibling names are compared by: NFC, lower-case.
pub fn name_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// A colour as stored: `#RRGGBB` upper-case. Accepts `#rrggbb` and `rrggbb` (a shell treats an
/// unquoted `#` as a comment).
pub fn parse_color(color: &str) -> Result<String> {
    let hex = color.trim().trim_start_matches('#');
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_uppercase()))
    } else {
        Err(Error::Invalid(format!(
            "{color:?} is not a colour: write #RRGGBB, for example #285CC2"
        )))
    }
}

/// Colours for new top-level codes, taken in turn (each at least 4.5:1 on white).
const PALETTE: &[&str] = &[
    "#1F5FAD", "#B0361E", "#2B7A2B", "#8A3FA0", "#A35A00", "#00737A", "#B0285F", "#5C6300",
];

/// The colour of a new code: its parent's, or for a top-level code the next palette colour.
pub fn default_color(parent_color: Option<&str>, top_level_count: usize) -> String {
    match parent_color {
        Some(c) => c.to_owned(),
        None => PALETTE[top_level_count % PALETTE.len()].to_owned(),
    }
}

/// One path segment: a name with `\` written `\\` and `/` written `\/`.
pub fn escape_segment(name: &str) -> String {
    name.replace('\\', "\\\\").replace('/', "\\/")
}

/// Splits a path at each `/` not written `\/`; `\\` is a backslash. Segments are trimmed, so
/// `Tillit som fenomen / Mistillit og mistro` works too.
pub fn split_path(path: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next @ ('/' | '\\')) => current.push(next),
                Some(other) => {
                    current.push('\\');
                    current.push(other);
                }
                None => current.push('\\'),
            },
            '/' => segments.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    segments.push(current);
    segments.iter().map(|s| s.trim().to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_escape_and_split_back() {
        let names = ["Forandre / utvikle", r"a\b", "Tillit", r"x\/y"];
        let path: Vec<String> = names.iter().map(|n| escape_segment(n)).collect();
        let path = path.join("/");
        assert_eq!(path, r"Forandre \/ utvikle/a\\b/Tillit/x\\\/y");
        assert_eq!(split_path(&path), names);
        assert_eq!(split_path("A / B"), ["A", "B"]);
        assert_eq!(
            split_path(r"C:\x"),
            [r"C:\x"],
            "an unknown escape stays as written"
        );
    }

    #[test]
    fn names_compare_case_insensitively_after_nfc() {
        // "Å" written as A + combining ring (U+030A) equals the precomposed Å.
        assert_eq!(name_key("  A\u{30A}pen tillit "), name_key("åpen TILLIT"));
        assert_eq!(normalize_name(" A\u{30A}pen ").unwrap(), "\u{C5}pen");
        assert!(normalize_name("  ").is_err());
        assert!(normalize_name("to\nlinjer").is_err());
    }

    #[test]
    fn colours_are_upper_case_hash_rrggbb() {
        assert_eq!(parse_color("#285cc2").unwrap(), "#285CC2");
        assert_eq!(parse_color("285CC2").unwrap(), "#285CC2");
        for bad in ["#285CC", "red", "#GGGGGG", "#285CC2A"] {
            assert!(parse_color(bad).is_err(), "{bad}");
        }
        for c in PALETTE {
            assert_eq!(parse_color(c).unwrap(), *c);
        }
    }

    /// WCAG contrast of a colour against white: (1.0 + 0.05) / (L + 0.05).
    fn contrast_on_white(color: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&color[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (l + 0.05)
    }

    #[test]
    fn palette_colours_are_readable_on_white() {
        // Black on white is the maximum, 21:1; white on white is 1:1.
        assert!((contrast_on_white("#000000") - 21.0).abs() < 1e-9);
        assert!((contrast_on_white("#FFFFFF") - 1.0).abs() < 1e-9);
        for c in PALETTE {
            assert!(contrast_on_white(c) >= 4.5, "{c}: {}", contrast_on_white(c));
        }
    }

    #[test]
    fn the_builtin_is_found_by_name() {
        assert!(builtin("Bentzen").is_ok());
        let err = builtin("glaser").unwrap_err().to_string();
        assert!(err.contains("bentzen"), "{err}");
    }
}
