// Search in the real window over the real core, on a project of its own made by the launcher
// with the CLI (Bentzen codebook, leder-bodo and tilsett-voss, no codings): Ctrl+Shift+F opens
// the Søk tab, «tillit» gives the counts the CLI gives for the same search, a hit opens its turn
// in the transcript, «Kod alle treff…» codes every hit's turn with T01 in one step (checked with
// `tolk excerpts`), and a saved search is in the project file (`tolk searches`).
import { cli, searchProjectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const P = searchProjectPath;
const search = (...args) => JSON.parse(cli("search", P, ...args, "--json"));

/** «8 treff i 7 turer · 2 dokumenter · 2 informanter», from the CLI's counts (all plural here). */
function countsLine(found) {
  for (const n of [found.hits, found.turns, found.documents, found.informants]) expect(n).toBeGreaterThan(1);
  return `${found.hits} treff i ${found.turns} turer · ${found.documents} dokumenter · ${found.informants} informanter`;
}

describe("search (real window)", () => {
  let expected;

  it("Ctrl+Shift+F opens the Søk tab with the query box focused", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    await $("[data-testid=document-title]").waitForDisplayed();
    await browser.keys(["Control", "Shift", "f"]);
    await expect($("[data-testid=side-tab-search]")).toHaveAttribute("aria-selected", "true");
    const box = await $("[data-testid=search-query]");
    await box.waitForDisplayed();
    await browser.waitUntil(async () => box.isFocused(), { timeoutMsg: "the query box has the focus" });
  });

  it("finds «tillit» with the counts the CLI gives", async () => {
    expected = search("tillit");
    // (browser.keys drops a repeated letter: «tillit» would arrive as «tilit».)
    await $("[data-testid=search-query]").setValue("tillit");
    await browser.keys("Enter");
    const counts = await $("[data-testid=search-counts]");
    await counts.waitForDisplayed();
    await expect(counts).toHaveText(countsLine(expected));
    // Every hit is listed (fewer than the panel's 500), each with its match marked.
    const hits = await $$("[data-testid=search-hit]");
    expect(hits.length).toBe(expected.hits);
    for (const hit of hits) {
      const marks = await hit.$$("mark");
      expect(marks.length).toBeGreaterThan(0);
      expect((await marks[0].getText()).toLowerCase()).toContain("tillit");
    }
    const documents = [];
    for (const g of await $$("[data-testid=search-group]")) documents.push(await g.getAttribute("data-document"));
    expect(documents).toEqual([
      "leder-bodo",
      "tilsett-voss",
    ]);
  });

  it("opens a hit at its turn in the transcript", async () => {
    // The CLI lists tilsett-voss's hits after leder-bodo's; take its first hit in a turn.
    const index = expected.results.findIndex((r) => r.document === "tilsett-voss" && r.turn !== null);
    const target = expected.results[index];
    const hits = await $$("[data-testid=search-hit-open]");
    await hits[index].click();
    await expect($("[data-testid=document-title]")).toHaveText("tilsett-voss");
    const row = await $(`[data-testid=turn][data-turn-n="${target.turn}"]`);
    await row.waitForDisplayed();
    await browser.waitUntil(async () => row.isDisplayed({ withinViewport: true }), { timeoutMsg: "the hit's turn is in view" });
    const words = await row.$("[data-text-start]").getText();
    expect(words).toContain(target.snippet.replace(/^…/, "").replace(/…$/, "").slice(0, 20));
  });

  it("codes every hit's turn with T01 in one step", async () => {
    await $("[data-testid=search-code-all]").click();
    const dialog = await $("[data-testid=search-code-dialog]");
    await dialog.waitForDisplayed();
    await $("[data-testid=search-code-filter]").setValue("T01");
    await $("[data-testid=search-code-option]").waitForDisplayed();
    let t01;
    for (const o of await $$("[data-testid=search-code-option]")) {
      if ((await o.getAttribute("data-key")) === "T01") t01 = o;
    }
    // The label, not the radio itself: WebKit reports a bare radio as not interactable.
    await t01.click();
    await $("[data-testid=search-code-confirm]").click();
    await dialog.waitForDisplayed({ reverse: true });
    // The hits fall in `turns` units (two hits share a turn in tilsett-voss): one coding each.
    const notice = await $("[data-testid=search-notice]");
    await notice.waitForDisplayed();
    await expect(notice).toHaveText(`Kodet med T01 Tillit som fenomen: ${expected.turns} nye kodinger, 0 fantes fra før.`);
    const excerpts = JSON.parse(cli("excerpts", P, "--code", "T01", "--json"));
    expect(excerpts.length).toBe(expected.turns);
    for (const e of excerpts) expect(e.text.toLowerCase()).toContain("tillit");
    const turns = excerpts.map((e) => `${e.document} ${e.turn}`).sort();
    const units = [...new Set(expected.results.map((r) => `${r.document} ${r.turn}`))].sort();
    expect(turns).toEqual(units);
    await screenshot("search-coded");
  });

  it("saves the search in the project file", async () => {
    await $("[data-testid=search-save]").click();
    const name = await $("[data-testid=search-save-name]");
    await name.waitForDisplayed();
    await name.setValue("Tillit overalt");
    await $("[data-testid=search-save-confirm]").click();
    await $("[data-testid=search-saved-row]").waitForDisplayed();
    const saved = JSON.parse(cli("searches", P, "--json"));
    expect(saved.map((s) => [s.name, s.query])).toEqual([["Tillit overalt", "tillit"]]);
    await $("[data-testid=search-help-open]").click();
    await $("[data-testid=search-help]").waitForDisplayed();
    await screenshot("search-help");
    await $("[data-testid=search-help-close]").click();
  });
});
