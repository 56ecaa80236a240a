// The start screen: the app launched without a project argument.
import { cli, projectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

describe("start screen (real window, no project argument)", () => {
  it("greets in bokmål and offers to open a project", async () => {
    const start = await $("[data-testid=start-screen]");
    await start.waitForDisplayed();
    await expect($("h1")).toHaveText("Velkommen til Tolk");
    await expect($("[data-testid=open-project]")).toHaveText("Åpne prosjekt…");
    await expect(browser).toHaveTitle("Tolk");
    await expect($("[data-testid=new-project]")).toHaveText("Nytt prosjekt");
    await screenshot("start");
  });

  it("switches the interface to English and back", async () => {
    const toggle = await $("[data-testid=language-toggle]");
    await toggle.click();
    await expect($("[data-testid=open-project]")).toHaveText("Open project…");
    await expect($("html")).toHaveAttribute("lang", "en");
    await expect($("[data-testid=new-project]")).toHaveText("New project");
    await screenshot("start-en");
    await toggle.click();
    await expect($("[data-testid=open-project]")).toHaveText("Åpne prosjekt…");
  });

  it("opens the project the file dialog answers with (TOLK_TEST_DIALOG)", async () => {
    const expected = JSON.parse(cli("docs", projectPath, "--json"));
    await $("[data-testid=open-project]").click();
    await $("[data-testid=document-list]").waitForDisplayed();
    // The project file is e2e.tolk, so the header names the project "e2e".
    await expect($("[data-testid=project-name]")).toHaveText(expect.stringContaining("e2e"));
    const items = await $$("[data-testid=document-item]");
    expect(items.length).toBe(expected.length);
  });
});
