import { createContext } from "svelte";

import type { Backend } from "../../lib/api/backend";
import type { CommandError } from "../../lib/api/bindings/CommandError";
import type { DropEvent } from "../../lib/api/bindings/DropEvent";
import type { FilePreview } from "../../lib/api/bindings/FilePreview";
import type { ImportProgress } from "../../lib/api/bindings/ImportProgress";
import type { ImportResult } from "../../lib/api/bindings/ImportResult";
import { toCommandError } from "../../lib/api/errors";
import type { Workspace } from "../../lib/state/workspace.svelte";

/** The languages a document can have, in the order the select lists them. */
export const LANGUAGES = ["nb", "nn", "da", "sv", "en"] as const;

/**
 * Where the import is: nothing open; reading the files for the preview; the preview waiting for
 * Confirm or Cancel; importing (with progress); the summary of what happened.
 */
export type ImportPhase = "idle" | "loading" | "preview" | "importing" | "summary";

/** A preview row and what the researcher chose for it. */
export interface PreviewRow {
  preview: FilePreview;
  /** The language the document will get. */
  language: string;
  /** The speaker pattern this file's preview was made with (unrecognised files only). */
  speakerPattern: string | null;
}

/** True for a row the import will add as a document. */
export function importable(row: PreviewRow): boolean {
  return row.preview.error === null && row.preview.duplicateOf === null;
}

/** True for a row whose text was read but no speaker turns were recognised. */
export function unrecognised(row: PreviewRow): boolean {
  return row.preview.error === null && row.preview.turns === 0;
}

/** A failure message without the path the core puts in front (the row already names the file). */
export function withoutPath(detail: string, path: string): string {
  return detail.startsWith(`${path}: `) ? detail.slice(path.length + 2) : detail;
}

/** The file name at the end of a path. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * The import flow: file dialog or drop → preview (nothing written) → confirm → progress → summary.
 * Cancel in the preview writes nothing; cancel during the import stops before the next file.
 */
export class Importer {
  phase = $state<ImportPhase>("idle");
  rows = $state<PreviewRow[]>([]);
  /** The speaker-pattern field. */
  pattern = $state("");
  progress = $state<ImportProgress | null>(null);
  result = $state<ImportResult | null>(null);
  error = $state<CommandError | null>(null);
  /** True while something is dragged over the window. */
  dragging = $state(false);
  cancelling = $state(false);

  #backend: Backend;
  #workspace: Workspace;

  constructor(backend: Backend, workspace: Workspace) {
    this.#backend = backend;
    this.#workspace = workspace;
  }

  get busy(): boolean {
    return this.phase !== "idle";
  }

  /** Files the import will add. */
  get importableCount(): number {
    return this.rows.filter(importable).length;
  }

  /** Whether a drop would import into the open project (else only a .tolk file does anything). */
  get canImport(): boolean {
    return this.#workspace.project !== null;
  }

  /** Whether some readable file had no turns recognised (the speaker-pattern field shows). */
  get needsPattern(): boolean {
    return this.rows.some(unrecognised);
  }

  /** Asks for files with the file dialog and previews them. */
  async fromDialog(): Promise<void> {
    if (this.busy || !this.#workspace.project) return;
    try {
      const paths = await this.#backend.pickImportFiles();
      if (paths.length > 0) await this.preview(paths);
    } catch (err) {
      this.error = toCommandError(err);
    }
  }

  /** Handles a drag or drop on the window: a single `.tolk` opens that project, anything else previews. */
  async onDrop(event: DropEvent): Promise<void> {
    if (event.kind === "enter") {
      // While a preview or an import is open, a drop would be ignored: no invitation to drop.
      this.dragging = !this.busy;
      return;
    }
    this.dragging = false;
    if (event.kind !== "drop" || event.paths.length === 0) return;
    const [first] = event.paths;
    if (event.paths.length === 1 && first !== undefined && first.toLowerCase().endsWith(".tolk")) {
      if (this.phase === "importing") return;
      this.close();
      await this.#workspace.openPath(first);
      return;
    }
    if (this.busy || !this.#workspace.project) return;
    await this.preview(event.paths);
  }

  /** Reads the files and shows what the import would do. Writes nothing. */
  async preview(paths: string[]): Promise<void> {
    this.phase = "loading";
    this.rows = [];
    this.pattern = "";
    this.result = null;
    this.progress = null;
    this.error = null;
    try {
      const previews = await this.#backend.previewImport(paths);
      this.rows = previews.map((preview) => ({ preview, language: preview.language ?? "nb", speakerPattern: null }));
      this.phase = "preview";
    } catch (err) {
      this.error = toCommandError(err);
      this.phase = "preview";
    }
  }

  /** Previews the unrecognised files again with the speaker pattern in the field. */
  async applyPattern(): Promise<void> {
    if (this.phase !== "preview") return;
    // Spaces can matter in a regex: only an all-blank field counts as no pattern.
    const pattern = this.pattern.trim() === "" ? "" : this.pattern;
    const targets = this.rows.filter((r) => unrecognised(r) || r.speakerPattern !== null);
    if (targets.length === 0) return;
    this.error = null;
    try {
      const previews = await this.#backend.previewImport(
        targets.map((r) => r.preview.path),
        pattern || undefined,
      );
      const byPath = new Map(previews.map((p) => [p.path, p]));
      this.rows = this.rows.map((row) => {
        const fresh = byPath.get(row.preview.path);
        if (!fresh || !targets.includes(row)) return row;
        // Keep the name the first preview gave: it was computed with the whole batch in view.
        return {
          preview: { ...fresh, name: row.preview.name, duplicateOf: row.preview.duplicateOf },
          language: row.language,
          speakerPattern: pattern || null,
        };
      });
    } catch (err) {
      this.error = toCommandError(err);
    }
  }

  /** Imports every previewed file; failures and duplicates come back in the summary. */
  async confirm(): Promise<void> {
    if (this.phase !== "preview" || this.importableCount === 0) return;
    const files = this.rows.map((row) => ({
      path: row.preview.path,
      ...(row.preview.error === null ? { language: row.language } : {}),
      ...(row.speakerPattern ? { speakerPattern: row.speakerPattern } : {}),
    }));
    this.phase = "importing";
    this.cancelling = false;
    this.progress = { done: 0, total: files.length, current: files[0]?.path ?? null };
    try {
      this.result = await this.#backend.importFiles(files, (progress) => {
        this.progress = progress;
      });
    } catch (err) {
      this.error = toCommandError(err);
      this.result = null;
    }
    this.phase = "summary";
    await this.#workspace.reloadDocuments();
  }

  /** Stops the running import before its next file. */
  async cancelImport(): Promise<void> {
    if (this.phase !== "importing" || this.cancelling) return;
    this.cancelling = true;
    try {
      await this.#backend.cancelImport();
    } catch (err) {
      this.error = toCommandError(err);
    }
  }

  /** Closes the preview (nothing is written) or the summary. */
  close(): void {
    if (this.phase === "importing") return;
    this.phase = "idle";
    this.rows = [];
    this.pattern = "";
    this.progress = null;
    this.result = null;
    this.error = null;
  }
}

/** The one Importer of the app (the header button, the drop target and the dialog share it). */
export const [getImporter, setImporter] = createContext<Importer>();
