import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { $, $$, choose, mountPane, settle, setup, type, XSS, type Setup } from "../excerpts/testing";
import { excerptQuery } from "../excerpts/query.svelte";
import ExportView from "./ExportView.svelte";

/** The preview is read a moment after the last change. */
async function previewed(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  await settle();
}

const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const click = async (sel: string) => {
  ($(sel) as HTMLElement).click();
  await settle();
};

describe("export view", () => {
  let app: Awaited<ReturnType<typeof mountPane>> | undefined;
  let s: Setup;

  beforeEach(async () => {
    document.body.innerHTML = "";
    s = setup();
    const ex = s.backend.exporting;
    // Int. 03 and Int. 07 are both with an enhetsleder, in two municipalities.
    ex.attributes.set("Int. 03", { rolle: "enhetsleder", kommune: "Bodø", dato: "14.02.2024" });
    ex.attributes.set("Int. 07", { rolle: "enhetsleder", kommune: "Voss", dato: "05.09.2024" });
    ex.attributes.set("Int. 09", { rolle: "enhetsleder", kommune: "Voss", dato: "05.09.2024" });
    ex.informants = [
      { name: "Int. 03/I3", document: "Int. 03" },
      { name: "Int. 07/I3", document: "Int. 07" },
      { name: "Int. 09/I1", document: "Int. 09" },
    ];
    app = await mountPane(ExportView, s);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("previews the chosen code's excerpts cited with the project's default template", async () => {
    expect($("[data-testid=export-preview-pick]")).not.toBeNull();
    choose("[data-testid=query-code]", "c-t01");
    await previewed();
    // T01 without sub-codes: Int. 03 turn 12 and Int. 07 turn 4, one section.
    expect(text("[data-testid=export-preview-summary]")).toBe("2 utdrag · 1 kode");
    const quotes = $$("[data-testid=export-preview-quote]").map((q) => q.textContent);
    // anonym: «…» ({rolle}).
    expect(quotes).toEqual(["«Vi stoler på folka.» (enhetsleder)", `«${XSS}» (enhetsleder)`]);
    // The excerpt's text is text: nothing of it became an element.
    expect($("[data-testid=export-preview] img")).toBeNull();
    expect(text("[data-testid=export-example]")).toBe("Eksempel «Vi stoler på folka.» (enhetsleder)");
    // Three informants are enhetsledere: no one is singled out.
    expect($("[data-testid=export-warning]")).toBeNull();
  });

  it("shares its query with the Utdrag mode", async () => {
    const query = excerptQuery(s.workspace);
    choose("[data-testid=query-code]", "c-t06");
    await previewed();
    expect(query.first).toBe("c-t06");
    expect(text("[data-testid=export-preview-summary]")).toBe("1 utdrag · 1 kode");
  });

  it("warns when a typed template singles out fewer than three informants, and names an unknown field", async () => {
    choose("[data-testid=query-code]", "c-t01");
    await previewed();
    choose("[data-testid=export-template]", "\u0000custom");
    await settle();
    // The typed template starts from the one in use.
    expect(($("[data-testid=export-template-input]") as HTMLInputElement).value).toBe("«…» ({rolle})");
    type("[data-testid=export-template-input]", "«…» ({rolle}, {kommune})");
    await previewed();
    expect(text("[data-testid=export-example]")).toBe("Eksempel «Vi stoler på folka.» (enhetsleder, Bodø)");
    // enhetsleder in Bodø: one informant; in Voss: two. Both fewer than three.
    expect($$("[data-testid=export-warning-group]").map((g) => g.textContent?.trim())).toEqual([
      "rolle = enhetsleder, kommune = Bodø: 1 informant (Int. 03/I3)",
      "rolle = enhetsleder, kommune = Voss: 2 informanter (Int. 07/I3, Int. 09/I1)",
    ]);

    type("[data-testid=export-template-input]", "«…» ({fylke})");
    await previewed();
    expect(text("[data-testid=export-problem]")).toBe(
      "Malen har et ukjent felt: {fylke}. Prosjektet har disse egenskapene: dato, kommune, rolle.",
    );
    expect($("[data-testid=export-example]")).toBeNull();
    expect(($("[data-testid=export-run]") as HTMLButtonElement).disabled).toBe(true);
  });

  it("saves a typed template under a name and offers it", async () => {
    choose("[data-testid=query-code]", "c-t01");
    choose("[data-testid=export-template]", "\u0000custom");
    await settle();
    type("[data-testid=export-template-input]", "«…» (Intervju {date:dd.mm.yy})");
    type("[data-testid=export-template-name]", "dato-kort");
    await previewed();
    await click("[data-testid=export-template-save]");
    expect(s.backend.exporting.templates).toEqual([{ name: "dato-kort", template: "«…» (Intervju {date:dd.mm.yy})", builtin: false }]);
    expect(($("[data-testid=export-template]") as HTMLSelectElement).value).toBe("dato-kort");
    expect(text("[data-testid=export-template-saved]")).toBe("Malen «dato-kort» er lagret.");
    await previewed();
    expect(text("[data-testid=export-example]")).toBe("Eksempel «Vi stoler på folka.» (Intervju 14.02.24)");
  });

  it("exports as CSV with a comma, plain quotes and a built-in template through the save dialog", async () => {
    choose("[data-testid=query-code]", "c-t01");
    await click("[data-testid=export-format-csv]");
    choose("[data-testid=export-delimiter]", "comma");
    choose("[data-testid=export-template]", "rolle-dato");
    await click("[data-testid=export-guillemets]");
    await previewed();
    expect(text("[data-testid=export-example]")).toBe("Eksempel Vi stoler på folka. (Intervju 14.02.24)");
    await click("[data-testid=export-run]");
    const [written] = s.backend.exporting.exports;
    expect(written?.request).toEqual({
      query: { code: "c-t01", steps: [], subcodes: false, document: null, speaker: null, coder: null, attributes: [], limit: null },
      format: "csv",
      citation: "rolle-dato",
      guillemets: false,
      delimiter: "comma",
    });
    expect(text("[data-testid=export-written]")).toBe("Lagret 2 utdrag (1 kode) i /tmp/utdrag.csv");
  });

  it("says nothing was written when the save dialog is cancelled", async () => {
    s.backend.exporting.saveAnswer = null;
    choose("[data-testid=query-code]", "c-t01");
    await previewed();
    await click("[data-testid=export-run]");
    expect(s.backend.exporting.exports).toEqual([]);
    expect($("[data-testid=export-written]")).toBeNull();
  });

  it("exports a theme report of one theme as HTML, its citations previewed on the theme's excerpts", async () => {
    await click("[data-testid=export-kind-report]");
    await previewed();
    // Every theme by default; the preview shows the first one's excerpts (T01 with T01.1).
    expect($$("[data-testid=export-report-theme] option").map((o) => o.textContent)).toEqual(["Alle temaer", "T01 Tillit", "T06 Styring"]);
    expect(text("[data-testid=export-preview-report]")).toContain("T01 Tillit");
    expect(text("[data-testid=export-preview-summary]")).toBe("3 utdrag · 2 koder");
    choose("[data-testid=export-report-theme]", "c-t06");
    await click("[data-testid=export-report-format-html]");
    await previewed();
    expect(text("[data-testid=export-example]")).toBe("Eksempel «Rapportene styrer.» (enhetsleder)");
    await click("[data-testid=export-run]");
    expect(s.backend.exporting.reports).toEqual([{ code: "c-t06", format: "html", citation: null, guillemets: true }]);
    expect(text("[data-testid=export-written]")).toBe("Lagret temarapporten om T06 i /tmp/utdrag.html");
  });

  it("exports the codebook as a Word table", async () => {
    s.backend.codes.add({ name: "Tillit", key: "T01" });
    s.backend.codes.add({ name: "Styring", key: "T06" });
    await click("[data-testid=export-kind-codebook]");
    expect($("[data-testid=export-citation]")).toBeNull();
    expect(text("[data-testid=export-preview]")).toContain("2 koder");
    await click("[data-testid=export-run]");
    expect(s.backend.exporting.codebookExports).toEqual(["docx"]);
    expect(text("[data-testid=export-written]")).toBe("Lagret kodeboken med 2 koder i /tmp/utdrag.docx");
  });
});
