import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

const XSS = "<img src=x onerror=window.__z=1>";

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = (sel: string) => document.body.querySelector(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];
const row = (name: string) => $(`[data-testid=code-row][data-name="${name}"]`) as HTMLElement;
const shown = () => $$("[data-testid=code-row]").map((r) => r.getAttribute("data-name"));

function type(el: Element | null, value: string): void {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

async function menu(name: string, action: string): Promise<void> {
  (row(name).querySelector("[data-testid=code-more]") as HTMLElement).click();
  await settle();
  ($(`[data-testid=code-menu-${action}]`) as HTMLElement).click();
  await settle();
}

async function submit(testid: string): Promise<void> {
  ($(`[data-testid=${testid}]`) as HTMLElement).click();
  await settle();
}

describe("codebook pane", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    document.body.innerHTML = "";
    (window as { __z?: number }).__z = undefined;
    backend = new FakeBackend({ path: "/p/x.tolk", name: "x" });
    const cb = backend.codes;
    cb.blocks = [
      { letter: "A", name: "Tillit som fenomen", nameEn: "Trust" },
      { letter: "B", name: "Styring", nameEn: null },
    ];
    const t01 = cb.add({ guid: "t01", key: "T01", name: "Tillit", block: "A", color: "#1F5FAD" });
    cb.add({ guid: "t01-1", key: "T01.1", name: "Mistillit", parent: t01.guid, definition: "Når tilliten svikter" });
    cb.add({ guid: "t01-2", key: "T01.2", name: XSS, parent: t01.guid });
    const t02 = cb.add({ guid: "t02", key: "T02", name: "Rapportering", block: "B", color: "#B0361E" });
    cb.addCoding("t01-1", { start: 0, end: 5 });
    cb.addCoding("t01-1", { start: 10, end: 20, text: "vi stoler på dem" });
    cb.addCoding("t01-1", { start: 10, end: 20, coder: "ola" });
    cb.addCoding(t02.guid, { start: 10, end: 20 });
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("shows the heading with the count, block headers, and top-level codes with key, swatch and count", () => {
    expect($("#codebook-heading")?.textContent).toBe("Kodebok");
    expect($("[data-testid=codebook-count]")?.textContent?.trim()).toBe("4 koder");
    expect($$("[data-testid=code-block]").map((b) => b.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "A Tillit som fenomen",
      "B Styring",
    ]);
    expect(shown()).toEqual(["Tillit", "Rapportering"]);
    const t02 = row("Rapportering");
    expect(t02.querySelector("[data-testid=code-key]")?.textContent).toBe("T02");
    expect(t02.querySelector(".swatch")?.getAttribute("style")).toContain("#B0361E");
    expect(t02.querySelector("[data-testid=code-codings]")?.textContent?.trim()).toBe("1");
    expect(t02.getAttribute("draggable")).toBe("true");
  });

  it("expands a family, counts a span once across coders, and renders names as text", async () => {
    (row("Tillit").querySelector("[data-testid=code-toggle]") as HTMLElement).click();
    await settle();
    expect(shown()).toEqual(["Tillit", "Mistillit", XSS, "Rapportering"]);
    // Mistillit: 0..5, and 10..20 by two coders (once): 2.
    expect(row("Mistillit").querySelector("[data-testid=code-codings]")?.textContent?.trim()).toBe("2");
    expect(row("Mistillit").getAttribute("title")).toBe("T01.1 Mistillit\n\nNår tilliten svikter");
    expect(row(XSS).getAttribute("aria-level")).toBe("2");
    expect((window as { __z?: number }).__z).toBeUndefined();
    expect($$("img")).toHaveLength(0);
  });

  it("filters by definition and key, showing ancestors, and says when nothing matches", async () => {
    type($("[data-testid=codebook-filter]"), "svikter");
    await settle();
    expect(shown()).toEqual(["Tillit", "Mistillit"]);
    expect(row("Tillit").classList.contains("dimmed")).toBe(true);
    type($("[data-testid=codebook-filter]"), "t02");
    await settle();
    expect(shown()).toEqual(["Rapportering"]);
    type($("[data-testid=codebook-filter]"), "finnes ikke");
    await settle();
    expect($("[data-testid=codebook-no-match]")?.textContent).toBe("Ingen koder passer til filteret.");
  });

  it("focuses a code on click for the excerpts panel", async () => {
    row("Rapportering").click();
    await settle();
    expect(row("Rapportering").getAttribute("aria-selected")).toBe("true");
    expect(row("Rapportering").classList.contains("focused")).toBe(true);
  });

  it("creates a code under the focused one, refusing a sibling's name first", async () => {
    row("Tillit").click();
    await settle();
    await submit("codebook-new");
    ($("[data-testid=new-code-under]") as HTMLInputElement).click();
    type($("[data-testid=new-code-name]"), "MISTILLIT");
    await submit("new-code-confirm");
    expect($("[data-testid=new-code-problem]")?.textContent).toBe(
      "Det finnes allerede en kode som heter «MISTILLIT» på dette nivået.",
    );
    type($("[data-testid=new-code-name]"), "Tillit til ledelsen");
    await submit("new-code-confirm");
    expect(backend.codes.calls.at(-1)).toEqual(["createCode", "t01", "Tillit til ledelsen", undefined]);
    // Revealed: its parent expanded, and it is the focused code.
    expect(shown()).toEqual(["Tillit", "Mistillit", XSS, "Tillit til ledelsen", "Rapportering"]);
    expect(row("Tillit til ledelsen").getAttribute("aria-selected")).toBe("true");
  });

  it("edits names, colour, definitions, notes and anchors in one call", async () => {
    await menu("Rapportering", "edit");
    type($("[data-testid=code-edit-name]"), "Rapportering oppover");
    type($("[data-testid=code-edit-name-en]"), "Reporting");
    type($("[data-testid=code-edit-inclusion]"), "Krav om tall");
    type($("[data-testid=code-edit-anchors]"), "«Vi rapporterer alt»\n\n«Tallene styrer»");
    ($("[data-testid=code-edit-color-swatch][data-color='#009E73']") as HTMLElement).click();
    await submit("code-edit-save");
    expect(backend.codes.calls.at(-1)).toEqual([
      "editCode",
      "t02",
      {
        name: "Rapportering oppover",
        nameEn: "Reporting",
        color: "#009E73",
        definition: "",
        definitionEn: "",
        inclusion: "Krav om tall",
        exclusion: "",
        anchors: ["«Vi rapporterer alt»", "", "«Tallene styrer»"],
      },
    ]);
    expect(shown()).toEqual(["Tillit", "Rapportering oppover"]);
    expect(backend.codes.find("t02").anchors).toEqual(["«Vi rapporterer alt»", "«Tallene styrer»"]);
  });

  it("merges a code into another and moves its codings", async () => {
    await menu("Rapportering", "merge");
    const options = $$("[data-testid=code-merge-dialog] [data-testid=code-pick-option]");
    // Every code outside Rapportering's family: Tillit and its two children.
    expect(options.map((o) => o.getAttribute("data-guid"))).toEqual(["t01", "t01-1", "t01-2"]);
    ((options[1] as HTMLElement).querySelector("input") as HTMLInputElement).click();
    await settle();
    ($("[data-testid=code-merge-dialog] [data-testid=code-pick-confirm]") as HTMLElement).click();
    await settle();
    expect(backend.codes.calls.at(-1)).toEqual(["mergeCodes", "t02", "t01-1"]);
    expect(shown()).toEqual(["Tillit", "Mistillit", XSS]);
    // T02's 10..20 by kari duplicated Mistillit's: kept once, so still 2 spans.
    expect(row("Mistillit").querySelector("[data-testid=code-codings]")?.textContent?.trim()).toBe("2");
    expect($("[data-testid=codebook-notice]")?.textContent).toContain("«Rapportering» er slått sammen med «Mistillit».");
  });

  it("splits chosen codings into a new sibling", async () => {
    (row("Tillit").querySelector("[data-testid=code-toggle]") as HTMLElement).click();
    await settle();
    await menu("Mistillit", "split");
    const items = $$("[data-testid=code-split-coding]");
    expect(items).toHaveLength(3);
    expect(items[1]?.textContent).toContain("«vi stoler på dem»");
    await submit("code-split-confirm");
    expect($("[data-testid=code-split-problem]")?.textContent).toBe("Kryss av minst én koding.");
    (items[1]?.querySelector("input") as HTMLInputElement).click();
    await settle();
    expect($("[data-testid=code-split-selected]")?.textContent?.trim()).toBe("1 av 3 valgt");
    type($("[data-testid=code-split-name]"), "Tillit til kolleger");
    await submit("code-split-confirm");
    const guid = items[1]?.getAttribute("data-guid");
    expect(backend.codes.calls.at(-1)).toEqual(["splitCode", "t01-1", [guid], "Tillit til kolleger"]);
    expect(shown()).toEqual(["Tillit", "Mistillit", "Tillit til kolleger", XSS, "Rapportering"]);
  });

  it("deletes after a confirmation that says how many codings go", async () => {
    await menu("Tillit", "delete");
    const dialog = $("[data-testid=code-delete-dialog]");
    // Tillit's family: Tillit, Mistillit (3 codings) and the other child: 3 codings, 2 sub-codes.
    expect(dialog?.querySelector("h2")?.textContent).toBe("Slette «Tillit»?");
    expect($("[data-testid=code-delete-codings]")?.textContent?.trim()).toBe("3 kodinger forsvinner sammen med koden.");
    expect($("[data-testid=code-delete-subcodes]")?.textContent?.trim()).toBe("2 underkoder slettes også.");
    await submit("code-delete-confirm");
    expect(shown()).toEqual(["Rapportering"]);
    expect(backend.codes.codings).toHaveLength(1);
  });

  it("hides a family, and shows it marked with «Vis skjulte»", async () => {
    await menu("Tillit", "toggleHidden");
    expect(shown()).toEqual(["Rapportering"]);
    ($("[data-testid=codebook-show-hidden]") as HTMLInputElement).click();
    await settle();
    expect(shown()).toEqual(["Tillit", "Rapportering"]);
    expect(row("Tillit").querySelector(".hidden-mark")?.textContent).toBe("skjult");
    await menu("Tillit", "toggleHidden");
    expect(backend.codes.calls.at(-1)).toEqual(["setFamilyHidden", "t01", false]);
  });

  it("reorders with Alt+arrow keys and opens the menu from the context menu", async () => {
    row("Rapportering").focus();
    row("Rapportering").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", altKey: true, bubbles: true }));
    await settle();
    expect(backend.codes.calls.at(-1)).toEqual(["moveCode", "t02", null, 0]);
    expect(shown()).toEqual(["Rapportering", "Tillit"]);
    row("Tillit").dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, clientX: 10, clientY: 10 }));
    await settle();
    expect($("[data-testid=code-menu]")?.getAttribute("aria-label")).toBe("Handlinger for «Tillit»");
  });

  it("moves a dragged code into the code it is dropped on", async () => {
    const data = new Map<string, string>();
    const transfer = {
      types: [] as string[],
      setData: (t: string, v: string) => {
        data.set(t, v);
        transfer.types = [...data.keys()];
      },
      getData: (t: string) => data.get(t) ?? "",
      effectAllowed: "",
      dropEffect: "",
    };
    // A row 28 px high at the top; y = 14 is its middle: "into".
    const fire = (el: Element, type: string) => {
      el.getBoundingClientRect = () => ({ top: 0, height: 28 }) as DOMRect;
      const event = new Event(type, { bubbles: true, cancelable: true }) as DragEvent;
      Object.defineProperty(event, "dataTransfer", { value: transfer });
      Object.defineProperty(event, "clientY", { value: 14 });
      el.dispatchEvent(event);
    };
    fire(row("Rapportering"), "dragstart");
    expect(data.get("application/x-tolk-code")).toBe("t02");
    fire(row("Tillit"), "dragover");
    fire(row("Tillit"), "drop");
    await settle();
    expect(backend.codes.calls.at(-1)).toEqual(["moveCode", "t02", "t01", 2]);
    expect(shown()).toEqual(["Tillit", "Mistillit", XSS, "Rapportering"]);
  });
});
