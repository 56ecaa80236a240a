// Coded excerpts, memos and the coder in the real window, on a project of its own made by the
// launcher with the CLI (Bentzen codebook, leder-bodo and tilsett-voss; T01 on leder-bodo turns 4
// and 6 and tilsett-voss turn 2, T06 on a stretch inside leder-bodo turn 4 and on turn 8). The
// Utdrag mode builds `T01 AND T06` and `T01 NOT T06` and its rows must be what
// `tolk excerpts --json` says; «Gå til» opens the transcript at the excerpt's turn and flashes
// it; a memo written on a code shows in the memo browser and in the CLI, and «Eksporter som
// Markdown…» writes it through the dialog hook.
import fs from "node:fs";

import { cli, codeGuid, excerptsProjectPath, MEMO_EXPORT_FILE } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const p = excerptsProjectPath;
const excerpts = (...args) => JSON.parse(cli("excerpts", p, ...args, "--json"));

const guidOf = (key) => codeGuid(p, key);

/** The table's rows as `{ document, turn, text }`, in the order shown. */
async function rows() {
  const out = [];
  for (const r of await $$("[data-testid=excerpt-row]")) {
    out.push({
      document: await r.getAttribute("data-document"),
      turn: Number(await r.getAttribute("data-turn")),
      // textContent: exactly the characters, where getText() would trim and fold spaces.
      text: await r.$("[data-testid=excerpt-text]").getProperty("textContent"),
    });
  }
  return out;
}

const expected = (list) => list.map((e) => ({ document: e.document, turn: e.turn, text: e.text }));

async function runQuery(op) {
  await $("[data-testid=query-op]").selectByAttribute("value", op);
  await $("[data-testid=query-run]").click();
}

describe("coded excerpts, memos and coders (real window)", () => {
  it("builds T01 AND T06 in the Utdrag mode and lists what the CLI lists", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    await $("[data-testid=mode-excerpts]").click();
    await $("[data-testid=excerpts-view]").waitForDisplayed();
    await $("[data-testid=query-code]").selectByAttribute("value", guidOf("T01"));
    await $("[data-testid=query-add]").click();
    await $("[data-testid=query-step-code]").selectByAttribute("value", guidOf("T06"));
    await runQuery("and");
    await $("[data-testid=excerpt-row]").waitForDisplayed();
    const cliAnd = excerpts("--code", "T01", "--and", "T06");
    // One piece: the T06 stretch inside the T01 coding of leder-bodo turn 4 (chars 10..70 of
    // its words, 60 chars).
    expect(cliAnd.length).toBe(1);
    expect(cliAnd[0].end_char - cliAnd[0].start_char).toBe(60);
    expect(await rows()).toEqual(expected(cliAnd));
    await expect($("[data-testid=query-summary]")).toHaveText(expect.stringContaining("1 utdrag fra 1 av"));
    await screenshot("excerpts-and");
  });

  it("switches the operator to NOT and lists the two whole T01 codings outside T06", async () => {
    await runQuery("not");
    await browser.waitUntil(async () => (await $$("[data-testid=excerpt-row]")).length === 2, {
      timeoutMsg: "the NOT query shows two rows",
    });
    const cliNot = excerpts("--code", "T01", "--not", "T06");
    // leder-bodo turn 6 and tilsett-voss turn 2, in the documents' Norwegian order.
    expect(cliNot.map((e) => [e.document, e.turn])).toEqual([
      ["leder-bodo", 6],
      ["tilsett-voss", 2],
    ]);
    expect(await rows()).toEqual(expected(cliNot));
    // The turns around the first one: 5 (I), 6 (IP1), 7 (I).
    await $("[data-testid=excerpt-expand]").click();
    await browser.waitUntil(async () => (await $$("[data-testid=context-turn]")).length === 3, {
      timeoutMsg: "the expanded row shows three turns",
    });
    const turns = [];
    for (const t of await $$("[data-testid=context-turn]")) turns.push(await t.getAttribute("data-turn"));
    expect(turns).toEqual(["5", "6", "7"]);
    await screenshot("excerpts-not-expanded");
  });

  it("opens an excerpt in context: the transcript shows and flashes its turn", async () => {
    await $("[data-testid=excerpt-goto]").click();
    const turn = await $("[data-testid=turn][data-turn-n='6']");
    await turn.waitForDisplayed();
    await browser.waitUntil(async () => (await turn.getAttribute("class")).split(/\s+/).includes("flash"), {
      timeoutMsg: "turn 6 flashes",
      timeout: 3000,
      interval: 50,
    });
    await expect($("[data-testid=mode-coding]")).toHaveAttribute("aria-pressed", "true");
    await screenshot("excerpts-goto");
  });

  it("shows the focused code's excerpts in the side panel, with the coder", async () => {
    await $(`[data-testid=code-row][data-key='T01']`).click();
    await $("[data-testid=side-tab-excerpts]").click();
    await $("[data-testid=excerpts-summary]").waitForDisplayed();
    // T01 with sub-codes: the three codings, from IP1 of leder-bodo and the informant of
    // tilsett-voss.
    const all = excerpts("--code", "T01", "--subcodes");
    expect(all.length).toBe(3);
    await expect($("[data-testid=excerpts-summary]")).toHaveText(expect.stringMatching(/^3 utdrag fra 2 av \d+ informanter$/));
    expect((await $$("[data-testid=excerpt-card]")).length).toBe(3);
    await expect($("[data-testid=coder-filter]")).toHaveAttribute("aria-label", "Koder: alle");
    await screenshot("excerpts-panel");
  });

  it("writes a memo on a code, finds it in the memo browser and in the CLI", async () => {
    await $("[data-testid=side-tab-memo]").click();
    const heading = await $("[data-testid=memo-heading]");
    await heading.waitForDisplayed();
    await expect(heading).toHaveText(expect.stringContaining("Memo for koden T01"));
    const text = "Tillit betyr her at lederen stoler på fagfolka – ikke på skjemaene.";
    await $("[data-testid=memo-text]").setValue(text);
    // Leaving the field saves at once.
    await $("[data-testid=memo-search]").click();
    await expect($("[data-testid=memo-status]")).toHaveText("Lagret");
    await browser.waitUntil(async () => (await $$("[data-testid=memo-entry]")).length === 1, {
      timeoutMsg: "the memo browser lists the memo",
    });
    await expect($("[data-testid=memo-entry]")).toHaveText(expect.stringContaining(text));
    const memo = JSON.parse(cli("memo", p, "--code", "T01", "--json"));
    expect(memo.text).toBe(text);
    await screenshot("memo-code");
  });

  it("exports the memos as Markdown through the save dialog", async () => {
    await $("[data-testid=memo-export]").click();
    await expect($("[data-testid=memo-exported]")).toHaveText(`Memoene er lagret i ${MEMO_EXPORT_FILE}`);
    const markdown = fs.readFileSync(MEMO_EXPORT_FILE, "utf8");
    expect(markdown.startsWith("# Memoer\n")).toBe(true);
    expect(markdown).toContain("## Koder");
    expect(markdown).toContain("Tillit betyr her at lederen stoler på fagfolka – ikke på skjemaene.");
  });
});
