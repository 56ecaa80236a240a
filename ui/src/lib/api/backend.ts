import type { DeleteSummary } from "./bindings/DeleteSummary";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DropEvent } from "./bindings/DropEvent";
import type { FilePreview } from "./bindings/FilePreview";
import type { ImportFile } from "./bindings/ImportFile";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportResult } from "./bindings/ImportResult";
import type { CsvImportResult } from "./bindings/CsvImportResult";
import type { Informant } from "./bindings/Informant";
import type { MergeResult } from "./bindings/MergeResult";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { SpeakerRole } from "./bindings/SpeakerRole";
import type { RecentProject } from "./bindings/RecentProject";

/**
 * Everything the UI asks of the Rust side. `tauri.ts` implements it over IPC; `fake.ts` in memory
 * for tests. Failures reject with a `CommandError` (`{ code, message }`, see `errors.ts`).
 */
export interface Backend {
  /** The open project, or null. Rejects once if the project given at startup failed to open. */
  currentProject(): Promise<ProjectInfo | null>;
  /** Opens a project file and makes it the current project. */
  openProject(path: string): Promise<ProjectInfo>;
  /** Asks for a project file; null if the researcher cancels. */
  pickProjectFile(): Promise<string | null>;
  /** Recently opened projects, newest first, with document counts; missing files included. */
  recentProjects(): Promise<RecentProject[]>;
  /** Removes a project from the recent list (the file is untouched); resolves to the new list. */
  forgetRecent(path: string): Promise<RecentProject[]>;
  /**
   * Asks where to save a new project (a save dialog suggesting `fileName`), creates it with the
   * built-in Bentzen codebook or none, and opens it. Null if the researcher cancels.
   */
  createProject(codebook: "bentzen" | "none", fileName?: string): Promise<ProjectInfo | null>;
  /** Closes the open project (back to the start screen). */
  closeProject(): Promise<void>;
  /** The open project's documents (the core sorts them; the UI re-sorts with the nb collator). */
  listDocuments(): Promise<DocumentSummary[]>;
  /** One document with its turns. */
  getDocument(guid: string): Promise<Document>;
  /** Renames a document (names are unique); resolves to the name as stored (trimmed). */
  renameDocument(guid: string, newName: string): Promise<string>;
  /** What deleting a document would remove, for the confirmation. Deletes nothing. */
  deletePreview(guid: string): Promise<DeleteSummary>;
  /** Deletes a document with its turns, speakers, attributes and lone informants. */
  deleteDocument(guid: string): Promise<DeleteSummary>;
  /** Asks for transcript files to import; [] if the researcher cancels. */
  pickImportFiles(): Promise<string[]>;
  /** What importing these files and folders would do, file by file. Writes nothing. */
  previewImport(paths: string[], speakerPattern?: string, language?: string): Promise<FilePreview[]>;
  /** Imports files (one transaction each), reporting progress after each file. */
  importFiles(files: ImportFile[], onProgress: (progress: ImportProgress) => void): Promise<ImportResult>;
  /** Stops the running import before its next file; files already imported stay. */
  cancelImport(): Promise<void>;
  /** Calls `handler` for drags over and drops onto the window; resolves to an unsubscribe. */
  onDrop(handler: (event: DropEvent) => void): Promise<() => void>;
  /** Every informant with speakers, documents and attributes (the UI re-sorts with the nb collator). */
  listInformants(): Promise<Informant[]>;
  /** Merges informant `from` into `into` (names or GUIDs); `into`'s values win conflicts. */
  mergeInformants(into: string, from: string): Promise<MergeResult>;
  /** Sets one attribute of an informant (name or GUID). */
  setInformantAttribute(informant: string, key: string, value: string): Promise<void>;
  /** Removes one attribute of an informant; false if it had none by that key. */
  removeInformantAttribute(informant: string, key: string): Promise<boolean>;
  /** Sets one attribute of a document (name or GUID). */
  setDocumentAttribute(document: string, key: string, value: string): Promise<void>;
  /** Removes one attribute of a document; false if it had none by that key. */
  removeDocumentAttribute(document: string, key: string): Promise<boolean>;
  /** Asks for an attribute CSV; null if the researcher cancels. */
  pickAttributeCsv(): Promise<string | null>;
  /** Reads attributes from a CSV (one transaction): rows, values and unknown names. */
  importAttributeCsv(path: string): Promise<CsvImportResult>;
  /** Marks a speaker of a document as interviewer (no longer an informant) or informant. */
  setSpeakerRole(document: string, label: string, role: SpeakerRole): Promise<void>;
}
