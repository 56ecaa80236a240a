//! The `tolk` command line: every project operation, human-readable by default and `--json` for
//! scripts. Glue only: parsing arguments, calling [`tolk::Project`], printing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use serde::Serialize;
use serde_json::json;

use tolk::codebook::{CodeBlock, CodeSummary};
use tolk::language::Language;
use tolk::project::{DeleteSummary, DocumentView, ImportReport, SpeakerRole};
use tolk::turns::SpeakerPattern;
use tolk::{ImportOptions, Project};

mod cli;

#[derive(Parser)]
#[command(name = "tolk", version, about = "Code interview transcripts offline")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project file, empty or with a built-in codebook.
    New {
        project: PathBuf,
        /// Start with a built-in codebook: bentzen (the Bentzen trust codebook) or none.
        #[arg(long, value_name = "NAME", default_value = "none", value_parser = ["bentzen", "none"])]
        codebook: String,
    },
    /// Import transcripts (.txt .md .docx .odt .vtt .srt), files or folders.
    Import {
        project: PathBuf,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A regex with a named group `speaker` (and optionally `time`) that starts each turn.
        #[arg(long, value_name = "REGEX")]
        speaker_pattern: Option<String>,
        /// The documents' language instead of a guess: nb, nn, da, sv or en.
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
        #[arg(long)]
        json: bool,
    },
    /// List the documents, or rename or delete one.
    Docs {
        project: PathBuf,
        #[command(subcommand)]
        action: Option<DocsAction>,
        #[arg(long)]
        json: bool,
    },
    /// Show a document's turns.
    Show {
        project: PathBuf,
        /// Document name or GUID.
        document: String,
        #[arg(long)]
        json: bool,
    },
    /// Set document or informant attributes, one by one or from a CSV file.
    Attributes {
        project: PathBuf,
        /// A CSV whose first column names documents (or with an `informant` column).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["set", "set_informant"])]
        csv: Option<PathBuf>,
        /// Set a document attribute.
        #[arg(long, num_args = 2, value_names = ["DOCUMENT", "KEY=VALUE"])]
        set: Option<Vec<String>>,
        /// Set an informant attribute.
        #[arg(long, num_args = 2, value_names = ["INFORMANT", "KEY=VALUE"])]
        set_informant: Option<Vec<String>>,
        #[arg(long)]
        json: bool,
    },
    /// List informants, or merge two of them.
    Informants {
        project: PathBuf,
        #[command(subcommand)]
        action: Option<InformantAction>,
        #[arg(long)]
        json: bool,
    },
    /// Rename, merge or mark the speakers of a document.
    Speakers {
        project: PathBuf,
        document: String,
        #[command(subcommand)]
        action: SpeakerAction,
    },
    /// Recognise a document's turns again, with another speaker pattern or the built-in rules.
    Redetect {
        project: PathBuf,
        document: String,
        #[arg(long, value_name = "REGEX")]
        speaker_pattern: Option<String>,
    },
    /// Code a span (--start and --end, char offsets, end exclusive) or a whole turn (--turn) of
    /// a document with a code (a key, a GUID or a path).
    Code {
        project: PathBuf,
        /// Document name or GUID.
        document: String,
        #[arg(long, value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "N", requires = "end", conflicts_with = "turn")]
        start: Option<usize>,
        #[arg(long, value_name = "N", requires = "start")]
        end: Option<usize>,
        /// Code the words of this turn (numbered from 1).
        #[arg(long, value_name = "N", required_unless_present = "start")]
        turn: Option<u32>,
        /// Who codes (default: the OS user name).
        #[arg(long, value_name = "NAME")]
        coder: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a coding: by GUID (--coding), or by document, code and span.
    Uncode {
        project: PathBuf,
        /// Document name or GUID.
        #[arg(required_unless_present = "coding")]
        document: Option<String>,
        #[arg(long, value_name = "GUID", conflicts_with_all = ["document", "code", "start", "end", "coder"])]
        coding: Option<String>,
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        #[arg(long, value_name = "N")]
        start: Option<usize>,
        #[arg(long, value_name = "N")]
        end: Option<usize>,
        /// Whose coding (default: the OS user name).
        #[arg(long, value_name = "NAME")]
        coder: Option<String>,
    },
    /// Coded excerpts: the codings of --code, combined left to right with --or, --and,
    /// --overlapping, --same-turn and --not (in the order given), after the filters.
    Excerpts {
        #[command(flatten)]
        query: cli::query::ExcerptArgs,
        #[arg(long)]
        json: bool,
    },
    /// List the codebook as a tree with coding counts, add a built-in codebook, or import or
    /// export a codebook JSON file.
    Codebook {
        project: PathBuf,
        #[command(subcommand)]
        action: Option<CodebookAction>,
        #[arg(long)]
        json: bool,
    },
    /// List the codes as a tree, or create, rename, recolour, move, hide, show, delete, merge,
    /// split or edit one.
    /// CODE is a key (T06.4), a GUID, or a path of names from the top (Parent/Child, with \/ for
    /// a / inside a name).
    Codes {
        project: PathBuf,
        #[command(subcommand)]
        action: Option<CodesAction>,
        #[arg(long)]
        json: bool,
    },
    /// Search the transcripts: words find their inflected forms and the compounds they are part
    /// of; "phrases", AND, OR, NOT, +word, -word, wildcards (* and ?), NEAR/n, =exact,
    /// speaker:LABEL, code:CODE and KEY=VALUE work inside the query (see the README).
    Search {
        project: PathBuf,
        query: String,
        /// Only hits inside codings of CODE or its sub-codes (quotes by theme).
        #[arg(long, value_name = "CODE", conflicts_with = "uncoded")]
        code: Option<String>,
        /// Only hits in text no coder (or --coder) has coded.
        #[arg(long)]
        uncoded: bool,
        /// The coder whose codings --code and --uncoded look at (default: all coders), and
        /// who --code-hits codes as (default: the current coder).
        #[arg(long, value_name = "NAME")]
        coder: Option<String>,
        /// An attribute filter (several must all hold); doc.KEY= or inf.KEY= picks the level.
        #[arg(long = "where", value_name = "KEY=VALUE")]
        filters: Vec<String>,
        /// How many hits to list; the counts are always complete.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Code every hit (all of them, not only the listed ones) with CODE, in one undoable
        /// step; spans already coded with CODE are left as they are.
        #[arg(long, value_name = "CODE")]
        code_hits: Option<String>,
        /// What --code-hits codes around each hit: its turn, its sentence or just the match.
        #[arg(long, value_parser = ["turn", "sentence", "match"], default_value = "turn",
              requires = "code_hits")]
        extent: String,
        #[arg(long)]
        json: bool,
    },
    /// List the saved searches, or save or delete one.
    Searches {
        project: PathBuf,
        #[command(subcommand)]
        action: Option<SearchesAction>,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the project file (it is derived data, kept in the cache
    /// directory, TOLK_CACHE_DIR).
    Reindex {
        project: PathBuf,
    },
    /// Undo the newest coding, codebook, memo, attribute or informant change.
    Undo {
        project: PathBuf,
    },
    /// Redo the newest undone change.
    Redo {
        project: PathBuf,
    },
    /// The project's history (the audit trail): every change, who made it and when, oldest
    /// first.
    History {
        project: PathBuf,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// As CSV (UTF-8 with BOM, `;`-separated), as the app exports it.
        #[arg(long)]
        csv: bool,
    },
    /// Show or set the memo on the project, a document, a code or a coding. --set with empty
    /// text deletes the memo.
    Memo {
        project: PathBuf,
        #[command(flatten)]
        target: MemoTargetArgs,
        /// Replace the memo's text ("" deletes the memo).
        #[arg(long, value_name = "TEXT")]
        set: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export coded excerpts (the same codes, operators and filters as `excerpts`) for a paper:
    /// DOCX, XLSX, CSV, Markdown or HTML, each quote with its citation.
    Export(cli::export::ExportArgs),
    /// A theme report for an appendix (DOCX or HTML): one theme or all, with summary figures,
    /// charts, representative quotes with citations and memos.
    Report(cli::export::ReportArgs),
    /// List the citation templates, or save, delete or check one.
    Citations(cli::export::CitationsArgs),
    /// Show or set a coding's English translation, exported beside the original.
    Translate(cli::export::TranslateArgs),
    /// Leave a part of a coding out of its quote (exports show «(…)»), or put it all back.
    Omit(cli::export::OmitArgs),
    /// List the memos (filtered by kind or text), or export them all as Markdown.
    Memos {
        project: PathBuf,
        #[arg(long, value_parser = ["project", "document", "code", "coding"])]
        kind: Option<String>,
        /// Only memos containing this text (ignoring case).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Export every memo as Markdown (to stdout, or to -o FILE).
        #[arg(long, conflicts_with_all = ["kind", "search", "json"])]
        markdown: bool,
        /// Where --markdown writes.
        #[arg(short, long, value_name = "FILE", requires = "markdown")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// A theme's summary: prevalence («5 av 7 informanter»), breakdown by an attribute,
    /// co-occurring codes, distinctive words and representative quotes.
    Summary(cli::analysis::SummaryArgs),
    /// Codes × documents or × an attribute's values, counted in excerpts or informants.
    Matrix(cli::analysis::MatrixArgs),
    /// The code × code co-occurrence matrix (over turns or overlapping codings).
    Cooccurrence(cli::analysis::CooccurrenceArgs),
    /// Every code's excerpts, documents and informants.
    Frequencies(cli::analysis::FrequenciesArgs),
    /// A theme's representative quotes; pin, unpin or exclude one.
    Quotes(cli::analysis::QuotesArgs),
    /// The framework matrix (informants × themes), or write one of its cells.
    Framework(cli::analysis::FrameworkArgs),
    Chart(cli::chart::ChartArgs),
}

#[derive(Subcommand)]
enum SearchesAction {
    /// Save a search under a name (a saved search of the same name is replaced).
    Save {
        name: String,
        query: String,
        /// Only hits inside codings of CODE or its sub-codes.
        #[arg(long, value_name = "CODE", conflicts_with = "uncoded")]
        code: Option<String>,
        /// Only hits in uncoded text.
        #[arg(long)]
        uncoded: bool,
        #[arg(long = "where", value_name = "KEY=VALUE")]
        filters: Vec<String>,
    },
    /// Delete a saved search (by name or GUID).
    Delete { name: String },
}

#[derive(Subcommand)]
enum CodebookAction {
    /// Add a built-in codebook; codes the project already has (by key) are kept as they are.
    Add {
        #[arg(value_parser = ["bentzen"])]
        name: String,
    },
    /// Import a codebook file: tolk-codebook JSON, merged with the codes already there, or a
    /// .csv (key;path;name_nb;…), whose rows update or create codes by key or path.
    Import { file: PathBuf },
    /// Export the codebook: .docx (a table for an appendix), .csv, or tolk-codebook JSON.
    Export { file: PathBuf },
}

#[derive(Subcommand)]
enum CodesAction {
    /// Create a code (at the top level, or under --parent).
    Add {
        name: String,
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        /// #RRGGBB (quote it in a shell, or leave out the #); default: the parent's colour.
        #[arg(long, value_name = "COLOR")]
        color: Option<String>,
    },
    /// Rename a code.
    Rename { code: String, name: String },
    /// Set a code's colour (#RRGGBB).
    Color { code: String, color: String },
    /// Move a code with its sub-codes under another code, or to the top level.
    Move {
        code: String,
        #[arg(
            long,
            value_name = "CODE",
            conflicts_with = "root",
            required_unless_present = "root"
        )]
        parent: Option<String>,
        /// Move it to the top level.
        #[arg(long)]
        root: bool,
        /// Its place among its new siblings, from 1 (default: last).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        position: Option<u32>,
    },
    /// Switch off a code's family (the code and its sub-codes): hidden, not deleted.
    Hide { code: String },
    /// Switch a hidden family on again.
    Show { code: String },
    /// Delete a code and all its sub-codes.
    Delete { code: String },
    /// Merge code FROM into code INTO: every coding moves (exact duplicates, same document,
    /// span and coder, are kept once), FROM's sub-codes move under INTO, and FROM is removed.
    Merge { from: String, into: String },
    /// Move chosen codings of CODE to a new code, created next to it (a sibling).
    Split {
        code: String,
        /// The codings' GUIDs, comma-separated (`tolk codes codings` lists them).
        #[arg(long, value_name = "GUID,...", value_delimiter = ',', required = true)]
        codings: Vec<String>,
        /// The new code's name.
        #[arg(long)]
        name: String,
    },
    /// List a code's own codings with their GUIDs, documents, turns and text.
    Codings { code: String },
    /// Edit a code's names, definitions, notes and anchor examples ("" clears a text).
    Edit {
        code: String,
        /// The bokmål name.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        name_en: Option<String>,
        /// The bokmål definition.
        #[arg(long)]
        definition: Option<String>,
        #[arg(long)]
        definition_en: Option<String>,
        /// The inclusion note.
        #[arg(long)]
        inclusion: Option<String>,
        /// The exclusion note.
        #[arg(long)]
        exclusion: Option<String>,
        /// An anchor example; repeat for several. Replaces the anchors the code had.
        #[arg(long = "anchor", value_name = "TEXT")]
        anchors: Vec<String>,
        /// Remove every anchor example.
        #[arg(long, conflicts_with = "anchors")]
        no_anchors: bool,
    },
}

#[derive(Subcommand)]
enum DocsAction {
    /// Rename a document (name or GUID); names are unique in a project.
    Rename { document: String, new_name: String },
    /// Delete a document with its turns, speakers and attributes, and the informants who speak
    /// only in it. Without --yes, prints what would go and deletes nothing.
    Delete {
        document: String,
        /// Delete without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum InformantAction {
    /// Merge informant B into A (B's speakers and attributes go to A).
    Merge { a: String, b: String },
}

#[derive(Subcommand)]
enum SpeakerAction {
    /// Rename a speaker; renaming onto an existing label merges the two.
    Rename { old: String, new: String },
    /// Merge speaker B into A.
    Merge { a: String, b: String },
    /// Mark a speaker as interviewer (not an informant) or informant.
    Role {
        speaker: String,
        #[arg(value_parser = ["interviewer", "informant"])]
        role: String,
    },
}

fn parse_language(s: &str) -> Result<Language, String> {
    Language::parse(s).ok_or_else(|| format!("unknown language {s:?}: use nb, nn, da, sv or en"))
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tolk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::New { project, codebook } => {
            let codebook = (codebook != "none").then_some(codebook);
            let p = Project::create_with_codebook(&project, codebook.as_deref())?;
            let codes = p.codes()?.len();
            p.close()?;
            match codebook {
                Some(name) => println!(
                    "created {} with the {name} codebook ({codes} codes)",
                    project.display()
                ),
                None => println!("created {}", project.display()),
            }
        }
        Command::Import {
            project,
            paths,
            speaker_pattern,
            language,
            json,
        } => {
            let options = ImportOptions {
                speaker_pattern: pattern(speaker_pattern.as_deref())?,
                language,
            };
            let mut p = open(&project)?;
            let report = p.import_paths(&paths, &options, &mut |_| {});
            p.close()?;
            print_import(&report, json)?;
            if !report.failed.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Docs {
            project,
            action: Some(action),
            json: _,
        } => return docs_action(&project, action),
        Command::Docs {
            project,
            action: None,
            json,
        } => {
            let p = open(&project)?;
            let docs = p.documents()?;
            if json {
                let rows: Vec<_> = docs
                    .iter()
                    .map(|d| {
                        json!({
                            "name": d.name, "guid": d.guid, "source": d.source,
                            "format": d.format, "language": d.language, "words": d.words,
                            "turns": d.turns, "speakers": d.speakers, "attributes": d.attributes,
                        })
                    })
                    .collect();
                print_json(&rows)?;
            } else if docs.is_empty() {
                println!("no documents");
            } else {
                for d in &docs {
                    println!(
                        "{}\t{}\t{}\t{} words\t{} turns\t{}",
                        d.name,
                        d.format.as_str(),
                        d.language,
                        d.words,
                        d.turns,
                        d.speakers.join(", ")
                    );
                }
            }
            p.close()?;
        }
        Command::Show {
            project,
            document,
            json,
        } => {
            let p = open(&project)?;
            let doc = p.document(&document)?;
            if json {
                print_json(&show_json(&doc))?;
            } else {
                print_document(&doc);
            }
            p.close()?;
        }
        Command::Attributes {
            project,
            csv,
            set,
            set_informant,
            json,
        } => return attributes(&project, csv, set, set_informant, json),
        Command::Informants {
            project,
            action,
            json,
        } => {
            let mut p = open(&project)?;
            match action {
                Some(InformantAction::Merge { a, b }) => {
                    let report = p.merge_informants(&a, &b)?;
                    if json {
                        print_json(&json!({
                            "into": report.into, "from": report.from,
                            "conflicts": report.conflicts.iter().map(|(k, kept, dropped)| {
                                json!({"key": k, "kept": kept, "dropped": dropped})
                            }).collect::<Vec<_>>(),
                        }))?;
                    } else {
                        println!("merged {:?} into {:?}", report.from, report.into);
                        for (key, kept, dropped) in &report.conflicts {
                            println!("  {key}: kept {kept:?}, dropped {dropped:?}");
                        }
                    }
                }
                None => {
                    let list = p.informants()?;
                    if json {
                        let rows: Vec<_> = list
                            .iter()
                            .map(|i| {
                                json!({
                                    "name": i.name, "guid": i.guid, "speakers": i.speakers,
                                    "documents": i.documents, "attributes": i.attributes,
                                })
                            })
                            .collect();
                        print_json(&rows)?;
                    } else if list.is_empty() {
                        println!("no informants");
                    } else {
                        for i in &list {
                            println!(
                                "{}\t{}\t{}",
                                i.name,
                                i.speakers.join(", "),
                                format_attributes(&i.attributes)
                            );
                        }
                    }
                }
            }
            p.close()?;
        }
        Command::Speakers {
            project,
            document,
            action,
        } => {
            let mut p = open(&project)?;
            match action {
                SpeakerAction::Rename { old, new } => {
                    let merged = p.rename_speaker(&document, &old, &new)?;
                    let verb = if merged { "merged" } else { "renamed" };
                    println!("{verb} {old:?} → {new:?} in {document}");
                }
                SpeakerAction::Merge { a, b } => {
                    p.rename_speaker(&document, &b, &a)?;
                    println!("merged {b:?} into {a:?} in {document}");
                }
                SpeakerAction::Role { speaker, role } => {
                    let role = if role == "interviewer" {
                        SpeakerRole::Interviewer
                    } else {
                        SpeakerRole::Informant
                    };
                    p.set_speaker_role(&document, &speaker, role)?;
                    println!("{speaker:?} in {document} is now {}", role_name(role));
                }
            }
            p.close()?;
        }
        Command::Redetect {
            project,
            document,
            speaker_pattern,
        } => {
            let pattern = pattern(speaker_pattern.as_deref())?;
            let mut p = open(&project)?;
            let turns = p.redetect_turns(&document, pattern.as_ref())?;
            p.close()?;
            println!("{document}: {turns} turns");
        }
        Command::Codebook {
            project,
            action: Some(action),
            json: _,
        } => codebook(&project, action)?,
        Command::Codebook {
            project,
            action: None,
            json,
        } => codebook_tree(&project, json)?,
        Command::Code {
            project,
            document,
            code,
            start,
            end,
            turn,
            coder,
            json,
        } => {
            let mut p = open(&project)?;
            let v = match (start, end, turn) {
                (Some(start), Some(end), _) => {
                    p.code_span(&document, &code, start, end, coder.as_deref())?
                }
                (_, _, Some(n)) => p.code_turn(&document, &code, n, coder.as_deref())?,
                _ => anyhow::bail!("give --start N --end N, or --turn N"),
            };
            p.close()?;
            if json {
                print_json(&coding_json(&v))?;
            } else {
                println!(
                    "coded {}..{} of {:?} with {:?} as {} ({})",
                    v.start_char, v.end_char, v.document, v.code_path, v.coder, v.guid
                );
            }
        }
        Command::Uncode {
            project,
            document,
            coding,
            code,
            start,
            end,
            coder,
        } => {
            let mut p = open(&project)?;
            let v = match (coding, document, code, start, end) {
                (Some(guid), ..) => p.uncode(&guid)?,
                (None, Some(d), Some(c), Some(s), Some(e)) => {
                    p.uncode_span(&d, &c, s, e, coder.as_deref())?
                }
                _ => anyhow::bail!("give --coding GUID, or DOCUMENT --code CODE --start N --end N"),
            };
            p.close()?;
            println!(
                "removed {}..{} of {:?} with {:?} by {} ({})",
                v.start_char, v.end_char, v.document, v.code_path, v.coder, v.guid
            );
        }
        Command::Excerpts { query, json } => {
            let project = query.project.clone();
            let query = query.query("excerpts")?;
            let p = open(&project)?;
            let list = p.excerpts(&query)?;
            p.close()?;
            print_excerpts(&list, json)?;
        }
        Command::Codes {
            project,
            action,
            json,
        } => codes(&project, action, json)?,
        Command::Search {
            project,
            query,
            code,
            uncoded,
            coder,
            filters,
            limit,
            code_hits,
            extent,
            json,
        } => {
            let mut p = open(&project)?;
            let request = tolk::project::SearchRequest {
                query,
                code,
                uncoded,
                coder,
                filters,
                limit,
            };
            let found = p.search(&request)?;
            let coded = match code_hits {
                Some(code) => {
                    let extent = tolk::project::HitExtent::parse(&extent)
                        .expect("clap allows only known extents");
                    let coder = request.coder.as_deref();
                    Some(p.code_hits(&request, &code, extent, coder)?)
                }
                None => None,
            };
            p.close()?;
            print_search(&found, json)?;
            if let Some(c) = coded {
                // On stderr, so --json output stays one JSON document.
                eprintln!(
                    "coded {} hits: {} new codings, {} already coded",
                    c.hits, c.coded, c.already
                );
            }
        }
        Command::Searches {
            project,
            action,
            json,
        } => searches(&project, action, json)?,
        Command::Reindex { project } => {
            let p = open(&project)?;
            let report = p.reindex()?;
            p.close()?;
            println!("indexed {} units in {}", report.units, report.dir.display());
        }
        Command::Undo { project } => return take_step(&project, true),
        Command::Redo { project } => return take_step(&project, false),
        Command::History { project, json, csv } => history(&project, json, csv)?,
        Command::Memo {
            project,
            target,
            set,
            json,
        } => memo(&project, target.target(), set, json)?,
        Command::Export(args) => cli::export::export(args)?,
        Command::Report(args) => cli::export::report(args)?,
        Command::Citations(args) => cli::export::citations(args)?,
        Command::Translate(args) => cli::export::translate(args)?,
        Command::Omit(args) => cli::export::omit(args)?,
        Command::Memos {
            project,
            kind,
            search,
            markdown,
            output,
            json,
        } => {
            let filter = tolk::MemoFilter {
                kind: kind.as_deref().and_then(tolk::MemoKind::parse),
                search,
            };
            memos(&project, &filter, markdown, output.as_deref(), json)?;
        }
        Command::Summary(args) => cli::analysis::summary(args)?,
        Command::Matrix(args) => cli::analysis::matrix(args)?,
        Command::Cooccurrence(args) => cli::analysis::cooccurrence(args)?,
        Command::Frequencies(args) => cli::analysis::frequencies(args)?,
        Command::Quotes(args) => cli::analysis::quotes(args)?,
        Command::Framework(args) => cli::analysis::framework(args)?,
        Command::Chart(args) => cli::chart::run(&args)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn docs_action(project: &Path, action: DocsAction) -> Result<ExitCode> {
    let mut p = open(project)?;
    match action {
        DocsAction::Rename { document, new_name } => {
            let old = p.document(&document)?.name;
            let name = p.rename_document(&document, &new_name)?;
            p.close()?;
            println!("renamed {old:?} → {name:?}");
        }
        DocsAction::Delete { document, yes } => {
            let name = p.document(&document)?.name;
            if !yes {
                let s = p.delete_preview(&document)?;
                p.close()?;
                println!("would delete {name:?}: {}", describe_deletion(&s));
                println!("nothing was deleted; add --yes to delete it");
                return Ok(ExitCode::FAILURE);
            }
            let s = p.delete_document(&document)?;
            p.close()?;
            println!("deleted {name:?}: {}", describe_deletion(&s));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe_deletion(s: &DeleteSummary) -> String {
    format!(
        "{} turns, {} speakers, {} informants, {} attributes",
        s.turns, s.speakers, s.informants_removed, s.attribute_count
    )
}

fn searches(project: &Path, action: Option<SearchesAction>, json: bool) -> Result<()> {
    let mut p = open(project)?;
    match action {
        Some(SearchesAction::Save {
            name,
            query,
            code,
            uncoded,
            filters,
        }) => {
            let request = tolk::project::SearchRequest {
                code,
                uncoded,
                filters,
                ..tolk::project::SearchRequest::new(query)
            };
            let saved = p.save_search(&name, &request)?;
            p.close()?;
            println!("saved search {:?}: {}", saved.name, saved.query);
        }
        Some(SearchesAction::Delete { name }) => {
            let gone = p.delete_saved_search(&name)?;
            p.close()?;
            println!("deleted search {:?}", gone.name);
        }
        None => {
            let list = p.saved_searches()?;
            p.close()?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|s| {
                        json!({
                            "guid": s.guid, "name": s.name, "query": s.query,
                            "code": s.code, "code_path": s.code_path, "uncoded": s.uncoded,
                            "filters": s.filters, "created_at": s.created_at,
                        })
                    })
                    .collect();
                return print_json(&rows);
            }
            if list.is_empty() {
                println!("no saved searches");
            }
            for s in &list {
                let scope = match (&s.code, &s.code_path) {
                    (Some(_), Some(path)) => format!(" --code {path:?}"),
                    (Some(guid), None) => format!(" --code {guid} (deleted)"),
                    (None, _) if s.uncoded => " --uncoded".to_owned(),
                    (None, _) => String::new(),
                };
                let filters: String = s.filters.iter().map(|f| format!(" --where {f}")).collect();
                println!("{}: {:?}{scope}{filters}", s.name, s.query);
            }
        }
    }
    Ok(())
}

fn print_search(found: &tolk::project::SearchResults, json: bool) -> Result<()> {
    if json {
        let results: Vec<_> = found
            .results
            .iter()
            .map(|h| {
                json!({
                    "document": h.document, "turn": h.turn, "speaker": h.speaker,
                    "start_char": h.start_char, "end_char": h.end_char,
                    "snippet": h.snippet, "highlights": h.highlights,
                })
            })
            .collect();
        return print_json(&json!({
            "hits": found.hits, "turns": found.turns, "documents": found.documents,
            "informants": found.informants, "results": results,
        }));
    }
    println!(
        "{} hits in {} turns, {} documents, {} informants",
        found.hits, found.turns, found.documents, found.informants
    );
    for h in &found.results {
        let turn = h.turn.map_or_else(|| "-".to_owned(), |n| n.to_string());
        println!(
            "{} turn {turn} {} [{}..{}]",
            h.document,
            h.speaker.as_deref().unwrap_or("-"),
            h.start_char,
            h.end_char
        );
        println!("  {}", h.snippet);
    }
    Ok(())
}

fn print_excerpts(list: &[tolk::project::Excerpt], json: bool) -> Result<()> {
    if json {
        let rows: Vec<_> = list
            .iter()
            .map(|e| {
                json!({
                    "document": e.document, "code": e.code, "speaker": e.speaker,
                    "turn": e.turn, "start_char": e.start_char, "end_char": e.end_char,
                    "text": e.text, "coders": e.coders,
                })
            })
            .collect();
        return print_json(&rows);
    }
    if list.is_empty() {
        println!("no excerpts");
        return Ok(());
    }
    for e in list {
        let time = e.time_ms.map(format_time).unwrap_or_default();
        let turn = e.turn.map_or_else(|| "-".to_owned(), |n| n.to_string());
        println!(
            "{} turn {turn} {time} {} [{}..{}] {} ({})",
            e.document,
            e.speaker.as_deref().unwrap_or("-"),
            e.start_char,
            e.end_char,
            e.code,
            e.coders.join(", ")
        );
        println!("  {}", e.text);
    }
    println!("{} excerpt(s)", list.len());
    Ok(())
}

fn coding_json(v: &tolk::coding::CodingView) -> serde_json::Value {
    json!({
        "guid": v.guid, "document": v.document, "code": v.code_guid, "code_key": v.code_key,
        "code_path": v.code_path, "color": v.color, "coder": v.coder,
        "start_char": v.start_char, "end_char": v.end_char, "turns": v.turns,
    })
}

/// `tolk codebook PROJECT`: the tree with each code's codings, nested in JSON.
fn codebook_tree(project: &Path, json: bool) -> Result<()> {
    let p = open(project)?;
    let list = p.codes()?;
    let counts = p.code_counts()?;
    p.close()?;
    let count = |c: &CodeSummary| counts.get(&c.guid).copied().unwrap_or(0);
    if json {
        fn node(
            c: &CodeSummary,
            list: &[CodeSummary],
            count: &dyn Fn(&CodeSummary) -> usize,
        ) -> serde_json::Value {
            let children: Vec<_> = list
                .iter()
                .filter(|k| k.parent.as_deref() == Some(c.guid.as_str()))
                .map(|k| node(k, list, count))
                .collect();
            json!({
                "key": c.key, "guid": c.guid, "path": c.path, "name": c.name, "color": c.color,
                "codings": count(c), "children": children,
            })
        }
        let tree: Vec<_> = list
            .iter()
            .filter(|c| c.parent.is_none())
            .map(|c| node(c, &list, &count))
            .collect();
        return print_json(&tree);
    }
    if list.is_empty() {
        println!("no codes");
        return Ok(());
    }
    for c in &list {
        let key = c
            .key
            .as_deref()
            .map(|k| format!("{k} "))
            .unwrap_or_default();
        let hidden = if c.hides_family { "  (hidden)" } else { "" };
        println!(
            "{}{key}{}  {}  {} codings{hidden}",
            "  ".repeat(c.depth),
            c.name,
            c.color,
            count(c)
        );
    }
    Ok(())
}

fn codebook(project: &Path, action: CodebookAction) -> Result<()> {
    let mut p = open(project)?;
    let report = match action {
        CodebookAction::Add { name } => p.add_builtin_codebook(&name)?,
        CodebookAction::Import { file } if cli::export::is_csv(&file) => {
            return cli::export::import_codebook_csv(p, &file);
        }
        CodebookAction::Import { file } => p.import_codebook_json(&file)?,
        CodebookAction::Export { file } => {
            let n = cli::export::export_codebook(&p, &file)?;
            p.close()?;
            println!("exported {n} codes to {}", file.display());
            return Ok(());
        }
    };
    p.close()?;
    println!(
        "{}: added {} codes and {} blocks; kept {} codes the project already had",
        report.template, report.added, report.blocks_added, report.kept
    );
    Ok(())
}

fn codes(project: &Path, action: Option<CodesAction>, json: bool) -> Result<()> {
    let mut p = open(project)?;
    match action {
        None => {
            let list = p.codes()?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|c| {
                        json!({
                            "key": c.key, "guid": c.guid, "path": c.path, "name": c.name,
                            "name_en": c.name_en, "color": c.color, "depth": c.depth,
                            "block": c.block, "hidden": c.hidden,
                        })
                    })
                    .collect();
                print_json(&rows)?;
            } else if list.is_empty() {
                println!("no codes");
            } else {
                print_code_tree(&list, &p.code_blocks()?);
            }
        }
        Some(CodesAction::Add {
            name,
            parent,
            color,
        }) => {
            let guid = p.create_code(parent.as_deref(), &name, color.as_deref())?;
            let code = p.resolve_code(&guid)?;
            println!("created {:?} ({guid}) {}", code.path, code.color);
        }
        Some(CodesAction::Rename { code, name }) => {
            let before = p.resolve_code(&code)?;
            p.rename_code(&before.guid, &name)?;
            let after = p.resolve_code(&before.guid)?;
            println!("renamed {:?} → {:?}", before.path, after.path);
        }
        Some(CodesAction::Color { code, color }) => {
            let c = p.resolve_code(&code)?;
            p.set_code_color(&c.guid, &color)?;
            let after = p.resolve_code(&c.guid)?;
            println!("{:?} is now {}", after.path, after.color);
        }
        Some(CodesAction::Move {
            code,
            parent,
            root: _,
            position,
        }) => {
            let c = p.resolve_code(&code)?;
            p.move_code(&c.guid, parent.as_deref(), position.map(|n| n as usize - 1))?;
            let after = p.resolve_code(&c.guid)?;
            println!("moved {:?} → {:?}", c.path, after.path);
        }
        Some(CodesAction::Hide { code }) => {
            let c = p.resolve_code(&code)?;
            let n = p.set_family_hidden(&c.guid, true)?;
            println!("hid {:?} ({n} codes with its sub-codes)", c.path);
        }
        Some(CodesAction::Show { code }) => {
            let c = p.resolve_code(&code)?;
            let n = p.set_family_hidden(&c.guid, false)?;
            println!("showing {:?} again ({n} codes with its sub-codes)", c.path);
        }
        Some(CodesAction::Delete { code }) => {
            let c = p.resolve_code(&code)?;
            let n = p.delete_code(&c.guid)?;
            println!(
                "deleted {:?}: {} codes with its sub-codes, {} codings",
                c.path, n.codes, n.codings
            );
        }
        Some(CodesAction::Merge { from, into }) => {
            let (a, b) = (p.resolve_code(&from)?, p.resolve_code(&into)?);
            let m = p.merge_codes(&a.guid, &b.guid)?;
            println!(
                "merged {:?} into {:?}: {} codings moved, {} duplicates kept once, {} sub-codes moved",
                a.path, b.path, m.codings_moved, m.codings_collapsed, m.children_moved
            );
            for (old, new) in &m.renamed {
                println!("renamed sub-code {old:?} → {new:?} (the name was taken)");
            }
        }
        Some(CodesAction::Split {
            code,
            codings,
            name,
        }) => {
            let c = p.resolve_code(&code)?;
            let guid = p.split_code(&c.guid, &codings, &name)?;
            let new = p.resolve_code(&guid)?;
            println!(
                "moved {} codings of {:?} to the new code {:?} ({guid})",
                p.code_codings(&guid)?.len(),
                c.path,
                new.path
            );
        }
        Some(CodesAction::Codings { code }) => {
            let list = p.code_codings(&code)?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|c| {
                        json!({
                            "guid": c.guid, "document": c.document, "coder": c.coder,
                            "turn": c.turn, "start_char": c.start_char, "end_char": c.end_char,
                            "text": c.text,
                        })
                    })
                    .collect();
                print_json(&rows)?;
            } else if list.is_empty() {
                println!("no codings");
            } else {
                for c in &list {
                    let turn = c.turn.map(|n| format!(" turn {n}")).unwrap_or_default();
                    println!(
                        "{}  {}{turn}  {}..{}  {}  {:?}",
                        c.guid, c.document, c.start_char, c.end_char, c.coder, c.text
                    );
                }
            }
        }
        Some(CodesAction::Edit {
            code,
            name,
            name_en,
            definition,
            definition_en,
            inclusion,
            exclusion,
            anchors,
            no_anchors,
        }) => {
            let c = p.resolve_code(&code)?;
            let edit = tolk::project::CodeEdit {
                name_nb: name,
                name_en,
                color: None,
                definition_nb: definition,
                definition_en,
                inclusion,
                exclusion,
                anchors: (no_anchors || !anchors.is_empty()).then_some(anchors),
            };
            p.edit_code(&c.guid, &edit)?;
            println!("edited {:?}", p.resolve_code(&c.guid)?.path);
        }
    }
    p.close()?;
    Ok(())
}

/// The codes as an indented tree: key, name and colour, with a header before each block's
/// themes when the project has blocks.
fn print_code_tree(list: &[CodeSummary], blocks: &[CodeBlock]) {
    let mut current: Option<&Option<String>> = None;
    let headers = !blocks.is_empty();
    for c in list {
        if headers && c.depth == 0 && current != Some(&c.block) {
            current = Some(&c.block);
            match &c.block {
                Some(letter) => {
                    let name = blocks
                        .iter()
                        .find(|b| &b.letter == letter)
                        .map_or("", |b| b.name_nb.as_str());
                    println!("[{letter}] {name}");
                }
                None => println!("[-] (no block)"),
            }
        }
        let indent = "  ".repeat(c.depth + usize::from(headers));
        let key = c
            .key
            .as_deref()
            .map(|k| format!("{k} "))
            .unwrap_or_default();
        let hidden = if c.hides_family { "  (hidden)" } else { "" };
        println!("{indent}{key}{}  {}{hidden}", c.name, c.color);
    }
}

fn attributes(
    project: &Path,
    csv: Option<PathBuf>,
    set: Option<Vec<String>>,
    set_informant: Option<Vec<String>>,
    json: bool,
) -> Result<ExitCode> {
    let mut p = open(project)?;
    if let Some(csv) = csv {
        let report = p.import_attributes_csv(&csv)?;
        p.close()?;
        if json {
            print_json(&json!({
                "level": if report.informants { "informant" } else { "document" },
                "rows": report.rows, "values": report.values, "unknown": report.unknown,
            }))?;
        } else {
            let level = if report.informants {
                "informants"
            } else {
                "documents"
            };
            println!("set {} values on {} {level}", report.values, report.rows);
            for name in &report.unknown {
                eprintln!(
                    "{}: skipped row {name:?}: no such {}",
                    csv.display(),
                    &level[..level.len() - 1]
                );
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (target, pair, informant) = match (set, set_informant) {
        (Some(args), None) => (args[0].clone(), args[1].clone(), false),
        (None, Some(args)) => (args[0].clone(), args[1].clone(), true),
        _ => anyhow::bail!(
            "give --csv FILE, --set DOCUMENT KEY=VALUE or --set-informant INFORMANT KEY=VALUE"
        ),
    };
    let (key, value) = pair
        .split_once('=')
        .with_context(|| format!("{pair:?} is not KEY=VALUE"))?;
    if informant {
        p.set_informant_attribute(&target, key, value)?;
    } else {
        p.set_document_attribute(&target, key, value)?;
    }
    p.close()?;
    if !json {
        println!("{target}: {}={}", key.trim().to_lowercase(), value.trim());
    }
    Ok(ExitCode::SUCCESS)
}

fn open(path: &Path) -> Result<Project> {
    Ok(Project::open(path)?)
}

fn pattern(pattern: Option<&str>) -> Result<Option<SpeakerPattern>> {
    Ok(pattern.map(SpeakerPattern::new).transpose()?)
}

fn print_json<T: Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn show_json(doc: &DocumentView) -> serde_json::Value {
    json!({
        "name": doc.name,
        "guid": doc.guid,
        "language": doc.language,
        "text": doc.text,
        "preamble_end_char": doc.preamble_end_char,
        "attributes": doc.attributes,
        "turns": doc.turns.iter().map(|t| json!({
            "n": t.n, "speaker": t.speaker, "role": t.role, "informant": t.informant,
            "start_char": t.start_char, "end_char": t.end_char, "time_ms": t.time_ms,
            "text": doc.turn_text(t),
        })).collect::<Vec<_>>(),
    })
}

fn print_document(doc: &DocumentView) {
    println!("{} ({}, {} turns)", doc.name, doc.language, doc.turns.len());
    if !doc.attributes.is_empty() {
        println!("{}", format_attributes(&doc.attributes));
    }
    for t in &doc.turns {
        let time = t.time_ms.map(format_time).unwrap_or_default();
        println!("{:>4} {time:>8} {}: {}", t.n, t.speaker, doc.turn_text(t));
    }
}

fn print_import(report: &ImportReport, json: bool) -> Result<()> {
    if json {
        return print_json(&json!({
            "imported": report.imported.iter().map(|(path, o)| json!({
                "path": path, "name": o.name, "guid": o.guid, "format": o.format,
                "language": o.language, "turns": o.turns, "speakers": o.speakers,
                "attributes": o.attributes, "normalized_chars": o.normalized_chars,
                "warnings": o.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "skipped": report.skipped.iter().map(|s| json!({
                "path": s.path, "existing": s.existing,
            })).collect::<Vec<_>>(),
            "failed": report.failed.iter().map(|f| json!({
                "path": f.path, "error": f.error,
            })).collect::<Vec<_>>(),
        }));
    }
    for (path, o) in &report.imported {
        println!(
            "imported {} as {:?}: {} turns, speakers {}, {}",
            path.display(),
            o.name,
            o.turns,
            o.speakers.join(", "),
            o.language
        );
        for w in &o.warnings {
            println!("  warning: {w}");
        }
    }
    for s in &report.skipped {
        println!(
            "skipped {}: already in the project as {:?}",
            s.path.display(),
            s.existing
        );
    }
    for f in &report.failed {
        eprintln!("failed: {}", f.error);
    }
    println!(
        "{} imported, {} skipped, {} failed",
        report.imported.len(),
        report.skipped.len(),
        report.failed.len()
    );
    Ok(())
}

fn format_attributes(attributes: &BTreeMap<String, String>) -> String {
    attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn format_time(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn role_name(role: SpeakerRole) -> &'static str {
    match role {
        SpeakerRole::Interviewer => "an interviewer",
        SpeakerRole::Informant => "an informant",
    }
}

/// What `tolk memo` is about: exactly one of these.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
struct MemoTargetArgs {
    /// The project's own memo.
    #[arg(long = "project")]
    on_project: bool,
    /// A document, by name or GUID.
    #[arg(long, value_name = "DOCUMENT")]
    document: Option<String>,
    /// A code, by key, GUID or path.
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// A coding, by GUID.
    #[arg(long, value_name = "GUID")]
    coding: Option<String>,
}

impl MemoTargetArgs {
    fn target(self) -> tolk::MemoTarget {
        use tolk::MemoTarget;
        match (self.document, self.code, self.coding) {
            (Some(d), _, _) => MemoTarget::Document(d),
            (_, Some(c), _) => MemoTarget::Code(c),
            (_, _, Some(c)) => MemoTarget::Coding(c),
            _ => MemoTarget::Project,
        }
    }
}

fn memo(project: &Path, target: tolk::MemoTarget, set: Option<String>, json: bool) -> Result<()> {
    let mut p = open(project)?;
    let kind = target.kind();
    let memo = match &set {
        Some(text) => p.set_memo(target, text)?,
        None => p.memo(target)?,
    };
    p.close()?;
    if json {
        return print_json(&memo.as_ref().map(memo_json));
    }
    match (memo, set) {
        (Some(m), Some(_)) => println!("saved the memo on {}", memo_label(&m)),
        (None, Some(_)) => println!("no memo on that {} now", kind.as_str()),
        (Some(m), None) => {
            println!(
                "{} · {} · {}",
                memo_label(&m),
                m.author,
                tolk::memo::date_nb(&m.updated_at)
            );
            println!("{}", m.text);
        }
        (None, None) => println!("no memo on that {}", kind.as_str()),
    }
    Ok(())
}

/// Undo (`undo`) or redo one step; exits non-zero when there is none.
fn take_step(project: &Path, undo: bool) -> Result<ExitCode> {
    let mut p = open(project)?;
    let step = if undo { p.undo() } else { p.redo() };
    let closed = p.close();
    let (done, none) = if undo {
        ("undid", "nothing to undo")
    } else {
        ("redid", "nothing to redo")
    };
    let Some(step) = step? else {
        closed?;
        eprintln!("tolk: {none}");
        return Ok(ExitCode::FAILURE);
    };
    closed?;
    println!("{done}: {}", step.describe());
    Ok(ExitCode::SUCCESS)
}

fn history(project: &Path, json: bool, csv: bool) -> Result<()> {
    let p = open(project)?;
    let changes = p.history()?;
    p.close()?;
    if json {
        return print_json(&changes);
    }
    if csv {
        print!("{}", tolk::project::history_csv(&changes));
        return Ok(());
    }
    for c in &changes {
        println!(
            "{}\t{}\t{}\t{}{}",
            c.seq,
            c.at,
            c.actor,
            c.describe(),
            if c.undone { "\t(undone)" } else { "" }
        );
    }
    Ok(())
}

fn memos(
    project: &Path,
    filter: &tolk::MemoFilter,
    markdown: bool,
    output: Option<&Path>,
    json: bool,
) -> Result<()> {
    let p = open(project)?;
    if markdown {
        let text = p.export_memos_markdown()?;
        p.close()?;
        match output {
            Some(file) => {
                std::fs::write(file, &text)
                    .with_context(|| format!("cannot write {}", file.display()))?;
                println!("exported the memos to {}", file.display());
            }
            None => print!("{text}"),
        }
        return Ok(());
    }
    let list = p.memos(filter)?;
    p.close()?;
    if json {
        return print_json(&list.iter().map(memo_json).collect::<Vec<_>>());
    }
    if list.is_empty() {
        println!("no memos");
    }
    for m in &list {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            m.kind.as_str(),
            m.target,
            tolk::memo::date_nb(&m.updated_at),
            m.author,
            m.text.lines().next().unwrap_or_default()
        );
    }
    Ok(())
}

fn memo_label(m: &tolk::Memo) -> String {
    match m.kind {
        tolk::MemoKind::Project => "the project".to_owned(),
        kind => format!("{} {:?}", kind.as_str(), m.target),
    }
}

fn memo_json(m: &tolk::Memo) -> serde_json::Value {
    json!({
        "guid": m.guid, "kind": m.kind, "target": m.target, "target_guid": m.target_guid,
        "title": m.title, "text": m.text, "author": m.author,
        "created_at": m.created_at, "updated_at": m.updated_at,
    })
}

/// `println!` panics when stdout is a pipe that was closed (`tolk docs P | head`). Rust ignores
/// SIGPIPE, and restoring the default handler needs an `unsafe` libc call, which this workspace
/// forbids; so a closed stdout ends the process quietly and successfully, as `rg … | head` does,
/// while every other panic keeps its message.
fn quiet_on_closed_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map_or("", String::as_str);
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}
