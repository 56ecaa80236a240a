// Real-window end-to-end tests: WebdriverIO -> tauri-driver -> WebKitWebDriver -> target/debug/tolk-app
// over the real core. Every spec builds on a project made with the real `tolk` CLI from the
// fixture transcripts, in a temp dir; the app's cache and config dirs point into it too.
//
// Needs: target/debug/tolk and target/debug/tolk-app (cargo build), tauri-driver
// (cargo install tauri-driver --locked --version "^2"), WebKitWebDriver (apt webkit2gtk-driver),
// and a display (run under `xvfb-run -a`; without DISPLAY, WebdriverIO's autoXvfb wraps the
// workers in xvfb-run itself). A missing tool fails the run and names the tool; nothing is skipped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

import {
  FIXTURES,
  application,
  cli,
  IMPORT_DIALOG_FILES,
  IMPORT_MENU_DIALOG_FILE,
  importMenuProjectPath,
  codebookProjectPath,
  CODING_TRANSCRIPT,
  codingProjectPath,
  codingTranscriptPath,
  excerptsProjectPath,
  EXPORT_FILES,
  exportProjectPath,
  analysisProjectPath,
  ANALYSIS_CHART_FILE,
  searchProjectPath,
  MEMO_EXPORT_FILE,
  HISTORY_EXPORT_FILE,
  historyProjectPath,
  importProjectPath,
  onPath,
  newProjectPath,
  projectPath,
  root,
  screenshots,
  tauriDriverBin,
  tmp,
  tolk,
} from "./support/env.js";

function missing(what, how) {
  throw new Error(`E2E cannot run: ${what} is missing. ${how}`);
}

function prepare() {
  for (const [file, how] of [
    [tolk, "Build it with `make build` (cargo build --workspace --all-targets)."],
    [application, "Build it with `make ui-build build`."],
  ]) {
    if (!fs.existsSync(file)) missing(file, how);
  }
  if (!onPath(tauriDriverBin) && !fs.existsSync(tauriDriverBin)) {
    missing("tauri-driver", 'Install it with `cargo install tauri-driver --locked --version "^2"` (or `make deps`).');
  }
  if (!onPath("WebKitWebDriver")) {
    missing("WebKitWebDriver", "Install the Debian package webkit2gtk-driver (or `make deps`).");
  }
  if (!process.env.DISPLAY && !onPath("xvfb-run")) {
    missing("a display (DISPLAY) or xvfb-run", "Install xvfb and xauth, or run under `xvfb-run -a`.");
  }
  for (const f of FIXTURES) if (!fs.existsSync(f)) missing(f, "The fixture transcripts are part of the repository.");
  fs.mkdirSync(screenshots, { recursive: true });
  cli("new", projectPath);
  cli("import", projectPath, ...FIXTURES);
  console.log(`E2E project: ${projectPath}`);
  // import.e2e.js imports into a project of its own, empty at the start.
  cli("new", importProjectPath);
  // So does import-menu.e2e.js.
  cli("new", importMenuProjectPath);
  // codebook.e2e.js: the Bentzen codebook, one transcript, and two codings of T01.1 made with
  // the CLI (turns 2 and 4), so counts, merging and deleting have codings to show.
  cli("new", codebookProjectPath, "--codebook", "bentzen");
  cli("import", codebookProjectPath, FIXTURES[0]);
  for (const turn of ["2", "4"]) cli("code", codebookProjectPath, "leder-bodo", "--code", "T01.1", "--turn", turn);
  // history.e2e.js: the Bentzen codebook, one transcript, and two codings made with the CLI (T01.1
  // on turn 2, then T08.6 on turn 4): Ctrl+Z in the window takes back the T08.6 one.
  cli("new", historyProjectPath, "--codebook", "bentzen");
  cli("import", historyProjectPath, FIXTURES[0]);
  cli("code", historyProjectPath, "leder-bodo", "--code", "T01.1", "--turn", "2");
  cli("code", historyProjectPath, "leder-bodo", "--code", "T08.6", "--turn", "4");
  // coding.e2e.js: the Bentzen codebook and a transcript with an emoji and æøå, written here.
  fs.writeFileSync(codingTranscriptPath, CODING_TRANSCRIPT);
  cli("new", codingProjectPath, "--codebook", "bentzen");
  cli("import", codingProjectPath, codingTranscriptPath);
  // excerpts.e2e.js: the Bentzen codebook, two transcripts and codings made with the CLI so that
  // `T01 AND T06` and `T01 NOT T06` each have a case (see the spec for the layout).
  prepareExcerptsProject();
  // search.e2e.js: the Bentzen codebook and two transcripts, searched and coded from the hits.
  cli("new", searchProjectPath, "--codebook", "bentzen");
  cli("import", searchProjectPath, FIXTURES[0], FIXTURES[1]);
  // export.e2e.js: the Bentzen codebook, two transcripts, T01 on leder-bodo turn 8 and on
  // tilsett-voss turn 2 (each one line).
  cli("new", exportProjectPath, "--codebook", "bentzen");
  cli("import", exportProjectPath, FIXTURES[0], FIXTURES[1]);
  cli("code", exportProjectPath, "leder-bodo", "--code", "T01", "--turn", "8");
  cli("code", exportProjectPath, "tilsett-voss", "--code", "T01", "--turn", "2");
  // analysis.e2e.js: see prepareAnalysisProject.
  prepareAnalysisProject();
}

/**
 * Four transcripts with five informants (leder-bodo/IP1, tilsett-voss/Informant, gruppe-tromso/
 * Deltaker 1 and 2, mote-kommunedirektor/Kari Nordmann). T01 on leder-bodo turns 4 and 6,
 * tilsett-voss turn 8 and gruppe-tromso turn 2 (Deltaker 1); T06 on leder-bodo turns 4 and 8.
 */
function prepareAnalysisProject() {
  const p = analysisProjectPath;
  cli("new", p, "--codebook", "bentzen");
  cli("import", p, FIXTURES[0], FIXTURES[1], FIXTURES[2], FIXTURES[3]);
  for (const turn of ["4", "6"]) cli("code", p, "leder-bodo", "--code", "T01", "--turn", turn);
  for (const turn of ["4", "8"]) cli("code", p, "leder-bodo", "--code", "T06", "--turn", turn);
  cli("code", p, "tilsett-voss", "--code", "T01", "--turn", "8");
  cli("code", p, "gruppe-tromso", "--code", "T01", "--turn", "2");
}

/**
 * leder-bodo turn 4 is coded T01 as a whole and T06 on a stretch inside it (AND: that stretch);
 * leder-bodo turn 6 and tilsett-voss turn 2 are coded T01 only (NOT: both whole codings);
 * leder-bodo turn 8 is coded T06 only.
 */
function prepareExcerptsProject() {
  const p = excerptsProjectPath;
  cli("new", p, "--codebook", "bentzen");
  cli("import", p, FIXTURES[0], FIXTURES[1]);
  cli("code", p, "leder-bodo", "--code", "T01", "--turn", "4");
  const [turn4] = JSON.parse(cli("excerpts", p, "--code", "T01", "--json"));
  // T06 on chars 10..70 of turn 4's words: inside the T01 coding, so AND is exactly this.
  const [start, end] = [turn4.start_char + 10, turn4.start_char + 70];
  cli("code", p, "leder-bodo", "--code", "T06", "--start", String(start), "--end", String(end));
  cli("code", p, "leder-bodo", "--code", "T01", "--turn", "6");
  cli("code", p, "tilsett-voss", "--code", "T01", "--turn", "2");
  cli("code", p, "leder-bodo", "--code", "T06", "--turn", "8");
}

// Per-spec answers for TOLK_TEST_DIALOG (the default, from env.js, is the E2E project).
const DIALOG_ANSWERS = {
  // "Nytt prosjekt" → the save dialog answers with a path that does not exist yet.
  "start-new.e2e.js": newProjectPath,
  // "Importer egenskaper fra CSV…" in the informant panel reads the fixture attribute CSV.
  "informants.e2e.js": path.join(root, "fixtures", "attributes", "informanter-1252.csv"),
  // "Importer…" → the file dialog answers with two transcripts.
  "import.e2e.js": IMPORT_DIALOG_FILES.join(";"),
  // Prosjekt ▾ → "Importer transkripsjoner…" → the file dialog answers with one transcript.
  "import-menu.e2e.js": IMPORT_MENU_DIALOG_FILE,
  // Historikk → «Eksporter…» → the save dialog answers with a CSV path.
  "history.e2e.js": HISTORY_EXPORT_FILE,
  // Memo → «Eksporter som Markdown…» → the save dialog answers with a Markdown path.
  "excerpts.e2e.js": MEMO_EXPORT_FILE,
  // Eksport → «Eksporter…» three times: the DOCX, the CSV, then the theme report.
  "export.e2e.js": [EXPORT_FILES.docx, EXPORT_FILES.csv, EXPORT_FILES.report].join(";"),
  // Analyse → «Lagre som PNG…» → the save dialog answers with a PNG path.
  "analysis.e2e.js": ANALYSIS_CHART_FILE,
};

// Specs that start with a project other than the shared E2E project.
const PROJECT_ARGS = {
  "import.e2e.js": importProjectPath,
  "import-menu.e2e.js": importMenuProjectPath,
  "codebook.e2e.js": codebookProjectPath,
  "history.e2e.js": historyProjectPath,
  "coding.e2e.js": codingProjectPath,
  "excerpts.e2e.js": excerptsProjectPath,
  "search.e2e.js": searchProjectPath,
  "export.e2e.js": exportProjectPath,
  "analysis.e2e.js": analysisProjectPath,
};

let tauriDriver;
let exiting = false;

/** Kills tauri-driver (and so its WebKitWebDriver) and resolves once it has exited. */
function stopTauriDriver() {
  exiting = true;
  const driver = tauriDriver;
  tauriDriver = undefined;
  if (!driver || driver.exitCode !== null || driver.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    driver.once("exit", resolve);
    driver.kill();
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Polls until the port is (or is no longer) listening. A session started before tauri-driver
 * listens, or while the previous spec's driver still holds the port, fails at once; on a busy
 * machine either takes a moment.
 */
async function waitForPort(port, wanted, what) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if ((await listening(port)) === wanted) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`E2E: ${what} (port ${port}) did not ${wanted ? "start listening" : "close"} within 20 s`);
}

// Failed tests of every worker, printed together at the very end of the run, so the tail of a
// long CI log names them.
const FAILURES = path.join(tmp, "failures.txt");

const PORT = Number(process.env.TOLK_E2E_PORT ?? 4444);

export const config = {
  runner: "local",
  host: "127.0.0.1",
  // TOLK_E2E_PORT lets two runs share a machine (tauri-driver then takes the next port too).
  port: PORT,
  specs: ["./specs/**/*.e2e.js"],
  maxInstances: 1,
  capabilities: [
    {
      maxInstances: 1,
      "tauri:options": { application, args: [] },
    },
  ],
  logLevel: "warn",
  bail: 0,
  waitforTimeout: 10000,
  connectionRetryTimeout: 60000,
  connectionRetryCount: 1,
  reporters: ["spec"],
  // A spec file that fails is run once more, in a fresh app and driver, and the retry is
  // printed. Real-window runs on a loaded 2-core machine are timing-sensitive; a spec that
  // fails twice still fails the run.
  specFileRetries: 1,
  framework: "mocha",
  mochaOpts: { ui: "bdd", timeout: 60000 },

  // Launcher: check the tools, then build the project with the real CLI. WebdriverIO only logs
  // errors thrown in hooks, so a failure here ends the run itself.
  onPrepare() {
    try {
      prepare();
    } catch (err) {
      console.error(`\n${err.message}\n`);
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(1);
    }
  },

  // Worker, before each spec's session: which way to start the app, then start tauri-driver.
  // Specs named start.* or start-*.* see the start screen (no argument); all others start with
  // the project. A spec listed in DIALOG_ANSWERS gets its own answer for the dialog hook (the
  // env reaches the app through tauri-driver, which is started here, once per spec).
  async beforeSession(_config, capabilities, specs) {
    const startScreen = specs.some((s) => /^start[.-]/.test(path.basename(s)));
    const own = specs.map((s) => PROJECT_ARGS[path.basename(s)]).find(Boolean);
    capabilities["tauri:options"].args = startScreen ? [] : [own ?? projectPath];
    const answer = specs.map((s) => DIALOG_ANSWERS[path.basename(s)]).find(Boolean);
    if (answer) process.env.TOLK_TEST_DIALOG = answer;
    await waitForPort(PORT, false, "the previous spec's tauri-driver");
    const ports = ["--port", String(PORT), "--native-port", String(PORT + 1)];
    tauriDriver = spawn(tauriDriverBin, ports, { stdio: [null, process.stdout, process.stderr] });
    tauriDriver.on("error", (e) => {
      console.error("tauri-driver failed to start:", e.message);
      process.exit(1);
    });
    tauriDriver.on("exit", (code) => {
      if (!exiting) {
        console.error("tauri-driver exited early with code", code);
        process.exit(1);
      }
    });
    exiting = false;
    await waitForPort(PORT, true, "tauri-driver");
  },

  afterTest(test, _context, { error, passed }) {
    if (!passed) {
      const where = path.basename(test.file ?? "");
      fs.appendFileSync(FAILURES, `  ${where}: ${test.fullTitle ?? test.title}\n    ${error?.message ?? error}\n`);
    }
  },

  async afterSession() {
    await stopTauriDriver();
  },

  onComplete() {
    if (fs.existsSync(FAILURES)) {
      console.error(`\nE2E failures (a spec file that failed was retried once):\n${fs.readFileSync(FAILURES, "utf8")}`);
    }
    if (process.env.TOLK_E2E_KEEP) {
      console.log(`kept ${tmp}`);
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

for (const signal of ["exit", "SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    void stopTauriDriver();
    if (signal !== "exit") process.exit(1);
  });
}
