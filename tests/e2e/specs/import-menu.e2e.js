// Import "from a menu": the header's Prosjekt menu, in the real window, into a project of its own
// (import-meny.tolk, made empty by the launcher; PROJECT_ARGS in wdio.conf.js). The dialog hook
// answers this spec's one file dialog with tilsett-voss.txt (DIALOG_ANSWERS), so the spec opens
// the dialog exactly once, through the menu item, by clicks. The menu is looked at and saved as
// target/screenshots/menu.png and menu-en.png.
//
// tilsett-voss.txt has 11 turns (fixtures/README.md).
import path from "node:path";

import { cli, IMPORT_MENU_DIALOG_FILE, importMenuProjectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const docs = () => JSON.parse(cli("docs", importMenuProjectPath, "--json"));
const fileName = path.basename(IMPORT_MENU_DIALOG_FILE);
const menuButton = () => $("[data-testid=project-menu]");
const menuList = () => $("[data-testid=project-menu-list]");

async function itemTexts() {
  const out = [];
  // The undo and redo items name their steps; they are checked on their own.
  for (const el of await menuList().$$("[role=menuitem]:not(.step)")) out.push((await el.getText()).trim());
  return out;
}

describe("import from the Prosjekt menu (real window, own project)", () => {
  it("the menu opens under the button with every project action, and Esc closes it", async () => {
    await $("[data-testid=workspace]").waitForDisplayed();
    expect(docs()).toEqual([]);
    // The empty list points to the Importer button and drag-and-drop, not to a CLI command.
    await expect($("[data-testid=documents-empty]")).toHaveText(expect.stringContaining("«Importer…»"));
    await expect($("[data-testid=documents-empty]")).not.toHaveText(expect.stringContaining("tolk import"));
    await expect(menuButton()).toHaveText("Prosjekt");
    await expect(menuButton()).toHaveAttribute("aria-expanded", "false");
    await menuButton().click();
    await menuList().waitForDisplayed();
    await expect(menuButton()).toHaveAttribute("aria-expanded", "true");
    expect(await itemTexts()).toEqual(["Importer transkripsjoner…", "Nytt prosjekt…", "Åpne prosjekt…", "Lukk prosjekt"]);
    // A new project has nothing to undo or redo yet.
    await expect($("[data-testid=menu-undo]")).toBeDisabled();
    await expect($("[data-testid=menu-redo]")).toBeDisabled();
    // The first item has the focus, so the arrow keys work at once.
    await expect($("[data-testid=menu-import]")).toBeFocused();
    await screenshot("menu");

    await browser.keys("Escape");
    await menuList().waitForDisplayed({ reverse: true });
    await expect(menuButton()).toBeFocused();
  });

  it("speaks English after the language switch, and a click outside closes it", async () => {
    await $("[data-testid=language-toggle]").click();
    await expect(menuButton()).toHaveText("Project");
    await menuButton().click();
    await menuList().waitForDisplayed();
    expect(await itemTexts()).toEqual(["Import transcripts…", "New project…", "Open project…", "Close project"]);
    await screenshot("menu-en");
    await $("[data-testid=transcript-pane]").click();
    await menuList().waitForDisplayed({ reverse: true });
    await $("[data-testid=language-toggle]").click();
    await expect(menuButton()).toHaveText("Prosjekt");
  });

  it("imports a transcript chosen through Importer transkripsjoner…", async () => {
    await menuButton().click();
    await menuList().waitForDisplayed();
    await $("[data-testid=menu-import]").click();
    await menuList().waitForDisplayed({ reverse: true });
    await $("[data-testid=import-preview]").waitForDisplayed();
    const rows = await $$("[data-testid=import-row]");
    expect(rows).toHaveLength(1);
    expect(await rows[0].getAttribute("data-file")).toBe(fileName);
    await expect($("[data-testid=import-confirm]")).toHaveText("Importer 1 fil");
    await $("[data-testid=import-confirm]").click();
    await $("[data-testid=import-summary]").waitForDisplayed();
    await expect($("[data-testid=import-summary-imported]")).toHaveText("1 dokument ble importert.");
    await $("[data-testid=import-close]").click();
    await $("[data-testid=import-dialog]").waitForDisplayed({ reverse: true });
    await browser.waitUntil(async () => (await $$("[data-testid=document-item]")).length === 1, {
      timeoutMsg: "the list shows the imported document",
    });
    expect(docs().map((d) => d.name)).toEqual(["tilsett-voss"]);
  });
});
