// A 20,000-word transcript in the real window: the DOM stays bounded (virtualisation), jump to a
// turn number, find in document (Ctrl+F) and font size. The project is built here with the real
// `tolk` CLI from the benchmark corpus generator, and the app is restarted on it (a new session
// through tauri-driver with the project as argument). Expected values come from `tolk show --json`.
// Timings (performance.now() in the window) go to target/e2e-timings.json; nothing asserts on them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { FIXTURES, application, cli, root, tmp } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const dir = path.join(tmp, "long");
const project = path.join(dir, "long.tolk");
const corpus = path.join(dir, "corpus");
const generator = path.resolve(root, "..", "shared", "bench", "gen_corpus.py");
const timingsFile = path.join(root, "target", "e2e-timings.json");
const WORD = "Økonomi";

const docs = () => JSON.parse(cli("docs", project, "--json"));
const show = (guid) => JSON.parse(cli("show", project, guid, "--json"));

/** Non-overlapping, case-insensitive occurrences of `word` in `text` (what the find bar counts). */
function occurrences(text, word) {
  const hay = text.toLowerCase();
  const needle = word.toLowerCase();
  let n = 0;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) n++;
  return n;
}

const turnCount = () => browser.execute(() => document.querySelectorAll("[data-testid=turn]").length);

/** performance entries the app records, read in the window. */
const entries = (name) =>
  browser.execute((n) => performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration })), name);

/** True if the element's box lies within the transcript pane's visible area. */
const inPane = (selector) =>
  browser.execute((sel) => {
    const el = document.querySelector(sel);
    const pane = document.querySelector("[data-testid=transcript-pane]");
    if (!el || !pane) return false;
    const r = el.getBoundingClientRect();
    const p = pane.getBoundingClientRect();
    return r.bottom > p.top && r.top < p.bottom && r.height > 0;
  }, selector);

function writeTimings(values) {
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(timingsFile, "utf8"));
  } catch {
    // First spec to write timings in this run.
  }
  Object.assign(all, values);
  fs.mkdirSync(path.dirname(timingsFile), { recursive: true });
  fs.writeFileSync(timingsFile, `${JSON.stringify(all, null, 2)}\n`);
}

describe("a 20,000-word transcript (real window)", () => {
  let big;
  let doc;
  const timings = {};

  before(async () => {
    if (!fs.existsSync(generator)) throw new Error(`E2E needs the corpus generator ${generator} (../shared/bench).`);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("python3", [generator, "--docs", "1", "--words-per-doc", "20000", "--out", corpus], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    cli("new", project);
    const bodo = FIXTURES.find((f) => f.endsWith("leder-bodo.txt"));
    cli("import", project, corpus, bodo);
    const list = docs();
    big = list.find((d) => d.source.includes("intervju_0001"));
    if (!big) throw new Error(`the generated transcript was not imported: ${JSON.stringify(list)}`);
    doc = show(big.guid);
    console.log(`long transcript: ${big.words} words, ${doc.turns.length} turns`);

    // Restart the app on this project (the session the runner opened has the fixture project).
    await browser.reloadSession({ "tauri:options": { application, args: [project] } });
  });

  after(() => {
    writeTimings({
      note: "performance.now() in the app window (origin: the webview's start); see transcript-long.e2e.js",
      document: { words: big?.words, turns: doc?.turns.length },
      ...timings,
    });
  });

  it("opens by clicking and keeps at most 300 turn elements in the DOM", async () => {
    expect(big.words).toBeGreaterThanOrEqual(20000);
    await $(`[data-testid=document-item][data-guid="${big.guid}"]`).waitForDisplayed({ timeout: 30000 });
    // The project opens at its first document (intervju_0001 sorts before leder-bodo); the app
    // marks when a document's first rows are painted. Only a timing: if the app ever stops
    // opening a document by itself, it is recorded as null and the clicks below still run.
    const opened = await browser
      .waitUntil(async () => (await entries("tolk:document-shown")).length > 0, { timeout: 15000 })
      .catch(() => false);
    timings.appStartToFirstDocumentShownMs = opened
      ? Math.round((await entries("tolk:document-shown"))[0].start)
      : null;

    // Open the other document and then the long one, by clicking.
    const other = docs().find((d) => d.guid !== big.guid);
    await $(`[data-testid=document-item][data-guid="${other.guid}"]`).click();
    await $(`[data-testid=transcript][data-guid="${other.guid}"]`).waitForDisplayed();
    const t0 = await browser.execute(() => performance.now());
    await $(`[data-testid=document-item][data-guid="${big.guid}"]`).click();
    await $(`[data-testid=transcript][data-guid="${big.guid}"]`).waitForDisplayed();
    await $('[data-testid=turn][data-turn-n="1"]').waitForDisplayed();
    const shown = await entries("tolk:document-shown");
    timings.clickToDocumentShownMs = Math.round(shown[shown.length - 1].start - t0);

    expect(await $("[data-testid=document-title]").getText()).toBe(doc.name);
    const first = await $('[data-testid=turn][data-turn-n="1"] .turn-text').getText();
    expect(first).toBe(doc.turns[0].text.trim());
    const rendered = await turnCount();
    expect(rendered).toBeLessThanOrEqual(300);
    // Fewer rows than turns: the rest are spacers.
    expect(rendered).toBeLessThan(doc.turns.length);

    // Scrolling through the whole transcript keeps it bounded, and the viewport is never empty.
    const height = await browser.execute(() => document.querySelector("[data-testid=transcript-pane]").scrollHeight);
    for (const f of [0.25, 0.5, 0.75, 1]) {
      await browser.execute((y) => {
        document.querySelector("[data-testid=transcript-pane]").scrollTop = y;
      }, height * f);
      const visible = () =>
        browser.execute(() => {
          const p = document.querySelector("[data-testid=transcript-pane]").getBoundingClientRect();
          return [...document.querySelectorAll("[data-testid=turn]")].some((el) => {
            const r = el.getBoundingClientRect();
            return r.bottom > p.top + 80 && r.top < p.bottom;
          });
        });
      await browser.waitUntil(visible, { timeoutMsg: `no turn on screen at ${f * 100} % of the transcript` });
      expect(await turnCount()).toBeLessThanOrEqual(300);
    }
    await browser.execute(() => {
      document.querySelector("[data-testid=transcript-pane]").scrollTop = 0;
    });
    await screenshot("transcript-long");
  });

  it("jumps to the last turn from the turn number field", async () => {
    const last = doc.turns[doc.turns.length - 1];
    const input = await $("[data-testid=jump-input]");
    // Typed into the field (WebDriver element typing; key actions can drop a repeated character).
    await input.setValue(String(last.n));
    await browser.keys("Enter");
    const row = await $(`[data-testid=turn][data-turn-n="${last.n}"]`);
    await row.waitForExist();
    await browser.waitUntil(() => inPane(`[data-testid=turn][data-turn-n="${last.n}"]`), {
      timeoutMsg: `turn ${last.n} is not shown after the jump`,
    });
    expect(await row.$(".turn-text").getText()).toBe(last.text.trim());
    expect(await turnCount()).toBeLessThanOrEqual(300);
    await browser.waitUntil(async () => (await entries("tolk:jump-to-turn")).length > 0);
    timings.jumpToLastTurnMs = Math.round((await entries("tolk:jump-to-turn")).at(-1).duration);

    // A number that is no turn says so and moves nothing.
    await input.setValue(String(doc.turns.length + 1));
    await browser.keys("Enter");
    await expect($("[data-testid=jump-error]")).toHaveText(expect.stringContaining(String(doc.turns.length)));
    expect(await inPane(`[data-testid=turn][data-turn-n="${last.n}"]`)).toBe(true);
    await screenshot("transcript-jump");
    // Esc empties the field and the message.
    await browser.keys("Escape");
    await expect($("[data-testid=jump-error]")).toHaveText("");
    expect(await input.getValue()).toBe("");
  });

  it("finds a word with Ctrl+F, counts every hit and reaches hits outside the rendered window", async () => {
    // Expected: the sum over all turns of the case-insensitive hits of the word in the turn text.
    const perTurn = doc.turns.map((t) => occurrences(t.text, WORD));
    const total = perTurn.reduce((a, b) => a + b, 0);
    const firstTurn = doc.turns[perTurn.findIndex((c) => c > 0)];
    const lastTurn = doc.turns[perTurn.findLastIndex((c) => c > 0)];
    expect(total).toBeGreaterThan(0);

    // Read from the top, so the first hit is the first in the document.
    await browser.execute(() => {
      document.querySelector("[data-testid=transcript-pane]").scrollTop = 0;
    });
    await $('[data-testid=turn][data-turn-n="1"]').waitForDisplayed();
    await $("[data-testid=document-title]").click();
    await browser.keys(["Control", "f"]);
    const find = await $("[data-testid=find-input]");
    await find.waitForDisplayed();
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.dataset?.testid === "find-input"), {
      timeoutMsg: "Ctrl+F did not focus the find field",
    });
    await browser.keys(WORD);
    expect(await find.getValue()).toBe(WORD);

    const count = await $("[data-testid=find-count]");
    await browser.waitUntil(async () => (await count.getAttribute("data-total")) === String(total), {
      timeoutMsg: `expected ${total} hits for ${WORD}`,
    });
    await expect(count).toHaveText(`1 av ${total}`);
    // The selected hit is in the first turn that has one, and it is on screen.
    const currentTurn = () =>
      browser.execute(() => document.querySelector("mark.current")?.closest("[data-testid=turn]")?.dataset.turnN);
    expect(await currentTurn()).toBe(String(firstTurn.n));
    expect(await inPane("mark.current")).toBe(true);
    expect((await $("mark.current").getText()).toLowerCase()).toBe(WORD.toLowerCase());
    expect(await turnCount()).toBeLessThanOrEqual(300);
    await screenshot("transcript-find");
    // The same in English.
    await $("[data-testid=language-toggle]").click();
    await expect(count).toHaveText(`1 of ${total}`);
    await screenshot("transcript-find-en");
    await $("[data-testid=language-toggle]").click();
    await expect(count).toHaveText(`1 av ${total}`);
    await find.click();

    // Enter goes to the next hit, Shift+Enter back.
    await browser.keys("Enter");
    await expect(count).toHaveText(`2 av ${total}`);
    await browser.keys(["Shift", "Enter"]);
    await expect(count).toHaveText(`1 av ${total}`);
    // Shift+Enter from the first hit wraps to the last one, near the end, outside the window.
    await browser.keys(["Shift", "Enter"]);
    await expect(count).toHaveText(`${total} av ${total}`);
    await browser.waitUntil(async () => (await currentTurn()) === String(lastTurn.n), {
      timeoutMsg: `the last hit should be in turn ${lastTurn.n}`,
    });
    await browser.waitUntil(() => inPane("mark.current"), { timeoutMsg: "the last hit is not on screen" });
    expect(await turnCount()).toBeLessThanOrEqual(300);

    // Esc closes the bar and the highlights go.
    await browser.keys("Escape");
    await $("[data-testid=find-bar]").waitForExist({ reverse: true });
    expect(await $$("mark").length).toBe(0);
  });

  it("changes the document font size with A+ and A−, keeps the top turn in place and remembers it", async () => {
    const size = async () => Number(await $("[data-testid=font-size]").getAttribute("data-value"));
    const before = await size();
    const fontOf = () =>
      browser.execute(() => parseFloat(getComputedStyle(document.querySelector("[data-testid=turn-text]")).fontSize));
    expect(await fontOf()).toBe(before);
    // The turn at the top edge of the pane, and where its top is.
    const topTurn = () =>
      browser.execute(() => {
        const top = document.querySelector("[data-testid=transcript-pane]").getBoundingClientRect().top;
        const row = [...document.querySelectorAll("[data-testid=turn]")].find((r) => r.getBoundingClientRect().bottom > top);
        return { n: row.dataset.turnN, top: Math.round(row.getBoundingClientRect().top) };
      });
    // Read from the middle of the transcript: jump to turn 116 (232 / 2).
    await $("[data-testid=jump-input]").setValue(String(doc.turns.length / 2));
    await browser.keys("Enter");
    await browser.waitUntil(() => inPane(`[data-testid=turn][data-turn-n="${doc.turns.length / 2}"]`));
    await browser.execute((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    const anchor = await topTurn();

    await $("[data-testid=font-larger]").click();
    await browser.waitUntil(async () => (await size()) > before);
    const larger = await size();
    expect(await fontOf()).toBe(larger);
    await browser.execute((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    const after = await topTurn();
    expect(after.n).toBe(anchor.n);
    expect(Math.abs(after.top - anchor.top)).toBeLessThanOrEqual(2);
    expect(await browser.execute(() => localStorage.getItem("tolk.docFontSize"))).toBe(String(larger));
    expect(await turnCount()).toBeLessThanOrEqual(300);
    await $("[data-testid=font-smaller]").click();
    await browser.waitUntil(async () => (await size()) === before);
  });

  it("fits a narrow window without horizontal scrolling", async () => {
    const { width, height } = await browser.getWindowSize();
    try {
      // The window's minimum width is 720 px (tauri.conf.json).
      await browser.setWindowSize(760, 640);
      await browser.waitUntil(() => browser.execute(() => innerWidth === 760));
      await browser.keys(["Control", "f"]);
      await $("[data-testid=find-bar]").waitForDisplayed();
      const overflow = await browser.execute(() => {
        const pane = document.querySelector("[data-testid=transcript-pane]");
        return pane.scrollWidth - pane.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await turnCount()).toBeLessThanOrEqual(300);
      await screenshot("transcript-narrow");
      await browser.keys("Escape");
    } finally {
      await browser.setWindowSize(width, height);
    }
  });
});
