import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { Document } from "../../lib/api/bindings/Document";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

function summary(name: string, words: number, attributes: Record<string, string> = {}): DocumentSummary {
  return {
    guid: `g-${name}`,
    name,
    source: `/data/${name}.txt`,
    format: "txt",
    language: "nb",
    words,
    turns: 4,
    speakers: ["I", "IP1", "IP2"],
    informants: 2,
    attributes,
    importedAt: "2026-01-01T00:00:00Z",
  };
}

function document_(s: DocumentSummary): Document {
  return {
    guid: s.guid,
    name: s.name,
    format: s.format,
    language: s.language,
    preamble: "",
    preambleEndUtf16: 0,
    turns: [],
    attributes: s.attributes,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = (sel: string) => document.body.querySelector(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];
const click = (sel: string) => ($(sel) as HTMLElement).click();
const rowNames = () => $$("[data-testid=doc-row]").map((r) => r.getAttribute("data-name"));

describe("document table", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    document.body.innerHTML = "";
    const summaries = [
      summary("Øst", 12_500, { kommune: "Bodø" }),
      summary("abc", 9, { kommune: "Voss", rolle: "leder" }),
      summary("Aasen", 100),
      summary("Zulu", 40, { kommune: "Ålesund" }),
    ];
    backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, summaries.map(document_), summaries);
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    click("[data-testid=open-document-table]");
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("shows the columns, one per attribute key, and numbers the Norwegian way", () => {
    const headers = $$("[data-testid=document-table] th").map((th) => th.textContent?.replace(/[▲▼]/g, "").trim());
    expect(headers).toEqual(["Navn", "Format", "Ord", "Turer", "Informanter", "kommune", "rolle", "Handlinger"]);
    expect(rowNames()).toEqual(["abc", "Zulu", "Øst", "Aasen"]);
    const words = $('[data-testid=doc-row][data-name="Øst"] [data-testid=doc-words]')?.textContent?.trim();
    expect(words).toBe("12\u00a0500");
  });

  it("sorts by clicking headers: text in Norwegian order, numbers numerically", async () => {
    click("[data-testid=sort-name]");
    flushSync();
    expect(rowNames()).toEqual(["Aasen", "Øst", "Zulu", "abc"]);
    click("[data-testid=sort-words]");
    flushSync();
    // 9 < 40 < 100 < 12 500
    expect(rowNames()).toEqual(["abc", "Zulu", "Aasen", "Øst"]);
    click('[data-testid="sort-attr-kommune"]');
    flushSync();
    // Bodø < Voss < Ålesund; Aasen has no kommune and comes last.
    expect(rowNames()).toEqual(["Øst", "abc", "Zulu", "Aasen"]);
  });

  it("filters by name and attribute values", () => {
    const filter = $("[data-testid=document-filter]") as HTMLInputElement;
    filter.value = "ÅLESUND";
    filter.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect(rowNames()).toEqual(["Zulu"]);
    expect($("[data-testid=document-table-shown]")?.textContent?.trim()).toBe("Viser 1 av 4");
  });

  it("refuses a taken name and renames through the dialog", async () => {
    click('[data-testid=doc-row][data-name="Zulu"] [data-testid=doc-rename]');
    await settle();
    const input = $("[data-testid=rename-input]") as HTMLInputElement;
    expect(input.value).toBe("Zulu");
    input.value = "abc";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    click("[data-testid=rename-confirm]");
    await settle();
    expect($("[data-testid=rename-problem]")?.textContent).toBe("Det finnes allerede et dokument som heter «abc».");
    input.value = "  Ødegård ";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    click("[data-testid=rename-confirm]");
    await settle();
    expect(backend.summaries.find((d) => d.guid === "g-Zulu")?.name).toBe("Ødegård");
    // Ø-d before Ø-s.
    expect(rowNames()).toEqual(["abc", "Ødegård", "Øst", "Aasen"]);
  });

  it("says what goes before deleting", async () => {
    click('[data-testid=doc-row][data-name="Aasen"] [data-testid=doc-delete]');
    await settle();
    // The fake counts 4 turns, 3 speakers, both informants and no attributes.
    expect($("[data-testid=delete-message]")?.textContent?.trim()).toBe(
      "Sletter «Aasen»: 4 turer, 3 talere, 2 informanter og 0 attributter.",
    );
    click("[data-testid=delete-confirm]");
    await settle();
    expect(rowNames()).toEqual(["abc", "Zulu", "Øst"]);
    expect(backend.summaries.map((d) => d.name)).not.toContain("Aasen");
  });
});
