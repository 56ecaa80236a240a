//! Subcommands with their own modules: argument structs and handlers, wired into `main.rs`'s
//! `Command` with one variant and one match arm each.

pub mod analysis;
pub mod chart;
