import { unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { $, $$, choose, mountPane, settle, setup, type, type Setup } from "../excerpts/testing";
import MemoPanel from "./MemoPanel.svelte";

describe("memo panel", () => {
  let app: Awaited<ReturnType<typeof mountPane>> | undefined;
  let s: Setup;

  beforeEach(async () => {
    document.body.innerHTML = "";
    s = setup();
    s.backend.excerptStore.label = (t) => (t.kind === "project" ? "Prosjekt" : t.kind === "code" ? "T01 Tillit" : "Int. 03");
    app = await mountPane(MemoPanel, s);
  });

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
    vi.useRealTimers();
  });

  it("edits the open document's memo, then the focused code's, saving on blur", async () => {
    // Nothing else in focus: the open document (the workspace opened the first one).
    expect($("[data-testid=memo-heading]")?.textContent).toBe("Memo for dokumentet Int. 03");
    s.workspace.focusedCode = "c-t01";
    await settle();
    expect($("[data-testid=memo-heading]")?.textContent).toBe("Memo for koden T01 Tillit");

    const before = s.workspace.revision;
    type("[data-testid=memo-text]", "Tillit brukes om folk, ikke om systemer.");
    ($("[data-testid=memo-text]") as HTMLTextAreaElement).dispatchEvent(new FocusEvent("blur"));
    await settle();
    expect(s.backend.excerptStore.getMemo({ kind: "code", id: "c-t01" })?.text).toBe(
      "Tillit brukes om folk, ikke om systemer.",
    );
    expect(s.workspace.revision).toBe(before + 1);
    expect($("[data-testid=memo-status]")?.textContent).toBe("Lagret");
    // The browser lists it.
    expect($$("[data-testid=memo-entry]").map((e) => e.textContent)).toEqual([
      expect.stringContaining("Koder · T01 Tillit"),
    ]);
  });

  it("saves a moment after typing stops, without waiting for blur", async () => {
    vi.useFakeTimers();
    s.workspace.focusedCoding = "coding-1";
    await vi.runOnlyPendingTimersAsync();
    await settle();
    expect($("[data-testid=memo-heading]")?.textContent).toBe("Memo for kodingen");
    type("[data-testid=memo-text]", "Sterkt sitat");
    expect(s.backend.excerptStore.getMemo({ kind: "coding", id: "coding-1" })).toBeNull();
    await vi.advanceTimersByTimeAsync(800);
    await settle();
    expect(s.backend.excerptStore.getMemo({ kind: "coding", id: "coding-1" })?.text).toBe("Sterkt sitat");
  });

  it("saves what was typed to the memo it was typed in when the focus moves on", async () => {
    s.workspace.focusedCode = "c-t01";
    await settle();
    type("[data-testid=memo-text]", "Om tillit");
    // Before the pause is over, a coding comes into focus.
    s.workspace.focusedCoding = "coding-1";
    await settle();
    expect(s.backend.excerptStore.getMemo({ kind: "code", id: "c-t01" })?.text).toBe("Om tillit");
    expect(s.backend.excerptStore.getMemo({ kind: "coding", id: "coding-1" })).toBeNull();
    expect($("[data-testid=memo-heading]")?.textContent).toBe("Memo for kodingen");
    expect(($("[data-testid=memo-text]") as HTMLTextAreaElement).value).toBe("");
  });

  it("switches to the project memo", async () => {
    s.backend.excerptStore.setMemo({ kind: "project", id: null }, "Problemstilling: tillit i styring.");
    ($("[data-testid=memo-project-switch]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=memo-heading]")?.textContent).toBe("Prosjektmemo");
    expect(($("[data-testid=memo-text]") as HTMLTextAreaElement).value).toBe("Problemstilling: tillit i styring.");
  });

  it("filters the memo browser by kind and text, opens a target and exports Markdown", async () => {
    const store = s.backend.excerptStore;
    store.setMemo({ kind: "project", id: null }, "Om prosjektet");
    store.setMemo({ kind: "code", id: "c-t01" }, "Definisjon av tillit");
    store.setMemo({ kind: "document", id: "d-07" }, "Intervjuet ble avbrutt");
    s.workspace.changed();
    await settle();
    const targets = () => $$("[data-testid=memo-entry]").map((e) => e.getAttribute("data-kind"));
    // By kind: project, documents, codes.
    expect(targets()).toEqual(["project", "document", "code"]);
    choose("[data-testid=memo-kind]", "code");
    await settle();
    expect(targets()).toEqual(["code"]);
    choose("[data-testid=memo-kind]", "");
    type("[data-testid=memo-search]", "AVBRUTT");
    await settle();
    expect(targets()).toEqual(["document"]);

    ($("[data-testid=memo-entry]") as HTMLButtonElement).click();
    await settle();
    expect(s.workspace.selectedGuid).toBe("d-07");

    type("[data-testid=memo-search]", "");
    await settle();
    ($$("[data-testid=memo-entry]").find((e) => e.getAttribute("data-kind") === "code") as HTMLButtonElement).click();
    await settle();
    expect(s.workspace.focusedCode).toBe("c-t01");

    store.exportAnswer = "/tmp/memoer.md";
    ($("[data-testid=memo-export]") as HTMLButtonElement).click();
    await settle();
    expect($("[data-testid=memo-exported]")?.textContent).toBe("Memoene er lagret i /tmp/memoer.md");
  });
});
