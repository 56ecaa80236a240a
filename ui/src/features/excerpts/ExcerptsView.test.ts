import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import ExcerptsView from "./ExcerptsView.svelte";
import { $, $$, choose, mountPane, settle, setup, type, type Setup } from "./testing";

describe("excerpts view", () => {
  let app: Awaited<ReturnType<typeof mountPane>> | undefined;
  let s: Setup;

  beforeEach(async () => {
    document.body.innerHTML = "";
    s = setup();
    app = await mountPane(ExcerptsView, s);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
    vi.unstubAllGlobals();
  });

  it("builds a query of a first code and operator rows with filters, and lists what it finds", async () => {
    choose("[data-testid=query-code]", "c-t01");
    ($("[data-testid=query-add]") as HTMLButtonElement).click();
    await settle();
    choose("[data-testid=query-op]", "not");
    choose("[data-testid=query-step-code]", "c-t011");
    ($("[data-testid=query-subcodes]") as HTMLInputElement).click();
    choose("[data-testid=query-document]", "d-03");
    type("[data-testid=query-speaker]", "I3");
    type("[data-testid=query-attributes]", "kommune=Bodø, rolle=leder");
    await settle();
    ($("[data-testid=query-run]") as HTMLButtonElement).click();
    await settle();
    expect(s.backend.excerptStore.queries.at(-1)).toEqual({
      code: "c-t01",
      steps: [{ op: "not", code: "c-t011" }],
      subcodes: true,
      document: "d-03",
      speaker: "I3",
      coder: null,
      attributes: ["kommune=Bodø", "rolle=leder"],
      limit: 2000,
    });
    // T01 with sub-codes in Int. 03, minus the sub-code T01.1 (the fake's NOT): turn 12 only.
    const rows = $$("[data-testid=excerpt-row]");
    expect(rows.map((r) => r.getAttribute("data-turn"))).toEqual(["12"]);
    expect($("[data-testid=query-summary]")?.textContent).toContain("1 utdrag fra 1 av 12 informanter");
    expect($("[data-testid=query-summary]")?.textContent).toContain("i 1 av 2 dokumenter");
  });

  it("sorts by a column both ways and copies a row's quote with Ctrl+C", async () => {
    choose("[data-testid=query-code]", "c-t01");
    ($("[data-testid=query-subcodes]") as HTMLInputElement).click();
    await settle();
    ($("[data-testid=query-run]") as HTMLButtonElement).click();
    await settle();
    const turns = () => $$("[data-testid=excerpt-row]").map((r) => r.getAttribute("data-turn"));
    // The core's order: Int. 03 turns 12 and 14, then Int. 07 turn 4.
    expect(turns()).toEqual(["12", "4", "14"]);
    ($("[data-testid=sort-turn]") as HTMLButtonElement).click();
    await settle();
    expect(turns()).toEqual(["4", "12", "14"]);
    ($("[data-testid=sort-turn]") as HTMLButtonElement).click();
    await settle();
    expect(turns()).toEqual(["14", "12", "4"]);

    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const row = $$("[data-testid=excerpt-row]").find((r) => r.getAttribute("data-turn") === "12") as HTMLElement;
    row.dispatchEvent(new KeyboardEvent("keydown", { key: "c", ctrlKey: true, bubbles: true }));
    expect(writeText).toHaveBeenCalledWith("«Vi stoler på folka.» (Int. 03, tur 12)");
  });

  it("expands a row to its neighbouring turns and opens it in context", async () => {
    choose("[data-testid=query-code]", "c-t01");
    await settle();
    ($("[data-testid=query-run]") as HTMLButtonElement).click();
    await settle();
    ($("[data-testid=excerpt-expand]") as HTMLButtonElement).click();
    await settle();
    expect($$("[data-testid=context-turn]").map((t) => t.getAttribute("data-turn"))).toEqual(["11", "12", "13"]);
    s.workspace.mode = "excerpts";
    ($("[data-testid=excerpt-goto]") as HTMLButtonElement).click();
    await settle();
    expect(s.workspace.mode).toBe("coding");
    expect(s.workspace.revealRequest).toMatchObject({ document: "d-03", startUtf16: 1200 });
  });

  it("re-runs the shown query when the coder filter changes", async () => {
    choose("[data-testid=query-code]", "c-t01");
    await settle();
    ($("[data-testid=query-run]") as HTMLButtonElement).click();
    await settle();
    expect($$("[data-testid=excerpt-row]")).toHaveLength(2);
    s.workspace.coderFilter = "ola";
    await settle();
    expect(s.backend.excerptStore.queries.at(-1)?.coder).toBe("ola");
    expect($$("[data-testid=excerpt-row]").map((r) => r.getAttribute("data-document"))).toEqual(["Int. 07"]);
  });
});
