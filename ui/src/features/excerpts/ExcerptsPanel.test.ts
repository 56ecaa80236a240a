import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import ExcerptsPanel from "./ExcerptsPanel.svelte";
import { $, $$, choose, mountPane, settle, setup, type Setup } from "./testing";

describe("excerpts panel", () => {
  let app: Awaited<ReturnType<typeof mountPane>> | undefined;
  let s: Setup;

  beforeEach(async () => {
    document.body.innerHTML = "";
    (window as { __z?: number }).__z = undefined;
    s = setup();
    app = await mountPane(ExcerptsPanel, s);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
  });

  it("asks for a code until one is in focus", () => {
    expect($("[data-testid=excerpts-pick]")?.textContent).toContain("Velg en kode");
    expect(s.backend.excerptStore.queries).toHaveLength(0);
  });

  it("shows the focused code's excerpts with sub-codes, counted against the project's informants", async () => {
    s.workspace.focusedCode = "c-t01";
    await settle();
    // T01 has two excerpts and its sub-code T01.1 one: 3 excerpts, from informants
    // Int. 03/I3 and Int. 07/I3 (2) of the 12 in the project.
    expect($("[data-testid=excerpts-summary]")?.textContent?.trim()).toBe("3 utdrag fra 2 av 12 informanter");
    expect($$("[data-testid=excerpt-card]")).toHaveLength(3);
    expect($("[data-testid=excerpt-citation]")?.textContent).toBe("Int. 03 · tur 12 · 00:14:32 · I3");
    expect($("[data-testid=excerpt-coders]")?.textContent).toBe("Kodet av kari");

    ($("[data-testid=excerpts-subcodes]") as HTMLInputElement).click();
    await settle();
    expect($("[data-testid=excerpts-summary]")?.textContent?.trim()).toBe("2 utdrag fra 2 av 12 informanter");
    expect(s.backend.excerptStore.queries.at(-1)).toMatchObject({ code: "c-t01", subcodes: false, steps: [] });
  });

  it("renders excerpt text as text, never as HTML", async () => {
    s.workspace.focusedCode = "c-t01";
    await settle();
    const texts = $$("[data-testid=excerpt-text]").map((e) => e.textContent);
    expect(texts).toContain("<img src=x onerror=window.__z=1>");
    expect($("[data-testid=excerpts-panel] img")).toBeNull();
    expect((window as { __z?: number }).__z).toBeUndefined();
  });

  it("shows one coder's codings when the coder filter says so, and re-reads after changes", async () => {
    s.workspace.focusedCode = "c-t01";
    await settle();
    expect(($("[data-testid=coder-filter]") as HTMLSelectElement).getAttribute("aria-label")).toBe("Koder: alle");
    choose("[data-testid=coder-filter]", "ola");
    await settle();
    expect(s.workspace.coderFilter).toBe("ola");
    expect(s.backend.excerptStore.queries.at(-1)?.coder).toBe("ola");
    // ola made the Int. 07 excerpt (with kari) and the sub-code's: 2.
    expect($$("[data-testid=excerpt-card]")).toHaveLength(2);
    expect(($("[data-testid=coder-filter]") as HTMLSelectElement).getAttribute("aria-label")).toBe("Koder: ola");

    const before = s.backend.excerptStore.queries.length;
    s.workspace.changed();
    await settle();
    expect(s.backend.excerptStore.queries.length).toBe(before + 1);
  });

  it("expands to the neighbouring turns and goes to the excerpt in the transcript", async () => {
    s.workspace.focusedCode = "c-t01";
    await settle();
    ($("[data-testid=excerpt-expand]") as HTMLButtonElement).click();
    await settle();
    const turns = $$("[data-testid=context-turn]").map((t) => t.getAttribute("data-turn"));
    expect(turns).toEqual(["11", "12", "13"]);
    expect($("[data-testid=excerpt-context]")?.textContent).toContain("Hvordan opplever dere styringen?");

    s.workspace.mode = "excerpts";
    ($("[data-testid=excerpt-goto]") as HTMLButtonElement).click();
    await settle();
    // The first card is Int. 03, turn 12: startUtf16 12 × 100, end + 19 chars of its text.
    expect(s.workspace.mode).toBe("coding");
    expect(s.workspace.revealRequest).toMatchObject({ document: "d-03", startUtf16: 1200, endUtf16: 1219 });
  });

  it("sets the name the researcher codes as", async () => {
    expect($("[data-testid=coder-current]")?.textContent).toBe("Jeg koder som kari");
    ($("[data-testid=coder-change]") as HTMLButtonElement).click();
    await settle();
    const input = $("[data-testid=coder-name]") as HTMLInputElement;
    input.value = "Kåre";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    ($("[data-testid=coder-save]") as HTMLButtonElement).click();
    await settle();
    expect(s.backend.excerptStore.current).toBe("Kåre");
    expect($("[data-testid=coder-current]")?.textContent).toBe("Jeg koder som Kåre");
  });
});
