// Undo, redo and the history in the real window, on a project of its own made by the launcher
// with the CLI (Bentzen codebook, leder-bodo, T01.1 coded on turn 2, then T08.6 on turn 4): the
// steps were made by other processes, so undo works from the history the project file keeps.
// Ctrl+Z takes back the T08.6 coding, Ctrl+Shift+Z brings it back with the same GUID, each
// checked with the CLI (reads are fine while the app has the project open); the Historikk tab
// lists the steps with the undone one marked, the Prosjekt menu names the next step, and
// «Eksporter…» writes the audit trail as CSV.
import fs from "node:fs";

import { cli, HISTORY_EXPORT_FILE, historyProjectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

/** The codings of a code as the CLI has them: `{ guid, document, turn, text, … }`. */
const codings = (code) => JSON.parse(cli("codes", historyProjectPath, "--json", "codings", code));
const excerpts = (code) => JSON.parse(cli("excerpts", historyProjectPath, "--code", code, "--json"));

async function entries() {
  const out = [];
  for (const e of await $$("[data-testid=history-entry]")) {
    out.push({
      what: (await e.$(".what").getText()).trim(),
      undone: (await e.getAttribute("class")).split(/\s+/).includes("undone"),
    });
  }
  return out;
}

async function toast() {
  const t = await $("[data-testid=undo-toast] span");
  await t.waitForDisplayed();
  return t.getText();
}

describe("undo, redo and the history (real window)", () => {
  let guid;

  it("lists the steps the CLI made, newest first", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    const before = codings("T08.6");
    expect(before.length).toBe(1);
    guid = before[0].guid;
    // Focus on a button, not a text field: Ctrl+Z is then the project's undo.
    await $("[data-testid=side-tab-history]").click();
    await $("[data-testid=history-list]").waitForDisplayed();
    const list = await entries();
    // import, T01.1 coding (its coder logged first), T08.6 coding: newest first.
    expect(list[0].what).toMatch(/^kod ‘T08\.6 .+’ \(leder-bodo\)$/);
    expect(list[1].what).toMatch(/^kod ‘T01\.1 .+’ \(leder-bodo\)$/);
    expect(list.some((e) => e.undone)).toBe(false);
  });

  it("Ctrl+Z takes back the newest coding", async () => {
    await browser.keys(["Control", "z"]);
    expect(await toast()).toMatch(/^Angret: kod ‘T08\.6 .+’ \(leder-bodo\)$/);
    await browser.waitUntil(async () => codings("T08.6").length === 0, {
      timeoutMsg: "the CLI no longer sees the T08.6 coding",
    });
    expect(excerpts("T08.6")).toEqual([]);
    // The T01.1 coding stays.
    expect(codings("T01.1").length).toBe(1);
    await browser.waitUntil(async () => (await entries())[0]?.what.startsWith("Angret: kod ‘T08.6"), {
      timeoutMsg: "the history lists the undo",
    });
    const list = await entries();
    expect(list[1].undone).toBe(true);
    expect(list[2].undone).toBe(false);
    await expect($("[data-testid=history-undone]")).toHaveText("Angret");
    await screenshot("history-undone");
  });

  it("Ctrl+Shift+Z brings it back with the same GUID", async () => {
    await browser.keys(["Control", "Shift", "z"]);
    await browser.waitUntil(async () => codings("T08.6").length === 1, {
      timeoutMsg: "the CLI sees the T08.6 coding again",
    });
    expect(await toast()).toMatch(/^Gjort om: kod ‘T08\.6 .+’ \(leder-bodo\)$/);
    const back = codings("T08.6")[0];
    expect(back.guid).toBe(guid);
    expect(back.turn).toBe(4);
    expect(excerpts("T08.6").length).toBe(1);
    await browser.waitUntil(async () => (await entries())[0]?.what.startsWith("Gjorde om: kod ‘T08.6"), {
      timeoutMsg: "the history lists the redo",
    });
    expect((await entries()).some((e) => e.undone)).toBe(false);
  });

  it("names the next step in the Prosjekt menu", async () => {
    await $("[data-testid=project-menu]").click();
    const undo = await $("[data-testid=menu-undo]");
    await undo.waitForDisplayed();
    await screenshot("history-menu");
    // textContent: WebKitWebDriver's getText() gave only the shortcut, not the clipped label.
    const label = (await undo.getProperty("textContent")).replace(/\s+/g, " ").trim();
    expect(label).toMatch(/^Angre: kod ‘T08\.6 .+’ \(leder-bodo\) Ctrl\+Z$/);
    await expect($("[data-testid=menu-redo]")).toBeDisabled();
    await browser.keys(["Escape"]);
    await $("[data-testid=project-menu-list]").waitForDisplayed({ reverse: true });
  });

  it("exports the history as CSV", async () => {
    await $("[data-testid=history-export]").click();
    await expect($("[data-testid=history-exported]")).toHaveText(
      `Historikken er lagret i ${HISTORY_EXPORT_FILE}`,
    );
    const csv = fs.readFileSync(HISTORY_EXPORT_FILE, "utf8");
    expect(csv.startsWith("\uFEFFseq;at;actor;action;name;context;undone;subject;detail\n")).toBe(true);
    // One row per entry the panel lists, plus the header.
    expect(csv.trimEnd().split("\n").length).toBe((await entries()).length + 1);
    expect(csv).toMatch(/;undo code;T08\.6 [^;]+;leder-bodo;no;/);
    await screenshot("history-panel");
  });
});
