// The only module that imports @tauri-apps/*: the Backend over Tauri IPC.
import { invoke } from "@tauri-apps/api/core";

import type { Backend } from "./backend";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import { toCommandError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toCommandError(err);
  }
}

export const tauriBackend: Backend = {
  currentProject: () => call<ProjectInfo | null>("current_project"),
  openProject: (path) => call<ProjectInfo>("open_project", { path }),
  pickProjectFile: () => call<string | null>("pick_project_file"),
  listDocuments: () => call<DocumentSummary[]>("list_documents"),
  getDocument: (guid) => call<Document>("get_document", { guid }),
};
