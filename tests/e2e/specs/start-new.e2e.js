// The start screen's "Nytt prosjekt": the app launched without a project argument creates a
// project with the built-in Bentzen codebook through the save-dialog hook (wdio.conf.js answers
// this spec's dialog with newProjectPath), opens it, goes back to the start screen, finds it in
// the recent list with today's date and opens it from there with a click.
import fs from "node:fs";
import path from "node:path";

import { cli, newProjectPath, root } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

/** Codes in a tolk-codebook file: every code and every descendant, counted by walking the tree. */
function countCodes(codes) {
  return codes.reduce((n, c) => n + 1 + countCodes(c.children ?? []), 0);
}

/** dd.mm.yyyy for a local date, as the UI writes it in Norwegian. */
function norwegianDate(d) {
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;
}

const projectName = path.basename(newProjectPath, ".tolk"); // "Tillitsreform 2025"

/** Closes the project through the header's Prosjekt menu. */
async function closeProject() {
  await $("[data-testid=project-menu]").click();
  await $("[data-testid=project-menu-list]").waitForDisplayed();
  await $("[data-testid=close-project]").click();
}

async function recentItem(name) {
  const list = await $("[data-testid=recent-list]");
  await list.waitForDisplayed();
  for (const item of await $$("[data-testid=recent-item]")) {
    if ((await item.$("[data-testid=recent-name]").getText()) === name) return item;
  }
  throw new Error(`no recent project named ${name}`);
}

describe("new project from the start screen (real window, save-dialog hook)", () => {
  before(() => {
    if (fs.existsSync(newProjectPath)) throw new Error(`${newProjectPath} must not exist before this spec`);
  });

  it("offers the built-in Bentzen codebook or none", async () => {
    await $("[data-testid=start-screen]").waitForDisplayed();
    await expect($("[data-testid=new-project]")).toHaveText("Nytt prosjekt");
    await $("[data-testid=new-project]").click();
    const form = await $("[data-testid=new-project-form]");
    await form.waitForDisplayed();
    await expect(form).toHaveText(expect.stringContaining("Bentzens tillitskodebok (innebygd)"));
    await expect(form).toHaveText(expect.stringContaining("Ingen kodebok"));
    expect(await $("[data-testid=codebook-bentzen]").isSelected()).toBe(true);
    expect(await $("[data-testid=codebook-none]").isSelected()).toBe(false);
    await screenshot("start-new");
  });

  it("creates the project where the save dialog says and opens it", async () => {
    await $("[data-testid=create-project]").click();
    await $("[data-testid=workspace]").waitForDisplayed();
    await expect($("[data-testid=project-name]")).toHaveText(projectName);
    await expect(browser).toHaveTitle(`${projectName} · Tolk`);
    expect(fs.existsSync(newProjectPath)).toBe(true);
    await screenshot("start-new-created");

    // The project has every code of the built-in codebook: as many as the shared codebook
    // file holds, counted by walking its tree (19 themes and their sub-themes).
    const template = JSON.parse(fs.readFileSync(path.join(root, "..", "shared", "codebook", "bentzen-tillit.json"), "utf8"));
    const expected = countCodes(template.codes);
    const codes = JSON.parse(cli("codes", newProjectPath, "--json"));
    expect(codes.length).toBe(expected);
    expect(expected).toBe(147);
  });

  it("goes back to the start screen, where the project is listed as opened and changed today", async () => {
    await closeProject();
    await $("[data-testid=start-screen]").waitForDisplayed();
    await expect(browser).toHaveTitle("Tolk");
    const item = await recentItem(projectName);
    expect(await item.getAttribute("data-path")).toBe(fs.realpathSync(newProjectPath));
    await expect(item.$("[data-testid=recent-path]")).toHaveText(fs.realpathSync(newProjectPath));
    // Opened just now: today's date, then «kl. HH.MM».
    const today = norwegianDate(new Date());
    await expect(item.$("[data-testid=recent-opened]")).toHaveText(
      expect.stringMatching(new RegExp(`^Åpnet ${today.replace(/\./g, "\\.")} kl\\. \\d\\d\\.\\d\\d$`)),
    );
    // The project file was written just now (created, then closed): changed today.
    await expect(item.$("[data-testid=recent-modified]")).toHaveText(
      expect.stringMatching(new RegExp(`^Endret ${today.replace(/\./g, "\\.")} kl\\. \\d\\d\\.\\d\\d$`)),
    );
    // A new project has no documents yet.
    await expect(item.$("[data-testid=recent-documents]")).toHaveText("0 dokumenter");
    // Newest first: the project just made is at the top.
    await expect($("[data-testid=recent-item] [data-testid=recent-name]")).toHaveText(projectName);
    await screenshot("start-recent");
  });

  it("opens the project again from the recent list with a click", async () => {
    const item = await recentItem(projectName);
    await item.$("[data-testid=recent-open]").click();
    await $("[data-testid=workspace]").waitForDisplayed();
    await expect($("[data-testid=project-name]")).toHaveText(projectName);
  });
});

describe("a recent project whose file has gone (real window)", () => {
  it("is marked as missing and can be removed from the list", async () => {
    await closeProject();
    await $("[data-testid=start-screen]").waitForDisplayed();
    // Move the file away, then reload the window so the start screen reads the list afresh.
    const moved = `${newProjectPath}.flyttet`;
    fs.renameSync(newProjectPath, moved);
    await browser.refresh();
    await $("[data-testid=start-screen]").waitForDisplayed();
    const item = await recentItem(projectName);
    await expect(item.$("[data-testid=recent-missing]")).toHaveText("Filen finnes ikke lenger på dette stedet");
    expect(await item.$("[data-testid=recent-open]").isExisting()).toBe(false);
    await screenshot("start-missing");

    await item.$("[data-testid=recent-remove]").click();
    await browser.waitUntil(
      async () => {
        const names = await $$("[data-testid=recent-name]").map((n) => n.getText());
        return !names.includes(projectName);
      },
      { timeoutMsg: `${projectName} is still in the recent list` },
    );
    // Removing it from the list never touches the file itself.
    expect(fs.existsSync(moved)).toBe(true);
  });
});
