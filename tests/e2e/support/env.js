// Shared by wdio.conf.js and the specs: paths, the per-run temp dir, and the tolk CLI.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..", "..", "..");
const bin = (name) => path.join(root, "target", "debug", name);
export const application = process.env.TAURI_APP_BINARY ? path.resolve(process.env.TAURI_APP_BINARY) : bin("tolk-app");
export const tolk = process.env.TOLK_CLI ? path.resolve(process.env.TOLK_CLI) : bin("tolk");
export const tauriDriverBin =
  process.env.TAURI_DRIVER ??
  (onPath("tauri-driver") ? "tauri-driver" : path.join(os.homedir(), ".cargo", "bin", "tauri-driver"));

/**
 * The fixtures the E2E project is built from: transcripts of each kind the UI shows differently,
 * and the two files whose text looks like HTML (it must be shown as text and never run).
 */
export const FIXTURES = [
  "transcripts/leder-bodo.txt",
  "transcripts/tilsett-voss.txt",
  "transcripts/gruppe-tromso.docx",
  "transcripts/mote-kommunedirektor.vtt",
  "security/xss.txt",
  "security/xss-etikett.docx",
].map((f) => path.join(root, "fixtures", f));

export function onPath(cmd) {
  return spawnSync("sh", ["-c", `command -v "${cmd}"`], { stdio: "ignore" }).status === 0;
}

// One temp dir per run. The launcher creates it; workers inherit it through the environment
// (this file is evaluated again in every worker).
if (!process.env.TOLK_E2E_DIR) {
  process.env.TOLK_E2E_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tolk-e2e-"));
}
export const tmp = process.env.TOLK_E2E_DIR;
export const projectPath = path.join(tmp, "e2e.tolk");
/** import.e2e.js starts with its own empty project (made in the launcher) and imports into it. */
export const importProjectPath = path.join(tmp, "import.tolk");
/** What the dialog hook answers in import.e2e.js: the two transcripts it imports by dialog. */
export const IMPORT_DIALOG_FILES = ["transcripts/leder-bodo.txt", "transcripts/whisper-sandnes.srt"].map((f) =>
  path.join(root, "fixtures", f),
);
/** import-menu.e2e.js imports into a project of its own too, through the header's Prosjekt menu. */
export const importMenuProjectPath = path.join(tmp, "import-meny.tolk");
/** What the dialog hook answers in import-menu.e2e.js: one transcript. */
export const IMPORT_MENU_DIALOG_FILE = path.join(root, "fixtures", "transcripts", "tilsett-voss.txt");
/** codebook.e2e.js works on a project of its own with the built-in Bentzen codebook. */
export const codebookProjectPath = path.join(tmp, "kodebok.tolk");
/** history.e2e.js: its own project (Bentzen codebook, one transcript, two codings by the CLI). */
export const historyProjectPath = path.join(tmp, "historikk.tolk");
/** Where history.e2e.js's «Eksporter…» saves through the dialog hook. */
export const HISTORY_EXPORT_FILE = path.join(tmp, "historikk-eksport.csv");
/** coding.e2e.js: its own project (Bentzen codebook) with one transcript holding an emoji and æøå. */
export const codingProjectPath = path.join(tmp, "koding.tolk");
/** The transcript coding.e2e.js imports (written into the temp dir by wdio.conf.js). */
export const codingTranscriptPath = path.join(tmp, "emoji-intervju.txt");
/**
 * Its text: 🤦🏼‍♀️ is 5 code points but 7 UTF-16 units, so every offset after it differs
 * between the core (chars) and the webview (UTF-16); «Ærlig talt» and «på» bring æøå.
 */
export const CODING_TRANSCRIPT = [
  "I: Hvordan opplever du rapporteringen?",
  "IP1: Jeg \u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F} blir så lei av skjemaene. Ærlig talt stoler ingen på tallene våre.",
  "I: Hvorfor tror du det er slik?",
  "IP1: Ledelsen vil ha kontroll, og vi får aldri høre hva de bruker det til.",
  "",
].join("\n");
/** excerpts.e2e.js: its own project (Bentzen codebook, two transcripts, codings made by the CLI). */
export const excerptsProjectPath = path.join(tmp, "utdrag.tolk");
/** Where excerpts.e2e.js's «Eksporter som Markdown…» saves through the dialog hook. */
export const MEMO_EXPORT_FILE = path.join(tmp, "memoer-eksport.md");
/** search.e2e.js: its own project (Bentzen codebook, leder-bodo and tilsett-voss, no codings). */
export const searchProjectPath = path.join(tmp, "sok.tolk");
/** export.e2e.js: its own project (Bentzen codebook, leder-bodo and tilsett-voss, T01 codings by the CLI). */
export const exportProjectPath = path.join(tmp, "eksport.tolk");
/** Where export.e2e.js's exports go: the save dialogs are answered in this order. */
export const EXPORT_FILES = {
  docx: path.join(tmp, "utdrag.docx"),
  csv: path.join(tmp, "utdrag.csv"),
  report: path.join(tmp, "temarapport.html"),
};
/**
 * analysis.e2e.js: its own project (Bentzen codebook, four transcripts with five informants,
 * codings made by the CLI in wdio.conf.js).
 */
export const analysisProjectPath = path.join(tmp, "analyse.tolk");
/** Where analysis.e2e.js's «Lagre som PNG…» saves a chart through the dialog hook. */
export const ANALYSIS_CHART_FILE = path.join(tmp, "tillit-diagram.png");
/** Where start-new.e2e.js creates a project through the save-dialog hook (it must not exist). */
export const newProjectPath = path.join(tmp, "Tillitsreform 2025.tolk");
// Everything the app (and the CLI) might write goes under the temp dir.
Object.assign(process.env, {
  TOLK_CACHE_DIR: path.join(tmp, "cache"),
  XDG_CONFIG_HOME: path.join(tmp, "config"),
  // The recent-projects list and other settings (the core's config dir).
  TOLK_CONFIG_DIR: path.join(tmp, "config", "tolk"),
  XDG_DATA_HOME: path.join(tmp, "data"),
  XDG_CACHE_HOME: path.join(tmp, "xdg-cache"),
  // Debug-build hook: the next file dialog answers with the E2E project (start.e2e.js clicks
  // "Åpne prosjekt…"); specs that never open a dialog are unaffected.
  TOLK_TEST_DIALOG: projectPath,
});
export const screenshots = path.join(root, "target", "screenshots");

/** Runs the tolk CLI and returns stdout; throws with stderr on failure. */
export function cli(...args) {
  return execFileSync(tolk, args, { encoding: "utf8", env: process.env, stdio: ["ignore", "pipe", "pipe"] });
}

/** The GUID of a project's code with this key, from `tolk codebook --json` (a tree). */
export function codeGuid(project, key) {
  const walk = (nodes) => {
    for (const n of nodes) {
      if (n.key === key) return n.guid;
      const found = walk(n.children ?? []);
      if (found) return found;
    }
    return null;
  };
  return walk(JSON.parse(cli("codebook", project, "--json")));
}

