import type { ChartFormat } from "./bindings/ChartFormat";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { CodeFrequencyItem } from "./bindings/CodeFrequencyItem";
import type { CooccurrenceKind } from "./bindings/CooccurrenceKind";
import type { FrameworkView } from "./bindings/FrameworkView";
import type { LinkedExcerpt } from "./bindings/LinkedExcerpt";
import type { MatrixRequest } from "./bindings/MatrixRequest";
import type { MatrixView } from "./bindings/MatrixView";
import type { QuoteChoiceItem } from "./bindings/QuoteChoiceItem";
import type { QuoteChoiceKind } from "./bindings/QuoteChoiceKind";
import type { SummaryRequest } from "./bindings/SummaryRequest";
import type { ThemeSummaryView } from "./bindings/ThemeSummaryView";
import type { WordLine } from "./bindings/WordLine";
import type { CoderInfo } from "./bindings/CoderInfo";
import type { ExcerptContext } from "./bindings/ExcerptContext";
import type { ExcerptQueryInput } from "./bindings/ExcerptQueryInput";
import type { ExcerptResult } from "./bindings/ExcerptResult";
import type { MemoItem } from "./bindings/MemoItem";
import type { MemoTargetKind } from "./bindings/MemoTargetKind";
import type { MemoTargetRef } from "./bindings/MemoTargetRef";
import type { QueryCode } from "./bindings/QueryCode";
import type { CodingChange } from "./bindings/CodingChange";
import type { NewCodeWhere } from "./bindings/NewCodeWhere";
import type { PaletteCode } from "./bindings/PaletteCode";
import type { Stripe } from "./bindings/Stripe";
import type { Codebook } from "./bindings/Codebook";
import type { CodebookExportResult } from "./bindings/CodebookExportResult";
import type { CodebookImportResult } from "./bindings/CodebookImportResult";
import type { CodeChanges } from "./bindings/CodeChanges";
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
import type { ImportFile } from "./bindings/ImportFile";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportResult } from "./bindings/ImportResult";
import type { CsvImportResult } from "./bindings/CsvImportResult";
import type { Informant } from "./bindings/Informant";
import type { MergeResult } from "./bindings/MergeResult";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { SpeakerRole } from "./bindings/SpeakerRole";
import type { RecentProject } from "./bindings/RecentProject";
import type { UndoState } from "./bindings/UndoState";
import type { Extent } from "./bindings/Extent";
import type { HitsCoded } from "./bindings/HitsCoded";
import type { SavedSearchItem } from "./bindings/SavedSearchItem";
import type { SearchInput } from "./bindings/SearchInput";
import type { SearchOutput } from "./bindings/SearchOutput";
import type { CitationTemplateItem } from "./bindings/CitationTemplateItem";
import type { CodebookFormat } from "./bindings/CodebookFormat";
import type { CodingNotesItem } from "./bindings/CodingNotesItem";
import type { ExcerptExportRequest } from "./bindings/ExcerptExportRequest";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { ExportWritten } from "./bindings/ExportWritten";
import type { ReportExportRequest } from "./bindings/ReportExportRequest";
import type { ReportWritten } from "./bindings/ReportWritten";
import type { TextRange } from "./bindings/TextRange";

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

  // The codebook. A `code` argument is a code's GUID (the core also takes a key or a path).
  /** Every code in tree order with its coding count and definition, and the template blocks. */
  codebook(): Promise<Codebook>;
  /** One code with its definitions, notes, anchors and read-only source note. */
  codeInfo(code: string): Promise<CodeInfo>;
  /** Creates a code last under `parent` (null: the top level); resolves to its GUID. */
  createCode(parent: string | null, name: string, color?: string): Promise<string>;
  /** Renames a code (bokmål name; unique among its siblings). */
  renameCode(code: string, name: string): Promise<void>;
  /** Sets a code's colour (#RRGGBB). */
  setCodeColor(code: string, color: string): Promise<void>;
  /** Moves a code under `parent` (null: top level) at `position` among its new siblings (null: last). */
  moveCode(code: string, parent: string | null, position: number | null): Promise<void>;
  /** Merges `from` into `into`: codings kept (exact duplicates once), sub-codes move, `from` goes. */
  mergeCodes(from: string, into: string): Promise<CodeMergeResult>;
  /** A code's own codings with document, coder, turn and text (for splitting). */
  codeCodings(code: string): Promise<CodeCodingInfo[]>;
  /** Moves the chosen codings to a new sibling code named `name`; resolves to its GUID. */
  splitCode(code: string, codings: string[], name: string): Promise<string>;
  /** Changes a code's names, colour, definitions, notes and anchors in one step. */
  editCode(code: string, changes: CodeChanges): Promise<void>;
  /** What deleting a code would take (codes, codings); deletes nothing. */
  deleteCodePreview(code: string): Promise<CodeDeletionInfo>;
  /** Deletes a code with its sub-codes and their codings. */
  deleteCode(code: string): Promise<CodeDeletionInfo>;
  /** Switches a code's family off (hidden) or on; resolves to the family's size. */
  setFamilyHidden(code: string, hidden: boolean): Promise<number>;
  /** Adds the built-in Bentzen codebook; codes the project has are kept. */
  addBuiltinCodebook(name: "bentzen"): Promise<CodebookImportResult>;
  /** Asks for a codebook JSON file and imports it; null if the researcher cancels. */
  importCodebook(): Promise<CodebookImportResult | null>;
  /** Asks where to save the codebook as JSON and writes it; null if the researcher cancels. */
  exportCodebook(): Promise<CodebookExportResult | null>;
  // Coding in the transcript (features/coding): offsets are UTF-16 units into the document's text;
  // every change resolves to the coding and the document's stripes after it (one round trip).
  /** A document's codings as margin stripes, in document order. */
  documentCodings(document: string): Promise<Stripe[]>;
  /** Codes a selection with a code (GUID, key or path) as the current coder. */
  codeSpan(document: string, code: string, startUtf16: number, endUtf16: number): Promise<CodingChange>;
  /** Codes the words of a turn. */
  codeTurn(document: string, code: string, turn: number): Promise<CodingChange>;
  /** Removes a coding (`coding` in the answer is the removed one). */
  uncode(coding: string): Promise<CodingChange>;
  /** Gives a coding another code; its GUID, coder, span and memo stay. */
  reassignCoding(coding: string, code: string): Promise<CodingChange>;
  /** Moves a coding's ends; codings of the same code by the same coder it overlaps merge into it. */
  adjustCoding(coding: string, startUtf16: number, endUtf16: number): Promise<CodingChange>;
  /** Extends a coding to the whole turns it falls in. */
  extendCodingToTurns(coding: string): Promise<CodingChange>;
  /** Codes a selection with a new code named `name` (null: in vivo, the selected words); a same-named code there is reused. */
  codeWithNewCode(
    document: string,
    startUtf16: number,
    endUtf16: number,
    name: string | null,
    place: NewCodeWhere,
  ): Promise<CodingChange>;
  /** The codes the quick-code palette offers (switched-off families left out), in tree order. */
  paletteCodes(): Promise<PaletteCode[]>;
  /** The GUIDs of the codes the current coder applied last, newest first (at most nine). */
  recentCodes(): Promise<string[]>;

  // Undo, redo and the history (audit trail).
  /** Takes back the newest step; null if there is nothing to undo. Rejects with `undoConflict`
   * when a later change that cannot be undone (a deleted document) overtook it. */
  undo(): Promise<HistoryStep | null>;
  /** Applies the newest undone step again; null if there is nothing to redo. */
  redo(): Promise<HistoryStep | null>;
  /** What undo and redo would do now (for the menu). */
  undoState(): Promise<UndoState>;
  /** The newest `limit` changes to the project, newest first, and how many there are in all. */
  history(limit: number): Promise<HistoryPage>;
  /** Asks where to save the history (CSV, or JSON for a .json name) and writes it; null if cancelled. */
  exportHistory(): Promise<string | null>;

  // Coded excerpts, memos and coders.
  /** Runs an excerpt query; the counts cover every excerpt, the list the first `limit`. */
  runExcerptQuery(query: ExcerptQueryInput): Promise<ExcerptResult>;
  /** Every code in tree order, for the query builder. */
  listQueryCodes(): Promise<QueryCode[]>;
  /** The turns before and after turn `turn` of a document (an expanded excerpt). */
  excerptContext(document: string, turn: number): Promise<ExcerptContext>;
  /** The memo on a target, or null. */
  getMemo(target: MemoTargetRef): Promise<MemoItem | null>;
  /** Sets the memo on a target (undoable); empty text deletes it. Resolves to the memo as it now is. */
  setMemo(target: MemoTargetRef, text: string): Promise<MemoItem | null>;
  /** Memos of one kind (null: all) containing `search` (ignoring case). */
  listMemos(kind: MemoTargetKind | null, search: string | null): Promise<MemoItem[]>;
  /** Asks where to save every memo as Markdown and writes it; the path, or null if cancelled. */
  exportMemos(): Promise<string | null>;
  /** The project's coders and the name new codings are made as. */
  listCoders(): Promise<CoderInfo>;
  /** «Jeg koder som …»: stores the coder name as a preference (empty: the OS user name). */
  setCurrentCoder(name: string): Promise<CoderInfo>;

  // Search (features/search): hits' places are UTF-16 units into the document's text, their
  // highlights UTF-16 units into the snippet.
  /** Runs a search: complete counts and the first `limit` hits in document order. Rejects with
   * the core's explanation for a query it cannot read. */
  search(request: SearchInput): Promise<SearchOutput>;
  /** Codes one hit (its match) as its turn, sentence or match, as the current coder. */
  codeHit(document: string, startUtf16: number, endUtf16: number, code: string, extent: Extent): Promise<HitsCoded>;
  /** Codes every hit of a search (not only the listed ones) in one undoable step. */
  codeAllHits(request: SearchInput, code: string, extent: Extent): Promise<HitsCoded>;
  /** The saved searches, sorted by name. */
  savedSearches(): Promise<SavedSearchItem[]>;
  /** Saves a search under a name (one of the same name, ignoring case, is replaced); undoable. */
  saveSearch(name: string, request: SearchInput): Promise<SavedSearchItem>;
  /** Deletes a saved search (name or GUID); undoable. */
  deleteSavedSearch(name: string): Promise<void>;

  // Export for papers (features/export). Files are written by the Rust side, where a save dialog
  // asks for the path.
  /** The first `limit` excerpts an export would write, cited, with the citation template's
   * warnings or the problem with it (then no excerpts). Writes nothing. */
  exportPreview(request: ExcerptExportRequest, limit: number): Promise<ExportPreview>;
  /** Asks where to save the excerpts and writes them; what was written, or null if cancelled. */
  exportExcerpts(request: ExcerptExportRequest): Promise<ExportWritten | null>;
  /** Asks where to save a theme report (one theme or all) and writes it; null if cancelled. */
  exportReport(request: ReportExportRequest): Promise<ReportWritten | null>;
  /** Asks where to save the codebook as a Word table or CSV and writes it; null if cancelled. */
  exportCodebookAs(format: CodebookFormat): Promise<CodebookExportResult | null>;
  /** The built-in citation templates, then the saved ones by name. */
  citationTemplates(): Promise<CitationTemplateItem[]>;
  /** Saves a citation template under a name (one of the same name is replaced); undoable. */
  saveCitationTemplate(name: string, template: string): Promise<CitationTemplateItem>;
  /** Deletes a saved citation template; undoable. */
  deleteCitationTemplate(name: string): Promise<void>;
  /** A coding's English translation and the ranges (document UTF-16) left out of its quote. */
  codingNotes(coding: string): Promise<CodingNotesItem>;
  /** Sets a coding's translation (blank removes it); undoable. Resolves to it as stored. */
  setCodingTranslation(coding: string, text: string): Promise<string | null>;
  /** Replaces a coding's omitted ranges ([] puts all back); undoable. Resolves to the notes as stored. */
  setCodingOmissions(coding: string, omissions: TextRange[]): Promise<CodingNotesItem>;
  // Thematic analysis (features/analysis): offsets are UTF-16 units into the document's text.
  /** A theme's summary: prevalence, breakdown, shares, co-occurring codes, words, quotes. */
  themeSummary(request: SummaryRequest): Promise<ThemeSummaryView>;
  /** Keyword-in-context lines of a word (any form of its stem) in the theme's excerpts. */
  themeWordLines(request: SummaryRequest, word: string): Promise<WordLine[]>;
  /** Pins a quote of a code's summary, swaps it out, or (null) clears the choice; undoable. */
  setQuoteChoice(code: string, coding: string, choice: QuoteChoiceKind | null): Promise<void>;
  /** The quote choices stored for a code: pins in order, then swapped-out quotes. */
  quoteChoices(code: string): Promise<QuoteChoiceItem[]>;
  /** Every code's excerpts, documents and informants in codebook order. */
  codeFrequencies(subcodes: boolean): Promise<CodeFrequencyItem[]>;
  /** Codes × documents or × an attribute's values, in excerpts or informants. */
  codeMatrix(request: MatrixRequest): Promise<MatrixView>;
  /** Codes × codes over turns or overlapping codings, with Jaccard. */
  cooccurrenceMatrix(mode: CooccurrenceKind): Promise<MatrixView>;
  /** Informants × themes (empty `codes`: the top-level codes). */
  frameworkMatrix(codes: string[]): Promise<FrameworkView>;
  /** Writes a framework cell's summary (empty clears it); undoable. */
  setFrameworkCell(informant: string, code: string, text: string): Promise<void>;
  /** The excerpts behind a framework cell, in document order. */
  frameworkCellExcerpts(informant: string, code: string): Promise<LinkedExcerpt[]>;
  /** A chart drawn by the core, as SVG (shown as an image, never as markup). */
  chart(request: ChartRequest): Promise<string>;
  /** Asks where to save a chart as SVG or PNG and writes it; the path, or null if cancelled. */
  saveChart(request: ChartRequest, format: ChartFormat): Promise<string | null>;
}
