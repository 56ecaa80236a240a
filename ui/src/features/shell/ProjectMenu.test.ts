import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

const $ = (sel: string) => document.body.querySelector(sel);
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim();
const trigger = () => $("[data-testid=project-menu]") as HTMLButtonElement;
const menu = () => $("[data-testid=project-menu-list]");
const focused = () => (document.activeElement as HTMLElement | null)?.dataset.testid;

async function key(el: Element, k: string): Promise<void> {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  await settle();
}

describe("the header's project menu", () => {
  let app: ReturnType<typeof mount> | undefined;
  let backend: FakeBackend;
  let dialogs: number;

  beforeEach(async () => {
    document.body.innerHTML = "";
    backend = new FakeBackend({ path: "/data/Tillit 2025.tolk", name: "Tillit 2025" });
    dialogs = 0;
    backend.pickImportFiles = async () => {
      dialogs++;
      return [];
    };
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("is a menu button, closed at first, with the primary Importer button beside it", () => {
    expect(text(trigger())).toBe("Prosjekt");
    expect(trigger().getAttribute("aria-haspopup")).toBe("menu");
    expect(trigger().getAttribute("aria-expanded")).toBe("false");
    expect(menu()).toBeNull();
    expect(text($("[data-testid=import-button]"))).toBe("Importer…");
    // Open and Close live in the menu only.
    expect($("[data-testid=close-project]")).toBeNull();
  });

  it("opens with ↓ on the first item, moves with the arrows (wrapping), Home and End", async () => {
    trigger().focus();
    await key(trigger(), "ArrowDown");
    expect(trigger().getAttribute("aria-expanded")).toBe("true");
    expect(menu()?.getAttribute("role")).toBe("menu");
    const items = [...(menu()?.querySelectorAll("[role=menuitem]") ?? [])].map(text);
    // Angre and Gjør om come first, disabled while there is nothing to undo (focus passes them).
    expect(items).toEqual([
      "Angre Ctrl+Z",
      "Gjør om Ctrl+Shift+Z",
      "Importer transkripsjoner…",
      "Nytt prosjekt…",
      "Åpne prosjekt…",
      "Lukk prosjekt",
    ]);
    expect(focused()).toBe("menu-import");
    await key(menu()!, "ArrowDown");
    expect(focused()).toBe("menu-new");
    await key(menu()!, "ArrowUp");
    await key(menu()!, "ArrowUp");
    expect(focused()).toBe("close-project");
    await key(menu()!, "ArrowDown");
    expect(focused()).toBe("menu-import");
    await key(menu()!, "End");
    expect(focused()).toBe("close-project");
    await key(menu()!, "Home");
    expect(focused()).toBe("menu-import");
  });

  it("opens with ↑ on the last item", async () => {
    trigger().focus();
    await key(trigger(), "ArrowUp");
    expect(focused()).toBe("close-project");
  });

  it("closes with Esc and gives focus back to the button", async () => {
    trigger().focus();
    await key(trigger(), "Enter");
    expect(menu()).not.toBeNull();
    await key(menu()!, "Escape");
    expect(menu()).toBeNull();
    expect(trigger().getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(trigger());
  });

  it("chooses the focused item with Enter: Importer transkripsjoner… opens the file dialog", async () => {
    trigger().focus();
    await key(trigger(), "ArrowDown");
    await key(menu()!, "Enter");
    expect(dialogs).toBe(1);
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(trigger());
  });

  it("closes on a click outside, and a click on the button toggles it", async () => {
    trigger().click();
    await settle();
    expect(menu()).not.toBeNull();
    document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    await settle();
    expect(menu()).toBeNull();
    trigger().click();
    await settle();
    expect(menu()).not.toBeNull();
    trigger().click();
    await settle();
    expect(menu()).toBeNull();
  });

  it("Lukk prosjekt goes back to the start screen; Nytt prosjekt… opens the new-project form there", async () => {
    trigger().click();
    await settle();
    ($("[data-testid=menu-new]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=start-screen]")).not.toBeNull();
    expect($("[data-testid=new-project-form]")).not.toBeNull();
    expect($("[data-testid=new-project]")?.getAttribute("aria-expanded")).toBe("true");

    backend.pickAnswer = "/data/Tillit 2025.tolk";
    ($("[data-testid=open-project]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=workspace]")).not.toBeNull();
    trigger().click();
    await settle();
    ($("[data-testid=close-project]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=start-screen]")).not.toBeNull();
    expect($("[data-testid=new-project-form]")).toBeNull();
  });

  it("speaks English after the language switch, with the same items", async () => {
    ($("[data-testid=language-toggle]") as HTMLButtonElement).click();
    await settle();
    trigger().click();
    await settle();
    expect(text(trigger())).toBe("Project");
    const items = [...(menu()?.querySelectorAll("[role=menuitem]") ?? [])].map(text);
    expect(items).toEqual([
      "Undo Ctrl+Z",
      "Redo Ctrl+Shift+Z",
      "Import transcripts…",
      "New project…",
      "Open project…",
      "Close project",
    ]);
  });
});
