// Import in the real window, into a project of its own (import.tolk, made empty by the launcher
// and given to the app as its argument; see PROJECT_ARGS in wdio.conf.js).
//
// Test hooks (conventions.md):
// - the file dialog: wdio.conf.js sets TOLK_TEST_DIALOG for this spec to the two transcripts in
//   IMPORT_DIALOG_FILES before it starts tauri-driver, whose environment the app inherits. The
//   hook answers the next file dialog once, so this spec opens the dialog exactly once.
// - drag-and-drop: the debug-build command `test_drop_paths` emits the same `tolk://drop` event
//   the window's real drag-drop handler emits. A WebDriver cannot drag files from the desktop, so
//   the spec calls that one command itself; every other action is a click or a key.
//
// Expected values are from fixtures/README.md: leder-bodo.txt has 9 turns alternating I, IP1, …,
// I (I: turns 1, 3, 5, 7, 9 = 5; IP1: 2, 4, 6, 8 = 4) and 7 header attributes;
// whisper-sandnes.srt has 8 turns (SPEAKER_00: turns 1, 3, 6, 8 = 4; SPEAKER_01: 2, 4, 5, 7 = 4);
// gruppe-tromso.docx has 10 turns; broken/tom.txt is empty (ImportError::Empty).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { cli, importProjectPath, root } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const fixture = (rel) => path.join(root, "fixtures", rel);
const docs = () => JSON.parse(cli("docs", importProjectPath, "--json"));

/** SHA-256 of the project file and its -wal (absent = empty): any write shows in one of them. */
function projectHash() {
  const hash = (file) => createHash("sha256").update(fs.existsSync(file) ? fs.readFileSync(file) : "").digest("hex");
  return `${hash(importProjectPath)}/${hash(`${importProjectPath}-wal`)}`;
}

/** The test hook for an OS drop of `paths` on the window (debug builds only). */
async function dropFiles(paths) {
  const error = await browser.executeAsync((p, done) => {
    window.__TAURI_INTERNALS__.invoke("test_drop_paths", { paths: p }).then(
      () => done(null),
      (e) => done(String(e?.message ?? JSON.stringify(e))),
    );
  }, paths);
  if (error) throw new Error(`test_drop_paths failed: ${error}`);
}

const row = (fileName) => $(`[data-testid=import-row][data-file="${fileName}"]`);

async function rowText(fileName, testid) {
  return (await row(fileName).$(`[data-testid=${testid}]`).getText()).trim();
}

async function speakers(fileName) {
  const out = [];
  for (const li of await row(fileName).$$("[data-testid=import-speaker]")) out.push((await li.getText()).replace(/\s+/g, " ").trim());
  return out;
}

async function waitForPreview(count) {
  await $("[data-testid=import-preview]").waitForDisplayed();
  await browser.waitUntil(async () => (await $$("[data-testid=import-row]")).length === count, {
    timeoutMsg: `expected ${count} preview rows`,
  });
}

async function listedNames() {
  const out = [];
  for (const el of await $$("[data-testid=document-name]")) out.push(await el.getText());
  return out.sort();
}

describe("import (real window, own project)", () => {
  it("starts with an empty project", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    await expect($("[data-testid=import-button]")).toHaveText("Importer…");
    expect(docs()).toEqual([]);
  });

  it("a dropped batch shows its preview, and Cancel leaves the project untouched", async () => {
    const before = docs();
    const hash = projectHash();
    await dropFiles([
      fixture("transcripts/leder-bodo.txt"),
      fixture("transcripts/whisper-sandnes.srt"),
      fixture("broken/uten-etiketter.txt"),
    ]);
    await waitForPreview(3);
    expect(await rowText("leder-bodo.txt", "import-turns")).toBe("9");
    expect(await speakers("leder-bodo.txt")).toEqual(["I intervjuer · 5 turer", "IP1 informant · 4 turer"]);
    // uten-etiketter.txt has no labels: 0 turns, so the speaker-pattern field is offered.
    expect(await rowText("uten-etiketter.txt", "import-turns")).toBe("0");
    await expect($("[data-testid=import-pattern]")).toBeDisplayed();
    // The core's warning (ImportWarning::NoSpeakerLabels) in bokmål, behind the notes toggle.
    await row("uten-etiketter.txt").$(".warn-details summary").click();
    const warning = await row("uten-etiketter.txt").$("[data-testid=import-warning]");
    await warning.waitForDisplayed();
    expect(await warning.getAttribute("data-kind")).toBe("noSpeakerLabels");
    expect(await warning.getText()).toBe(
      "Fant ingen talermerker, så hele teksten blir innledning. Har filen talermerker, kan du oppgi et talermønster.",
    );
    await screenshot("import-preview");

    await $("[data-testid=import-cancel]").click();
    await $("[data-testid=import-dialog]").waitForDisplayed({ reverse: true });
    expect(projectHash()).toBe(hash);
    expect(docs()).toEqual(before);
    expect(await $$("[data-testid=document-item]")).toHaveLength(0);
  });

  it("imports two transcripts chosen in the file dialog (in English)", async () => {
    await $("[data-testid=language-toggle]").click();
    await expect($("[data-testid=import-button]")).toHaveText("Import…");
    await $("[data-testid=import-button]").click();
    await waitForPreview(2);
    expect(await rowText("leder-bodo.txt", "import-turns")).toBe("9");
    expect(await rowText("whisper-sandnes.srt", "import-turns")).toBe("8");
    expect(await speakers("whisper-sandnes.srt")).toEqual([
      "SPEAKER_00 informant · 4 turns",
      "SPEAKER_01 informant · 4 turns",
    ]);
    expect(await rowText("whisper-sandnes.srt", "import-format")).toBe("SRT subtitles");
    await expect($("[data-testid=import-confirm]")).toHaveText("Import 2 files");
    await screenshot("import-preview-en");

    await $("[data-testid=import-confirm]").click();
    await $("[data-testid=import-summary]").waitForDisplayed();
    await expect($("[data-testid=import-summary-imported]")).toHaveText("2 documents were imported.");
    await $("[data-testid=import-close]").click();
    await $("[data-testid=import-dialog]").waitForDisplayed({ reverse: true });
    await browser.waitUntil(async () => (await listedNames()).length === 2, { timeoutMsg: "the list shows 2 documents" });
    expect(await listedNames()).toEqual(["leder-bodo", "whisper-sandnes"]);
    const stored = docs();
    expect(stored.map((d) => [d.name, d.turns]).sort()).toEqual([
      ["leder-bodo", 9],
      ["whisper-sandnes", 8],
    ]);
    await $("[data-testid=language-toggle]").click();
    await expect($("[data-testid=import-button]")).toHaveText("Importer…");
  });

  it("imports a dropped transcript and names the broken file in the error summary", async () => {
    await dropFiles([fixture("transcripts/gruppe-tromso.docx"), fixture("broken/tom.txt")]);
    await waitForPreview(2);
    expect(await rowText("gruppe-tromso.docx", "import-turns")).toBe("10");
    await expect(row("tom.txt").$("[data-testid=import-error]")).toHaveText(
      "Kan ikke importeres: Filen er tom.",
    );
    await expect($("[data-testid=import-confirm]")).toHaveText("Importer 1 fil");
    await screenshot("import-preview-error");
    await $("[data-testid=import-confirm]").click();
    await $("[data-testid=import-summary]").waitForDisplayed();
    await expect($("[data-testid=import-summary-imported]")).toHaveText("1 dokument ble importert.");
    const problems = await $$("[data-testid=import-problem]");
    expect(problems).toHaveLength(1);
    const text = (await problems[0].getText()).replace(/\s+/g, " ");
    expect(text).toContain("tom.txt");
    expect(text).toContain("Filen er tom.");
    await screenshot("import-summary");
    await browser.keys("Escape");
    await $("[data-testid=import-dialog]").waitForDisplayed({ reverse: true });
    await browser.waitUntil(async () => (await listedNames()).length === 3, { timeoutMsg: "the list shows 3 documents" });
    // 2 + 1 documents; tom.txt is not among them.
    expect(docs().map((d) => d.name).sort()).toEqual(["gruppe-tromso", "leder-bodo", "whisper-sandnes"]);
  });
});
