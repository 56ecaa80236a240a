// The informant panel in the real window: open it by clicking, import the fixture attribute CSV
// through the dialog hook (wdio.conf.js answers this spec's file dialog with
// fixtures/attributes/informanter-1252.csv), edit an attribute by typing, and merge two
// informants, each checked against the project file with the real CLI.
//
// The spec builds its own project with the CLI (three fixture transcripts plus the one whose
// speaker label looks like HTML) and restarts the app on it.
import fs from "node:fs";
import path from "node:path";

import { application, cli, root, tmp } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const dir = path.join(tmp, "informants");
const project = path.join(dir, "informanter.tolk");
const csvFile = path.join(root, "fixtures", "attributes", "informanter-1252.csv");
const TRANSCRIPTS = [
  "transcripts/leder-bodo.txt",
  "transcripts/tilsett-voss.txt",
  "transcripts/mote-kommunedirektor.vtt",
  "security/xss-etikett.docx",
].map((f) => path.join(root, "fixtures", f));
const XSS_LABEL = "<img src=x onerror=window.__z=1>";
/** Typed into an attribute field (element send-keys: WebDriver key actions here lose repeated keys). */
const TYPED = "Enhetsleder i hjemmetjenesten";

const informants = () => JSON.parse(cli("informants", project, "--json"));
const byName = (list, name) => list.find((i) => i.name === name);
const collator = new Intl.Collator("nb");

/** One CSV line split into fields (`"` quotes a field; `""` inside is a quote). */
function fields(line, sep) {
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (Node's TextDecoder may lack it).
const CP1252_HIGH =
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd" +
  "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178";

function decode1252(bytes) {
  return Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join("");
}

/** The fixture CSV (Windows-1252, `,`, CRLF): its header and rows, read here independently. */
function readCsv() {
  const text = decode1252(fs.readFileSync(csvFile));
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return { keys: fields(header, ",").slice(1), rows: rows.map((l) => fields(l, ",")) };
}

const row = (name) => $(`[data-testid=informant-row][data-name="${name}"]`);

async function rowNames() {
  const out = [];
  for (const r of await $$("[data-testid=informant-row]")) out.push(await r.getAttribute("data-name"));
  return out;
}

async function openPanel() {
  await $("[data-testid=open-informants]").click();
  await $("[data-testid=informant-table]").waitForDisplayed();
}

describe("informants and attributes (real window, a project of its own)", () => {
  let before0;

  before(async () => {
    fs.mkdirSync(dir, { recursive: true });
    cli("new", project);
    cli("import", project, ...TRANSCRIPTS);
    before0 = informants();
    // Restart the app on this project (the session the runner opened has the fixture project).
    await browser.reloadSession({ "tauri:options": { application, args: [project] } });
  });

  it("opens the panel by clicking and lists every informant in Norwegian order, names as text", async () => {
    await $("[data-testid=workspace]").waitForDisplayed({ timeout: 20000 });
    await openPanel();
    const expected = before0.map((i) => i.name).sort(collator.compare);
    await browser.waitUntil(async () => JSON.stringify(await rowNames()) === JSON.stringify(expected), {
      timeoutMsg: `the panel lists ${JSON.stringify(await rowNames())}, expected ${JSON.stringify(expected)}`,
    });
    // The docx speaker label that looks like HTML is shown as text and nothing ran.
    const xssName = `xss-etikett/${XSS_LABEL}`;
    expect(expected).toContain(xssName);
    await expect((await row(xssName)).$("[data-testid=informant-name]")).toHaveText(xssName);
    expect(await browser.execute(() => document.querySelectorAll("[data-testid=informant-panel] img").length)).toBe(0);
    expect(await browser.execute(() => window.__z === undefined)).toBe(true);
  });

  it("imports the attribute CSV through the dialog and sums up rows, values and unknown names", async () => {
    // Expected, from the CSV and the project's informants: a row applies if its first column
    // names an informant of the project; each applied row sets its non-empty values.
    const csv = readCsv();
    const known = new Set(before0.map((i) => i.name));
    const applied = csv.rows.filter((r) => known.has(r[0]));
    const unknown = csv.rows.filter((r) => !known.has(r[0])).map((r) => r[0]);
    const values = applied.reduce((n, r) => n + r.slice(1).filter((v) => v.trim() !== "").length, 0);
    // 10 rows; leder-bodo/IP1, tilsett-voss/Informant and mote-kommunedirektor/Kari Nordmann
    // are in this project: 3 rows × 3 values = 9; the other 7 names are unknown.
    expect([applied.length, values, unknown.length]).toEqual([3, 9, 7]);

    await $("[data-testid=import-attribute-csv]").click();
    const summary = await $("[data-testid=csv-summary]");
    await summary.waitForDisplayed();
    await expect(summary).toHaveAttribute("data-rows", String(applied.length));
    await expect(summary).toHaveAttribute("data-values", String(values));
    await expect($("[data-testid=csv-summary-text]")).toHaveText(
      `Importert fra «informanter-1252.csv»: ${applied.length} rader og ${values} verdier. Radene gjaldt informanter.`,
    );
    await expect($("[data-testid=csv-unknown-lead]")).toHaveText(
      `${unknown.length} navn fantes ikke i prosjektet og ble hoppet over:`,
    );
    const shown = [];
    for (const li of await $$("[data-testid=csv-unknown-name]")) shown.push(await li.getText());
    expect(shown).toEqual(unknown);

    // The project file has the CSV's values (decoded from Windows-1252) on each applied informant.
    const after = informants();
    for (const r of applied) {
      const expectedAttributes = Object.fromEntries(csv.keys.map((k, i) => [k, r[i + 1]]));
      expect(byName(after, r[0]).attributes).toEqual(expectedAttributes);
    }
    // The table shows one column per key.
    const heads = [];
    for (const h of await $$("[data-testid=informant-attr-head]")) heads.push(await h.getText());
    expect(heads).toEqual([...csv.keys].sort(collator.compare));
    await (await row("leder-bodo/IP1")).$("[data-testid=informant-name]").click();
    await expect($("[data-testid=informant-detail-name]")).toHaveText("leder-bodo/IP1");
    await screenshot("informants");
  });

  it("edits an attribute by typing", async () => {
    const input = await $('[data-testid=attr-row][data-key="stilling"] [data-testid=attr-value]');
    await input.click();
    await input.setValue(TYPED);
    await $('[data-testid=attr-row][data-key="stilling"] [data-testid=attr-save]').waitForDisplayed();
    await browser.keys(["Enter"]);
    await $('[data-testid=attr-row][data-key="stilling"] [data-testid=attr-save]').waitForDisplayed({ reverse: true });
    const stored = () => byName(informants(), "leder-bodo/IP1").attributes.stilling;
    await browser.waitUntil(() => stored() === TYPED, {
      timeoutMsg: `the project file has stilling ${JSON.stringify(stored())}, not the typed value`,
    });
    // The table's cell too (its text, which may be scrolled out of view in the table).
    const cell = await (await row("leder-bodo/IP1")).$('[data-testid=informant-attr][data-key="stilling"]');
    await browser.waitUntil(async () => (await cell.getProperty("textContent")).trim() === TYPED, {
      timeoutMsg: "the table does not show the typed value",
    });
  });

  it("merges two informants after a confirmation naming both and the conflicts", async () => {
    const list = informants();
    const kept = byName(list, "leder-bodo/IP1");
    const other = byName(list, "tilsett-voss/Informant");
    // Conflicts: keys both have with different values; kept's values win.
    const conflicts = Object.keys(other.attributes)
      .filter((k) => k in kept.attributes && kept.attributes[k] !== other.attributes[k])
      .sort(collator.compare);
    // alder (50–59 / 30–39), kjønn (kvinne / mann) and stilling differ.
    expect(conflicts).toEqual(["alder", "kjønn", "stilling"]);

    await (await row(kept.name)).$("[data-testid=informant-check]").click();
    await (await row(other.name)).$("[data-testid=informant-check]").click();
    await $("[data-testid=merge-informants]").click();
    const message = await $("[data-testid=merge-message]");
    await message.waitForDisplayed();
    await expect(message).toHaveText(
      `«${other.name}» blir en del av «${kept.name}»: talerne og dokumentene følger med, og navnet «${kept.name}» beholdes.`,
    );
    await expect($("[data-testid=merge-conflicts-lead]")).toHaveText(
      `${conflicts.length} egenskaper har ulike verdier. Verdiene til «${kept.name}» beholdes:`,
    );
    const keys = [];
    for (const li of await $$("[data-testid=merge-conflict]")) keys.push(await li.getAttribute("data-key"));
    expect(keys).toEqual(conflicts);
    await screenshot("informants-merge");
    await $("[data-testid=merge-confirm]").click();
    await $("[data-testid=merge-dialog]").waitForDisplayed({ reverse: true });
    await expect($("[data-testid=merge-done]")).toHaveText(expect.stringContaining(`«${other.name}» er slått sammen med «${kept.name}».`));

    // The project file: one informant fewer; the kept one speaks in both documents with its own
    // values; the other name is gone.
    const after = informants();
    expect(after.length).toBe(list.length - 1);
    expect(byName(after, other.name)).toBeUndefined();
    const merged = byName(after, kept.name);
    expect(merged.speakers).toEqual([...kept.speakers, ...other.speakers]);
    expect(merged.documents).toEqual(["leder-bodo", "tilsett-voss"]);
    expect(merged.attributes).toEqual(kept.attributes);
    await browser.waitUntil(async () => JSON.stringify(await rowNames()) === JSON.stringify(after.map((i) => i.name).sort(collator.compare)), {
      timeoutMsg: "the panel does not show the merged list",
    });
  });

  it("edits a document's attributes from the document table", async () => {
    const docs = () => JSON.parse(cli("docs", project, "--json"));
    const before = docs().find((d) => d.name === "leder-bodo");
    // The file's header has "Transkribert av: [navn]" (key lower-cased) and no sektor.
    expect(before.attributes["transkribert av"]).toBe("[navn]");
    expect(before.attributes.sektor).toBeUndefined();

    await browser.keys(["Escape"]);
    await $("[data-testid=informant-panel]").waitForDisplayed({ reverse: true });
    await $("[data-testid=open-document-table]").click();
    await $("[data-testid=document-table]").waitForDisplayed();
    await $('[data-testid=doc-row][data-name="leder-bodo"] [data-testid=doc-attributes]').click();
    const dialog = await $("[data-testid=document-attributes-dialog]");
    await dialog.waitForDisplayed();
    await dialog.$("[data-testid=attr-new-key]").setValue("Sektor");
    await dialog.$("[data-testid=attr-new-value]").setValue("helse og omsorg");
    await dialog.$("[data-testid=attr-add]").click();
    await dialog.$('[data-testid=attr-row][data-key="sektor"]').waitForDisplayed();
    await dialog.$('[data-testid=attr-row][data-key="transkribert av"] [data-testid=attr-remove]').click();
    await dialog.$('[data-testid=attr-row][data-key="transkribert av"]').waitForDisplayed({ reverse: true });
    await screenshot("informants-document-attributes");

    // The project file: sektor added, "transkribert av" gone, the other header attributes kept.
    const { "transkribert av": _gone, ...kept } = before.attributes;
    expect(docs().find((d) => d.name === "leder-bodo").attributes).toEqual({ ...kept, sektor: "helse og omsorg" });
    await dialog.$("[data-testid=document-attributes-done]").click();
    await dialog.waitForDisplayed({ reverse: true });
    await browser.keys(["Escape"]);
    await $("[data-testid=document-table]").waitForDisplayed({ reverse: true });
    await openPanel();
  });

  it("marks a speaker as interviewer after a confirmation, so it stops being an informant", async () => {
    const name = `xss-etikett/${XSS_LABEL}`;
    const count = informants().length;
    await (await row(name)).$("[data-testid=informant-name]").click();
    await expect($("[data-testid=informant-detail-name]")).toHaveText(name);
    await $("[data-testid=mark-interviewer]").click();
    const confirmation = await $("[data-testid=mark-interviewer-confirmation]");
    await confirmation.waitForDisplayed();
    // Its only speaker, and no attributes: the informant goes with 0 attributes.
    await expect(confirmation.$("p")).toHaveText(
      `«${XSS_LABEL}» i «xss-etikett» blir intervjuer og teller ikke lenger som informant. ` +
        `Informanten «${name}» har ingen andre talere og forsvinner, med 0 egenskaper.`,
    );
    await screenshot("informants-interviewer");
    await $("[data-testid=mark-interviewer-confirm]").click();
    await (await row(name)).waitForExist({ reverse: true });

    // The project file: one informant fewer, and the label's turns are interviewer turns.
    expect(informants().length).toBe(count - 1);
    expect(byName(informants(), name)).toBeUndefined();
    const shown = JSON.parse(cli("show", project, "xss-etikett", "--json"));
    const roles = new Set(shown.turns.filter((t) => t.speaker === XSS_LABEL).map((t) => t.role));
    expect([...roles]).toEqual(["interviewer"]);
    expect(await browser.execute(() => window.__z === undefined)).toBe(true);
  });

  it("shows the panel in English too", async () => {
    await browser.keys(["Escape"]);
    await $("[data-testid=informant-panel]").waitForDisplayed({ reverse: true });
    await $("[data-testid=language-toggle]").click();
    await openPanel();
    await expect($("[data-testid=import-attribute-csv]")).toHaveText("Import attributes from CSV…");
    await expect($("[data-testid=merge-informants]")).toHaveText("Merge");
    await (await row("leder-bodo/IP1")).$("[data-testid=informant-name]").click();
    await screenshot("informants-en");
    await browser.keys(["Escape"]);
    await $("[data-testid=informant-panel]").waitForDisplayed({ reverse: true });
    await $("[data-testid=language-toggle]").click();
  });
});
