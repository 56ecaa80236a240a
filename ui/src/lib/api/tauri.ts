// The only module that imports @tauri-apps/*: the Backend over Tauri IPC.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import type { Backend } from "./backend";
import type { DeleteSummary } from "./bindings/DeleteSummary";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DropEvent } from "./bindings/DropEvent";
import type { FilePreview } from "./bindings/FilePreview";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportResult } from "./bindings/ImportResult";
import type { CsvImportResult } from "./bindings/CsvImportResult";
import type { Informant } from "./bindings/Informant";
import type { MergeResult } from "./bindings/MergeResult";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { RecentProject } from "./bindings/RecentProject";
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
  recentProjects: () => call<RecentProject[]>("recent_projects"),
  forgetRecent: (path) => call<RecentProject[]>("forget_recent", { path }),
  createProject: (codebook, fileName) =>
    call<ProjectInfo | null>("create_project", { codebook, fileName: fileName ?? null }),
  closeProject: () => call<void>("close_project"),
  listDocuments: () => call<DocumentSummary[]>("list_documents"),
  getDocument: (guid) => call<Document>("get_document", { guid }),
  renameDocument: (guid, newName) => call<string>("rename_document", { guid, newName }),
  deletePreview: (guid) => call<DeleteSummary>("delete_preview", { guid }),
  deleteDocument: (guid) => call<DeleteSummary>("delete_document", { guid }),
  pickImportFiles: () => call<string[]>("pick_import_files"),
  previewImport: (paths, speakerPattern, language) =>
    call<FilePreview[]>("preview_import", {
      paths,
      speakerPattern: speakerPattern ?? null,
      language: language ?? null,
    }),
  importFiles: (files, onProgress) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportResult>("import_files", { files, onProgress: channel });
  },
  cancelImport: () => call<void>("cancel_import"),
  // The Rust side forwards the window's drag-drop events (and the debug-build test hook) as one event.
  onDrop: (handler) => listen<DropEvent>("tolk://drop", (event) => handler(event.payload)),
  listInformants: () => call<Informant[]>("list_informants"),
  mergeInformants: (into, from) => call<MergeResult>("merge_informants", { into, from }),
  setInformantAttribute: (informant, key, value) => call<void>("set_informant_attribute", { informant, key, value }),
  removeInformantAttribute: (informant, key) => call<boolean>("remove_informant_attribute", { informant, key }),
  setDocumentAttribute: (document, key, value) => call<void>("set_document_attribute", { document, key, value }),
  removeDocumentAttribute: (document, key) => call<boolean>("remove_document_attribute", { document, key }),
  pickAttributeCsv: () => call<string | null>("pick_attribute_csv"),
  importAttributeCsv: (path) => call<CsvImportResult>("import_attribute_csv", { path }),
  setSpeakerRole: (document, label, role) => call<void>("set_speaker_role", { document, label, role }),
};
