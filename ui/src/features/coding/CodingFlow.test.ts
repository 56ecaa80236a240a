// The coding gestures in the mounted app over the fake backend: a DOM selection snaps to words,
// K opens the palette, 1–9 apply recent codes, typing filters, Enter codes; stripes carry a label;
// a stripe's card removes the coding.
import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { Document } from "../../lib/api/bindings/Document";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";
import { domPoint } from "./offsets";

const FACE = "\u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F}";
// Turn 1 "IP1: " then the words at 5; the words are 4 + 7 (emoji) + 1 + … units.
const WORDS = `Jeg ${FACE} blir så lei av skjemaene.`;

function fixture(): FakeBackend {
  const doc: Document = {
    guid: "g-1",
    name: "Intervju",
    format: "txt",
    language: "nb",
    preamble: "",
    preambleEndUtf16: 0,
    turns: [
      {
        n: 1,
        speaker: "IP1",
        role: "informant",
        informant: "IP1",
        labelStartUtf16: 0,
        startUtf16: 5,
        endUtf16: 5 + WORDS.length,
        timeMs: null,
        text: WORDS,
      },
    ],
    attributes: {},
  };
  const summary: DocumentSummary = {
    guid: doc.guid,
    name: doc.name,
    source: "/tmp/i.txt",
    format: "txt",
    language: "nb",
    words: 7,
    turns: 1,
    speakers: ["IP1"],
    informants: 1,
    attributes: {},
    importedAt: "2026-01-01T00:00:00Z",
  };
  const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [doc], [summary]);
  backend.coding.palette = [
    { guid: "c-t08", key: "T08", name: "Styring", path: "Styring", color: "#1F5FAD", definition: null, depth: 0 },
    { guid: "c-t086", key: "T08.6", name: "Rapporteringsbyrde", path: "Styring/Rapporteringsbyrde", color: "#B0361E", definition: "Skjema og rapporter", depth: 1 },
    { guid: "c-x", key: null, name: "Økonomi", path: "Økonomi", color: "#2B7A2B", definition: null, depth: 0 },
  ];
  return backend;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.body.querySelector<T>(sel);

function key(init: KeyboardEventInit, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}

/** Selects turn-relative `start..end` of the turn's text (coded pieces split it), as a drag would. */
async function select(start: number, end: number): Promise<void> {
  const p = $("[data-text-start]")!;
  const a = domPoint(p, 5 + start);
  const b = domPoint(p, 5 + end);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  document.dispatchEvent(new Event("selectionchange"));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await settle();
}

/** Codes turn-relative `start..end` with the palette's first code and focuses it from its stripe. */
async function codeAndFocus(start: number, end: number): Promise<void> {
  await select(start, end);
  key({ key: "k" });
  await settle();
  key({ key: "Enter" }, $("[data-testid=palette-input]")!);
  await settle();
  ($("[data-testid=stripe]") as HTMLButtonElement).click();
  await settle();
}

/** The app mounted over a fresh fixture. */
async function start(): Promise<{ app: ReturnType<typeof mount>; backend: FakeBackend }> {
  document.body.innerHTML = "";
  const backend = fixture();
  const app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
  await settle();
  return { app, backend };
}

describe("coding in the transcript", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    ({ app, backend } = await start());
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("snaps a selection after the emoji to words and codes it from the palette", async () => {
    // From inside "blir" (turn-relative 13 = 4 + 7 + 1 + 1) to inside "lei" (21): snapped to
    // "blir så lei" = 12..23 in the turn, 17..28 in the document.
    await select(13, 21);
    expect($("[data-testid=kod-button]")).not.toBeNull();
    key({ key: "k" });
    await settle();
    const input = $<HTMLInputElement>("[data-testid=palette-input]")!;
    expect(input).not.toBeNull();
    input.value = "rapport";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    const rows = [...document.body.querySelectorAll("[data-testid=palette-row]")].map((r) => r.getAttribute("data-code"));
    expect(rows).toEqual(["c-t086"]);
    // The last row makes a new code from what was typed.
    expect($("[data-testid=palette-new]")?.textContent).toContain("Ny kode «rapport»");
    key({ key: "Enter" }, input);
    await settle();
    const [coding] = backend.coding.documentCodings("g-1");
    expect([coding?.startUtf16, coding?.endUtf16, coding?.codeGuid]).toEqual([17, 28, "c-t086"]);
    expect($("[data-testid=quick-palette]")).toBeNull();
    const stripe = $("[data-testid=stripe]")!;
    expect(stripe.querySelector("[data-testid=stripe-label]")?.textContent).toBe("T08.6");
    expect(stripe.getAttribute("title")).toContain("Styring/Rapporteringsbyrde");
    expect($("[data-testid=coded-text]")?.textContent).toBe("blir så lei");
    expect($("[data-testid=coding-status]")?.textContent).toContain("Kodet: T08.6 Rapporteringsbyrde");
  });

  it("applies a recent code on its number key, and Q applies the last code again", async () => {
    backend.coding.applied = ["c-t08", "c-x"]; // newest last: 1 = Økonomi, 2 = T08
    await select(0, 3); // "Jeg"
    key({ key: "k", ctrlKey: true });
    await settle();
    const input = $<HTMLInputElement>("[data-testid=palette-input]")!;
    const numbered = [...document.body.querySelectorAll("[data-testid=palette-row]")]
      .slice(0, 2)
      .map((r) => r.textContent?.trim());
    expect(numbered[0]).toMatch(/^1\s*Økonomi/u);
    expect(numbered[1]).toMatch(/^2\s*T08\s*Styring/u);
    key({ key: "2" }, input);
    await settle();
    expect(backend.coding.documentCodings("g-1").map((c) => [c.codeGuid, c.startUtf16, c.endUtf16])).toEqual([["c-t08", 5, 8]]);
    // "lei" (turn 20..23) with Q: T08 again.
    await select(20, 23);
    key({ key: "q" });
    await settle();
    expect(backend.coding.documentCodings("g-1").map((c) => [c.codeGuid, c.startUtf16])).toEqual([
      ["c-t08", 5],
      ["c-t08", 25],
    ]);
  });

  it("focuses a coding from its stripe and removes it from the card", async () => {
    await codeAndFocus(0, 3);
    expect($("[data-testid=coding-card-text]")?.textContent).toBe("Jeg");
    ($("[data-testid=coding-remove]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=stripe]")).toBeNull();
    expect($("[data-testid=coding-card]")).toBeNull();
    expect(backend.coding.documentCodings("g-1")).toEqual([]);
  });
});

describe("the coding card after a trip to another mode", () => {
  it("shows the focused coding again", async () => {
    const { app } = await start();
    await select(0, 3);
    key({ key: "k" });
    await settle();
    key({ key: "Enter" }, $("[data-testid=palette-input]")!);
    await settle();
    for (const mode of ["excerpts", "export", "coding"]) {
      ($(`[data-testid=mode-${mode}]`) as HTMLButtonElement).click();
      await settle();
    }
    ($("[data-testid=stripe]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=coding-card-text]")?.textContent).toBe("Jeg");
    unmount(app);
  });
});

describe("a coding's notes for export", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    ({ app, backend } = await start());
    // "Jeg 🤦 blir så lei" (turn 0..23, document 5..28), coded and focused from its stripe.
    await codeAndFocus(0, 23);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("leaves a selected stretch of the card's quote out, and puts it back", async () => {
    const guid = backend.coding.documentCodings("g-1")[0]!.guid;
    const quote = $("[data-testid=coding-card-text]")!;
    expect(quote.textContent).toBe(`Jeg ${FACE} blir så lei`);
    expect(($("[data-testid=coding-omit]") as HTMLButtonElement).disabled).toBe(true);
    // "blir " in the card: after "Jeg " (4) and the emoji (7 units), card offsets 12..17, so
    // document 17..22.
    const node = quote.querySelector("span")!.firstChild!;
    const range = document.createRange();
    range.setStart(node, 12);
    range.setEnd(node, 17);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    document.dispatchEvent(new Event("selectionchange"));
    await settle();
    ($("[data-testid=coding-omit]") as HTMLButtonElement).click();
    await settle();
    expect(backend.exporting.notes.get(guid)?.omissions).toEqual([{ startUtf16: 17, endUtf16: 22 }]);
    expect($("[data-testid=coding-omitted]")?.textContent).toBe("blir ");
    // The words stay as they are; only their look changes.
    expect(quote.textContent).toBe(`Jeg ${FACE} blir så lei`);
    ($("[data-testid=coding-restore]") as HTMLButtonElement).click();
    await settle();
    expect(backend.exporting.notes.get(guid)?.omissions).toEqual([]);
    expect($("[data-testid=coding-omitted]")).toBeNull();
  });

  it("saves the translation when the field is left", async () => {
    const guid = backend.coding.documentCodings("g-1")[0]!.guid;
    const field = $<HTMLTextAreaElement>("[data-testid=coding-translation]")!;
    field.value = "I am so tired of the forms";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("blur"));
    await settle();
    expect(backend.exporting.notes.get(guid)?.translation).toBe("I am so tired of the forms");
    expect($("[data-testid=coding-translation-status]")?.textContent?.trim()).toBe("Lagret");
  });
});

describe("coding keys", () => {
  it("leaves letters typed into the find field alone", async () => {
    const { app, backend } = await start();
    await select(0, 3);
    ($("[data-testid=find-toggle]") as HTMLButtonElement).click();
    await settle();
    key({ key: "k" }, $("[data-testid=find-input]")!);
    key({ key: "q" }, $("[data-testid=find-input]")!);
    await settle();
    expect($("[data-testid=quick-palette]")).toBeNull();
    expect(backend.coding.documentCodings("g-1")).toEqual([]);
    unmount(app);
  });
});

describe("dropping a code", () => {
  it("codes the selection with a code dragged from the codebook", async () => {
    const { app, backend } = await start();
    await select(20, 23); // "lei"
    const store = new Map([["application/x-tolk-code", "c-x"]]);
    const dataTransfer = {
      types: [...store.keys()],
      getData: (t: string) => store.get(t) ?? "",
      dropEffect: "none",
    };
    const target = $("[data-text-start]")!;
    for (const type of ["dragover", "drop"]) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, "dataTransfer", { value: dataTransfer });
      target.dispatchEvent(event);
      // The list accepts the code's drag type (so the drop is allowed).
      expect(event.defaultPrevented).toBe(true);
    }
    await settle();
    expect(backend.coding.documentCodings("g-1").map((c) => [c.codeGuid, c.startUtf16, c.endUtf16])).toEqual([["c-x", 25, 28]]);
    unmount(app);
  });
});
