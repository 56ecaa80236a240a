//! `tolk summary`, `matrix`, `cooccurrence`, `frequencies`, `quotes` and `framework`: thematic
//! analysis from the command line. Human output in Norwegian form («5 av 7 informanter», decimal
//! comma), `--json` as the core's structs serialise (snake_case), CSV as UTF-8 with a BOM and `;`
//! (what a Norwegian Excel opens as it is), `--md` for a report.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

use tolk::analysis::numbers::{decimal, percent, thousands};
use tolk::analysis::{
    Columns, CooccurrenceMode, Matrix, MatrixMeasure, MatrixOptions, SummaryOptions, ThemeSummary,
};
use tolk::Project;

fn open(path: &Path) -> Result<Project> {
    Ok(Project::open(path)?)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Rows as CSV (`csv`) or as tab-separated lines.
fn print_rows(rows: &[Vec<String>], csv: bool) -> Result<()> {
    if csv {
        return print_csv(rows);
    }
    for line in rows {
        println!("{}", line.join("\t"));
    }
    Ok(())
}

/// Rows as CSV: UTF-8 with a byte-order mark, `;`-separated.
fn print_csv(rows: &[Vec<String>]) -> Result<()> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        out.write_record(row)?;
    }
    print!("\u{feff}{}", String::from_utf8(out.into_inner()?)?);
    Ok(())
}

fn parse_mode(text: &str) -> Result<CooccurrenceMode, String> {
    CooccurrenceMode::parse(text).ok_or_else(|| format!("{text:?}: give turns or overlap"))
}

/// `tolk summary`: a theme's summary.
#[derive(Args)]
pub struct SummaryArgs {
    project: PathBuf,
    /// The code (a key, a GUID or a path).
    #[arg(long, value_name = "CODE")]
    code: String,
    /// Break prevalence down by this attribute (the informant's value, else the document's;
    /// doc.NAME or inf.NAME picks one).
    #[arg(long, value_name = "ATTRIBUTE")]
    by: Option<String>,
    /// Count the code's sub-codes as the theme too.
    #[arg(long)]
    subcodes: bool,
    /// Co-occurrence over turns or over overlapping codings.
    #[arg(long, value_parser = parse_mode, default_value = "turns")]
    mode: CooccurrenceMode,
    /// Limit the scope: KEY=VALUE (doc.KEY= / inf.KEY= pick the level; KEY= means no value).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    scope: Vec<String>,
    /// How many representative quotes.
    #[arg(long, value_name = "N", default_value_t = 5)]
    quotes: usize,
    #[arg(long, conflicts_with = "md")]
    json: bool,
    /// As Markdown, for a report.
    #[arg(long)]
    md: bool,
}

pub fn summary(args: SummaryArgs) -> Result<()> {
    let p = open(&args.project)?;
    let summary = p.theme_summary(&SummaryOptions {
        code: args.code,
        subcodes: args.subcodes,
        by: args.by,
        mode: args.mode,
        scope: args.scope,
        quotes: args.quotes,
    })?;
    p.close()?;
    if args.json {
        return print_json(&summary);
    }
    print!("{}", summary_text(&summary, args.md));
    Ok(())
}

/// The summary as text: Markdown headings and tables with `md`, plain lines without.
fn summary_text(s: &ThemeSummary, md: bool) -> String {
    let mut out = String::new();
    let heading = |out: &mut String, text: &str| {
        if md {
            out.push_str(&format!("\n## {text}\n\n"));
        } else {
            out.push_str(&format!("\n{text}\n"));
        }
    };
    let item = |out: &mut String, text: &str| {
        out.push_str(if md { "- " } else { "  " });
        out.push_str(text);
        out.push('\n');
    };
    let title = format!(
        "{} {}{}",
        s.code.label,
        s.code.name,
        if s.subcodes { " (med underkoder)" } else { "" }
    );
    out.push_str(&if md {
        format!("# {title}\n")
    } else {
        format!("{title}\n")
    });
    if !s.scope.is_empty() {
        out.push_str(&format!("Utvalg: {}\n", s.scope.join(", ")));
    }
    if !s.definition.is_empty() {
        out.push_str(&format!("\n{}\n", s.definition));
    }
    if let Some(memo) = &s.memo {
        heading(&mut out, "Memo");
        out.push_str(memo);
        out.push('\n');
    }
    heading(&mut out, "Utbredelse");
    item(
        &mut out,
        &format!(
            "{} utdrag i {} av {} dokumenter, fra {}",
            thousands(s.excerpts),
            thousands(s.documents),
            thousands(s.documents_total),
            s.phrase
        ),
    );
    let words: usize = s.coded_share.iter().map(|d| d.informant_words).sum();
    let coded: usize = s.coded_share.iter().map(|d| d.coded_words).sum();
    item(
        &mut out,
        &format!(
            "{} av informantenes ord kodet ({} av {})",
            percent(if words == 0 {
                0.0
            } else {
                coded as f64 / words as f64
            }),
            thousands(coded),
            thousands(words)
        ),
    );
    if let Some(by) = &s.by {
        heading(&mut out, &format!("Etter {by}"));
        for g in &s.groups {
            item(
                &mut out,
                &format!(
                    "{}: {} ({} utdrag)",
                    g.label,
                    g.phrase,
                    thousands(g.excerpts)
                ),
            );
        }
    }
    heading(&mut out, "Forekommer sammen med");
    if s.cooccurring.is_empty() {
        item(&mut out, "(ingen)");
    }
    for c in s.cooccurring.iter().take(10) {
        let unit = match (s.cooccurrence_mode, c.count) {
            (CooccurrenceMode::Turns, 1) => "tur",
            (CooccurrenceMode::Turns, _) => "turer",
            (CooccurrenceMode::Overlap, _) => "overlapp",
        };
        item(
            &mut out,
            &format!(
                "{} {}: {} {unit}, Jaccard {}",
                c.code.label,
                c.code.name,
                thousands(c.count),
                decimal(c.jaccard, 2)
            ),
        );
    }
    heading(&mut out, "Typiske ord (G²)");
    if s.distinctive_words.is_empty() {
        item(&mut out, "(ingen)");
    }
    for w in s.distinctive_words.iter().take(15) {
        item(
            &mut out,
            &format!(
                "{}: {} ganger (ellers {}), G² {}",
                w.word,
                thousands(w.count),
                thousands(w.other_count),
                decimal(w.g2, 1)
            ),
        );
    }
    heading(&mut out, "Sitater");
    for q in &s.quotes {
        let who = q.informant.as_deref().unwrap_or("?");
        let place = match q.turn {
            Some(n) => format!("{}, tur {n}", q.document),
            None => q.document.clone(),
        };
        let text = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if md {
            out.push_str(&format!(
                "> «{text}» ({who}, {place}){}\n\n",
                if q.pinned { " 📌" } else { "" }
            ));
        } else {
            item(
                &mut out,
                &format!(
                    "«{text}» ({who}, {place}){} [{}]",
                    if q.pinned { " festet" } else { "" },
                    q.coding
                ),
            );
        }
    }
    out
}

/// `tolk matrix`: codes × documents or × an attribute's values.
#[derive(Args)]
pub struct MatrixArgs {
    project: PathBuf,
    /// The rows (only `codes`).
    #[arg(long, value_parser = ["codes"], default_value = "codes")]
    rows: String,
    /// The columns: documents, or attribute:NAME.
    #[arg(long, value_name = "documents|attribute:NAME")]
    cols: String,
    /// What each cell counts.
    #[arg(long, value_parser = ["excerpts", "informants"], default_value = "excerpts")]
    measure: String,
    /// Only these codes, in this order (default: every code).
    #[arg(long = "code", value_name = "CODE")]
    codes: Vec<String>,
    /// Count each code with its sub-codes.
    #[arg(long)]
    subcodes: bool,
    /// Limit the scope: KEY=VALUE.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    scope: Vec<String>,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub fn matrix(args: MatrixArgs) -> Result<()> {
    let Some(columns) = Columns::parse(&args.cols) else {
        bail!("--cols {:?}: give documents or attribute:NAME", args.cols);
    };
    let measure = MatrixMeasure::parse(&args.measure).expect("clap checked it");
    let p = open(&args.project)?;
    let m = p.code_matrix(&MatrixOptions {
        codes: args.codes,
        subcodes: args.subcodes,
        columns,
        measure,
        scope: args.scope,
    })?;
    p.close()?;
    print_matrix(&m, args.json, args.csv)
}

fn print_matrix(m: &Matrix, json: bool, csv: bool) -> Result<()> {
    if json {
        return print_json(m);
    }
    let mut rows = Vec::with_capacity(m.rows.len() + 2);
    let mut header = vec!["kode".to_owned(), "navn".to_owned()];
    header.extend(m.cols.iter().map(|c| c.label.clone()));
    header.push("totalt".to_owned());
    rows.push(header);
    for (row, cells) in m.rows.iter().zip(&m.cells) {
        let mut line = vec![row.code.label.clone(), row.code.name.clone()];
        line.extend(cells.iter().map(|c| c.count.to_string()));
        line.push(row.total.to_string());
        rows.push(line);
    }
    let mut footer = vec!["totalt".to_owned(), String::new()];
    footer.extend(m.cols.iter().map(|c| c.total.to_string()));
    rows.push(footer);
    print_rows(&rows, csv)
}

/// `tolk cooccurrence`: the code × code co-occurrence matrix.
#[derive(Args)]
pub struct CooccurrenceArgs {
    project: PathBuf,
    /// Over turns or over overlapping codings.
    #[arg(long, value_parser = parse_mode, default_value = "turns")]
    mode: CooccurrenceMode,
    /// Pairs that co-occur, one per line (code A; code B; count; Jaccard), as CSV.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub fn cooccurrence(args: CooccurrenceArgs) -> Result<()> {
    let p = open(&args.project)?;
    let m = p.cooccurrence_matrix(args.mode)?;
    p.close()?;
    if args.json {
        return print_json(&m);
    }
    let mut rows = vec![vec![
        "kode_a".to_owned(),
        "navn_a".to_owned(),
        "kode_b".to_owned(),
        "navn_b".to_owned(),
        "antall".to_owned(),
        "jaccard".to_owned(),
    ]];
    for (i, a) in m.rows.iter().enumerate() {
        for (j, b) in m.rows.iter().enumerate().skip(i + 1) {
            let cell = &m.cells[i][j];
            if cell.count > 0 {
                rows.push(vec![
                    a.code.label.clone(),
                    a.code.name.clone(),
                    b.code.label.clone(),
                    b.code.name.clone(),
                    cell.count.to_string(),
                    decimal(cell.jaccard.unwrap_or(0.0), 4),
                ]);
            }
        }
    }
    print_rows(&rows, args.csv)
}

/// `tolk frequencies`: every code's excerpts, documents and informants.
#[derive(Args)]
pub struct FrequenciesArgs {
    project: PathBuf,
    /// Count each code with its sub-codes.
    #[arg(long)]
    subcodes: bool,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub fn frequencies(args: FrequenciesArgs) -> Result<()> {
    let p = open(&args.project)?;
    let list = p.code_frequencies(args.subcodes)?;
    p.close()?;
    if args.json {
        return print_json(&list);
    }
    let mut rows = vec![["kode", "navn", "utdrag", "dokumenter", "informanter"]
        .map(str::to_owned)
        .to_vec()];
    for f in &list {
        rows.push(vec![
            f.code.label.clone(),
            format!(
                "{}{}",
                "  ".repeat(if args.csv { 0 } else { f.code.depth }),
                f.code.name
            ),
            f.excerpts.to_string(),
            f.documents.to_string(),
            f.informants.to_string(),
        ]);
    }
    print_rows(&rows, args.csv)
}

/// `tolk quotes`: a theme's representative quotes, or pin, unpin or exclude one.
#[derive(Args)]
pub struct QuotesArgs {
    project: PathBuf,
    /// The code (a key, a GUID or a path) whose quotes these are.
    #[arg(long, value_name = "CODE")]
    code: String,
    /// With no action: list the quotes counting the code's sub-codes too.
    #[arg(long)]
    subcodes: bool,
    #[command(subcommand)]
    action: Option<QuoteAction>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum QuoteAction {
    /// Pin a quote (a coding GUID, as the quote list shows) to the top.
    Pin { coding: String },
    /// Drop a pin or an exclusion.
    Unpin { coding: String },
    /// Keep a quote out (the next one takes its place).
    Exclude { coding: String },
}

pub fn quotes(args: QuotesArgs) -> Result<()> {
    let mut p = open(&args.project)?;
    let done = match &args.action {
        Some(QuoteAction::Pin { coding }) => {
            p.pin_quote(&args.code, coding)?;
            Some(format!("pinned {coding}"))
        }
        Some(QuoteAction::Exclude { coding }) => {
            p.exclude_quote(&args.code, coding)?;
            Some(format!("excluded {coding}"))
        }
        Some(QuoteAction::Unpin { coding }) => Some(if p.unpin_quote(&args.code, coding)? {
            format!("unpinned {coding}")
        } else {
            format!("{coding} was neither pinned nor excluded")
        }),
        None => None,
    };
    if let Some(message) = done {
        p.close()?;
        println!("{message}");
        return Ok(());
    }
    let summary = p.theme_summary(&SummaryOptions {
        code: args.code.clone(),
        subcodes: args.subcodes,
        ..SummaryOptions::default()
    })?;
    let choices = p.quote_choices(&args.code)?;
    p.close()?;
    if args.json {
        return print_json(&serde_json::json!({
            "quotes": summary.quotes, "choices": choices,
        }));
    }
    for q in &summary.quotes {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            q.coding,
            if q.pinned {
                "festet".to_owned()
            } else {
                decimal(q.score, 3)
            },
            q.informant.as_deref().unwrap_or("?"),
            q.document,
            q.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    let excluded = choices
        .iter()
        .filter(|c| c.choice == tolk::analysis::QuoteChoice::Excluded)
        .count();
    if excluded > 0 {
        println!("({excluded} utelatt)");
    }
    Ok(())
}

/// `tolk framework`: the informants × themes matrix, or set one cell.
#[derive(Args)]
pub struct FrameworkArgs {
    project: PathBuf,
    /// The themes, in this order (default: the top-level codes).
    #[arg(long = "code", value_name = "CODE")]
    codes: Vec<String>,
    #[command(subcommand)]
    action: Option<FrameworkAction>,
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    #[arg(long)]
    csv: bool,
}

#[derive(Subcommand)]
enum FrameworkAction {
    /// Write what INFORMANT says about CODE ("" clears the cell).
    Set {
        informant: String,
        code: String,
        text: String,
    },
}

pub fn framework(args: FrameworkArgs) -> Result<()> {
    let mut p = open(&args.project)?;
    if let Some(FrameworkAction::Set {
        informant,
        code,
        text,
    }) = &args.action
    {
        p.set_framework_cell(informant, code, text)?;
        p.close()?;
        println!("saved the cell {informant} × {code}");
        return Ok(());
    }
    let m = p.framework_matrix(&args.codes)?;
    p.close()?;
    if args.json {
        return print_json(&m);
    }
    let mut header = vec!["informant".to_owned()];
    for c in &m.codes {
        header.push(format!("{} {}", c.label, c.name));
        header.push(format!("{} (utdrag)", c.label));
    }
    let mut rows = vec![header];
    for r in &m.rows {
        let mut line = vec![r.informant.clone()];
        for cell in &r.cells {
            line.push(cell.text.clone().unwrap_or_default());
            line.push(cell.excerpts.to_string());
        }
        rows.push(line);
    }
    if args.csv {
        return print_csv(&rows);
    }
    for r in &m.rows {
        println!("{}", r.informant);
        for (c, cell) in m.codes.iter().zip(&r.cells) {
            if cell.excerpts > 0 || cell.text.is_some() {
                println!(
                    "  {} {}: {} utdrag{}",
                    c.label,
                    c.name,
                    cell.excerpts,
                    cell.text
                        .as_deref()
                        .map(|t| format!(" — {t}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
