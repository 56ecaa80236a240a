//! The excerpt query as the command line writes it (`--code`, the operators in the order given,
//! the filters), shared by `tolk excerpts` and `tolk export`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use tolk::coding::retrieve::Op;
use tolk::project::ExcerptQuery;

/// `--code` with the operators and filters.
#[derive(clap::Args)]
pub struct ExcerptArgs {
    pub project: PathBuf,
    #[arg(long, value_name = "CODE")]
    pub code: String,
    /// Every coding of A and of B.
    #[arg(long, value_name = "CODE")]
    pub or: Vec<String>,
    /// The characters coded with both.
    #[arg(long, value_name = "CODE")]
    pub and: Vec<String>,
    /// Each whole coding sharing at least one character with a coding of CODE.
    #[arg(long, value_name = "CODE")]
    pub overlapping: Vec<String>,
    /// Each whole coding in a turn that also holds a coding of CODE.
    #[arg(long = "same-turn", value_name = "CODE")]
    pub same_turn: Vec<String>,
    /// Each whole coding overlapping no coding of CODE.
    #[arg(long, value_name = "CODE")]
    pub not: Vec<String>,
    /// Include each code's sub-codes.
    #[arg(long)]
    pub subcodes: bool,
    /// Only this document (name or GUID).
    #[arg(long, value_name = "DOCUMENT")]
    pub document: Option<String>,
    /// Only codings starting in this speaker's turns.
    #[arg(long, value_name = "LABEL")]
    pub speaker: Option<String>,
    /// Only this coder's codings.
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// An attribute filter: the informant's value, else the document's; doc.KEY= or
    /// inf.KEY= picks the level. Several must all hold.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
}

impl ExcerptArgs {
    /// The query, with the operators in the order given to `subcommand` on the command line.
    pub fn query(self, subcommand: &str) -> Result<ExcerptQuery> {
        Ok(ExcerptQuery {
            code: self.code,
            ops: ops(subcommand)?,
            subcodes: self.subcodes,
            document: self.document,
            speaker: self.speaker,
            coder: self.coder,
            attributes: self.filters,
        })
    }
}

/// The excerpt operators in the order they were given: clap keeps each option's values apart,
/// so their positions on the command line put them back in order.
fn ops(subcommand: &str) -> Result<Vec<(Op, String)>> {
    use clap::CommandFactory;
    let matches = crate::Cli::command().try_get_matches_from(std::env::args_os())?;
    let sub = matches
        .subcommand_matches(subcommand)
        .with_context(|| format!("not a {subcommand} command"))?;
    let mut ops: Vec<(usize, Op, String)> = Vec::new();
    for (id, op) in [
        ("or", Op::Or),
        ("and", Op::And),
        ("overlapping", Op::Overlapping),
        ("same_turn", Op::SameTurn),
        ("not", Op::Not),
    ] {
        if let (Some(at), Some(values)) = (sub.indices_of(id), sub.get_many::<String>(id)) {
            ops.extend(at.zip(values).map(|(i, v)| (i, op, v.clone())));
        }
    }
    ops.sort_by_key(|(i, _, _)| *i);
    Ok(ops.into_iter().map(|(_, op, code)| (op, code)).collect())
}
