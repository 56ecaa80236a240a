import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import type { Informant } from "../../lib/api/bindings/Informant";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

const XSS = "<img src=x onerror=window.__z=1>";

function informant(document: string, label: string, attributes: Record<string, string> = {}): Informant {
  const name = `${document}/${label}`;
  return { guid: `g-${name}`, name, speakers: [{ document, label }], documents: [document], attributes };
}

function summary(name: string): DocumentSummary {
  return {
    guid: `d-${name}`,
    name,
    source: `/data/${name}.txt`,
    format: "txt",
    language: "nb",
    words: 10,
    turns: 2,
    speakers: ["I", "IP1"],
    informants: 1,
    attributes: { kommune: "Bodø" },
    importedAt: "2026-01-01T00:00:00Z",
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = (sel: string) => document.body.querySelector(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];
const click = (sel: string) => ($(sel) as HTMLElement).click();
const rowNames = () => $$("[data-testid=informant-row]").map((r) => r.getAttribute("data-name"));
const row = (name: string) => `[data-testid=informant-row][data-name="${name}"]`;

function type(el: Element | null, value: string): void {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("informant panel", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    document.body.innerHTML = "";
    (window as { __z?: number }).__z = undefined;
    backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [], [summary("Øst"), summary("abc")]);
    backend.informants = [
      informant("Øst", "IP1", { alder: "50–59", stilling: "Leder" }),
      informant("abc", XSS),
      informant("abc", "IP2", { alder: "30–39", kjønn: "mann" }),
      informant("Aasen", "IP1"),
    ];
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    click("[data-testid=open-informants]");
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("lists informants in Norwegian order and shows labels as text", () => {
    expect(rowNames()).toEqual([`abc/${XSS}`, "abc/IP2", "Øst/IP1", "Aasen/IP1"]);
    expect($$("[data-testid=informant-attr-head]").map((h) => h.textContent?.trim())).toEqual([
      "alder",
      "kjønn",
      "stilling",
    ]);
    expect($("[data-testid=informant-table] img")).toBeNull();
    expect((window as { __z?: number }).__z).toBeUndefined();
    expect($("[data-testid=informant-detail-name]")?.textContent).toBe(`abc/${XSS}`);
  });

  it("edits, adds and removes an informant's attributes", async () => {
    click(`${row("Øst/IP1")} [data-testid=informant-name]`);
    await settle();
    const value = $('[data-testid=attr-row][data-key="stilling"] [data-testid=attr-value]');
    type(value, "Enhetsleder");
    await settle();
    click('[data-testid=attr-row][data-key="stilling"] [data-testid=attr-save]');
    await settle();
    expect(backend.informants.find((i) => i.name === "Øst/IP1")?.attributes.stilling).toBe("Enhetsleder");

    type($("[data-testid=attr-new-key]"), " Kjønn ");
    type($("[data-testid=attr-new-value]"), "kvinne");
    click("[data-testid=attr-add]");
    await settle();
    expect(backend.informants.find((i) => i.name === "Øst/IP1")?.attributes.kjønn).toBe("kvinne");

    click('[data-testid=attr-row][data-key="alder"] [data-testid=attr-remove]');
    await settle();
    expect(backend.informants.find((i) => i.name === "Øst/IP1")?.attributes).toEqual({
      kjønn: "kvinne",
      stilling: "Enhetsleder",
    });
    expect($('[data-testid=attr-row][data-key="alder"]')).toBeNull();
  });

  it("merges two ticked informants after a confirmation listing the conflicts", async () => {
    expect(($("[data-testid=merge-informants]") as HTMLButtonElement).disabled).toBe(true);
    click(`${row("Øst/IP1")} [data-testid=informant-check]`);
    click(`${row("abc/IP2")} [data-testid=informant-check]`);
    await settle();
    click("[data-testid=merge-informants]");
    await settle();
    // Øst/IP1 was ticked first and is kept: alder differs (50–59 kept, 30–39 dropped); kjønn
    // only abc/IP2 has and moves over; stilling only Øst/IP1 has.
    expect($("[data-testid=merge-message]")?.textContent?.trim()).toBe(
      "«abc/IP2» blir en del av «Øst/IP1»: talerne og dokumentene følger med, og navnet «Øst/IP1» beholdes.",
    );
    expect($$("[data-testid=merge-conflict]").map((c) => c.getAttribute("data-key"))).toEqual(["alder"]);
    expect($("[data-testid=merge-conflict-kept]")?.textContent).toContain("«50–59»");
    click("[data-testid=merge-confirm]");
    await settle();
    expect(rowNames()).toEqual([`abc/${XSS}`, "Øst/IP1", "Aasen/IP1"]);
    const kept = backend.informants.find((i) => i.name === "Øst/IP1");
    expect(kept?.attributes).toEqual({ alder: "50–59", kjønn: "mann", stilling: "Leder" });
    expect(kept?.speakers.map((s) => `${s.document}/${s.label}`)).toEqual(["Øst/IP1", "abc/IP2"]);
    expect($("[data-testid=merge-done]")?.textContent).toContain("«abc/IP2» er slått sammen med «Øst/IP1».");
  });

  it("keeps the other one when the researcher picks it", async () => {
    click(`${row("Øst/IP1")} [data-testid=informant-check]`);
    click(`${row("abc/IP2")} [data-testid=informant-check]`);
    await settle();
    click("[data-testid=merge-informants]");
    await settle();
    click('[data-testid=merge-keep][data-name="abc/IP2"]');
    await settle();
    expect($("[data-testid=merge-conflict-kept]")?.textContent).toContain("«30–39»");
    click("[data-testid=merge-confirm]");
    await settle();
    expect(backend.informants.map((i) => i.name)).not.toContain("Øst/IP1");
    expect(backend.informants.find((i) => i.name === "abc/IP2")?.attributes.stilling).toBe("Leder");
  });

  it("imports an attribute CSV and lists the unknown names", async () => {
    backend.csvPickAnswer = "/data/informanter.csv";
    backend.csvResult = { informants: true, rows: 2, values: 5, unknown: ["leder-bodo/IP9"] };
    click("[data-testid=import-attribute-csv]");
    await settle();
    const text = $("[data-testid=csv-summary-text]")?.textContent?.replace(/\s+/g, " ").trim();
    expect(text).toBe("Importert fra «informanter.csv»: 2 rader og 5 verdier. Radene gjaldt informanter.");
    expect($$("[data-testid=csv-unknown-name]").map((n) => n.textContent)).toEqual(["leder-bodo/IP9"]);
  });

  it("does nothing when the CSV dialog is cancelled", async () => {
    backend.csvPickAnswer = null;
    click("[data-testid=import-attribute-csv]");
    await settle();
    expect($("[data-testid=csv-summary]")).toBeNull();
  });

  it("marks a speaker as interviewer, so it stops being an informant", async () => {
    click(`${row("Aasen/IP1")} [data-testid=informant-name]`);
    await settle();
    click("[data-testid=mark-interviewer]");
    await settle();
    // A confirmation first: the informant has no other speaker, so it goes (with 0 attributes).
    expect($("[data-testid=mark-interviewer-confirmation] p")?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "«IP1» i «Aasen» blir intervjuer og teller ikke lenger som informant. " +
        "Informanten «Aasen/IP1» har ingen andre talere og forsvinner, med 0 egenskaper.",
    );
    expect(rowNames()).toContain("Aasen/IP1");
    click("[data-testid=mark-interviewer-confirm]");
    await settle();
    expect(rowNames()).not.toContain("Aasen/IP1");
  });
});
