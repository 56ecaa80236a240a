// The Analyse mode in the real window, on a project of its own made by the launcher with the CLI
// (wdio.conf.js, prepareAnalysisProject): the Bentzen codebook; leder-bodo, tilsett-voss,
// gruppe-tromso and mote-kommunedirektor, with five informants in all (leder-bodo/IP1,
// tilsett-voss/Informant, gruppe-tromso/Deltaker 1 and 2, mote-kommunedirektor/Kari Nordmann);
// T01 on leder-bodo turns 4 and 6, tilsett-voss turn 8 and gruppe-tromso turn 2 (Deltaker 1);
// T06 on leder-bodo turns 4 and 8. The spec opens T01's summary and checks its figures against
// values worked out below, pins a quote, saves the chart as PNG through the dialog hook, opens the
// code × document heatmap and a cell's excerpts, and writes a framework-matrix cell.
import fs from "node:fs";

import { ANALYSIS_CHART_FILE, analysisProjectPath as p, cli } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const NBSP = "\u00a0";
/** Exactly the element's characters (getText() folds spaces, and no-break spaces with them). */
const textOf = async (el) => (await (await el).getProperty("textContent")).replace(/\s+/g, (s) => (s.includes(NBSP) ? NBSP : " ")).trim();

describe("thematic analysis (real window)", () => {
  it("opens T01's summary from the codebook and shows its figures", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    await $("[data-testid=mode-analysis]").click();
    await $("[data-testid=analysis-view]").waitForDisplayed();
    await $("[data-testid=code-row][data-key='T01']").click();
    await $("[data-testid=summary-title]").waitForDisplayed();
    expect(await textOf($("[data-testid=summary-title]"))).toBe("T01 Tillit som fenomen");

    // Informants with a T01 excerpt: leder-bodo/IP1, tilsett-voss/Informant and gruppe-tromso/
    // Deltaker 1 = 3, of the 5 informants in the project.
    expect(await textOf($("[data-testid=summary-informants]"))).toBe("3 av 5 informanter");
    // Excerpts: leder-bodo 4 and 6, tilsett-voss 8, gruppe-tromso 2 = 4, in 3 of the 4 documents.
    expect(await textOf($("[data-testid=summary-excerpts]"))).toBe("4 utdrag");
    expect(await textOf($("[data-testid=summary-documents]"))).toBe("i 3 av 4 dokumenter");
    expect(await textOf($("[data-testid=summary-phrase]"))).toBe("I løpende tekst: «tre av fem informanter»");

    // Co-occurrence over turns: T01 is in 4 turns (bodo 4, 6; voss 8; tromsø 2), T06 in 2 (bodo
    // 4, 8); both in 1 (bodo 4); either in 4 + 2 − 1 = 5. Jaccard 1 / 5 = 0,20.
    const t06 = await $("[data-testid=summary-cooccurring-row][data-code='T06']");
    expect(await textOf(t06.$("[data-testid=cooccurring-count]"))).toBe("1");
    expect(await textOf(t06.$("[data-testid=cooccurring-jaccard]"))).toBe("0,20");

    // leder-bodo's informant words (IP1's turns, runs of letters and digits): turn 2 has 34,
    // turn 4 56, turn 6 23 and turn 8 27 = 140; T01 codes turns 4 and 6 = 56 + 23 = 79 words.
    // 79 / 140 = 0.5643 → «56,4 %».
    const bodo = await $("[data-testid=summary-share][data-document='leder-bodo']");
    expect(await textOf(bodo.$("[data-testid=summary-share-value]"))).toBe(`56,4${NBSP}%`);
    expect(await textOf(bodo)).toContain("79 av 140 ord");
    await screenshot("analysis-summary");
  });

  it("pins a quote to the top, as the CLI then lists it", async () => {
    const quotes = async () => {
      const out = [];
      for (const q of await $$("[data-testid=summary-quote]")) out.push([await q.getAttribute("data-coding"), await q.getAttribute("data-pinned")]);
      return out;
    };
    const before = await quotes();
    expect(before.length).toBe(4);
    const second = before[1][0];
    await (await $$("[data-testid=quote-pin]"))[1].click();
    await browser.waitUntil(async () => (await quotes())[0]?.[0] === second, { timeoutMsg: "the pinned quote moves to the top" });
    expect((await quotes())[0]).toEqual([second, "true"]);
    const listed = JSON.parse(cli("quotes", p, "--code", "T01", "--json"));
    const first = listed.quotes[0];
    expect(first.coding).toBe(second);
    expect(first.pinned).toBe(true);
    await screenshot("analysis-quotes");
  });

  it("shows the core's chart as an image and saves it as PNG through the save dialog", async () => {
    const img = await $("[data-testid=chart-prevalence-image]");
    await img.scrollIntoView();
    expect((await img.getAttribute("src")).startsWith("data:image/svg+xml;base64,")).toBe(true);
    // The image has loaded and has a size (a broken data URL would not).
    await browser.waitUntil(async () => (await img.getProperty("naturalWidth")) > 0, { timeoutMsg: "the chart image loads" });
    await $("[data-testid=chart-prevalence-png]").click();
    await $("[data-testid=chart-prevalence-saved]").waitForDisplayed();
    expect(await textOf($("[data-testid=chart-prevalence-saved]"))).toBe(`Diagrammet er lagret i ${ANALYSIS_CHART_FILE}`);
    const png = fs.readFileSync(ANALYSIS_CHART_FILE);
    // The PNG signature: 89 50 4E 47 0D 0A 1A 0A.
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await screenshot("analysis-chart");
  });

  it("opens the code × document heatmap and a cell's excerpts", async () => {
    await $("[data-testid=analysis-tab-overview]").click();
    await $("[data-testid=overview-documents]").click();
    await $("[data-testid=matrix-table]").waitForDisplayed();
    const cell = async (row, col) => $(`[data-testid=matrix-cell][data-row='${row}'][data-col='${col}']`);
    // T01: 2 excerpts in leder-bodo (turns 4, 6), 1 in tilsett-voss, 1 in gruppe-tromso, none in
    // mote-kommunedirektor; T06: 2 in leder-bodo (turns 4, 8).
    const expected = [
      ["T01", "leder-bodo", "2"],
      ["T01", "tilsett-voss", "1"],
      ["T01", "gruppe-tromso", "1"],
      ["T01", "mote-kommunedirektor", "0"],
      ["T06", "leder-bodo", "2"],
      ["T06", "tilsett-voss", "0"],
    ];
    for (const [row, col, n] of expected) expect(await textOf(cell(row, col))).toBe(n);
    // Only the codes with excerpts are rows (the other 145 codes of the codebook are left out).
    const rows = [];
    for (const r of await $$("[data-testid=matrix-row]")) rows.push(await r.getAttribute("data-code"));
    expect(rows).toEqual(["T01", "T06"]);
    await screenshot("analysis-heatmap");

    await (await cell("T01", "leder-bodo")).click();
    await $("[data-testid=analysis-drill]").waitForDisplayed();
    await browser.waitUntil(async () => (await $$("[data-testid=excerpt-card]")).length === 2, {
      timeoutMsg: "the cell's two excerpts are listed",
    });
    const turns = [];
    for (const c of await $$("[data-testid=excerpt-card]")) turns.push([await c.getAttribute("data-document"), await c.getAttribute("data-turn")]);
    expect(turns).toEqual([
      ["leder-bodo", "4"],
      ["leder-bodo", "6"],
    ]);
    expect(await textOf($("[data-testid=drill-title]"))).toBe("T01 Tillit som fenomen · leder-bodo");
    await screenshot("analysis-heatmap-cell");
  });

  it("writes a framework-matrix cell, saved in the project", async () => {
    await $("[data-testid=drill-close]").click();
    await $("[data-testid=analysis-tab-framework]").click();
    const cell = await $("[data-testid=framework-cell][data-informant='leder-bodo/IP1'][data-code='T01 Tillit som fenomen']");
    await cell.waitForDisplayed();
    // leder-bodo/IP1 has the two T01 excerpts of turns 4 and 6.
    expect(await textOf(cell.$("[data-testid=framework-excerpts]"))).toBe("2 utdrag");
    const summary = "Tillit er et ord alle bruker, men skjemaene er de samme.";
    await cell.$("[data-testid=framework-text]").setValue(summary);
    await $("[data-testid=analysis-tab-framework]").click();
    await browser.waitUntil(async () => (await textOf(cell.$("[data-testid=framework-status]"))) === "Lagret", {
      timeoutMsg: "the cell is saved",
    });
    const framework = JSON.parse(cli("framework", p, "--json"));
    const column = framework.codes.findIndex((c) => c.key === "T01");
    const row = framework.rows.find((r) => r.informant === "leder-bodo/IP1");
    expect(row.cells[column].text).toBe(summary);
    await screenshot("analysis-framework");
  });
});
