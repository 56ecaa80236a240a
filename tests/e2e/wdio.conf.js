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
import path from "node:path";

import {
  FIXTURES,
  application,
  cli,
  IMPORT_DIALOG_FILES,
  IMPORT_MENU_DIALOG_FILE,
  importMenuProjectPath,
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
};

// Specs that start with a project other than the shared E2E project.
const PROJECT_ARGS = {
  "import.e2e.js": importProjectPath,
  "import-menu.e2e.js": importMenuProjectPath,
};

let tauriDriver;
let exiting = false;

function stopTauriDriver() {
  exiting = true;
  tauriDriver?.kill();
  tauriDriver = undefined;
}

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
  beforeSession(_config, capabilities, specs) {
    const startScreen = specs.some((s) => /^start[.-]/.test(path.basename(s)));
    const own = specs.map((s) => PROJECT_ARGS[path.basename(s)]).find(Boolean);
    capabilities["tauri:options"].args = startScreen ? [] : [own ?? projectPath];
    const answer = specs.map((s) => DIALOG_ANSWERS[path.basename(s)]).find(Boolean);
    if (answer) process.env.TOLK_TEST_DIALOG = answer;
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
  },

  afterSession() {
    stopTauriDriver();
  },

  onComplete() {
    if (process.env.TOLK_E2E_KEEP) {
      console.log(`kept ${tmp}`);
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

for (const signal of ["exit", "SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopTauriDriver();
    if (signal !== "exit") process.exit(1);
  });
}
