// Benchmark, not a test (`make bench-ui`; never part of `make test`): how long a researcher waits
// from starting the app on a 1,000-document project until the first document's turns are shown,
// and how long a jump to the last turn of a 20,000-word transcript in that project takes.
// The project is generated with ../shared/bench/gen_corpus.py and imported with the real CLI;
// the app is started RUNS times through tauri-driver with the project as its argument. Figures per
// run: wall time from asking for the session to the first turn being displayed (process start,
// webview, IPC and rendering); the app's own `tolk:document-shown` mark (from the webview's
// navigation start); and the app's `tolk:jump-to-turn` measure for the last turn of the long
// transcript. Results go to target/e2e-bench.json.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { application, cli, root, tmp } from "../support/env.js";

const DOCS = Number(process.env.TOLK_BENCH_DOCS ?? 1000);
const WORDS = Number(process.env.TOLK_BENCH_WORDS ?? 2000);
const SEED = 1;
const RUNS = Number(process.env.TOLK_BENCH_RUNS ?? 5);
const dir = path.join(tmp, "bench-start");
const project = path.join(dir, "bench.tolk");
const corpus = path.join(dir, "corpus");
const long = path.join(dir, "long");

/** Nearest-rank percentile of sorted samples. */
const rank = (sorted, p) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
const summary = (samples) => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: rank(s, 0.5), p95: rank(s, 0.95), max: s[s.length - 1] };
};

describe(`app start on a ${DOCS}-document project (benchmark)`, () => {
  before(() => {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("python3", [
      path.resolve(root, "..", "shared", "bench", "gen_corpus.py"),
      "--docs", String(DOCS), "--words-per-doc", String(WORDS), "--seed", String(SEED), "--out", corpus,
    ], { stdio: "ignore" });
    execFileSync("python3", [
      path.resolve(root, "..", "shared", "bench", "gen_corpus.py"),
      "--docs", "1", "--words-per-doc", "20000", "--seed", String(SEED), "--prefix", "lang", "--out", long,
    ], { stdio: "ignore" });
    cli("new", project);
    cli("import", project, corpus, long);
  });

  it("measures start → first document shown", async () => {
    const wall = [];
    const inWindow = [];
    const jump = [];
    const longDoc = JSON.parse(cli("docs", project, "--json")).find((d) => d.words >= 20000);
    const lastTurn = longDoc.turns;
    for (let run = 0; run < RUNS; run++) {
      const started = Date.now();
      await browser.reloadSession({ "tauri:options": { application, args: [project] } });
      await $("[data-testid=turn]").waitForDisplayed({ timeout: 120000 });
      wall.push(Date.now() - started);
      // The app marks the moment the first document's turns are painted.
      await browser.waitUntil(() =>
        browser.execute(() => performance.getEntriesByName("tolk:document-shown").length > 0));
      inWindow.push(await browser.execute(() => performance.getEntriesByName("tolk:document-shown")[0].startTime));
      const listed = await browser.execute(() => document.querySelectorAll("[data-testid=document-item]").length);
      expect(listed).toBeGreaterThan(0);

      const item = await $(`[data-testid=document-item][data-guid="${longDoc.guid}"]`);
      await item.scrollIntoView();
      await item.click();
      await $(`[data-testid=transcript][data-guid="${longDoc.guid}"]`).waitForDisplayed({ timeout: 60000 });
      await $("[data-testid=jump-input]").setValue(String(lastTurn));
      await browser.keys("Enter");
      await $(`[data-testid=turn][data-turn-n="${lastTurn}"]`).waitForDisplayed({ timeout: 30000 });
      await browser.waitUntil(() =>
        browser.execute(() => performance.getEntriesByName("tolk:jump-to-turn").length > 0));
      jump.push(await browser.execute(() => performance.getEntriesByName("tolk:jump-to-turn").at(-1).duration));
    }
    let commit = "";
    try {
      commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    } catch {
      commit = "unknown";
    }
    const result = {
      benchmark: "app start → first document shown",
      docs: DOCS, wordsPerDoc: WORDS, seed: SEED, runs: RUNS, commit,
      wallMs: summary(wall), documentShownMs: summary(inWindow), jumpToLastTurnMs: summary(jump),
      longDocument: { words: longDoc.words, turns: longDoc.turns },
    };
    fs.mkdirSync(path.join(root, "target"), { recursive: true });
    fs.writeFileSync(path.join(root, "target", "e2e-bench.json"), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result));
  });
});
