// Export for papers in the real window, on a project of its own made by the launcher with the CLI
// (Bentzen codebook; T01 on leder-bodo turn 8 and on tilsett-voss turn 2). The Eksport mode
// exports T01 as DOCX with the built-in template rolle-dato through the save-dialog hook, and the
// file's quotes must be the coded words in «» with the citation worked out by hand from the
// interviews' dates; the coding card takes an English translation and leaves words out of the
// quote (undone and redone with Ctrl+Z / Ctrl+Shift+Z); a CSV export then carries both, and a
// theme report of T01 as HTML cites its quotes the same way.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

import { cli, codeGuid, EXPORT_FILES, exportProjectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const p = exportProjectPath;

/** T01's excerpts as the CLI has them (leder-bodo first: documents in Norwegian order). */
const excerpts = () => JSON.parse(cli("excerpts", p, "--code", "T01", "--json"));

const guidOf = (key) => codeGuid(p, key);

/** A DOCX's paragraphs, each `{ style, text }` (its runs' text joined), read with Python's zipfile. */
function docxParagraphs(file) {
  const script = `import html, json, re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8")
out = []
for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
    style = re.search(r'<w:pStyle w:val="([^"]*)"', p)
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
    out.append({"style": style.group(1) if style else None, "text": html.unescape(text)})
print(json.dumps(out))`;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
}

// «…» (Intervju {date:dd.mm.yy}) with each interview's header date: leder-bodo «Dato:
// 14.02.2024» gives 14.02.24, tilsett-voss «Dato: 03.04.2024» gives 03.04.24.
const BODO_CITATION = "(Intervju 14.02.24)";
const VOSS_CITATION = "(Intervju 03.04.24)";
const TRANSLATION = "I spend maybe one day a week on reporting.";

/** Scrolls the wizard to its citation step, for the screenshots. */
const showCitation = () =>
  browser.execute(() => document.querySelector("[data-testid=export-citation]").scrollIntoView({ block: "center" }));

describe("export for papers (real window)", () => {
  let bodo;
  let voss;

  it("exports T01 as DOCX cited with rolle-dato through the save dialog", async () => {
    [bodo, voss] = excerpts();
    expect([bodo.document, bodo.turn, voss.document, voss.turn]).toEqual(["leder-bodo", 8, "tilsett-voss", 2]);
    await $("[data-testid=workspace]").waitForDisplayed();
    await $("[data-testid=mode-export]").click();
    await $("[data-testid=export-view]").waitForDisplayed();
    await $("[data-testid=query-code]").selectByAttribute("value", guidOf("T01"));
    await $("[data-testid=export-format-docx]").click();
    await $("[data-testid=export-template]").selectByAttribute("value", "rolle-dato");
    const example = await $("[data-testid=export-example] .cited");
    await browser.waitUntil(async () => (await example.isExisting()) && (await example.getText()) === `«${bodo.text}» ${BODO_CITATION}`, {
      timeoutMsg: "the example cites the first excerpt with leder-bodo's date",
    });
    // Each date belongs to one of the project's two informants: both are singled out.
    const groups = await $$("[data-testid=export-warning-group]");
    const warned = [];
    for (const g of groups) warned.push(await g.getText());
    expect(warned).toEqual([
      "date:dd.mm.yy = 03.04.24: 1 informant (tilsett-voss/Informant)",
      "date:dd.mm.yy = 14.02.24: 1 informant (leder-bodo/IP1)",
    ]);
    await showCitation();
    await screenshot("export-docx");

    await $("[data-testid=export-run]").click();
    await expect($("[data-testid=export-written]")).toHaveText(`Lagret 2 utdrag (1 kode) i ${EXPORT_FILES.docx}`);
    const paragraphs = docxParagraphs(EXPORT_FILES.docx);
    // Both quotes under 40 words: the quotation style, in «», cited.
    const quotes = paragraphs.filter((q) => q.style === "Quote").map((q) => q.text);
    expect(quotes).toEqual([`«${bodo.text}» ${BODO_CITATION}`, `«${voss.text}» ${VOSS_CITATION}`]);
    expect(paragraphs.filter((q) => q.style === "Heading1").map((q) => q.text.split(" ")[0])).toEqual(["T01"]);
  });

  it("takes a translation and leaves words out in the coding card", async () => {
    await $("[data-testid=mode-coding]").click();
    const stripe = await $("[data-testid=stripe]");
    await stripe.waitForDisplayed();
    await stripe.click();
    const card = await $("[data-testid=coding-card]");
    await card.waitForDisplayed();
    const guid = await card.getAttribute("data-coding");

    await $("[data-testid=coding-translation]").setValue(TRANSLATION);
    // Leaving the field saves at once.
    await $("[data-testid=coding-card-code]").click();
    await expect($("[data-testid=coding-translation-status]")).toHaveText("Lagret");
    expect(JSON.parse(cli("translate", p, "--coding", guid, "--json")).translation).toBe(TRANSLATION);

    // "kanskje én dag i uka" follows "Jeg bruker " (11 chars; all in the BMP, so UTF-16 units
    // and chars agree): card offsets 11..31.
    expect(bodo.text.slice(11, 31)).toBe("kanskje én dag i uka");
    await browser.execute(() => {
      const text = document.querySelector("[data-testid=coding-card-text] span").firstChild;
      const range = document.createRange();
      range.setStart(text, 11);
      range.setEnd(text, 31);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
    });
    const omit = await $("[data-testid=coding-omit]");
    await omit.waitForEnabled();
    await omit.click();
    await expect($("[data-testid=coding-omitted]")).toHaveText("kanskje én dag i uka");
    const omitted = JSON.parse(cli("omit", p, "--coding", guid, "--json")).omissions;
    expect(omitted).toEqual([{ start_char: bodo.start_char + 11, end_char: bodo.start_char + 31 }]);
    await screenshot("export-card");

    // One undoable step in the project's history: Ctrl+Z puts the words back, Ctrl+Shift+Z
    // leaves them out again (focus on the card, not in a text field).
    await $("[data-testid=coding-card-code]").click();
    await browser.keys(["Control", "z"]);
    await expect($("[data-testid=undo-toast] span")).toHaveText("Angret: endre utelatt tekst ‘T01 Tillit som fenomen’ (leder-bodo)");
    await $("[data-testid=coding-omitted]").waitForDisplayed({ reverse: true });
    expect(JSON.parse(cli("omit", p, "--coding", guid, "--json")).omissions).toEqual([]);
    await browser.keys(["Control", "Shift", "z"]);
    await expect($("[data-testid=coding-omitted]")).toHaveText("kanskje én dag i uka");
    expect(JSON.parse(cli("omit", p, "--coding", guid, "--json")).omissions).toEqual(omitted);
  });

  it("exports the same query as CSV with the translation and «(…)» for the words left out", async () => {
    await $("[data-testid=mode-export]").click();
    await $("[data-testid=export-view]").waitForDisplayed();
    await $("[data-testid=export-format-csv]").click();
    await expect($("[data-testid=export-delimiter]")).toHaveValue("semicolon");
    const quoted = `Jeg bruker (…)${bodo.text.slice(31)}`;
    const first = await $("[data-testid=export-preview-quote]");
    await browser.waitUntil(async () => (await first.getText()) === `«${quoted}» ${BODO_CITATION}`, {
      timeoutMsg: "the preview shows the quote with (…)",
    });
    await expect($("[data-testid=export-preview] .translation")).toHaveText(expect.stringContaining(TRANSLATION));
    await $("[data-testid=export-run]").click();
    await expect($("[data-testid=export-written]")).toHaveText(`Lagret 2 utdrag (1 kode) i ${EXPORT_FILES.csv}`);
    await showCitation();
    await screenshot("export-csv");
    const csv = fs.readFileSync(EXPORT_FILES.csv, "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = csv.slice(1).trimEnd().split(/\r?\n/);
    const columns = header.split(";");
    const row = rows.map((r) => r.split(";")).find((r) => r[columns.indexOf("document")] === "leder-bodo");
    expect(row[columns.indexOf("text")]).toBe(quoted);
    expect(row[columns.indexOf("translation")]).toBe(TRANSLATION);
    expect(row[columns.indexOf("citation")]).toBe(BODO_CITATION);
  });

  it("exports a theme report of T01 as HTML, its quotes cited the same way", async () => {
    await $("[data-testid=export-kind-report]").click();
    await $("[data-testid=export-report-theme]").selectByAttribute("value", guidOf("T01"));
    await $("[data-testid=export-report-format-html]").click();
    await $("[data-testid=export-run]").click();
    await expect($("[data-testid=export-written]")).toHaveText(`Lagret temarapporten om T01 i ${EXPORT_FILES.report}`);
    const html = fs.readFileSync(EXPORT_FILES.report, "utf8");
    // Both codings are T01's representative quotes (five are asked for), cited with rolle-dato.
    expect(html).toContain(`«Jeg bruker (…)${bodo.text.slice(31)}» ${BODO_CITATION}`);
    expect(html).toContain(`«${voss.text}» ${VOSS_CITATION}`);
    expect(html).toContain("<svg");
    await screenshot("export-report");
  });
});
