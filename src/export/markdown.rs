//! The coded excerpts as Markdown: a title, what was retrieved, a `##` section per code, each
//! quote as a block quote (cited, or for a long quote the citation on its own line), the
//! translation in italics inside it, the memo after it. Text is escaped so nothing in a quote
//! becomes markup.

use super::excerpt_set::{ExcerptSet, ExportExcerpt};
use super::excerpts_docx::summary;
use crate::memo::escape_inline;

/// The Markdown text.
pub fn write(set: &ExcerptSet) -> String {
    let mut out = format!(
        "# Kodede utdrag: {}\n\n{}\n",
        escape_inline(&set.title),
        escape_inline(&summary(set))
    );
    for section in &set.sections {
        out.push_str(&format!("\n## {}\n", escape_inline(&section.heading)));
        for &i in &section.excerpts {
            out.push('\n');
            out.push_str(&excerpt(&set.excerpts[i]));
        }
    }
    out
}

/// One line of text, escaped, with a backslash before a list marker that starts it (`- `, `+ `,
/// `1. `), which inside a block quote would start a list.
fn line(text: &str) -> String {
    let escaped = escape_inline(text);
    let digits = escaped.len()
        - escaped
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = &escaped[digits..];
    let list = if digits > 0 {
        rest.starts_with(". ") || rest.starts_with(") ")
    } else {
        escaped.starts_with("- ") || escaped.starts_with("+ ")
    };
    if list {
        // Before the `.` or `)` after digits, else before the `-` or `+`.
        format!("{}\\{}", &escaped[..digits], rest)
    } else {
        escaped
    }
}

/// Text as block-quote lines: each line escaped, hard breaks between them.
fn quoted(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(line).collect();
    format!("> {}\n", lines.join("  \n> "))
}

fn excerpt(e: &ExportExcerpt) -> String {
    let mut out = if e.block {
        format!(
            "{}>\n> — {}\n",
            quoted(&e.quote),
            escape_inline(&e.reference)
        )
    } else {
        quoted(&e.cited)
    };
    if let Some(t) = &e.translation {
        let lines: Vec<String> = t
            .split('\n')
            .map(|l| match l.trim() {
                "" => String::new(),
                l => format!("*{}*", escape_inline(l)),
            })
            .collect();
        out.push_str(&format!(">\n> {}\n", lines.join("  \n> ")));
    }
    if let Some(m) = &e.memo {
        out.push_str(&format!("\n*Memo:* {}\n", escape_inline(m)));
    }
    out
}
