//! The coded excerpts as a standalone HTML page: every text escaped, no scripts, one inline
//! style sheet allowed by its hash in a meta Content-Security-Policy that forbids everything
//! else (`default-src 'none'`), so the page loads nothing and runs nothing. The page skeleton
//! ([`page`]) serves the theme report too.

use base64::Engine;
use sha2::Digest;

use super::excerpt_set::{ExcerptSet, ExportExcerpt};
use super::excerpts_docx::summary;

const CSS: &str = "\
body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;\
line-height:1.5;color:#222}\
h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2em}\
blockquote{margin:1em 2em;font-style:italic}\
blockquote.block{font-style:normal;font-size:.95em;margin:1em 2em 1em 4em}\
.reference{font-style:normal}\
.translation{color:#555;font-style:italic;margin-left:4em}\
.memo{color:#555;font-size:.9em;margin-left:2em}\
.summary{color:#555}\
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9em;color:#555}\
h3{font-size:1.1em;margin-top:1.5em}\
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}";

/// Text escaped for HTML element content and attribute values, line breaks as `<br>`.
pub fn text(s: &str) -> String {
    quick_xml::escape::escape(s).replace('\n', "<br>")
}

/// A standalone page: `lang="nb"`, the title escaped, `body` as given (already escaped), the
/// style sheet allowed by its SHA-256 hash and nothing else.
pub fn page(title: &str, body: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(CSS));
    format!(
        "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'sha256-{hash}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        text(title)
    )
}

/// The page's text.
pub fn write(set: &ExcerptSet) -> String {
    let title = format!("Kodede utdrag: {}", set.title);
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
        text(&title),
        text(&summary(set))
    );
    for section in &set.sections {
        body.push_str(&format!("<section>\n<h2>{}</h2>\n", text(&section.heading)));
        for &i in &section.excerpts {
            body.push_str(&excerpt(&set.excerpts[i]));
        }
        body.push_str("</section>\n");
    }
    page(&title, &body)
}

/// One excerpt: its quote, translation and memo.
pub(crate) fn excerpt(e: &ExportExcerpt) -> String {
    let mut out = if e.block {
        format!(
            "<blockquote class=\"block\"><p>{} <span class=\"reference\">{}</span></p></blockquote>\n",
            text(&e.quote),
            text(&e.reference)
        )
    } else {
        format!(
            "<blockquote class=\"quote\"><p>{}</p></blockquote>\n",
            text(&e.cited)
        )
    };
    if let Some(t) = &e.translation {
        out.push_str(&format!(
            "<p class=\"translation\" lang=\"en\">{}</p>\n",
            text(t)
        ));
    }
    if let Some(m) = &e.memo {
        out.push_str(&format!("<p class=\"memo\">Memo: {}</p>\n", text(m)));
    }
    out
}
