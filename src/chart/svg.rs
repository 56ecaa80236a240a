//! Writing a chart's SVG: a small builder for the shapes and labels charts use, every text
//! escaped, and `finish`, which turns the labels into glyph paths with usvg and puts the
//! accessible titles back in.
//!
//! Why paths and not `<text>` with an embedded `@font-face`: an SVG shown in the app, opened in a
//! browser, put in an HTML report or rasterised must look the same, and a path does not depend on
//! which fonts the viewer has or whether it honours `@font-face` (resvg does not). A subset
//! font would need a subsetter that keeps the `cmap` table browsers need; the whole font
//! base64-encoded would add a megabyte to every chart. The text stays available to screen
//! readers and as tooltips: the chart's title is the root `<title>` (`role="img"`), and a label
//! cut short with «…» carries its full text in a `<title>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::events::{BytesStart, BytesText, Event};
use resvg::usvg;
use sha2::{Digest, Sha256};

use super::font;
use crate::{Error, Result};

/// Escapes text for an SVG attribute value or element content (`<`, `>`, `&`, both quotes).
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// A number as SVG writes it: at most two decimals, so output is short and byte-stable.
pub(crate) fn n(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // `+ 0.0` turns a rounded -0 into 0.
    format!("{}", rounded + 0.0)
}

/// Where a label's anchor point is.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// How a label looks.
#[derive(Clone, Copy)]
pub(crate) struct TextStyle {
    pub size: f64,
    pub anchor: Anchor,
    pub fill: &'static str,
    /// Degrees, clockwise, around the anchor point.
    pub rotate: f64,
    /// A white outline under the glyphs, so a label stays readable over lines.
    pub halo: bool,
}

impl TextStyle {
    pub(crate) fn new(size: f64, anchor: Anchor) -> Self {
        TextStyle {
            size,
            anchor,
            fill: "#1a1a1a",
            rotate: 0.0,
            halo: false,
        }
    }
}

/// A chart being drawn, in user units (px at 96 dpi).
pub(crate) struct Svg {
    body: String,
    /// Full texts of labels cut short, by the id of their `<text>`.
    titles: BTreeMap<String, String>,
}

impl Svg {
    pub(crate) fn new() -> Self {
        Svg {
            body: String::new(),
            titles: BTreeMap::new(),
        }
    }

    /// Appends raw markup built by a chart from escaped parts and numbers.
    pub(crate) fn push(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{extra}/>"#,
            n(x),
            n(y),
            n(w),
            n(h),
            escape(fill)
        );
    }

    pub(crate) fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, width: f64) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
            n(from.0),
            n(from.1),
            n(to.0),
            n(to.1),
            escape(stroke),
            n(width)
        );
    }

    /// A label at (`x`, `y`) (the baseline), cut to `max_width` with «…» when given; a cut label
    /// keeps its full text as a `<title>`. Whitespace runs (line breaks in a name) become one
    /// space.
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        style: TextStyle,
        max_width: Option<f64>,
    ) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut = max_width.and_then(|max| font::truncate(&text, style.size, max));
        let id = cut.as_ref().map(|_| {
            let id = format!("label{}", self.titles.len() + 1);
            self.titles.insert(id.clone(), text.clone());
            id
        });
        let anchor = match style.anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let _ = write!(self.body, "<text");
        if let Some(id) = id {
            let _ = write!(self.body, r#" id="{id}""#);
        }
        let _ = write!(
            self.body,
            r#" x="{}" y="{}" font-size="{}" fill="{}"{anchor}"#,
            n(x),
            n(y),
            n(style.size),
            style.fill
        );
        if style.rotate != 0.0 {
            let _ = write!(
                self.body,
                r#" transform="rotate({} {} {})""#,
                n(style.rotate),
                n(x),
                n(y)
            );
        }
        if style.halo {
            self.body.push_str(
                r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##,
            );
        }
        let _ = write!(
            self.body,
            ">{}</text>",
            escape(cut.as_deref().unwrap_or(&text))
        );
    }

    /// The SVG document: labels as glyph paths, the title as the root `<title>`, ids prefixed
    /// with a hash of the content so several charts can sit in one HTML page.
    pub(crate) fn finish(self, width: f64, height: f64, title: &str) -> Result<String> {
        let source = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{family}"><rect width="{w}" height="{h}" fill="#ffffff"/>{body}</svg>"##,
            w = width.ceil(),
            h = height.ceil(),
            family = font::FAMILY,
            body = self.body
        );
        let tree = parse(&source)?;
        let hash = Sha256::digest(format!("{title}\u{0}{source}").as_bytes());
        let prefix = format!(
            "c{:x}-",
            u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]])
        );
        let written = tree.to_string(&usvg::WriteOptions {
            id_prefix: Some(prefix.clone()),
            preserve_text: false,
            coordinates_precision: 3,
            transforms_precision: 5,
            use_single_quote: false,
            indent: usvg::Indent::None,
            attributes_indent: usvg::Indent::None,
        });
        add_titles(&written, title, &self.titles, &prefix)
    }
}

/// usvg's reading options: the embedded font only, and no images or files fetched from anywhere.
pub(crate) fn parse(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_string(),
        languages: vec!["nb".to_string()],
        fontdb: font::database(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Chart(format!("the SVG could not be read: {e}")))
}

/// Puts back what usvg drops: `role="img"` and the chart's `<title>` on the root, and the full
/// text of each cut label as a `<title>` in the group that holds its glyphs.
fn add_titles(
    svg: &str,
    title: &str,
    labels: &BTreeMap<String, String>,
    prefix: &str,
) -> Result<String> {
    let broken = |e: &dyn std::fmt::Display| {
        Error::Chart(format!("usvg wrote an SVG we cannot read back: {e}"))
    };
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(svg.len() + 256));
    let title_id = format!("{prefix}title");
    let write_title = |writer: &mut quick_xml::Writer<Vec<u8>>, id: Option<&str>, text: &str| {
        let mut start = BytesStart::new("title");
        if let Some(id) = id {
            start.push_attribute(("id", id));
        }
        writer.write_event(Event::Start(start))?;
        writer.write_event(Event::Text(BytesText::new(text)))?;
        writer.write_event(Event::End(quick_xml::events::BytesEnd::new("title")))
    };
    loop {
        let event = reader.read_event().map_err(|e| broken(&e))?;
        match event {
            Event::Eof => break,
            Event::Start(start) if start.name().as_ref() == "svg" => {
                let mut root = start.into_owned();
                // usvg maps the viewBox onto its paths and leaves it out; without one a page
                // could not scale the chart to its column.
                let size = |name: &str| -> Result<String> {
                    let value = root.try_get_attribute(name).map_err(|e| broken(&e))?;
                    Ok(value.map(|a| a.value.into_owned()).unwrap_or_default())
                };
                let view_box = format!("0 0 {} {}", size("width")?, size("height")?);
                root.push_attribute(("viewBox", view_box.as_str()));
                root.push_attribute(("role", "img"));
                root.push_attribute(("aria-labelledby", title_id.as_str()));
                writer
                    .write_event(Event::Start(root))
                    .map_err(|e| broken(&e))?;
                write_title(&mut writer, Some(&title_id), title).map_err(|e| broken(&e))?;
            }
            Event::Start(start) if start.name().as_ref() == "g" => {
                let id = start
                    .try_get_attribute("id")
                    .map_err(|e| broken(&e))?
                    .map(|a| a.value.into_owned());
                let full = id
                    .as_deref()
                    .and_then(|id| id.strip_prefix(prefix))
                    .and_then(|id| labels.get(id));
                writer
                    .write_event(Event::Start(start))
                    .map_err(|e| broken(&e))?;
                if let Some(full) = full {
                    write_title(&mut writer, None, full).map_err(|e| broken(&e))?;
                }
            }
            other => writer.write_event(other).map_err(|e| broken(&e))?,
        }
    }
    String::from_utf8(writer.into_inner()).map_err(|e| broken(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b>"A & B's"</b>"#),
            "&lt;b&gt;&quot;A &amp; B&apos;s&quot;&lt;/b&gt;"
        );
        assert_eq!(escape("Ærlig «tillit»"), "Ærlig «tillit»");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(1.23456), "1.23");
        assert_eq!(n(-0.001), "0");
    }
}
