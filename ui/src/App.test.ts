import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import App from "./App.svelte";
import type { Document } from "./lib/api/bindings/Document";
import type { DocumentSummary } from "./lib/api/bindings/DocumentSummary";
import { FakeBackend } from "./lib/api/fake";
import { I18n } from "./lib/i18n/i18n.svelte";

const preamble = "Rolle: enhetsleder\nKommune: Bodø\n\n";
const turns = [
  { speaker: "I", role: "interviewer", time: 0, text: "Hva betyr tillit for deg?" },
  { speaker: "IP1", role: "informant", time: 872_000, text: "Det er <b>ikke</b> HTML, bare tekst." },
] as const;

function fixture(): { doc: Document; summary: DocumentSummary } {
  let text = preamble;
  const out: Document["turns"] = [];
  turns.forEach((t, i) => {
    const labelStart = text.length;
    text += `${t.speaker}: `;
    const start = text.length;
    text += t.text;
    out.push({
      n: i + 1,
      speaker: t.speaker,
      role: t.role,
      informant: t.role === "informant" ? t.speaker : null,
      labelStartUtf16: labelStart,
      startUtf16: start,
      endUtf16: text.length,
      timeMs: t.time,
      text: t.text,
    });
    text += "\n";
  });
  const doc: Document = {
    guid: "g-bodo",
    name: "Leder Bodø",
    format: "txt",
    language: "nb",
    preamble,
    preambleEndUtf16: preamble.length,
    turns: out,
    attributes: { Kommune: "Bodø", Rolle: "enhetsleder" },
  };
  const summary: DocumentSummary = {
    guid: doc.guid,
    name: doc.name,
    source: "/tmp/leder-bodo.txt",
    format: "txt",
    language: "nb",
    words: 12500,
    turns: out.length,
    speakers: ["I", "IP1"],
    informants: 1,
    attributes: doc.attributes,
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

const $ = (sel: string) => document.body.querySelector(sel);
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];

describe("App", () => {
  let app: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    document.body.innerHTML = "";
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("shows the start screen in bokmål when no project is open", async () => {
    app = mount(App, { target: document.body, props: { backend: new FakeBackend(null), i18n: new I18n("nb") } });
    await settle();
    expect($("[data-testid=start-screen]")).not.toBeNull();
    expect($("[data-testid=open-project]")?.textContent?.trim()).toBe("Åpne prosjekt…");
  });

  it("opens a project from the dialog and switches to English", async () => {
    const { doc, summary } = fixture();
    const backend = new FakeBackend(null, [doc], [summary]);
    backend.pickAnswer = "/data/Tillit 2025.tolk";
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    ($("[data-testid=open-project]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=project-name]")?.textContent).toContain("Tillit 2025");
    ($("[data-testid=language-toggle]") as HTMLButtonElement).click();
    flushSync();
    expect($("[data-testid=document-count]")?.textContent?.trim()).toBe("1 document");
    expect(document.documentElement.lang).toBe("en");
  });

  it("lists documents in Norwegian order and shows a transcript as plain text", async () => {
    const { doc, summary } = fixture();
    const others = ["Åsen skole", "Aasen barnehage", "Zulu"].map((name, i) => ({
      ...summary,
      guid: `g${i}`,
      name,
    }));
    const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [doc], [...others, summary]);
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();

    const names = $$("[data-testid=document-name]").map((e) => e.textContent);
    // aa sorts as å, so "Aasen barnehage" and "Åsen skole" compare as "åsen b…" < "åsen s…".
    expect(names).toEqual(["Leder Bodø", "Zulu", "Aasen barnehage", "Åsen skole"]);
    const meta = $$("[data-testid=document-meta]")[0]?.textContent?.replace(/[ \t\n]+/g, " ").trim();
    expect(meta).toBe("2 turer · 12\u00a0500 ord");

    ($$("[data-testid=document-item]")[0] as HTMLButtonElement).click();
    await settle();

    const rows = $$("[data-testid=turn]");
    expect(rows.map((r) => r.getAttribute("data-turn-n"))).toEqual(["1", "2"]);
    expect(rows.map((r) => r.querySelector(".speaker")?.textContent)).toEqual(["I", "IP1"]);
    expect(rows.map((r) => r.querySelector("[data-testid=turn-time]")?.textContent)).toEqual([
      "00:00:00",
      "00:14:32",
    ]);
    const second = rows[1]?.querySelector(".turn-text");
    expect(second?.textContent).toBe(turns[1].text);
    expect(second?.querySelector("b")).toBeNull();
    expect($("[data-testid=preamble]")?.textContent).toContain("Kommune: Bodø");
    expect(rows[0]?.classList.contains("speaker-interviewer")).toBe(true);
    expect(rows[1]?.classList.contains("speaker-c0")).toBe(true);
    expect($("[aria-current=true]")?.getAttribute("data-guid")).toBe("g-bodo");
  });

  it("switches the header's mode to Analyse and back to Koding", async () => {
    const { doc, summary } = fixture();
    const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [doc], [summary]);
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    const modes = $$("[data-testid^=mode-]").map((b) => b.textContent?.trim());
    expect(modes).toEqual(["Koding", "Utdrag", "Analyse", "Eksport"]);
    ($("[data-testid=mode-analysis]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=mode-analysis]")?.getAttribute("aria-pressed")).toBe("true");
    expect($("[data-testid=analysis-view]")).not.toBeNull();
    expect($("[data-testid=transcript]")).toBeNull();
    // No code in focus yet: the summary asks for one.
    expect($("[data-testid=summary-pick]")).not.toBeNull();
    ($("[data-testid=mode-coding]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=analysis-view]")).toBeNull();
  });

  it("shows an error in place when the startup project fails", async () => {
    const backend = new FakeBackend(null);
    backend.currentProject = () => Promise.reject({ code: "projectTooNew", message: "x.tolk: newer" });
    app = mount(App, { target: document.body, props: { backend, i18n: new I18n("nb") } });
    await settle();
    expect($("[data-testid=error]")?.getAttribute("data-error-code")).toBe("projectTooNew");
    expect($("[data-testid=error] code")?.textContent).toBe("projectTooNew: x.tolk: newer");
  });
});
