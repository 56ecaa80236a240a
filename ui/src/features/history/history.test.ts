import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";
import { undoKey } from "./undo.svelte";

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = (sel: string) => document.body.querySelector(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim();
const toast = () => text($("[data-testid=undo-toast] span"));

function keydown(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
}

async function press(target: EventTarget, init: KeyboardEventInit): Promise<void> {
  target.dispatchEvent(keydown(init));
  await settle();
}

describe("which keys undo and redo", () => {
  it("Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo; ⌘ works as Ctrl; other keys do nothing", () => {
    expect(undoKey(keydown({ key: "z", ctrlKey: true }))).toBe("undo");
    expect(undoKey(keydown({ key: "Z", ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(undoKey(keydown({ key: "y", ctrlKey: true }))).toBe("redo");
    expect(undoKey(keydown({ key: "z", metaKey: true }))).toBe("undo");
    expect(undoKey(keydown({ key: "z" }))).toBeNull();
    expect(undoKey(keydown({ key: "z", ctrlKey: true, altKey: true }))).toBeNull();
    expect(undoKey(keydown({ key: "x", ctrlKey: true }))).toBeNull();
  });
});

describe("undo, redo and the history in the workspace", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;

  beforeEach(async () => {
    document.body.innerHTML = "";
    backend = new FakeBackend({ path: "/data/Tillit.tolk", name: "Tillit" });
    backend.undoHistory.did("create_code", "Rapportering");
    backend.undoHistory.did("code", "T08.6 Rapportering", "Int. 03");
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    ($("[data-testid=side-tab-history]") as HTMLButtonElement).click();
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("lists the changes newest first, with who and when in Norwegian date format", () => {
    const entries = $$("[data-testid=history-entry]");
    expect(entries.map((e) => text(e.querySelector(".what")))).toEqual([
      "kod ‘T08.6 Rapportering’ (Int. 03)",
      "ny kode ‘Rapportering’",
    ]);
    // dd.mm.yyyy kl. hh.mm in local time; the fake's first step is 25 Nov 2026.
    expect(text(entries[1]?.querySelector(".who"))).toMatch(/^kari · 25\.11\.2026 kl\. \d\d\.\d\d$/);
    expect($("[data-testid=history-undone]")).toBeNull();
  });

  it("Ctrl+Z undoes the newest step, says so, and the history marks it undone", async () => {
    await press(document.body, { key: "z", ctrlKey: true });
    expect(toast()).toBe("Angret: kod ‘T08.6 Rapportering’ (Int. 03)");
    expect(backend.undoHistory.done.map((s) => s.action)).toEqual(["create_code"]);
    const entries = $$("[data-testid=history-entry]");
    expect(text(entries[0]?.querySelector(".what"))).toBe("Angret: kod ‘T08.6 Rapportering’ (Int. 03)");
    expect(entries[1]?.classList.contains("undone")).toBe(true);
    expect(text(entries[1]?.querySelector("[data-testid=history-undone]"))).toBe("Angret");

    await press(document.body, { key: "Z", ctrlKey: true, shiftKey: true });
    expect(toast()).toBe("Gjort om: kod ‘T08.6 Rapportering’ (Int. 03)");
    expect(backend.undoHistory.done.map((s) => s.action)).toEqual(["create_code", "code"]);
    expect($("[data-testid=history-undone]")).toBeNull();

    await press(document.body, { key: "y", ctrlKey: true });
    expect(toast()).toBe("Ingenting å gjøre om");
  });

  it("leaves Ctrl+Z to text fields, whose own undo it is", async () => {
    const input = document.createElement("input");
    const editable = document.createElement("div");
    editable.contentEditable = "true";
    document.body.append(input, editable);
    await press(input, { key: "z", ctrlKey: true });
    await press(editable, { key: "z", ctrlKey: true });
    expect(backend.undoHistory.done).toHaveLength(2);
    expect($("[data-testid=undo-toast]")).toBeNull();
  });

  it("says when there is nothing to undo", async () => {
    await press(document.body, { key: "z", ctrlKey: true });
    await press(document.body, { key: "z", ctrlKey: true });
    await press(document.body, { key: "z", ctrlKey: true });
    expect(toast()).toBe("Ingenting å angre");
  });

  it("explains a step a deleted document overtook, and keeps the notice until closed", async () => {
    backend.undoHistory.conflictNext = true;
    await press(document.body, { key: "z", ctrlKey: true });
    expect(toast()).toMatch(/^Kunne ikke angre «kod ‘T08\.6 Rapportering’ \(Int\. 03\)»: noe som ikke kan angres/);
    // The step left the history; the next undo takes the one before.
    expect(backend.undoHistory.done.map((s) => s.action)).toEqual(["create_code"]);
    ($("[data-testid=undo-toast] button") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=undo-toast]")).toBeNull();
  });

  it("names the steps in the Prosjekt menu and undoes from there", async () => {
    ($("[data-testid=project-menu]") as HTMLButtonElement).click();
    await settle();
    const undoItem = $("[data-testid=menu-undo]") as HTMLButtonElement;
    expect(text(undoItem)).toBe("Angre: kod ‘T08.6 Rapportering’ (Int. 03) Ctrl+Z");
    expect(($("[data-testid=menu-redo]") as HTMLButtonElement).disabled).toBe(true);
    undoItem.click();
    await settle();
    expect(toast()).toBe("Angret: kod ‘T08.6 Rapportering’ (Int. 03)");

    ($("[data-testid=project-menu]") as HTMLButtonElement).click();
    await settle();
    expect(text($("[data-testid=menu-undo]"))).toBe("Angre: ny kode ‘Rapportering’ Ctrl+Z");
    expect(text($("[data-testid=menu-redo]"))).toBe("Gjør om: kod ‘T08.6 Rapportering’ (Int. 03) Ctrl+Shift+Z");
  });

  it("shows the newest 200 changes, and more on request", async () => {
    for (let i = 0; i < 250; i++) backend.undoHistory.did("set_attribute", `runde = ${i}`, "Int. 03");
    // A new gesture bumps the revision in the app; here Ctrl+Z and Ctrl+Shift+Z do.
    await press(document.body, { key: "z", ctrlKey: true });
    await press(document.body, { key: "z", ctrlKey: true, shiftKey: true });
    // 2 + 250 gestures, an undo and a redo: 254 entries.
    expect($$("[data-testid=history-entry]")).toHaveLength(200);
    expect(text($(".more span"))).toBe("Viser 200 av 254 endringer");
    ($(".more button") as HTMLButtonElement).click();
    await settle();
    expect($$("[data-testid=history-entry]")).toHaveLength(254);
    expect($(".more")).toBeNull();
  });

  it("exports the history where the save dialog says", async () => {
    backend.undoHistory.exportAnswer = "/data/historikk.csv";
    ($("[data-testid=history-export]") as HTMLButtonElement).click();
    await settle();
    expect(text($("[data-testid=history-exported]"))).toBe("Historikken er lagret i /data/historikk.csv");
  });
});
