// What the researcher has chosen in the Eksport mode (kind, format, delimiter, citation
// template, «» on or off), kept per workspace so it survives a trip to another mode, and the
// small pure helpers the views share.
import type { CitationWarningItem } from "../../lib/api/bindings/CitationWarningItem";
import type { CodebookFormat } from "../../lib/api/bindings/CodebookFormat";
import type { CsvDelimiter } from "../../lib/api/bindings/CsvDelimiter";
import type { ExcerptExportRequest } from "../../lib/api/bindings/ExcerptExportRequest";
import type { ExcerptFormat } from "../../lib/api/bindings/ExcerptFormat";
import type { ExcerptQueryInput } from "../../lib/api/bindings/ExcerptQueryInput";
import type { PreviewExcerpt } from "../../lib/api/bindings/PreviewExcerpt";
import type { ReportExportRequest } from "../../lib/api/bindings/ReportExportRequest";
import type { ReportFileFormat } from "../../lib/api/bindings/ReportFileFormat";
import type { Workspace } from "../../lib/state/workspace.svelte";

export type ExportKind = "excerpts" | "report" | "codebook";
export const KINDS: ExportKind[] = ["excerpts", "report", "codebook"];
export const EXCERPT_FORMATS: ExcerptFormat[] = ["docx", "xlsx", "csv", "markdown", "html"];
export const CODEBOOK_FORMATS: CodebookFormat[] = ["docx", "csv"];
export const REPORT_FORMATS: ReportFileFormat[] = ["docx", "html"];
export const DELIMITERS: CsvDelimiter[] = ["semicolon", "comma", "tab"];
/** The template select's value for the project's default template. */
export const DEFAULT = "";
/** The select's value for a template typed in (a saved name never holds a control character). */
export const CUSTOM = "\u0000custom";
/** How many excerpts the preview shows. */
export const PREVIEW_LIMIT = 5;

export class ExportChoices {
  kind = $state<ExportKind>("excerpts");
  format = $state<ExcerptFormat>("docx");
  codebookFormat = $state<CodebookFormat>("docx");
  reportFormat = $state<ReportFileFormat>("docx");
  /** The theme (a top-level code's GUID) a report covers; "" for every theme. */
  reportTheme = $state("");
  delimiter = $state<CsvDelimiter>("semicolon");
  /** `DEFAULT`, a template's name, or `CUSTOM` (then `custom` is the template). */
  template = $state(DEFAULT);
  custom = $state("");
  guillemets = $state(true);

  /** What the core is asked to cite with: null for the default, a name, or a template. */
  citation(): string | null {
    if (this.template === DEFAULT) return null;
    return this.template === CUSTOM ? this.custom : this.template;
  }

  report(): ReportExportRequest {
    return {
      code: this.reportTheme || null,
      format: this.reportFormat,
      citation: this.citation(),
      guillemets: this.guillemets,
    };
  }

  request(query: ExcerptQueryInput): ExcerptExportRequest {
    return {
      query,
      format: this.format,
      citation: this.citation(),
      guillemets: this.guillemets,
      delimiter: this.delimiter,
    };
  }
}

const choices = new WeakMap<Workspace, ExportChoices>();

/** The workspace's export choices (made on first use). */
export function exportChoices(workspace: Workspace): ExportChoices {
  let c = choices.get(workspace);
  if (!c) choices.set(workspace, (c = new ExportChoices()));
  return c;
}

/** A warning's values as `rolle = enhetsleder, kommune = Bodø`. */
export function warningValues(w: CitationWarningItem): string {
  return w.values.map((v) => `${v.field} = ${v.value}`).join(", ");
}

/** An excerpt as it reads cited: a block quote is the quote and its reference after it. */
export function citedText(e: PreviewExcerpt): string {
  return e.block ? `${e.quote} ${e.reference}` : e.cited;
}
