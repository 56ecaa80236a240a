//! The `tolk-codebook` JSON format (`../shared/codebook/README.md`): a template's blocks and its
//! codes nested in `children`, each with names, definitions and colour in bokmål and English,
//! anchors, an optional note, and the indicator rules for suggestions. Reading a template gives
//! [`TemplateRow`]s in depth-first order; [`export`] writes a codebook back in the same format.
//!
//! Tolk reads what it needs and keeps the rest verbatim: the template's top-level rules
//! (`negators`, `false_positives`, `co_occurrence_rules`, `source_legend`, …) in [`TemplateMeta`],
//! a code's `indicators`, `exclude` and `sources` in [`CodeRules`], and any field it does not
//! know in their `extra` maps, so unknown fields never break reading and survive a round trip.
//! (Names and definitions in other languages than `nb` and `en` are not kept.)
//!
//! A code's `exclude` is a list of *patterns* for suggestions; the researcher's exclusion note is
//! another thing, written as `exclusion` (with `inclusion` and `hidden`) by an export of a project
//! whose researcher wrote one. The template's `note` becomes the code's read-only source note.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{normalize_name, parse_color, CodeBlock, CodeData};
use crate::{Error, Result};

/// The `format` a codebook file declares.
pub const FORMAT: &str = "tolk-codebook";
/// The newest format version this build reads and the one it writes.
pub const VERSION: u32 = 1;

/// A text in bokmål and (optionally) English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    #[serde(default)]
    pub nb: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// A whole codebook file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub format: String,
    #[serde(default = "default_version")]
    pub version: u32,
    /// The template's id (`bentzen-tillit`).
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Localized,
    #[serde(flatten)]
    pub meta: TemplateMeta,
    #[serde(default)]
    pub blocks: Vec<TemplateBlock>,
    pub codes: Vec<TemplateCode>,
}

fn default_version() -> u32 {
    VERSION
}

/// A template's top-level fields besides format, version, id, name, blocks and codes: kept as
/// they are, for rule-based suggestions (a later issue) and export.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TemplateMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_syntax: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negators: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_window_tokens: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_target: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_applies_to: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contrast_markers: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_occurrence_rules: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_positives: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_legend: Option<Value>,
    /// Any other top-level field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A block: a letter and a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateBlock {
    pub id: String,
    #[serde(default)]
    pub name: Localized,
}

/// A code of the file, with its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateCode {
    /// The template id, which becomes the code's key; codes a researcher made have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    pub name: Localized,
    #[serde(default)]
    pub definition: Localized,
    pub color: String,
    #[serde(flatten)]
    pub rules: CodeRules,
    #[serde(default)]
    pub anchors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The researcher's inclusion note (written by Tolk's export; templates have none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inclusion: String,
    /// The researcher's exclusion note (not the `exclude` patterns).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exclusion: String,
    /// Whether the family is switched off (written by Tolk's export only when true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    #[serde(default)]
    pub children: Vec<TemplateCode>,
}

/// A code's fields for rule-based suggestions, kept as they are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CodeRules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Value>,
    /// Any other field of the code.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A code read from a template: its content and its parent, an index into the same list (rows
/// come depth-first, so a parent always comes before its children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    pub parent: Option<usize>,
    pub data: CodeData,
}

/// Reads a codebook file's text. `what` names the file in messages.
pub fn parse(json: &str, what: &str) -> Result<Template> {
    let template: Template = serde_json::from_str(json)
        .map_err(|e| Error::Invalid(format!("{what}: not a Tolk codebook file: {e}")))?;
    if template.format != FORMAT {
        return Err(Error::Invalid(format!(
            "{what}: not a Tolk codebook file (its format is {:?}, not {FORMAT:?})",
            template.format
        )));
    }
    if template.version > VERSION {
        return Err(Error::Invalid(format!(
            "{what}: codebook format version {} is newer than this Tolk reads ({VERSION}); \
             update Tolk to import it",
            template.version
        )));
    }
    Ok(template)
}

impl Template {
    /// The template's blocks, checked: letters are unique and not empty.
    pub fn code_blocks(&self) -> Result<Vec<CodeBlock>> {
        let mut blocks: Vec<CodeBlock> = Vec::new();
        for b in &self.blocks {
            let letter = b.id.trim().to_owned();
            if letter.is_empty() {
                return Err(Error::Invalid("a block needs an id (a letter)".to_owned()));
            }
            if blocks.iter().any(|x| x.letter == letter) {
                return Err(Error::Invalid(format!("block {letter:?} is listed twice")));
            }
            blocks.push(CodeBlock {
                letter,
                name_nb: b.name.nb.trim().to_owned(),
                name_en: b.name.en.clone(),
            });
        }
        Ok(blocks)
    }

    /// The codes as rows, depth-first, siblings in file order. Names are normalised and colours
    /// checked; keys must be unique, blocks must be listed, and sibling names must differ.
    pub fn rows(&self) -> Result<Vec<TemplateRow>> {
        let blocks = self.code_blocks()?;
        let mut rows = Vec::new();
        let mut keys = std::collections::HashSet::new();
        push_rows(&self.codes, None, &blocks, &mut keys, &mut rows)?;
        Ok(rows)
    }

    /// The top-level rules as a JSON object, for storing.
    pub fn meta_json(&self) -> Map<String, Value> {
        match serde_json::to_value(&self.meta) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }
}

fn push_rows(
    codes: &[TemplateCode],
    parent: Option<usize>,
    blocks: &[CodeBlock],
    keys: &mut std::collections::HashSet<String>,
    rows: &mut Vec<TemplateRow>,
) -> Result<()> {
    let mut sibling_names: Vec<(String, String)> = Vec::new();
    for code in codes {
        let label = code.id.as_deref().unwrap_or(&code.name.nb);
        let data = code_data(code).map_err(|e| Error::Invalid(format!("code {label:?}: {e}")))?;
        if let Some(key) = &data.key {
            if !keys.insert(key.clone()) {
                return Err(Error::Invalid(format!("code id {key:?} occurs twice")));
            }
        }
        if let Some(block) = &data.block {
            if !blocks.iter().any(|b| &b.letter == block) {
                return Err(Error::Invalid(format!(
                    "code {label:?} is in block {block:?}, which the file's blocks do not list"
                )));
            }
        }
        let name_key = super::name_key(&data.name_nb);
        if let Some((other, _)) = sibling_names.iter().find(|(_, k)| *k == name_key) {
            return Err(Error::Invalid(format!(
                "codes {other:?} and {label:?} have the same name {:?} under the same parent",
                data.name_nb
            )));
        }
        sibling_names.push((label.to_owned(), name_key));
        let index = rows.len();
        rows.push(TemplateRow { parent, data });
        push_rows(&code.children, Some(index), blocks, keys, rows)?;
    }
    Ok(())
}

fn code_data(code: &TemplateCode) -> Result<CodeData> {
    let rules = match serde_json::to_value(&code.rules) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    Ok(CodeData {
        key: code
            .id
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned),
        name_nb: normalize_name(&code.name.nb)?,
        name_en: code.name.en.as_deref().map(normalize_name).transpose()?,
        color: parse_color(&code.color)?,
        definition_nb: code.definition.nb.clone(),
        definition_en: code.definition.en.clone(),
        inclusion: code.inclusion.clone(),
        exclusion: code.exclusion.clone(),
        anchors: code.anchors.clone(),
        source_note: code.note.clone(),
        rules,
        block: code
            .block
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_owned),
        hidden: code.hidden,
    })
}

/// What a project's codebook is exported from.
pub struct ExportSource<'a> {
    /// The template's id, name and top-level rules; `None` when the project has no template.
    pub header: Option<(String, Localized, TemplateMeta)>,
    pub blocks: &'a [CodeBlock],
    /// The codes depth-first with their parent's index, as [`TemplateRow`]s.
    pub rows: &'a [TemplateRow],
}

/// Writes a codebook in the `tolk-codebook` format. A project without a template gets the id
/// and name `fallback_id`.
pub fn export(source: &ExportSource, fallback_id: &str) -> Template {
    let (id, name, meta) = source.header.clone().unwrap_or_else(|| {
        (
            fallback_id.to_owned(),
            Localized {
                nb: fallback_id.to_owned(),
                en: None,
            },
            TemplateMeta::default(),
        )
    });
    let mut nodes: Vec<TemplateCode> = source.rows.iter().map(|r| code_json(&r.data)).collect();
    // Children come after their parent, so folding from the end builds each subtree before its
    // parent takes it; the order among siblings is restored by inserting at the front.
    let mut roots = Vec::new();
    for (i, row) in source.rows.iter().enumerate().rev() {
        let node = std::mem::replace(&mut nodes[i], placeholder());
        match row.parent {
            Some(p) => nodes[p].children.insert(0, node),
            None => roots.insert(0, node),
        }
    }
    Template {
        format: FORMAT.to_owned(),
        version: VERSION,
        id,
        name,
        meta,
        blocks: source
            .blocks
            .iter()
            .map(|b| TemplateBlock {
                id: b.letter.clone(),
                name: Localized {
                    nb: b.name_nb.clone(),
                    en: b.name_en.clone(),
                },
            })
            .collect(),
        codes: roots,
    }
}

fn placeholder() -> TemplateCode {
    code_json(&CodeData::default())
}

fn code_json(data: &CodeData) -> TemplateCode {
    TemplateCode {
        id: data.key.clone(),
        block: data.block.clone(),
        name: Localized {
            nb: data.name_nb.clone(),
            en: data.name_en.clone(),
        },
        definition: Localized {
            nb: data.definition_nb.clone(),
            en: data.definition_en.clone(),
        },
        color: data.color.clone(),
        rules: serde_json::from_value(Value::Object(data.rules.clone())).unwrap_or_default(),
        anchors: data.anchors.clone(),
        note: data.source_note.clone(),
        inclusion: data.inclusion.clone(),
        exclusion: data.exclusion.clone(),
        hidden: data.hidden,
        children: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bentzen() -> Template {
        parse(super::super::builtin("bentzen").unwrap(), "bentzen").unwrap()
    }

    /// Walks the raw JSON the way the README describes it, independent of the structs.
    fn raw_codes(v: &Value, depth: usize, out: &mut Vec<(String, usize, Option<String>)>) {
        for c in v.as_array().unwrap() {
            let id = c["id"].as_str().unwrap().to_owned();
            out.push((
                id,
                depth,
                c.get("note").and_then(|n| n.as_str()).map(str::to_owned),
            ));
            raw_codes(&c["children"], depth + 1, out);
        }
    }

    #[test]
    fn the_builtin_reads_into_rows_matching_the_raw_json() {
        let raw: Value = serde_json::from_str(super::super::builtin("bentzen").unwrap()).unwrap();
        let mut expected = Vec::new();
        raw_codes(&raw["codes"], 0, &mut expected);
        let template = bentzen();
        let rows = template.rows().unwrap();
        assert_eq!(rows.len(), expected.len());
        assert_eq!(template.codes.len(), raw["codes"].as_array().unwrap().len());
        for (row, (id, _, note)) in rows.iter().zip(&expected) {
            assert_eq!(row.data.key.as_deref(), Some(id.as_str()));
            assert_eq!(&row.data.source_note, note);
            // A child's key extends its parent's.
            if let Some(p) = row.parent {
                let parent_key = rows[p].data.key.as_deref().unwrap();
                assert!(
                    id.starts_with(&format!("{parent_key}.")),
                    "{id} under {parent_key}"
                );
            }
            // Rules keep indicators, exclude and sources; notes start empty.
            assert!(row.data.rules.contains_key("indicators"), "{id}");
            assert!(row.data.rules.contains_key("exclude"), "{id}");
            assert!(row.data.inclusion.is_empty() && row.data.exclusion.is_empty());
        }
        let themes = rows.iter().filter(|r| r.parent.is_none()).count();
        assert_eq!(themes, raw["codes"].as_array().unwrap().len());
        assert!(rows
            .iter()
            .filter(|r| r.parent.is_none())
            .all(|r| r.data.block.is_some()));
        assert_eq!(
            template.code_blocks().unwrap().len(),
            raw["blocks"].as_array().unwrap().len()
        );
        for field in [
            "negators",
            "false_positives",
            "co_occurrence_rules",
            "source_legend",
        ] {
            assert_eq!(template.meta_json()[field], raw[field], "{field}");
        }
    }

    #[test]
    fn export_of_the_rows_gives_the_same_json() {
        let raw: Value = serde_json::from_str(super::super::builtin("bentzen").unwrap()).unwrap();
        let template = bentzen();
        let rows = template.rows().unwrap();
        let blocks = template.code_blocks().unwrap();
        let out = export(
            &ExportSource {
                header: Some((
                    template.id.clone(),
                    template.name.clone(),
                    template.meta.clone(),
                )),
                blocks: &blocks,
                rows: &rows,
            },
            "unused",
        );
        assert_eq!(serde_json::to_value(&out).unwrap(), raw);
    }

    #[test]
    fn unknown_fields_are_kept_and_others_are_optional() {
        let json = r##"{"format": "tolk-codebook", "version": 1, "id": "x", "future": [1, 2],
            "codes": [{"name": {"nb": "Egen kode"}, "color": "#aa0000", "weight": 3,
                       "children": [{"id": "K1", "name": {"nb": "Under", "en": "Below"},
                                     "color": "#00AA00"}]}]}"##;
        let t = parse(json, "x.json").unwrap();
        assert_eq!(t.meta.extra["future"], serde_json::json!([1, 2]));
        let rows = t.rows().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].data.key, None);
        assert_eq!(rows[0].data.color, "#AA0000");
        assert_eq!(rows[0].data.rules["weight"], 3);
        assert_eq!(rows[1].parent, Some(0));
        assert_eq!(rows[1].data.name_en.as_deref(), Some("Below"));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let cases = [
            (r#"{"codes": []}"#, "format"),
            (
                r#"{"format": "refi-qda", "codes": []}"#,
                "not a Tolk codebook",
            ),
            (
                r#"{"format": "tolk-codebook", "version": 2, "codes": []}"#,
                "newer",
            ),
        ];
        for (json, expected) in cases {
            let err = parse(json, "f.json").unwrap_err().to_string();
            assert!(err.contains(expected) && err.starts_with("f.json"), "{err}");
        }
        let rows_err = |json: &str| {
            parse(json, "f.json")
                .unwrap()
                .rows()
                .unwrap_err()
                .to_string()
        };
        let twice = r##"{"format": "tolk-codebook", "codes": [
            {"id": "A1", "name": {"nb": "a"}, "color": "#000000"},
            {"id": "A1", "name": {"nb": "b"}, "color": "#000000"}]}"##;
        assert!(rows_err(twice).contains("\"A1\" occurs twice"));
        let clash = r##"{"format": "tolk-codebook", "codes": [
            {"name": {"nb": "Tillit"}, "color": "#000000"},
            {"name": {"nb": "TILLIT "}, "color": "#000000"}]}"##;
        assert!(rows_err(clash).contains("same name"), "{}", rows_err(clash));
        let colour = r##"{"format": "tolk-codebook", "codes": [
            {"id": "A1", "name": {"nb": "a"}, "color": "blue"}]}"##;
        assert!(rows_err(colour).contains("\"A1\""));
        let block = r##"{"format": "tolk-codebook", "codes": [
            {"id": "A1", "block": "Z", "name": {"nb": "a"}, "color": "#000000"}]}"##;
        assert!(rows_err(block).contains("block \"Z\""));
    }
}
