// Screenshots of the real window, taken once the page has settled.
import path from "node:path";

import { screenshots } from "./env.js";

/**
 * Waits until the web fonts are loaded and two frames have been painted, then saves the
 * window's contents to target/screenshots/<name>.png and returns the path.
 */
export async function screenshot(name) {
  await browser.executeAsync((done) => {
    document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
  const file = path.join(screenshots, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}
