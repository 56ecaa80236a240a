// The Søk tab in the mounted app over the fake backend (a substring search): Ctrl+Shift+F, the
// counts line, keyword-in-context lines grouped by document and sorted, a hit opening its
// document, the scopes (uncoded text of the coder in view), the core's message for a bad query,
// coding all hits, saved searches and the help.
import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { Document } from "../../lib/api/bindings/Document";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import type { Turn } from "../../lib/api/bindings/Turn";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

const XSS = "<img src=x onerror=window.__z=1>";

function turn(n: number, speaker: string, informant: string | null, at: number, text: string): Turn {
  const label = speaker.length + 2;
  return {
    n,
    speaker,
    role: informant ? "informant" : "interviewer",
    informant,
    labelStartUtf16: at,
    startUtf16: at + label,
    endUtf16: at + label + text.length,
    timeMs: null,
    text,
  };
}

function document_(guid: string, name: string, turns: Turn[]): Document {
  return { guid, name, format: "txt", language: "nb", preamble: "", preambleEndUtf16: 0, turns, attributes: {} };
}

function summary(doc: Document, importedAt: string): DocumentSummary {
  return {
    guid: doc.guid,
    name: doc.name,
    source: `/tmp/${doc.name}.txt`,
    format: "txt",
    language: "nb",
    words: 10,
    turns: doc.turns.length,
    speakers: doc.turns.map((t) => t.speaker),
    informants: 1,
    attributes: {},
    importedAt,
  };
}

// «tillit» (ignoring case) is in Intervju 1 three times, in turn 1 (the interviewer's, no
// informant) and twice in turn 2 (Tilliten, Mistillit) by IP1, and once in Intervju 2, by IP2:
// 4 hits in 3 turns, 2 documents, 2 informants. Intervju 2 was imported first.
const Q = "Hva betyr tillit?";
const A = `Tilliten er stor. Mistillit ${XSS} finnes.`;
// Turn 2's label "IP1: " starts after "I: " + Q + "\n" (3 + Q.length + 1 units); its words 5 later.
const TURN2_START = Q.length + 4 + 5;

function fixture(): FakeBackend {
  const one = document_("g-1", "Intervju 1", [turn(1, "I", null, 0, Q), turn(2, "IP1", "IP1", Q.length + 4, A)]);
  const two = document_("g-2", "Intervju 2", [turn(1, "IP2", "IP2", 0, "Lite tillit her.")]);
  const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [one, two], [
    summary(one, "2026-02-01T00:00:00Z"),
    summary(two, "2026-01-01T00:00:00Z"),
  ]);
  backend.codes.add({ guid: "c-t01", key: "T01", name: "Tillit", color: "#1F5FAD" });
  backend.codes.add({ guid: "c-t02", key: "T02", name: "Kontroll", color: "#B0361E" });
  backend.excerptStore.coders = ["kari", "ola"];
  return backend;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.body.querySelector<T>(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, " ").trim();

function type(el: Element | null, value: string): void {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function choose(el: Element | null, value: string): void {
  const select = el as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

async function searchFor(query: string): Promise<void> {
  type($("[data-testid=search-query]"), query);
  $<HTMLFormElement>("[data-testid=search-query]")!.form!.requestSubmit();
  await settle();
}

describe("the Søk tab", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    document.body.innerHTML = "";
    (window as { __z?: number }).__z = undefined;
    backend = fixture();
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "F", ctrlKey: true, shiftKey: true, bubbles: true }));
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("opens with Ctrl+Shift+F, focused, and Enter searches: counts, groups and marked lines", async () => {
    expect($("[data-testid=side-tab-search]")?.getAttribute("aria-selected")).toBe("true");
    expect(text($("[data-testid=side-tab-search]"))).toBe("Søk");
    expect(document.activeElement).toBe($("[data-testid=search-query]"));

    await searchFor("tillit");
    expect(text($("[data-testid=search-counts]"))).toBe("4 treff i 3 turer · 2 dokumenter · 2 informanter");
    expect(backend.searching.requests.at(-1)).toEqual({
      query: "tillit",
      code: null,
      uncoded: false,
      coder: null,
      filters: [],
      limit: 500,
    });
    // Document order is the import order: Intervju 2 first.
    expect($$("[data-testid=search-group]").map((g) => `${g.dataset.document} ${text(g.querySelector("[data-testid=search-group-count]"))}`)).toEqual([
      "Intervju 2 1",
      "Intervju 1 3",
    ]);
    const lines = $$("[data-testid=search-hit]");
    expect(lines.map((l) => [...l.querySelectorAll("mark")].map((m) => m.textContent))).toEqual([
      ["tillit"],
      ["tillit"],
      ["Tillit"],
      ["tillit"],
    ]);
    // The snippet's markup is text: no element was made from it, no script ran.
    const xss = lines[3]!;
    expect(xss.querySelector("img")).toBeNull();
    expect(xss.textContent).toContain(XSS);
    expect((window as { __z?: number }).__z).toBeUndefined();
    expect(text(lines[2]!.querySelector(".place"))).toBe("tur 2 · IP1");
  });

  it("sorts groups by name or hits, and a click opens the hit's document", async () => {
    await searchFor("tillit");
    choose($("[data-testid=search-sort]"), "hits");
    await settle();
    expect($$("[data-testid=search-group]").map((g) => g.dataset.document)).toEqual(["Intervju 1", "Intervju 2"]);
    choose($("[data-testid=search-sort]"), "imported");
    await settle();
    expect(text($("[data-testid=document-title]"))).toBe("Intervju 1");
    $$("[data-testid=search-hit-open]")[0]!.click();
    await settle();
    expect(text($("[data-testid=document-title]"))).toBe("Intervju 2");
  });

  it("searches in uncoded text or in a code's codings, re-running when the scope changes", async () => {
    await searchFor("tillit");
    choose($("[data-testid=search-scope]"), "uncoded");
    await settle();
    expect(backend.searching.requests.at(-1)).toMatchObject({ code: null, uncoded: true });
    choose($("[data-testid=search-scope]"), "code");
    await settle();
    // No code chosen yet: nothing runs.
    expect(backend.searching.requests).toHaveLength(2);
    expect($$("[data-testid=search-scope-code] option").map((o) => o.textContent)).toEqual([
      "Velg kode …",
      "T01 Tillit",
      "T02 Kontroll",
    ]);
    choose($("[data-testid=search-scope-code]"), "c-t02");
    await settle();
    expect(backend.searching.requests.at(-1)).toMatchObject({ query: "tillit", code: "c-t02", uncoded: false });
  });

  it("looks for uncoded text of the coder in view, the transcript's, and re-runs when it changes", async () => {
    await searchFor("tillit");
    expect($("[data-testid=search-coder]")).toBeNull();
    choose($("[data-testid=search-scope]"), "uncoded");
    await settle();
    expect(backend.searching.requests.at(-1)).toMatchObject({ uncoded: true, coder: null });
    const inPanel = "[data-testid=search-coder] [data-testid=coder-filter]";
    expect($$(`${inPanel} option`).map((o) => o.textContent)).toEqual(["alle", "kari", "ola"]);
    expect($(inPanel)?.getAttribute("aria-label")).toBe("Koder: alle");

    // Chosen in the panel: one new search, and the transcript shows that coder too.
    const before = backend.searching.requests.length;
    choose($(inPanel), "ola");
    await settle();
    expect(backend.searching.requests).toHaveLength(before + 1);
    expect(backend.searching.requests.at(-1)).toMatchObject({ query: "tillit", uncoded: true, coder: "ola" });
    const selects = $$("[data-testid=coder-filter]") as HTMLSelectElement[];
    expect(selects).toHaveLength(2);
    expect(selects.map((s) => s.value)).toEqual(["ola", "ola"]);

    // Chosen in the transcript's toolbar: the search follows.
    const transcripts = selects.filter((s) => !s.closest("[data-testid=search-panel]"));
    choose(transcripts[0]!, "");
    await settle();
    expect(backend.searching.requests).toHaveLength(before + 2);
    expect(backend.searching.requests.at(-1)).toMatchObject({ uncoded: true, coder: null });

    // A code's scope has no coder control and sends none.
    choose(transcripts[0]!, "kari");
    await settle();
    choose($("[data-testid=search-scope]"), "code");
    await settle();
    expect($("[data-testid=search-coder]")).toBeNull();
    choose($("[data-testid=search-scope-code]"), "c-t01");
    await settle();
    expect(backend.searching.requests.at(-1)).toMatchObject({ code: "c-t01", uncoded: false, coder: null });
  });

  it("shows the core's message for a query it cannot read, in place", async () => {
    await searchFor('"tillit');
    expect(text($("[data-testid=search-error]"))).toBe('cannot read the search ""tillit": a phrase is not closed');
    expect($("[data-testid=search-counts]")).toBeNull();
    await searchFor("tillit");
    expect($("[data-testid=search-error]")).toBeNull();
  });

  it("codes all hits with a chosen code and extent, and says what it did", async () => {
    await searchFor("tillit");
    $("[data-testid=search-code-all]")!.click();
    await settle();
    expect(text($("#search-code-title"))).toBe("Kod alle 4 treff");
    type($("[data-testid=search-code-filter]"), "kontr");
    await settle();
    expect($$("[data-testid=search-code-option]").map((o) => o.dataset.guid)).toEqual(["c-t02"]);
    type($("[data-testid=search-code-filter]"), "");
    await settle();
    $<HTMLInputElement>("[data-testid=search-code-option][data-guid=c-t01] input")!.click();
    $<HTMLInputElement>("[data-testid=search-extent-sentence]")!.click();
    await settle();
    $("[data-testid=search-code-confirm]")!.click();
    await settle();
    // By sentence: «Hva betyr tillit?», «Tilliten er stor.», «Mistillit … finnes.», «Lite tillit
    // her.»: four codings.
    expect(backend.searching.codings.map((c) => c.code)).toEqual(["c-t01", "c-t01", "c-t01", "c-t01"]);
    expect(text($("[data-testid=search-notice]"))).toBe("Kodet med T01 Tillit: 4 nye kodinger, 0 fantes fra før.");

    // One hit, as its turn: turn 2 of Intervju 1 holds two hits but is coded once.
    const hit = $$("[data-testid=search-hit-code]")[2]!;
    hit.click();
    await settle();
    expect(text($("#search-code-title"))).toBe("Kod treffet");
    $<HTMLInputElement>("[data-testid=search-code-option][data-guid=c-t01] input")!.click();
    await settle();
    $("[data-testid=search-code-confirm]")!.click();
    await settle();
    expect(backend.searching.codings).toHaveLength(5);
    expect(backend.searching.codings[4]).toEqual({
      document: "g-1",
      code: "c-t01",
      startUtf16: TURN2_START,
      endUtf16: TURN2_START + A.length,
    });
  });

  it("saves a search, re-runs it from the list and deletes it", async () => {
    await searchFor("tillit");
    $("[data-testid=search-save]")!.click();
    await settle();
    expect($<HTMLInputElement>("[data-testid=search-save-name]")!.value).toBe("tillit");
    type($("[data-testid=search-save-name]"), "Tillit overalt");
    $("[data-testid=search-save-confirm]")!.click();
    await settle();
    expect($$("[data-testid=search-saved-row]").map((r) => r.dataset.name)).toEqual(["Tillit overalt"]);

    await searchFor("kontroll");
    expect(text($("[data-testid=search-counts]"))).toBe("0 treff i 0 turer · 0 dokumenter · 0 informanter");
    $("[data-testid=search-saved-run]")!.click();
    await settle();
    expect($<HTMLInputElement>("[data-testid=search-query]")!.value).toBe("tillit");
    expect(text($("[data-testid=search-counts]"))).toBe("4 treff i 3 turer · 2 dokumenter · 2 informanter");

    $("[data-testid=search-saved-delete]")!.click();
    await settle();
    expect($$("[data-testid=search-saved-row]")).toEqual([]);
    expect(backend.searching.saved).toEqual([]);
  });

  it("explains the query language in a help panel", async () => {
    $("[data-testid=search-help-open]")!.click();
    await settle();
    const help = $<HTMLDialogElement>("[data-testid=search-help]")!;
    expect(help.open).toBe(true);
    expect(text(help.querySelector("h2"))).toBe("Søkespråket");
    expect([...help.querySelectorAll("tbody tr")].map((r) => text(r.querySelector("td")))).toContain(
      "tillit NEAR/5 kontroll",
    );
    $("[data-testid=search-help-close]")!.click();
    await settle();
    expect(help.open).toBe(false);
  });
});
