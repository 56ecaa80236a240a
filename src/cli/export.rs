//! `tolk export`, `tolk report`, `tolk citations`, `tolk translate`, `tolk omit` and the DOCX /
//! CSV side of `tolk codebook export|import`: export for papers.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::json;
use tolk::analysis::CooccurrenceMode;
use tolk::export::{
    CharRange, CitationWarning, ExportFormat, ExportOptions, QuoteMarks, ReportFormat,
    ReportOptions, SavedCitation,
};
use tolk::Project;

use super::query::ExcerptArgs;

/// `tolk export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub query: ExcerptArgs,
    /// docx, xlsx, csv, md or html (default: from the output file's extension).
    #[arg(long, value_parser = ["docx", "xlsx", "csv", "md", "html"])]
    pub format: Option<String>,
    /// The file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// A saved or built-in citation template's name (anonym, rolle-dato), or a template such as
    /// "«…» ({rolle}, {kommune})". Default: anonym when the project has a rolle attribute, else
    /// "«…» ({informant})".
    #[arg(long, value_name = "NAME|TEMPLATE")]
    pub citation: Option<String>,
    /// How quotes are marked: «guillemets» or plain (the quotation style alone).
    #[arg(long, value_parser = ["guillemets", "plain"], default_value = "guillemets")]
    pub quotes: String,
    /// The CSV delimiter (default ;): one ASCII character, or "tab".
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `tolk report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    pub project: PathBuf,
    /// One theme (key, GUID or path); default: every theme with excerpts (the top-level codes).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// docx or html (default: from the output file's extension).
    #[arg(long, value_parser = ["docx", "html"])]
    pub format: Option<String>,
    /// The file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Count each theme without its sub-codes.
    #[arg(long)]
    pub no_subcodes: bool,
    /// Break each theme's prevalence down by this attribute (with a chart).
    #[arg(long, value_name = "ATTRIBUTE")]
    pub by: Option<String>,
    /// Co-occurrence over turns or over overlapping codings.
    #[arg(long, value_parser = ["turns", "overlap"], default_value = "turns")]
    pub mode: String,
    /// Limit the report to informants and codings where these hold.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Representative quotes per theme.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub quotes: usize,
    /// A citation template's name or a template (as for `tolk export`).
    #[arg(long, value_name = "NAME|TEMPLATE")]
    pub citation: Option<String>,
    /// How quotes are marked: «guillemets» or plain.
    #[arg(long, value_parser = ["guillemets", "plain"], default_value = "guillemets")]
    pub marks: String,
    #[arg(long)]
    pub json: bool,
}

/// `tolk citations`.
#[derive(clap::Args)]
pub struct CitationsArgs {
    pub project: PathBuf,
    #[command(subcommand)]
    pub action: Option<CitationsAction>,
    /// JSON output (before or after the action).
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(clap::Subcommand)]
pub enum CitationsAction {
    /// Save a template under a name (a saved template of that name is replaced).
    Save { name: String, template: String },
    /// Delete a saved template.
    Delete { name: String },
    /// Check a template (by name or as written): its fields, and which combinations of their
    /// values fewer than three informants share.
    Check { template: String },
}

/// `tolk translate`.
#[derive(clap::Args)]
pub struct TranslateArgs {
    pub project: PathBuf,
    /// The coding's GUID (`tolk codes codings CODE` lists them).
    #[arg(long, value_name = "GUID")]
    pub coding: String,
    /// The English translation ("" removes it); without --text, shows it.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `tolk omit`.
#[derive(clap::Args)]
pub struct OmitArgs {
    pub project: PathBuf,
    /// The coding's GUID.
    #[arg(long, value_name = "GUID")]
    pub coding: String,
    /// Leave chars START..END (document offsets, end exclusive, inside the coding) out of the
    /// quote; exports show «(…)» there. Adds to the ranges already left out.
    #[arg(num_args = 2, value_names = ["START", "END"], conflicts_with = "clear")]
    pub range: Option<Vec<usize>>,
    /// Put back everything left out.
    #[arg(long)]
    pub clear: bool,
    #[arg(long)]
    pub json: bool,
}

fn print_json(value: &serde_json::Value) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn warnings_json(warnings: &[CitationWarning]) -> serde_json::Value {
    json!(warnings
        .iter()
        .map(|w| json!({
            "values": w.values.iter().map(|(f, v)| json!({"field": f, "value": v})).collect::<Vec<_>>(),
            "informants": w.informants,
        }))
        .collect::<Vec<_>>())
}

/// The k-anonymity warnings on stderr.
fn warn(template: &str, warnings: &[CitationWarning]) {
    if warnings.is_empty() {
        return;
    }
    eprintln!(
        "warning: the citation {template:?} singles out fewer than three informants; readers \
         may recognise who said what:"
    );
    for w in warnings {
        eprintln!("  {}", w.describe());
    }
}

fn delimiter(text: &str) -> Result<u8> {
    if text.eq_ignore_ascii_case("tab") || text == "\\t" {
        return Ok(b'\t');
    }
    match text.as_bytes() {
        [b] if b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'"' => Ok(*b),
        _ => bail!("--delimiter takes one punctuation character (such as , or ;) or \"tab\""),
    }
}

/// `tolk export`.
pub fn export(args: ExportArgs) -> Result<()> {
    let format = match &args.format {
        Some(f) => ExportFormat::parse(f).expect("clap allows only known formats"),
        None => ExportFormat::from_path(&args.output).with_context(|| {
            format!(
                "give --format docx|xlsx|csv|md|html (the extension of {} names none)",
                args.output.display()
            )
        })?,
    };
    let options = ExportOptions {
        citation: args.citation.clone(),
        quotes: QuoteMarks::parse(&args.quotes).expect("clap allows only known marks"),
        delimiter: args.delimiter.as_deref().map(delimiter).transpose()?,
    };
    let project = args.query.project.clone();
    let query = args.query.query("export")?;
    let p = Project::open(&project)?;
    let outcome = p.export_excerpts(&query, format, &options, &args.output);
    p.close()?;
    let outcome = outcome?;
    warn(&outcome.citation, &outcome.warnings);
    if args.json {
        return print_json(&json!({
            "file": args.output, "format": outcome.format, "excerpts": outcome.excerpts,
            "codes": outcome.codes, "citation": outcome.citation,
            "citation_name": outcome.citation_name,
            "warnings": warnings_json(&outcome.warnings),
        }));
    }
    println!(
        "exported {} excerpts of {} codes to {} ({}), cited as {}",
        outcome.excerpts,
        outcome.codes,
        args.output.display(),
        outcome.format.as_str(),
        outcome.citation
    );
    Ok(())
}

/// `tolk report`.
pub fn report(args: ReportArgs) -> Result<()> {
    let format = match &args.format {
        Some(f) => ReportFormat::parse(f).expect("clap allows only known formats"),
        None => args
            .output
            .extension()
            .and_then(|e| ReportFormat::parse(&e.to_string_lossy()))
            .with_context(|| {
                format!(
                    "give --format docx|html (the extension of {} names neither)",
                    args.output.display()
                )
            })?,
    };
    let options = ReportOptions {
        code: args.code.clone(),
        subcodes: !args.no_subcodes,
        by: args.by.clone(),
        mode: CooccurrenceMode::parse(&args.mode).expect("clap allows only known modes"),
        scope: args.filters.clone(),
        quotes: args.quotes,
        export: ExportOptions {
            citation: args.citation.clone(),
            quotes: QuoteMarks::parse(&args.marks).expect("clap allows only known marks"),
            delimiter: None,
        },
    };
    let p = Project::open(&args.project)?;
    let outcome = p.export_report(&options, format, &args.output);
    p.close()?;
    let outcome = outcome?;
    warn(&outcome.citation, &outcome.warnings);
    if args.json {
        return print_json(&json!({
            "file": args.output, "format": outcome.format, "themes": outcome.themes,
            "charts": outcome.charts, "quotes": outcome.quotes, "citation": outcome.citation,
            "citation_name": outcome.citation_name,
            "warnings": warnings_json(&outcome.warnings),
        }));
    }
    println!(
        "wrote a report on {} themes ({} charts, {} quotes) to {} ({}), cited as {}",
        outcome.themes.len(),
        outcome.charts,
        outcome.quotes,
        args.output.display(),
        outcome.format.as_str(),
        outcome.citation
    );
    Ok(())
}

fn citation_json(c: &SavedCitation) -> serde_json::Value {
    json!({ "name": c.name, "template": c.template, "builtin": c.builtin })
}

/// `tolk citations`.
pub fn citations(args: CitationsArgs) -> Result<()> {
    let mut p = Project::open(&args.project)?;
    let result = citations_action(&mut p, args.action, args.json);
    p.close()?;
    result
}

fn citations_action(p: &mut Project, action: Option<CitationsAction>, json: bool) -> Result<()> {
    match action {
        None => {
            let list = p.citation_templates()?;
            if json {
                return print_json(&json!(list.iter().map(citation_json).collect::<Vec<_>>()));
            }
            for c in &list {
                let builtin = if c.builtin { "  (built in)" } else { "" };
                println!("{}: {}{builtin}", c.name, c.template);
            }
        }
        Some(CitationsAction::Save { name, template }) => {
            let saved = p.save_citation_template(&name, &template)?;
            let check = p.citation(Some(&saved.name))?;
            warn(&saved.template, &check.warnings);
            if json {
                return print_json(&citation_json(&saved));
            }
            println!("saved citation {:?}: {}", saved.name, saved.template);
        }
        Some(CitationsAction::Delete { name }) => {
            let gone = p.delete_citation_template(&name)?;
            if json {
                return print_json(&citation_json(&gone));
            }
            println!("deleted citation {:?}: {}", gone.name, gone.template);
        }
        Some(CitationsAction::Check { template }) => {
            let check = p.citation(Some(&template))?;
            let t = check.citation.template().to_owned();
            if json {
                return print_json(&json!({
                    "name": check.name, "template": t, "fields": check.citation.fields(),
                    "warnings": warnings_json(&check.warnings),
                }));
            }
            println!("{t}: fields {}", check.citation.fields().join(", "));
            if check.warnings.is_empty() {
                println!("every combination of its values is shared by three informants or more");
            }
            warn(&t, &check.warnings);
        }
    }
    Ok(())
}

/// `tolk translate`.
pub fn translate(args: TranslateArgs) -> Result<()> {
    let mut p = Project::open(&args.project)?;
    let result = match &args.text {
        Some(text) => p.set_translation(&args.coding, text),
        None => p.coding_notes(&args.coding).map(|n| n.translation),
    };
    p.close()?;
    let translation = result?;
    if args.json {
        return print_json(&json!({ "coding": args.coding, "translation": translation }));
    }
    match (&args.text, translation) {
        (Some(_), Some(_)) => println!("saved the translation of coding {}", args.coding),
        (Some(_), None) => println!("coding {} has no translation now", args.coding),
        (None, Some(t)) => println!("{t}"),
        (None, None) => println!("coding {} has no translation", args.coding),
    }
    Ok(())
}

/// `tolk omit`.
pub fn omit(args: OmitArgs) -> Result<()> {
    let mut p = Project::open(&args.project)?;
    let result = (|| {
        let mut ranges = p.coding_notes(&args.coding)?.omissions;
        match (&args.range, args.clear) {
            (Some(r), _) => ranges.push(CharRange::new(r[0], r[1])),
            (None, true) => ranges.clear(),
            (None, false) => return Ok(ranges),
        }
        p.set_omissions(&args.coding, &ranges)
    })();
    p.close()?;
    let ranges = result?;
    if args.json {
        return print_json(&json!({ "coding": args.coding, "omissions": ranges }));
    }
    if ranges.is_empty() {
        println!("nothing of coding {} is left out", args.coding);
    } else {
        let list: Vec<String> = ranges
            .iter()
            .map(|r| format!("{}..{}", r.start_char, r.end_char))
            .collect();
        println!("left out of coding {}: {}", args.coding, list.join(", "));
    }
    Ok(())
}

fn extension(file: &Path) -> String {
    file.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// `tolk codebook PROJECT export FILE`: DOCX, CSV or (any other extension) JSON. Returns how
/// many codes were written.
pub fn export_codebook(p: &Project, file: &Path) -> Result<usize> {
    Ok(match extension(file).as_str() {
        "docx" => p.export_codebook_docx(file)?,
        "csv" => p.export_codebook_csv(file)?,
        _ => p.export_codebook_json(file)?,
    })
}

/// Whether `tolk codebook PROJECT import FILE` reads CSV.
pub fn is_csv(file: &Path) -> bool {
    extension(file) == "csv"
}

/// `tolk codebook PROJECT import FILE.csv`.
pub fn import_codebook_csv(mut p: Project, file: &Path) -> Result<()> {
    let report = p.import_codebook_csv(file);
    p.close()?;
    let report = report?;
    println!(
        "{}: created {} codes, updated {}, {} unchanged",
        file.display(),
        report.created.len(),
        report.updated.len(),
        report.unchanged
    );
    for path in &report.created {
        println!("  created {path:?}");
    }
    for (path, fields) in &report.updated {
        println!("  updated {path:?}: {}", fields.join(", "));
    }
    Ok(())
}
