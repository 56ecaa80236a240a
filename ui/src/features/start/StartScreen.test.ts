import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { RecentProject } from "../../lib/api/bindings/RecentProject";
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
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim();

// 25.11.2026 14:32 local time, stored as the core stores it (RFC 3339, UTC).
const opened = new Date(2026, 10, 25, 14, 32).toISOString();
// The project file last changed at 24.11.2026 09:05 local time.
const changed = new Date(2026, 10, 24, 9, 5).toISOString();

function recent(): RecentProject[] {
  return [
    {
      path: "/data/Tillit 2025.tolk",
      name: "Tillit 2025",
      lastOpened: opened,
      exists: true,
      documents: 12,
      modified: changed,
    },
    {
      path: "/media/usb/Pilot.tolk",
      name: "Pilot",
      lastOpened: "2026-10-01T08:00:00Z",
      exists: false,
      documents: null,
      modified: null,
    },
  ];
}

describe("start screen", () => {
  let app: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    document.body.innerHTML = "";
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("lists recent projects with path, last opened and documents, and marks missing files", async () => {
    const backend = new FakeBackend(null);
    backend.recent = recent();
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();

    const items = $$("[data-testid=recent-item]");
    expect(items.map((i) => text(i.querySelector("[data-testid=recent-name]")))).toEqual(["Tillit 2025", "Pilot"]);
    const first = items[0];
    expect(text(first?.querySelector("[data-testid=recent-path]"))).toBe("/data/Tillit 2025.tolk");
    expect(text(first?.querySelector("[data-testid=recent-opened]"))).toBe("Åpnet 25.11.2026 kl. 14.32");
    expect(text(first?.querySelector("[data-testid=recent-modified]"))).toBe("Endret 24.11.2026 kl. 09.05");
    expect(text(first?.querySelector("[data-testid=recent-documents]"))).toBe("12 dokumenter");
    expect(first?.querySelector("[data-testid=recent-missing]")).toBeNull();

    const missing = items[1];
    expect(text(missing?.querySelector("[data-testid=recent-missing]"))).toBe(
      "Filen finnes ikke lenger på dette stedet",
    );
    expect(missing?.querySelector("[data-testid=recent-open]")).toBeNull();
    // A missing file has no modification time: only when it was opened.
    expect(missing?.querySelector("[data-testid=recent-modified]")).toBeNull();
    expect(text(missing?.querySelector("[data-testid=recent-opened]"))).toMatch(/^Åpnet 01\.10\.2026 kl\. \d\d\.00$/);
    (missing?.querySelector("[data-testid=recent-remove]") as HTMLButtonElement).click();
    await settle();
    expect($$("[data-testid=recent-item]").length).toBe(1);
    expect(backend.recent.map((r) => r.name)).toEqual(["Tillit 2025"]);
  });

  it("opens a recent project with a click", async () => {
    const backend = new FakeBackend(null);
    backend.recent = recent();
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    ($("[data-testid=recent-open]") as HTMLButtonElement).click();
    await settle();
    expect(text($("[data-testid=project-name]"))).toBe("Tillit 2025");
  });

  it("creates a project with the Bentzen codebook, closes it and finds it in the list", async () => {
    const backend = new FakeBackend(null);
    backend.saveAnswer = "/data/Ny studie";
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    expect(text($("[data-testid=recent-empty]"))).toContain("Ingen prosjekter er åpnet ennå");

    ($("[data-testid=new-project]") as HTMLButtonElement).click();
    await settle();
    const bentzen = $("[data-testid=codebook-bentzen]") as HTMLInputElement;
    expect(bentzen.checked).toBe(true);
    expect(text(bentzen.closest("label"))).toContain("Bentzens tillitskodebok (innebygd)");
    ($("[data-testid=create-project]") as HTMLButtonElement).click();
    await settle();
    expect(backend.createdWith).toBe("bentzen");
    expect(text($("[data-testid=project-name]"))).toBe("Ny studie");

    ($("[data-testid=project-menu]") as HTMLButtonElement).click();
    await settle();
    ($("[data-testid=close-project]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=start-screen]")).not.toBeNull();
    expect($$("[data-testid=recent-name]").map(text)).toEqual(["Ny studie"]);
  });

  it("creates a project without a codebook, and cancelling the dialog changes nothing", async () => {
    const backend = new FakeBackend(null);
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    ($("[data-testid=new-project]") as HTMLButtonElement).click();
    await settle();
    ($("[data-testid=codebook-none]") as HTMLInputElement).click();
    ($("[data-testid=create-project]") as HTMLButtonElement).click();
    await settle();
    expect(backend.createdWith).toBeNull();
    expect($("[data-testid=start-screen]")).not.toBeNull();

    backend.saveAnswer = "/data/Tom.tolk";
    ($("[data-testid=create-project]") as HTMLButtonElement).click();
    await settle();
    expect(backend.createdWith).toBe("none");
    expect(text($("[data-testid=project-name]"))).toBe("Tom");
  });

  it("speaks English when switched", async () => {
    const backend = new FakeBackend(null);
    backend.recent = recent();
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("en") } });
    await settle();
    expect(text($("[data-testid=new-project]"))).toBe("New project");
    expect(text($("[data-testid=recent-opened]"))).toBe("Opened 25 Nov 2026, 14:32");
    expect(text($("[data-testid=recent-documents]"))).toBe("12 documents");
  });
});
