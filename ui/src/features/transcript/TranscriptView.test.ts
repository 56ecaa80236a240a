import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { Document } from "../../lib/api/bindings/Document";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

/** `count` alternating turns; every third informant turn mentions «Økonomien». */
function longDocument(count: number): { doc: Document; summary: DocumentSummary } {
  const turns: Document["turns"] = [];
  let text = "";
  for (let i = 0; i < count; i++) {
    const interviewer = i % 2 === 0;
    const words = interviewer ? "Kan du si mer om det?" : i % 3 === 0 ? "Økonomien styrer, og økonomi er alt." : "Ja, det handler om tillit.";
    const speaker = interviewer ? "I" : "IP1";
    const labelStart = text.length;
    text += `${speaker}: `;
    const start = text.length;
    text += `${words}\n`;
    turns.push({
      n: i + 1,
      speaker,
      role: interviewer ? "interviewer" : "informant",
      informant: interviewer ? null : speaker,
      labelStartUtf16: labelStart,
      startUtf16: start,
      endUtf16: start + words.length,
      timeMs: null,
      text: words,
    });
  }
  const doc: Document = {
    guid: "g-long",
    name: "Langt intervju",
    format: "txt",
    language: "nb",
    preamble: "",
    preambleEndUtf16: 0,
    turns,
    attributes: {},
  };
  const summary: DocumentSummary = {
    guid: doc.guid,
    name: doc.name,
    source: "/tmp/langt.txt",
    format: "txt",
    language: "nb",
    words: 5000,
    turns: count,
    speakers: ["I", "IP1"],
    informants: 1,
    attributes: {},
    importedAt: "2026-01-01T00:00:00Z",
  };
  return { doc, summary };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.body.querySelector<T>(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];

function key(init: KeyboardEventInit, target: EventTarget = window): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}

describe("TranscriptView", () => {
  let app: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    document.body.innerHTML = "";
    localStorage.clear();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  async function open(count: number): Promise<Document> {
    const { doc, summary } = longDocument(count);
    const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [doc], [summary]);
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    return doc;
  }

  it("renders a window of a long transcript, not every turn", async () => {
    await open(600);
    const rows = $$("[data-testid=turn]");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(200);
    expect(rows[0]?.getAttribute("data-turn-n")).toBe("1");
    // Rendered rows say where they are in the whole list.
    expect(rows[0]?.getAttribute("aria-setsize")).toBe("600");
  });

  it("renders a short transcript whole", async () => {
    await open(40);
    expect($$("[data-testid=turn]").length).toBe(40);
  });

  it("finds case-insensitively with Ctrl+F and counts «1 av N»", async () => {
    const doc = await open(600);
    key({ key: "f", ctrlKey: true });
    await settle();
    const input = $<HTMLInputElement>("[data-testid=find-input]");
    expect(input).not.toBeNull();
    input!.value = "ØKONOMI";
    input!.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    // Turns i (0-based) with i odd and i % 3 == 0 say "Økonomien … økonomi": 2 hits each.
    const withHits = doc.turns.filter((t) => t.text.startsWith("Økonomien")).length;
    expect(withHits).toBe(100); // i = 3, 9, 15, … 597: 100 turns
    expect($("[data-testid=find-count]")?.textContent?.trim()).toBe(`1 av ${2 * withHits}`);
    const marks = $$("mark");
    expect(marks.length).toBeGreaterThan(0);
    expect(marks[0]?.textContent).toBe("Økonomi");
    expect($("mark.current")?.closest("[data-testid=turn]")?.getAttribute("data-turn-n")).toBe("4");
    // The text of a turn with hits reads the same; nothing is HTML.
    expect($("mark.current")?.closest(".turn-text")?.textContent).toBe("Økonomien styrer, og økonomi er alt.");

    key({ key: "Enter" }, input!);
    await settle();
    expect($("[data-testid=find-count]")?.textContent?.trim()).toBe(`2 av ${2 * withHits}`);
    key({ key: "Enter", shiftKey: true }, input!);
    key({ key: "Enter", shiftKey: true }, input!);
    await settle();
    expect($("[data-testid=find-count]")?.textContent?.trim()).toBe(`${2 * withHits} av ${2 * withHits}`);

    key({ key: "Escape" }, input!);
    await settle();
    expect($("[data-testid=find-bar]")).toBeNull();
    expect($$("mark").length).toBe(0);
  });

  it("says «Ingen treff» when nothing matches", async () => {
    await open(10);
    ($("[data-testid=find-toggle]") as HTMLButtonElement).click();
    await settle();
    const input = $<HTMLInputElement>("[data-testid=find-input]")!;
    input.value = "zzz";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    expect($("[data-testid=find-count]")?.textContent?.trim()).toBe("Ingen treff");
  });

  it("explains a turn number that does not exist", async () => {
    await open(600);
    const input = $<HTMLInputElement>("[data-testid=jump-input]")!;
    input.value = "601";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key({ key: "Enter" }, input);
    await settle();
    expect($("[data-testid=jump-error]")?.textContent).toBe("Velg en tur fra 1 til 600.");
  });

  it("steps the document font size and remembers it", async () => {
    await open(10);
    expect($("[data-testid=font-size]")?.getAttribute("data-value")).toBe("17");
    ($("[data-testid=font-larger]") as HTMLButtonElement).click();
    flushSync();
    expect($("[data-testid=font-size]")?.getAttribute("data-value")).toBe("18");
    expect($("[data-testid=transcript-pane]")?.style.getPropertyValue("--doc-size")).toBe("18px");
    expect(localStorage.getItem("tolk.docFontSize")).toBe("18");
    ($("[data-testid=font-smaller]") as HTMLButtonElement).click();
    ($("[data-testid=font-smaller]") as HTMLButtonElement).click();
    flushSync();
    expect($("[data-testid=font-size]")?.getAttribute("data-value")).toBe("16");
  });
});
