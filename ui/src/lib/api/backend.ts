import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { ProjectInfo } from "./bindings/ProjectInfo";

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
  /** The open project's documents (the core sorts them; the UI re-sorts with the nb collator). */
  listDocuments(): Promise<DocumentSummary[]>;
  /** One document with its turns. */
  getDocument(guid: string): Promise<Document>;
}
