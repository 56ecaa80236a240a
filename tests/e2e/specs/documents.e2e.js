// The document table: sorting by clicking headers, filtering, renaming and deleting through the
// UI (clicks and keys only), each checked against the project file with the real CLI.
//
// The spec adds eight documents of its own with the CLI while the app is open (the table reads
// the list again when it opens) and removes what is left of them at the end, so the specs after
// it see the fixture project as it was.
import fs from "node:fs";
import path from "node:path";

import { cli, projectPath, tmp } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const docs = () => JSON.parse(cli("docs", projectPath, "--json"));
const informants = () => JSON.parse(cli("informants", projectPath, "--json"));
const collator = new Intl.Collator("nb");

/** The names, shuffled; conventions.md gives their Norwegian order. */
const EXTRA = ["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"];
const NORWEGIAN = ["abc", "Zulu", "Ærlig", "Øst", "Ål", "Ås", "Åsen", "Aasen"];
const PROJECT_TAG = "E2E-sortering";

/**
 * A transcript with a three-line header (3 attributes) and 4 turns by 3 speakers: I (the
 * interviewer), IP1 and IP2 (2 informants, each only in this document).
 */
function transcript(name, i) {
  return (
    `Prosjekt: ${PROJECT_TAG}\nKommune: Sted ${i}\nDato: 0${i}.01.2025\n\n` +
    `I: Hei, ${name}. Hva betyr tillit for deg?\n` +
    `IP1: Det betyr at vi stoler på hverandre (${i}).\n` +
    `IP2: Jeg er enig.\n` +
    `I: Takk skal dere ha.\n`
  );
}

const rowNames = async () => {
  const out = [];
  for (const row of await $$("[data-testid=doc-row]")) out.push(await row.getAttribute("data-name"));
  return out;
};

const row = (name) => $(`[data-testid=doc-row][data-name="${name}"]`);

/** Waits until the table shows exactly `expected` (in this order). */
async function waitForRows(expected, message) {
  await browser.waitUntil(async () => JSON.stringify(await rowNames()) === JSON.stringify(expected), {
    timeoutMsg: `${message}: the table shows ${JSON.stringify(await rowNames())}, expected ${JSON.stringify(expected)}`,
  });
}

describe("document table (real window, project given as argument)", () => {
  const guids = new Map();

  before(() => {
    const dir = path.join(tmp, "documents-spec");
    fs.mkdirSync(dir, { recursive: true });
    const files = EXTRA.map((name, i) => {
      const file = path.join(dir, `${name}.txt`);
      fs.writeFileSync(file, transcript(name, i + 1));
      return file;
    });
    cli("import", projectPath, ...files);
    for (const d of docs()) if (EXTRA.includes(d.name)) guids.set(d.name, d.guid);
    expect(guids.size).toBe(EXTRA.length);
  });

  after(() => {
    // Leave the shared project as the other specs expect it.
    const left = new Set(docs().map((d) => d.guid));
    for (const guid of guids.values()) if (left.has(guid)) cli("docs", projectPath, "delete", guid, "--yes");
  });

  it("opens the table with every document and its columns", async () => {
    const expected = docs();
    await $("[data-testid=document-list]").waitForDisplayed();
    await $("[data-testid=open-document-table]").click();
    await $("[data-testid=document-table]").waitForDisplayed();
    // Default: by name, ascending, in the collator's order.
    await waitForRows(expected.map((d) => d.name).sort(collator.compare), "on opening");

    // Counts as the CLI has them, shown the Norwegian way (12 500 with a space).
    const nbNumber = new Intl.NumberFormat("nb-NO");
    const spaces = (s) => s.replace(/[\u00a0\u202f]/g, " ");
    for (const d of expected) {
      const r = await row(d.name);
      await expect(r.$("[data-testid=doc-words]")).toHaveAttribute("data-value", String(d.words));
      await expect(r.$("[data-testid=doc-turns]")).toHaveAttribute("data-value", String(d.turns));
      expect(spaces(await r.$("[data-testid=doc-words]").getText())).toBe(spaces(nbNumber.format(d.words)));
    }
    // An attribute column per key in the project, among them the three of the spec's files.
    for (const key of ["prosjekt", "kommune", "dato"]) {
      await expect($(`[data-testid="sort-attr-${key}"]`)).toBeDisplayed();
    }
    // Each of the spec's documents: I, IP1 and IP2 speak, and I is the interviewer: 2 informants.
    await expect((await row("Øst")).$("[data-testid=doc-informants]")).toHaveAttribute("data-value", "2");
    await screenshot("documents");
  });

  it("sorts by name when the header is clicked: descending, then ascending again", async () => {
    const names = docs().map((d) => d.name);
    const ascending = [...names].sort(collator.compare);
    await $("[data-testid=sort-name]").click();
    await waitForRows([...ascending].reverse(), "after one click on Navn");
    await expect($("[data-testid=sort-name]").parentElement()).toHaveAttribute("aria-sort", "descending");
    await $("[data-testid=sort-name]").click();
    await waitForRows(ascending, "after a second click on Navn");
    // The spec's own names keep conventions.md's order within the whole list.
    expect((await rowNames()).filter((n) => EXTRA.includes(n))).toEqual(NORWEGIAN);
  });

  it("sorts counts numerically", async () => {
    await $("[data-testid=sort-words]").click();
    const words = [];
    for (const r of await $$("[data-testid=doc-row]")) words.push(Number(await r.$("[data-testid=doc-words]").getAttribute("data-value")));
    expect(words).toEqual([...words].sort((a, b) => a - b));
    await $("[data-testid=sort-name]").click();
  });

  it("filters by an attribute value, ignoring case", async () => {
    const filter = await $("[data-testid=document-filter]");
    await filter.click();
    await browser.keys(PROJECT_TAG.toLowerCase().split(""));
    // Only the spec's files carry this project tag.
    await waitForRows(NORWEGIAN, "filtered by the project tag");
    await filter.click();
    await browser.keys(["Control", "a"]);
    await browser.keys(["Backspace"]);
    await waitForRows(docs().map((d) => d.name).sort(collator.compare), "after clearing the filter");
  });

  it("refuses a name another document has, then renames and re-sorts", async () => {
    await (await row("Øst")).$("[data-testid=doc-rename]").click();
    const input = await $("[data-testid=rename-input]");
    await input.waitForDisplayed();
    await input.setValue("Ål");
    await browser.keys(["Enter"]);
    await expect($("[data-testid=rename-problem]")).toHaveText("Det finnes allerede et dokument som heter «Ål».");
    await screenshot("documents-rename");
    await browser.keys(["Escape"]);
    await $("[data-testid=rename-dialog]").waitForDisplayed({ reverse: true });

    await (await row("Zulu")).$("[data-testid=doc-rename]").click();
    await input.waitForDisplayed();
    await input.setValue("Ødegård");
    await browser.keys(["Enter"]);
    await $("[data-testid=rename-dialog]").waitForDisplayed({ reverse: true });
    const after = docs();
    await waitForRows(after.map((d) => d.name).sort(collator.compare), "after the rename");
    await expect(await row("Ødegård")).toHaveAttribute("data-guid", guids.get("Zulu"));

    // The project file: the same GUID under the new name, the old name gone, and the default
    // informant names followed (Zulu/IP1 -> Ødegård/IP1).
    expect(after.find((d) => d.guid === guids.get("Zulu"))?.name).toBe("Ødegård");
    expect(after.some((d) => d.name === "Zulu")).toBe(false);
    const informantNames = informants().map((i) => i.name);
    expect(informantNames).toEqual(expect.arrayContaining(["Ødegård/IP1", "Ødegård/IP2"]));
    expect(informantNames.some((n) => n.startsWith("Zulu/"))).toBe(false);
  });

  it("deletes a document after a confirmation that says what goes", async () => {
    const before = docs();
    await (await row("Aasen")).$("[data-testid=doc-delete]").click();
    const message = await $("[data-testid=delete-message]");
    await message.waitForDisplayed();
    // transcript(): 4 turns (I, IP1, IP2, I); 3 speakers; IP1 and IP2 speak only here, so 2
    // informants go; the header gives 3 attributes and the informants have none: 3.
    await expect(message).toHaveText("Sletter «Aasen»: 4 turer, 3 talere, 2 informanter og 3 attributter.");
    await screenshot("documents-delete");
    await $("[data-testid=delete-confirm]").click();
    await $("[data-testid=delete-dialog]").waitForDisplayed({ reverse: true });

    const after = docs();
    expect(after.length).toBe(before.length - 1);
    expect(after.some((d) => d.guid === guids.get("Aasen"))).toBe(false);
    expect(informants().some((i) => i.name.startsWith("Aasen/"))).toBe(false);
    await waitForRows(after.map((d) => d.name).sort(collator.compare), "after the deletion");
    // The sidebar list follows.
    await expect($$("[data-testid=document-item]")).toBeElementsArrayOfSize(after.length);
  });

  it("opens a document by clicking its name, closing the table", async () => {
    const target = docs().find((d) => d.name === "Øst");
    await (await row("Øst")).$("[data-testid=doc-name]").click();
    await $("[data-testid=document-table]").waitForDisplayed({ reverse: true });
    await $(`[data-testid=transcript][data-guid="${target.guid}"]`).waitForDisplayed();
    await $("[data-testid=open-document-table]").click();
    await $("[data-testid=document-table]").waitForDisplayed();
    await expect(await row("Øst")).toHaveAttribute("aria-current", "true");
  });

  it("closes with Escape and shows the table in English too", async () => {
    await browser.keys(["Escape"]);
    await $("[data-testid=document-table]").waitForDisplayed({ reverse: true });
    await $("[data-testid=language-toggle]").click();
    await $("[data-testid=open-document-table]").click();
    await expect($("[data-testid=sort-name]")).toHaveText(expect.stringContaining("Name"));
    await screenshot("documents-en");
    await browser.keys(["Escape"]);
    await $("[data-testid=document-table]").waitForDisplayed({ reverse: true });
    await $("[data-testid=language-toggle]").click();
  });
});
