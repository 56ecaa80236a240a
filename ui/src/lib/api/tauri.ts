// The only module that imports @tauri-apps/*: the Backend over Tauri IPC.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import type { CodingChange } from "./bindings/CodingChange";
import type { NewCodeWhere } from "./bindings/NewCodeWhere";
import type { PaletteCode } from "./bindings/PaletteCode";
import type { Stripe } from "./bindings/Stripe";
import type { Backend } from "./backend";
import type { CoderInfo } from "./bindings/CoderInfo";
import type { ExcerptContext } from "./bindings/ExcerptContext";
import type { ExcerptResult } from "./bindings/ExcerptResult";
import type { MemoItem } from "./bindings/MemoItem";
import type { QueryCode } from "./bindings/QueryCode";
import type { Codebook } from "./bindings/Codebook";
import type { CodebookExportResult } from "./bindings/CodebookExportResult";
import type { CodebookImportResult } from "./bindings/CodebookImportResult";
import type { CodeCodingInfo } from "./bindings/CodeCodingInfo";
import type { CodeDeletionInfo } from "./bindings/CodeDeletionInfo";
import type { CodeInfo } from "./bindings/CodeInfo";
import type { CodeMergeResult } from "./bindings/CodeMergeResult";
import type { DeleteSummary } from "./bindings/DeleteSummary";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DropEvent } from "./bindings/DropEvent";
import type { FilePreview } from "./bindings/FilePreview";
import type { HistoryPage } from "./bindings/HistoryPage";
import type { HistoryStep } from "./bindings/HistoryStep";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportResult } from "./bindings/ImportResult";
import type { CsvImportResult } from "./bindings/CsvImportResult";
import type { Informant } from "./bindings/Informant";
import type { MergeResult } from "./bindings/MergeResult";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { RecentProject } from "./bindings/RecentProject";
import type { UndoState } from "./bindings/UndoState";
import type { Extent } from "./bindings/Extent";
import type { HitsCoded } from "./bindings/HitsCoded";
import type { SavedSearchItem } from "./bindings/SavedSearchItem";
import type { SearchInput } from "./bindings/SearchInput";
import type { SearchOutput } from "./bindings/SearchOutput";
import type { CitationTemplateItem } from "./bindings/CitationTemplateItem";
import type { CodingNotesItem } from "./bindings/CodingNotesItem";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { ExportWritten } from "./bindings/ExportWritten";
import type { ReportWritten } from "./bindings/ReportWritten";
import type { CodeFrequencyItem } from "./bindings/CodeFrequencyItem";
import type { FrameworkView } from "./bindings/FrameworkView";
import type { LinkedExcerpt } from "./bindings/LinkedExcerpt";
import type { MatrixView } from "./bindings/MatrixView";
import type { QuoteChoiceItem } from "./bindings/QuoteChoiceItem";
import type { ThemeSummaryView } from "./bindings/ThemeSummaryView";
import type { WordLine } from "./bindings/WordLine";
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
  codebook: () => call<Codebook>("codebook"),
  codeInfo: (code) => call<CodeInfo>("code_info", { code }),
  createCode: (parent, name, color) => call<string>("create_code", { parent, name, color: color ?? null }),
  renameCode: (code, name) => call<void>("rename_code", { code, name }),
  setCodeColor: (code, color) => call<void>("set_code_color", { code, color }),
  moveCode: (code, parent, position) => call<void>("move_code", { code, parent, position }),
  mergeCodes: (from, into) => call<CodeMergeResult>("merge_codes", { from, into }),
  codeCodings: (code) => call<CodeCodingInfo[]>("code_codings", { code }),
  splitCode: (code, codings, name) => call<string>("split_code", { code, codings, name }),
  editCode: (code, changes) => call<void>("edit_code", { code, changes }),
  deleteCodePreview: (code) => call<CodeDeletionInfo>("delete_code_preview", { code }),
  deleteCode: (code) => call<CodeDeletionInfo>("delete_code", { code }),
  setFamilyHidden: (code, hidden) => call<number>("set_family_hidden", { code, hidden }),
  addBuiltinCodebook: (name) => call<CodebookImportResult>("add_builtin_codebook", { name }),
  importCodebook: () => call<CodebookImportResult | null>("import_codebook"),
  exportCodebook: () => call<CodebookExportResult | null>("export_codebook"),
  documentCodings: (document) => call<Stripe[]>("document_codings", { document }),
  codeSpan: (document, code, startUtf16, endUtf16) =>
    call<CodingChange>("code_span", { document, code, startUtf16, endUtf16 }),
  codeTurn: (document, code, turn) => call<CodingChange>("code_turn", { document, code, turn }),
  uncode: (coding) => call<CodingChange>("uncode", { coding }),
  reassignCoding: (coding, code) => call<CodingChange>("reassign_coding", { coding, code }),
  adjustCoding: (coding, startUtf16, endUtf16) =>
    call<CodingChange>("adjust_coding", { coding, startUtf16, endUtf16 }),
  extendCodingToTurns: (coding) => call<CodingChange>("extend_coding_to_turns", { coding }),
  codeWithNewCode: (document, startUtf16, endUtf16, name, place) =>
    call<CodingChange>("code_with_new_code", { document, startUtf16, endUtf16, name, place }),
  paletteCodes: () => call<PaletteCode[]>("palette_codes"),
  recentCodes: () => call<string[]>("recent_codes"),
  undo: () => call<HistoryStep | null>("undo"),
  redo: () => call<HistoryStep | null>("redo"),
  undoState: () => call<UndoState>("undo_state"),
  history: (limit) => call<HistoryPage>("history", { limit }),
  exportHistory: () => call<string | null>("export_history"),
  runExcerptQuery: (query) => call<ExcerptResult>("run_excerpt_query", { query }),
  listQueryCodes: () => call<QueryCode[]>("list_query_codes"),
  excerptContext: (document, turn) => call<ExcerptContext>("excerpt_context", { document, turn }),
  getMemo: (target) => call<MemoItem | null>("get_memo", { target }),
  setMemo: (target, text) => call<MemoItem | null>("set_memo", { target, text }),
  listMemos: (kind, search) => call<MemoItem[]>("list_memos", { kind, search }),
  exportMemos: () => call<string | null>("export_memos"),
  listCoders: () => call<CoderInfo>("list_coders"),
  setCurrentCoder: (name) => call<CoderInfo>("set_current_coder", { name }),
  search: (request) => call<SearchOutput>("search", { request }),
  codeHit: (document, startUtf16, endUtf16, code, extent) =>
    call<HitsCoded>("code_hit", { document, startUtf16, endUtf16, code, extent }),
  codeAllHits: (request, code, extent) => call<HitsCoded>("code_all_hits", { request, code, extent }),
  savedSearches: () => call<SavedSearchItem[]>("saved_searches"),
  saveSearch: (name, request) => call<SavedSearchItem>("save_search", { name, request }),
  deleteSavedSearch: (name) => call<void>("delete_saved_search", { name }),
  exportPreview: (request, limit) => call<ExportPreview>("export_preview", { request, limit }),
  exportExcerpts: (request) => call<ExportWritten | null>("export_excerpts", { request }),
  exportReport: (request) => call<ReportWritten | null>("export_report", { request }),
  exportCodebookAs: (format) => call<CodebookExportResult | null>("export_codebook_as", { format }),
  citationTemplates: () => call<CitationTemplateItem[]>("citation_templates"),
  saveCitationTemplate: (name, template) => call<CitationTemplateItem>("save_citation_template", { name, template }),
  deleteCitationTemplate: (name) => call<void>("delete_citation_template", { name }),
  codingNotes: (coding) => call<CodingNotesItem>("coding_notes", { coding }),
  setCodingTranslation: (coding, text) => call<string | null>("set_coding_translation", { coding, text }),
  setCodingOmissions: (coding, omissions) => call<CodingNotesItem>("set_coding_omissions", { coding, omissions }),
  themeSummary: (request) => call<ThemeSummaryView>("theme_summary", { request }),
  themeWordLines: (request, word) => call<WordLine[]>("theme_word_lines", { request, word }),
  setQuoteChoice: (code, coding, choice) => call<void>("set_quote_choice", { code, coding, choice }),
  quoteChoices: (code) => call<QuoteChoiceItem[]>("quote_choices", { code }),
  codeFrequencies: (subcodes) => call<CodeFrequencyItem[]>("code_frequencies", { subcodes }),
  codeMatrix: (request) => call<MatrixView>("code_matrix", { request }),
  cooccurrenceMatrix: (mode) => call<MatrixView>("cooccurrence_matrix", { mode }),
  frameworkMatrix: (codes) => call<FrameworkView>("framework_matrix", { codes }),
  setFrameworkCell: (informant, code, text) => call<void>("set_framework_cell", { informant, code, text }),
  frameworkCellExcerpts: (informant, code) => call<LinkedExcerpt[]>("framework_cell_excerpts", { informant, code }),
  chart: (request) => call<string>("chart", { request }),
  saveChart: (request, format) => call<string | null>("save_chart", { request, format }),
};
