import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import AnalysisView from "./AnalysisView.svelte";
import { $, $$, choose, mountPane, query, settle, setup, type, XSS, type Setup } from "./testing";

const click = async (sel: string | Element) => {
  ((typeof sel === "string" ? $(sel) : sel) as HTMLElement).click();
  await settle();
};
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, " ").trim();

describe("Analyse mode", () => {
  let app: Awaited<ReturnType<typeof mountPane>> | undefined;
  let s: Setup;

  beforeEach(async () => {
    document.body.innerHTML = "";
    s = setup();
    app = await mountPane(AnalysisView, s);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
    vi.useRealTimers();
  });

  describe("theme summary", () => {
    beforeEach(async () => {
      s.workspace.focusedCode = "c-t01";
      await settle();
    });

    it("asks for the focused code and shows its prevalence the Norwegian way", () => {
      expect(s.backend.analysis.summaryRequests.at(-1)).toEqual({ code: "c-t01", subcodes: true, by: null, mode: "turns", scope: [] });
      expect(text("[data-testid=summary-title]")).toBe("T01 Tillit");
      expect(text("[data-testid=summary-informants]")).toBe("5 av 7 informanter");
      expect(text("[data-testid=summary-excerpts]")).toBe("12 utdrag");
      expect(text("[data-testid=summary-documents]")).toBe("i 2 av 2 dokumenter");
      expect(text("[data-testid=summary-phrase]")).toBe("I løpende tekst: «fem av syv informanter»");
      expect(text("[data-testid=summary-definition]")).toBe("Når ledere stoler på fagfolkenes skjønn.");
      expect(text("[data-testid=summary-memo]")).toBe("Viktig for kapittel 4.");
    });

    it("lists each document's coded share by name, with a decimal comma", () => {
      const rows = $$("[data-testid=summary-share]");
      expect(rows.map((r) => r.getAttribute("data-document"))).toEqual(["Int. 03", "Int. 07"]);
      // 41 / 90 = 0.4555… → 45,6 %; 300 / 1 200 = 25 %. The thousands use a no-break space.
      expect(rows.map((r) => r.querySelector("[data-testid=summary-share-value]")?.textContent)).toEqual(["45,6\u00a0%", "25\u00a0%"]);
      expect(rows[1]?.textContent).toContain("300 av 1\u00a0200 ord");
    });

    it("shows co-occurring codes with count and Jaccard, and switches to overlapping codings", async () => {
      const row = $("[data-testid=summary-cooccurring-row]");
      expect(row?.getAttribute("data-code")).toBe("T06");
      expect(row?.querySelector("[data-testid=cooccurring-count]")?.textContent).toBe("3");
      // 3 / 7 = 0.428… → 0,43
      expect(row?.querySelector("[data-testid=cooccurring-jaccard]")?.textContent).toBe("0,43");
      await click("[data-testid=summary-mode-overlap]");
      expect(s.backend.analysis.summaryRequests.at(-1)?.mode).toBe("overlap");
    });

    it("re-asks without sub-codes and broken down by an attribute, each group with its own X av N", async () => {
      await click("[data-testid=summary-subcodes]");
      expect(s.backend.analysis.summaryRequests.at(-1)?.subcodes).toBe(false);
      // The attribute names of documents (Rolle) and informants (kommune), lower-case, nb order.
      const options = [...($("[data-testid=summary-by]") as HTMLSelectElement).options].map((o) => o.value);
      expect(options).toEqual(["", "kommune", "rolle"]);
      choose("[data-testid=summary-by]", "rolle");
      await settle();
      expect(s.backend.analysis.summaryRequests.at(-1)?.by).toBe("rolle");
      const groups = $$("[data-testid=summary-group]");
      expect(groups.map((g) => g.getAttribute("data-group"))).toEqual(["leder", "(ingen verdi)"]);
      expect(groups[0]?.querySelector("[data-testid=summary-group-open]")?.textContent?.trim()).toBe("3 av 4 informanter");
      await click(groups[0]!.querySelector("[data-testid=summary-group-open]")!);
      expect(s.backend.excerptStore.queries.at(-1)).toEqual(query("c-t01", { attributes: ["rolle=leder"] }));
      expect(text("[data-testid=drill-title]")).toBe("T01 Tillit · leder");
    });

    it("opens the theme's excerpts from a figure in the side panel, and closes it", async () => {
      await click("[data-testid=summary-informants]");
      expect(s.backend.excerptStore.queries.at(-1)).toEqual(query("c-t01"));
      // The fake's T01 with sub-codes: three excerpts from two informants of 12.
      expect(text("[data-testid=drill-summary]")).toBe("3 utdrag fra 2 av 12 informanter");
      expect($$("[data-testid=excerpt-card]")).toHaveLength(3);
      await click("[data-testid=drill-close]");
      expect($("[data-testid=analysis-drill]")).toBeNull();
    });

    it("opens a distinctive word's lines in context, and shows words as text", async () => {
      const words = $$("[data-testid=summary-word]");
      expect(words.map((w) => w.getAttribute("data-word"))).toEqual(["skjema", XSS]);
      // G² 15.234 with one decimal: 15,2.
      expect(words[0]?.textContent).toContain("9 ganger · G² 15,2");
      expect(document.querySelector("img[src=x]")).toBeNull();
      await click(words[0]!);
      expect(text("[data-testid=drill-title]")).toBe("T01 Tillit · «skjema»");
      const line = $("[data-testid=drill-line]");
      expect(line?.querySelector("mark")?.textContent).toBe("skjema");
      expect(line?.textContent).toContain("Int. 03 · tur 12");
      await click(line!);
      expect(s.workspace.mode).toBe("coding");
      expect(s.workspace.revealRequest).toMatchObject({ document: "d-03", startUtf16: 1210, endUtf16: 1216 });
    });

    it("pins a quote to the top and swaps another out, then brings it back", async () => {
      const quotes = () => $$("[data-testid=summary-quote]").map((q) => [q.getAttribute("data-coding"), q.getAttribute("data-pinned")]);
      expect(quotes()).toEqual([
        ["k-1", "false"],
        ["k-2", "false"],
      ]);
      expect(document.querySelector("img[src=x]")).toBeNull();
      await click($$("[data-testid=quote-pin]")[1]!);
      expect(s.backend.analysis.choices.get("c-t01|k-2")).toBe("pinned");
      expect(quotes()).toEqual([
        ["k-2", "true"],
        ["k-1", "false"],
      ]);
      await click($$("[data-testid=quote-swap]")[1]!);
      expect(quotes()).toEqual([["k-2", "true"]]);
      expect(text("[data-testid=quotes-swapped] summary")).toBe("1 sitat er byttet ut");
      await click("[data-testid=quote-restore]");
      expect(quotes()).toEqual([
        ["k-2", "true"],
        ["k-1", "false"],
      ]);
      await click("[data-testid=quote-pin]");
      expect(s.backend.analysis.choices.size).toBe(0);
    });

    it("shows the core's chart as an image, never as markup, and saves it through the dialog", async () => {
      const img = $("[data-testid=chart-prevalence-image]") as HTMLImageElement;
      expect(img.getAttribute("src")?.startsWith("data:image/svg+xml;base64,")).toBe(true);
      expect(document.querySelector("svg title")).toBeNull();
      expect(s.backend.analysis.chartRequests.at(-1)).toEqual({
        kind: "prevalence",
        summary: { code: "c-t01", subcodes: true, by: null, mode: "turns", scope: [] },
      });
      await click("[data-testid=chart-prevalence-png]");
      expect($("[data-testid=chart-prevalence-saved]")).toBeNull();
      s.backend.analysis.chartSaveAnswer = "/tmp/tillit";
      await click("[data-testid=chart-prevalence-svg]");
      expect(s.backend.analysis.savedCharts.at(-1)?.format).toBe("svg");
      expect(text("[data-testid=chart-prevalence-saved]")).toBe("Diagrammet er lagret i /tmp/tillit.svg");
    });

    it("follows the codebook's focus and the picker", async () => {
      s.workspace.focusedCode = null;
      await settle();
      expect($("[data-testid=summary-pick]")).not.toBeNull();
      choose("[data-testid=summary-code]", "c-t01");
      await settle();
      expect(s.workspace.focusedCode).toBe("c-t01");
      expect(text("[data-testid=summary-title]")).toBe("T01 Tillit");
    });
  });

  describe("overview", () => {
    beforeEach(async () => {
      await click("[data-testid=analysis-tab-overview]");
    });

    it("lists code frequencies without unused codes unless asked, each opening its excerpts", async () => {
      const rows = () => $$("[data-testid=frequency-row]").map((r) => r.getAttribute("data-code"));
      expect(rows()).toEqual(["T01", "T06"]);
      await click("[data-testid=overview-empty]");
      expect(rows()).toEqual(["T01", "T01.1", "T06"]);
      await click("[data-testid=frequency-row] button");
      expect(s.backend.excerptStore.queries.at(-1)).toEqual(query("c-t01", { subcodes: false }));
    });

    it("shows codes × documents as a shaded table whose cells open their excerpts", async () => {
      await click("[data-testid=overview-documents]");
      expect(s.backend.analysis.matrixRequests.at(-1)).toEqual({ codes: [], subcodes: false, attribute: null, count: "excerpts", scope: [] });
      const cells = () => $$("[data-testid=matrix-cell]").map((c) => `${c.getAttribute("data-row")}×${c.getAttribute("data-col")}=${c.textContent?.trim()}`);
      // T01.1 has no excerpts and is left out.
      expect(cells()).toEqual(["T01×Int. 03=2", "T01×Int. 07=1", "T06×Int. 03=0", "T06×Int. 07=1"]);
      // The heat is each value against the largest (2).
      const heat = $$("[data-testid=matrix-cell]").map((c) => (c as HTMLElement).style.getPropertyValue("--heat"));
      expect(heat).toEqual(["1", "0.5", "0", "0.5"]);
      choose("[data-testid=overview-shows]", "row");
      await settle();
      // T01: 2 of 3 → 66,7 %, 1 of 3 → 33,3 %.
      expect(cells().slice(0, 2)).toEqual(["T01×Int. 03=66,7\u00a0%", "T01×Int. 07=33,3\u00a0%"]);
      await click($$("[data-testid=matrix-cell]")[0]!);
      expect(s.backend.excerptStore.queries.at(-1)).toEqual(query("c-t01", { subcodes: false, document: "d-03" }));
      expect(text("[data-testid=drill-title]")).toBe("T01 Tillit · Int. 03");
      // The chart of the rows shown.
      expect(s.backend.analysis.chartRequests.at(-1)).toEqual({
        kind: "heatmap",
        matrix: { codes: ["c-t01", "c-t06"], subcodes: false, attribute: null, count: "excerpts", scope: [] },
      });
      expect(($("[data-testid=chart-heatmap-image]") as HTMLImageElement).src.startsWith("data:image/svg+xml;base64,")).toBe(true);
    });

    it("counts informants per attribute value when asked", async () => {
      s.backend.analysis.attributeMatrices.set("rolle", { ...s.backend.analysis.documentMatrix!, count: "informants" });
      await click("[data-testid=overview-attribute]");
      choose("[data-testid=overview-attribute-key]", "rolle");
      choose("[data-testid=overview-count]", "informants");
      await settle();
      expect(s.backend.analysis.matrixRequests.at(-1)).toEqual({ codes: [], subcodes: false, attribute: "rolle", count: "informants", scope: [] });
      expect($$("[data-testid=matrix-row]")).toHaveLength(2);
    });

    it("shows co-occurrence with Jaccard, leaving the diagonal unshaded", async () => {
      await click("[data-testid=overview-cooccurrence]");
      choose("[data-testid=overview-shows]", "jaccard");
      await settle();
      const cells = $$("[data-testid=matrix-cell]");
      expect(cells.map((c) => c.textContent?.trim())).toEqual(["1,00", "0,43", "0,43", "1,00"]);
      expect(cells.map((c) => (c as HTMLElement).style.getPropertyValue("--heat"))).toEqual(["0", "1", "1", "0"]);
      await click(cells[1]!);
      expect(s.backend.excerptStore.queries.at(-1)).toEqual(
        query("c-t01", { subcodes: false, steps: [{ op: "sameTurn", code: "c-t06" }] }),
      );
      expect(s.backend.analysis.chartRequests.at(-1)).toEqual({ kind: "themeMap", mode: "turns" });
    });
  });

  describe("framework matrix", () => {
    beforeEach(async () => {
      await click("[data-testid=analysis-tab-framework]");
    });

    it("shows coded themes for each informant and saves a cell as the researcher types", async () => {
      // T06 has no excerpts and no text: left out until asked for.
      expect($$("[data-testid=framework-cell]").map((c) => c.getAttribute("data-code"))).toEqual(["T01 Tillit"]);
      expect(($("[data-testid=framework-text]") as HTMLTextAreaElement).value).toBe("Stoler på folka.");
      vi.useFakeTimers();
      type("[data-testid=framework-text]", "Stoler på folka, ikke på skjemaene.");
      await vi.advanceTimersByTimeAsync(800);
      vi.useRealTimers();
      await settle();
      expect(s.backend.analysis.framework.rows[0]?.cells[0]?.text).toBe("Stoler på folka, ikke på skjemaene.");
      expect(text("[data-testid=framework-status]")).toBe("Lagret");
      await click("[data-testid=framework-only-coded]");
      expect($$("[data-testid=framework-cell]")).toHaveLength(2);
    });

    it("opens the excerpts a cell rests on", async () => {
      await click("[data-testid=framework-excerpts]");
      expect(text("[data-testid=drill-title]")).toBe("Int. 03/I3 · T01 Tillit");
      expect($$("[data-testid=drill-line]").map((l) => l.querySelector(".quoted")?.textContent)).toEqual([
        "Vi stoler på folka.",
        "Frihet under ansvar.",
      ]);
    });
  });
});
