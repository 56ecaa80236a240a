// The workspace: the app launched with the E2E project as its argument. Every expected value is
// computed here from the CLI's JSON (`tolk docs --json`, `tolk show --json`) for the same file.
import { cli, projectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const docs = () => JSON.parse(cli("docs", projectPath, "--json"));
const show = (guid) => JSON.parse(cli("show", projectPath, guid, "--json"));

/** Char offset -> UTF-16 offset, the unit JavaScript strings (and the DTOs) use. */
const utf16 = (text, charPos) => Array.from(text).slice(0, charPos).join("").length;

/** hh:mm:ss from milliseconds, truncating: 872 000 ms = 14 * 60 + 32 s -> "00:14:32". */
function hms(ms) {
  const s = Math.floor(ms / 1000);
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((v) => String(v).padStart(2, "0")).join(":");
}

const texts = async (selector, root = browser) => {
  const out = [];
  for (const el of await root.$$(selector)) out.push(await el.getText());
  return out;
};

describe("workspace (real window, project given as argument)", () => {
  it("lists the project's documents in Norwegian order with turns and words", async () => {
    const expected = docs();
    await $("[data-testid=document-list]").waitForDisplayed();
    // The CLI lists documents in the core's Norwegian order; the UI re-sorts with Intl.Collator("nb").
    // Both must give the same order.
    const cliOrder = expected.map((d) => d.name);
    expect([...cliOrder].sort(new Intl.Collator("nb").compare)).toEqual(cliOrder);
    expect(await texts("[data-testid=document-name]")).toEqual(cliOrder);

    for (const d of expected) {
      const item = await $(`[data-testid=document-item][data-guid="${d.guid}"]`);
      await expect(item.$("[data-testid=document-turns]")).toHaveAttribute("data-value", String(d.turns));
      await expect(item.$("[data-testid=document-words]")).toHaveAttribute("data-value", String(d.words));
    }
    // Until projects remember the last document, the first one in the list opens.
    await expect($("[data-testid=transcript]")).toHaveAttribute("data-guid", expected.find((d) => d.name === cliOrder[0]).guid);
    await expect($("[data-testid=project-name]")).toHaveText(expect.stringContaining("e2e"));
    await expect(browser).toHaveTitle("e2e · Tolk");
  });

  it("shows a clicked document's turns: numbers, speakers, times and text", async () => {
    const summary = docs().find((d) => d.source.endsWith("leder-bodo.txt"));
    expect(summary).toBeDefined();
    const doc = show(summary.guid);
    expect(doc.turns.length).toBeGreaterThan(1);

    await $(`[data-testid=document-item][data-guid="${summary.guid}"]`).click();
    await $(`[data-testid=transcript][data-guid="${summary.guid}"]`).waitForDisplayed();
    await expect($("[data-testid=document-title]")).toHaveText(doc.name);

    const rows = await $$("[data-testid=turn]");
    expect(rows.length).toBe(doc.turns.length);

    const numbers = [];
    for (const row of rows) numbers.push(await row.getAttribute("data-turn-n"));
    expect(numbers).toEqual(doc.turns.map((t) => String(t.n)));
    expect(await texts("[data-testid=turn] .speaker")).toEqual(doc.turns.map((t) => t.speaker));

    const withTime = doc.turns.filter((t) => t.time_ms !== null);
    expect(await texts("[data-testid=turn-time]")).toEqual(withTime.map((t) => hms(t.time_ms)));

    const first = doc.turns[0];
    const last = doc.turns[doc.turns.length - 1];
    expect(await rows[0].$(".turn-text").getText()).toBe(first.text.trim());
    expect(await rows[rows.length - 1].$(".turn-text").getText()).toBe(last.text.trim());

    // The offsets the UI got are UTF-16 units: slicing the text with them gives the turn's text.
    for (const [row, turn] of [
      [rows[0], first],
      [rows[rows.length - 1], last],
    ]) {
      const start = Number(await row.getAttribute("data-start-utf16"));
      const end = Number(await row.getAttribute("data-end-utf16"));
      expect(start).toBe(utf16(doc.text, turn.start_char));
      expect(end).toBe(utf16(doc.text, turn.end_char));
      expect(doc.text.slice(start, end)).toBe(turn.text);
    }

    await screenshot("transcript");
  });

  it("renders every document with all its turns and speakers", async () => {
    for (const summary of docs()) {
      const doc = show(summary.guid);
      await $(`[data-testid=document-item][data-guid="${summary.guid}"]`).click();
      await $(`[data-testid=transcript][data-guid="${summary.guid}"]`).waitForDisplayed();
      await $(`[data-testid=turn][data-turn-n="${doc.turns.length}"]`).waitForExist();
      expect(await $$("[data-testid=turn]").length).toBe(doc.turns.length);
      expect(await texts("[data-testid=turn] .speaker")).toEqual(doc.turns.map((t) => t.speaker));
      if (summary.source.endsWith(".vtt")) await screenshot("transcript-vtt");
    }
  });
});
