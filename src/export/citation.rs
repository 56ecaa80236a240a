//! Citation templates: how a quote is cited in an export, such as `«…» ({rolle})`. A template is
//! text with `«…»` where the quote goes and fields in braces; templates are built in (`anonym`,
//! `rolle-dato`), saved under a name (table `citation_template`, one undoable step each) or
//! given literally. A template that would single out fewer than three informants gets warnings.
//!
//! Fields: `{informant}` (the informant's name, for an interviewer the speaker label), `{doc}`
//! (the document's name), `{turn}` (its number), `{time}` (the turn's timestamp, `hh:mm:ss`),
//! `{date}` / `{date:FORMAT}` and any attribute key (`{rolle}`, `{kommune}`): the informant's
//! value, else the document's. `{{` and `}}` are literal braces. A value that is missing renders
//! as `–`.
//!
//! Dates: `{date}` reads the first of the attributes `dato`, `date` and `intervjudato` that the
//! excerpt has (informant's value, else the document's), written `d.m.yyyy` (also `dd.mm.yy`,
//! read as 20yy) or ISO `yyyy-mm-dd` (a time after it is ignored). FORMAT uses `dd`, `d`, `mm`,
//! `m`, `yyyy` and `yy`; anything else is literal; the default is `dd.mm.yyyy`. A value that is
//! not such a date is shown as written.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::project::{normalize_value, now, Project};
use crate::store::export::{self as store, CitationRow};
use crate::store::{informants, log, new_guid};
use crate::{collate, Error, Result};

/// Where the quote goes in a template.
pub const QUOTE: &str = "«…»";

/// The built-in templates: `(name, template)`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("anonym", "«…» ({rolle})"),
    ("rolle-dato", "«…» (Intervju {date:dd.mm.yy})"),
];

/// The template used when none is chosen and the project has a `rolle` attribute.
pub const DEFAULT: &str = "anonym";

/// The template used when none is chosen and the project has no `rolle` attribute.
pub const FALLBACK: &str = "«…» ({informant})";

/// The attributes `{date}` reads, in order.
pub const DATE_KEYS: &[&str] = &["dato", "date", "intervjudato"];

/// What a missing value renders as.
pub const MISSING: &str = "–";

/// How a quote is marked in running text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMarks {
    /// Norwegian «…».
    #[default]
    Guillemets,
    /// No marks: the quotation style alone sets the quote off.
    Plain,
}

impl QuoteMarks {
    /// `guillemets` or `plain`.
    pub fn parse(text: &str) -> Option<QuoteMarks> {
        match text.trim().to_ascii_lowercase().as_str() {
            "guillemets" => Some(QuoteMarks::Guillemets),
            "plain" => Some(QuoteMarks::Plain),
            _ => None,
        }
    }

    /// The quote with its marks.
    pub fn mark(self, quote: &str) -> String {
        match self {
            QuoteMarks::Guillemets => format!("«{quote}»"),
            QuoteMarks::Plain => quote.to_owned(),
        }
    }
}

/// A field of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Informant,
    Doc,
    Turn,
    Time,
    /// `{date}` with its format (`dd.mm.yyyy` by default).
    Date(String),
    /// An attribute key, lower-case.
    Attribute(String),
}

impl Field {
    /// The field as written in a template, without braces (`rolle`, `date:dd.mm.yy`).
    pub fn name(&self) -> String {
        match self {
            Field::Informant => "informant".to_owned(),
            Field::Doc => "doc".to_owned(),
            Field::Turn => "turn".to_owned(),
            Field::Time => "time".to_owned(),
            Field::Date(format) => format!("date:{format}"),
            Field::Attribute(key) => key.clone(),
        }
    }

    /// Whether the field says something about who spoke (turn numbers and times do not).
    fn identifies(&self) -> bool {
        !matches!(self, Field::Turn | Field::Time)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Quote,
    Field(Field),
}

/// A parsed citation template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    template: String,
    parts: Vec<Part>,
}

/// What a template's fields are filled with for one excerpt.
#[derive(Debug, Clone, Copy)]
pub struct CitationValues<'a> {
    /// The informant's name (for an interviewer's turn, the speaker label).
    pub informant: Option<&'a str>,
    pub doc: &'a str,
    pub turn: Option<u32>,
    pub time_ms: Option<u64>,
    /// The informant's attributes over the document's.
    pub attributes: &'a BTreeMap<String, String>,
}

impl Citation {
    /// Reads a template and checks each field against the attribute keys the project has
    /// (`keys`, lower-case). An unknown field is an error naming it.
    pub fn parse(template: &str, keys: &BTreeSet<String>) -> Result<Citation> {
        let template = normalize_value(template);
        if template.is_empty() {
            return Err(Error::Invalid(
                "a citation template cannot be empty".to_owned(),
            ));
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = template.as_str();
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix(QUOTE).or(rest.strip_prefix("«...»")) {
                push_text(&mut parts, &mut text);
                parts.push(Part::Quote);
                rest = after;
            } else if let Some(after) = rest.strip_prefix("{{") {
                text.push('{');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("}}") {
                text.push('}');
                rest = after;
            } else if c == '{' {
                let close = rest.find('}').ok_or_else(|| {
                    Error::Invalid(format!(
                        "the citation template {template:?} opens a field with {{ but never \
                         closes it with }} (write {{{{ for a brace)"
                    ))
                })?;
                push_text(&mut parts, &mut text);
                parts.push(Part::Field(field(&rest[1..close], &template, keys)?));
                rest = &rest[close + 1..];
            } else if c == '}' {
                return Err(Error::Invalid(format!(
                    "the citation template {template:?} has a }} that closes no field (write }}}} \
                     for a brace)"
                )));
            } else {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        push_text(&mut parts, &mut text);
        Ok(Citation { template, parts })
    }

    /// The template as written (trimmed NFC).
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The fields, in order, each once, as written without braces.
    pub fn fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in self.field_list() {
            let name = f.name();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    fn field_list(&self) -> impl Iterator<Item = &Field> {
        self.parts.iter().filter_map(|p| match p {
            Part::Field(f) => Some(f),
            _ => None,
        })
    }

    /// The quote in its marks, cited: the template with `«…»` replaced by the quote (a template
    /// without `«…»` gets the quote before it, with a space).
    pub fn cite(&self, quote: &str, marks: QuoteMarks, values: &CitationValues) -> String {
        let quoted = marks.mark(quote);
        if !self.parts.contains(&Part::Quote) {
            return format!("{quoted} {}", self.reference(values));
        }
        self.render(values, &quoted)
    }

    /// The citation alone: the template without `«…»` and the spaces around it, as a block
    /// quote's reference and the spreadsheets' `citation` column show it (`(enhetsleder)`).
    pub fn reference(&self, values: &CitationValues) -> String {
        let text = self.render(values, "");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn render(&self, values: &CitationValues, quote: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Quote => out.push_str(quote),
                Part::Field(f) => out.push_str(&value(f, values).unwrap_or_else(|| MISSING.into())),
            }
        }
        out
    }
}

fn push_text(parts: &mut Vec<Part>, text: &mut String) {
    if !text.is_empty() {
        parts.push(Part::Text(std::mem::take(text)));
    }
}

fn field(inner: &str, template: &str, keys: &BTreeSet<String>) -> Result<Field> {
    let name = normalize_value(inner).to_lowercase();
    let unknown = || Error::UnknownCitationField {
        field: name.clone(),
        template: template.to_owned(),
        attributes: keys.iter().cloned().collect(),
    };
    if let Some((head, format)) = name.split_once(':') {
        if head.trim() != "date" {
            return Err(unknown());
        }
        let format = format.trim();
        if format.is_empty() {
            return Err(unknown());
        }
        return date_field(format.to_owned(), keys, template);
    }
    Ok(match name.as_str() {
        "informant" => Field::Informant,
        "doc" => Field::Doc,
        "turn" => Field::Turn,
        "time" => Field::Time,
        "date" => return date_field("dd.mm.yyyy".to_owned(), keys, template),
        key if keys.contains(key) => Field::Attribute(key.to_owned()),
        _ => return Err(unknown()),
    })
}

fn date_field(format: String, keys: &BTreeSet<String>, template: &str) -> Result<Field> {
    if DATE_KEYS.iter().any(|k| keys.contains(*k)) {
        Ok(Field::Date(format))
    } else {
        Err(Error::Invalid(format!(
            "the citation template {template:?} uses {{date}}, which reads the attribute {}; no \
             document or informant in this project has one",
            DATE_KEYS.join(", ")
        )))
    }
}

fn value(field: &Field, v: &CitationValues) -> Option<String> {
    match field {
        Field::Informant => v.informant.map(str::to_owned),
        Field::Doc => Some(v.doc.to_owned()),
        Field::Turn => v.turn.map(|n| n.to_string()),
        Field::Time => v.time_ms.map(format_time),
        Field::Date(format) => date_value(v.attributes).map(|raw| format_date(raw, format)),
        Field::Attribute(key) => v.attributes.get(key).cloned(),
    }
    .filter(|s| !s.trim().is_empty())
}

/// The date attribute's value, if the excerpt has one.
fn date_value(attributes: &BTreeMap<String, String>) -> Option<&str> {
    DATE_KEYS
        .iter()
        .find_map(|k| attributes.get(*k))
        .map(String::as_str)
}

/// `hh:mm:ss` of a timestamp.
pub fn format_time(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Reads `d.m.yyyy`, `dd.mm.yy` (20yy) or ISO `yyyy-mm-dd[T…]` into (year, month, day).
pub fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let text = text.trim();
    let (y, m, d) = if let Some((date, _)) = text
        .split_once('T')
        .or_else(|| text.split_once(' '))
        .filter(|(d, _)| d.contains('-'))
    {
        iso(date)?
    } else if text.contains('-') {
        iso(text)?
    } else {
        let mut it = text.split('.');
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        let year: i32 = y.trim().parse().ok()?;
        let year = match y.trim().len() {
            2 => 2000 + year,
            4 => year,
            _ => return None,
        };
        (year, m.trim().parse().ok()?, d.trim().parse().ok()?)
    };
    let month = time::Month::try_from(m).ok()?;
    time::Date::from_calendar_date(y, month, d).ok()?;
    Some((y, m, d))
}

fn iso(text: &str) -> Option<(i32, u8, u8)> {
    let mut it = text.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// A date attribute's value in `format` (`dd`, `d`, `mm`, `m`, `yyyy`, `yy`; anything else
/// literal); a value that is not a date is returned as written.
pub fn format_date(raw: &str, format: &str) -> String {
    let Some((y, m, d)) = parse_date(raw) else {
        return raw.trim().to_owned();
    };
    let mut out = String::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        let (piece, len) = if rest.starts_with("yyyy") {
            (format!("{y:04}"), 4)
        } else if rest.starts_with("yy") {
            (format!("{:02}", y.rem_euclid(100)), 2)
        } else if rest.starts_with("dd") {
            (format!("{d:02}"), 2)
        } else if rest.starts_with("mm") {
            (format!("{m:02}"), 2)
        } else if c == 'd' {
            (d.to_string(), 1)
        } else if c == 'm' {
            (m.to_string(), 1)
        } else {
            (c.to_string(), c.len_utf8())
        };
        out.push_str(&piece);
        rest = &rest[len..];
    }
    out
}

/// A combination of field values that fewer than three informants in the project share, so a
/// quote cited with it points at one or two people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationWarning {
    /// `(field, value)` for each identifying field of the template, in template order.
    pub values: Vec<(String, String)>,
    /// The informants with exactly these values (one or two), in Norwegian order.
    pub informants: Vec<String>,
}

impl CitationWarning {
    /// In English for the CLI: `rolle=enhetsleder, kommune=Bodø identifies 1 informant (a/IP1)`.
    pub fn describe(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(f, v)| format!("{f}={v}"))
            .collect();
        let n = self.informants.len();
        format!(
            "{} identifies {n} informant{} ({})",
            values.join(", "),
            if n == 1 { "" } else { "s" },
            self.informants.join(", ")
        )
    }
}

/// A template chosen for an export, checked against the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationCheck {
    /// The name it was saved or built in under; `None` for a literal template.
    pub name: Option<String>,
    pub citation: Citation,
    /// The groups of fewer than three informants its fields single out.
    pub warnings: Vec<CitationWarning>,
}

/// A citation template with its name: built in or saved in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedCitation {
    pub name: String,
    pub template: String,
    pub builtin: bool,
}

impl From<CitationRow> for SavedCitation {
    fn from(row: CitationRow) -> SavedCitation {
        SavedCitation {
            name: row.name,
            template: row.template,
            builtin: false,
        }
    }
}

/// Groups the project's informants by the values the template's identifying fields give them
/// and returns the groups of fewer than three, in Norwegian order of their values. An
/// informant's attribute is its own value, else that of the first document it speaks in that
/// has one. A template with no identifying field has no warnings.
fn warnings(conn: &rusqlite::Connection, citation: &Citation) -> Result<Vec<CitationWarning>> {
    let fields: Vec<&Field> = {
        let mut seen: Vec<&Field> = Vec::new();
        for f in citation.field_list().filter(|f| f.identifies()) {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
        seen
    };
    if fields.is_empty() {
        return Ok(Vec::new());
    }
    let (doc_attrs, inf_attrs) = store::all_attributes(conn)?;
    let doc_names: HashMap<i64, String> = crate::store::retrieval::doc_names(conn)?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut docs_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for s in store::informant_speakers(conn)? {
        let docs = docs_of.entry(s.informant_id).or_default();
        if !docs.contains(&s.document_id) {
            docs.push(s.document_id);
        }
    }
    let mut groups: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    let empty = BTreeMap::new();
    for inf in informants::all(conn)? {
        let docs = docs_of.get(&inf.id).map_or(&[][..], Vec::as_slice);
        // The informant's values over those of its documents, first document first.
        let mut attributes = inf_attrs.get(&inf.id).unwrap_or(&empty).clone();
        for d in docs {
            for (k, v) in doc_attrs.get(d).unwrap_or(&empty) {
                attributes.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let doc_list: Vec<&str> = docs.iter().map(|d| doc_names[d].as_str()).collect();
        let doc = doc_list.join("; ");
        let values = CitationValues {
            informant: Some(&inf.name),
            doc: &doc,
            turn: None,
            time_ms: None,
            attributes: &attributes,
        };
        let key: Vec<String> = fields
            .iter()
            .map(|f| value(f, &values).unwrap_or_else(|| MISSING.to_owned()))
            .collect();
        groups.entry(key).or_default().push(inf.name);
    }
    let mut out: Vec<CitationWarning> = groups
        .into_iter()
        .filter(|(_, names)| names.len() < 3)
        .map(|(key, mut names)| {
            collate::sort_by_key(&mut names, |n| n);
            CitationWarning {
                values: fields.iter().map(|f| f.name()).zip(key).collect(),
                informants: names,
            }
        })
        .collect();
    out.sort_by(|a, b| collate::compare(&a.describe(), &b.describe()));
    Ok(out)
}

/// A saved template's name as stored and compared: trimmed NFC; compared ignoring case.
fn citation_name(name: &str) -> Result<String> {
    let name = normalize_value(name);
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "a citation template needs a name on one line".to_owned(),
        ));
    }
    Ok(name)
}

fn builtin(name: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN
        .iter()
        .copied()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
}

fn saved(conn: &rusqlite::Connection, name: &str) -> Result<Option<CitationRow>> {
    let key = normalize_value(name).to_lowercase();
    Ok(store::citations(conn)?
        .into_iter()
        .find(|r| r.name.to_lowercase() == key))
}

/// Citation templates.
impl Project {
    /// The built-in templates, then the saved ones in Norwegian order of name.
    pub fn citation_templates(&self) -> Result<Vec<SavedCitation>> {
        let mut saved: Vec<SavedCitation> = store::citations(self.store().conn())?
            .into_iter()
            .map(SavedCitation::from)
            .collect();
        collate::sort_by_key(&mut saved, |s| &s.name);
        Ok(BUILTIN
            .iter()
            .map(|(name, template)| SavedCitation {
                name: (*name).to_owned(),
                template: (*template).to_owned(),
                builtin: true,
            })
            .chain(saved)
            .collect())
    }

    /// Saves a template under a name (a saved template of the same name, ignoring case, is
    /// replaced) as one undoable step, logged `save_citation`. The template must read for this
    /// project (every field known); built-in names are taken.
    pub fn save_citation_template(&mut self, name: &str, template: &str) -> Result<SavedCitation> {
        let name = citation_name(name)?;
        if let Some((taken, _)) = builtin(&name) {
            return Err(Error::Invalid(format!(
                "{taken:?} is a built-in citation template; save yours under another name"
            )));
        }
        let conn = self.store().conn();
        let citation = Citation::parse(template, &store::attribute_keys(conn)?)?;
        let replaced = saved(conn, &name)?;
        let row = CitationRow {
            id: 0,
            guid: new_guid(),
            name,
            template: citation.template().to_owned(),
            created_at: now(),
        };
        let actor = self.actor().to_owned();
        self.store_mut().write_undoable(|tx| {
            if let Some(old) = &replaced {
                store::delete_citation(tx, old.id)?;
            }
            store::insert_citation(tx, &row)?;
            log::append(
                tx,
                &row.created_at,
                &actor,
                "save_citation",
                &row.guid,
                &serde_json::json!({
                    "name": row.name, "template": row.template,
                    "previous": replaced.as_ref().map(|r| &r.template),
                }),
            )?;
            Ok(())
        })?;
        Ok(row.into())
    }

    /// Deletes a saved template (by name, ignoring case) as one undoable step, logged
    /// `delete_citation`; returns it as it was. Built-in templates cannot be deleted.
    pub fn delete_citation_template(&mut self, name: &str) -> Result<SavedCitation> {
        let Some(row) = saved(self.store().conn(), name)? else {
            return Err(match builtin(name) {
                Some((n, _)) => Error::Invalid(format!(
                    "{n:?} is a built-in citation template and cannot be deleted"
                )),
                None => Error::Invalid(format!("no saved citation template named {name:?}")),
            });
        };
        let (at, actor) = (now(), self.actor().to_owned());
        self.store_mut().write_undoable(|tx| {
            store::delete_citation(tx, row.id)?;
            log::append(
                tx,
                &at,
                &actor,
                "delete_citation",
                &row.guid,
                &serde_json::json!({ "name": row.name, "template": row.template }),
            )?;
            Ok(())
        })?;
        Ok(row.into())
    }

    /// The template an export would use: a saved or built-in template by name (ignoring case),
    /// else `name_or_template` itself when it holds a field or `«…»`; with nothing chosen,
    /// [`DEFAULT`] when the project has a `rolle` attribute, else [`FALLBACK`]. Checked against
    /// the project (an unknown field fails, naming it), with the warnings for groups of fewer
    /// than three informants its fields single out.
    pub fn citation(&self, name_or_template: Option<&str>) -> Result<CitationCheck> {
        let conn = self.store().conn();
        let keys = store::attribute_keys(conn)?;
        let (name, template) = match name_or_template.map(str::trim) {
            None | Some("") if keys.contains("rolle") => (
                Some(DEFAULT.to_owned()),
                builtin(DEFAULT).expect("built in").1.to_owned(),
            ),
            None | Some("") => (None, FALLBACK.to_owned()),
            Some(text) => match (saved(conn, text)?, builtin(text)) {
                (Some(row), _) => (Some(row.name), row.template),
                (None, Some((n, t))) => (Some(n.to_owned()), t.to_owned()),
                (None, None) if text.contains('{') || text.contains('«') => {
                    (None, text.to_owned())
                }
                (None, None) => {
                    return Err(Error::Invalid(format!(
                        "no citation template named {text:?}: give the name of a saved or \
                         built-in template ({}) or a template with fields such as «…» ({{rolle}})",
                        BUILTIN
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            },
        };
        let citation = Citation::parse(&template, &keys)?;
        let warnings = warnings(conn, &citation)?;
        Ok(CitationCheck {
            name,
            citation,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn values<'a>(attributes: &'a BTreeMap<String, String>) -> CitationValues<'a> {
        CitationValues {
            informant: Some("a/IP1"),
            doc: "Intervju 3",
            turn: Some(12),
            time_ms: Some(3_723_000),
            attributes,
        }
    }

    #[test]
    fn fields_render_with_the_quote_in_guillemets_or_plain() {
        let attrs: BTreeMap<String, String> = [("rolle", "enhetsleder"), ("dato", "5.9.2024")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let c = Citation::parse(
            "«…» ({rolle}, {doc}, tur {turn}, {time}, {date:d/m yy}, {informant})",
            &keys(&["rolle", "dato"]),
        )
        .unwrap();
        // 3 723 000 ms = 1 h 2 min 3 s.
        assert_eq!(
            c.cite("Tillit", QuoteMarks::Guillemets, &values(&attrs)),
            "«Tillit» (enhetsleder, Intervju 3, tur 12, 01:02:03, 5/9 24, a/IP1)"
        );
        assert_eq!(
            c.cite("Tillit", QuoteMarks::Plain, &values(&attrs)),
            "Tillit (enhetsleder, Intervju 3, tur 12, 01:02:03, 5/9 24, a/IP1)"
        );
        assert_eq!(
            c.reference(&values(&attrs)),
            "(enhetsleder, Intervju 3, tur 12, 01:02:03, 5/9 24, a/IP1)"
        );
        assert_eq!(
            c.fields(),
            ["rolle", "doc", "turn", "time", "date:d/m yy", "informant"]
        );
    }

    #[test]
    fn builtins_and_missing_values() {
        let attrs = BTreeMap::new();
        let c = Citation::parse(BUILTIN[1].1, &keys(&["date"])).unwrap();
        assert_eq!(
            c.cite("Ja.", QuoteMarks::Guillemets, &values(&attrs)),
            "«Ja.» (Intervju –)"
        );
        // Without «…» the quote goes first.
        let c = Citation::parse("[{turn}]", &keys(&[])).unwrap();
        assert_eq!(
            c.cite("Ja.", QuoteMarks::Plain, &values(&attrs)),
            "Ja. [12]"
        );
        // Braces doubled are literal.
        let c = Citation::parse("«…» {{{turn}}}", &keys(&[])).unwrap();
        assert_eq!(c.cite("Ja", QuoteMarks::Plain, &values(&attrs)), "Ja {12}");
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = Citation::parse("«…» ({kommune})", &keys(&["rolle"])).unwrap_err();
        assert!(
            matches!(&err, Error::UnknownCitationField { field, .. } if field == "kommune"),
            "{err}"
        );
        assert!(err.to_string().contains("{kommune}"), "{err}");
        let err = Citation::parse("«…» ({tid:hh})", &keys(&[])).unwrap_err();
        assert!(err.to_string().contains("{tid:hh}"), "{err}");
        // {date} needs a date attribute.
        let err = Citation::parse("{date}", &keys(&["rolle"])).unwrap_err();
        assert!(err.to_string().contains("dato"), "{err}");
        assert!(Citation::parse("«…» ({rolle", &keys(&["rolle"])).is_err());
        assert!(Citation::parse("«…» }", &keys(&[])).is_err());
    }

    #[test]
    fn dates_read_norwegian_and_iso() {
        assert_eq!(parse_date("05.09.2024"), Some((2024, 9, 5)));
        assert_eq!(parse_date("5.9.24"), Some((2024, 9, 5)));
        assert_eq!(parse_date("2024-09-05"), Some((2024, 9, 5)));
        assert_eq!(parse_date("2024-09-05T10:00:00Z"), Some((2024, 9, 5)));
        assert_eq!(parse_date("31.02.2024"), None);
        assert_eq!(parse_date("høsten 2024"), None);
        assert_eq!(format_date("2024-09-05", "dd.mm.yy"), "05.09.24");
        assert_eq!(format_date("5.9.2024", "dd.mm.yyyy"), "05.09.2024");
        assert_eq!(format_date("høsten 2024", "dd.mm.yy"), "høsten 2024");
    }
}
