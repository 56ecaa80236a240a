// The fake backend's export: citation templates read and filled the core's way (built-in and
// saved names, literal templates, an unknown field named, the groups of fewer than three
// informants the identifying fields single out), a preview over the fake excerpts, exports and
// a coding's translation and omitted ranges kept in memory.
import type { CitationProblem } from "./bindings/CitationProblem";
import type { CitationTemplateItem } from "./bindings/CitationTemplateItem";
import type { CitationWarningItem } from "./bindings/CitationWarningItem";
import type { CodebookFormat } from "./bindings/CodebookFormat";
import type { CodingNotesItem } from "./bindings/CodingNotesItem";
import type { CommandError } from "./bindings/CommandError";
import type { ExcerptExportRequest } from "./bindings/ExcerptExportRequest";
import type { ExcerptItem } from "./bindings/ExcerptItem";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { ExportWritten } from "./bindings/ExportWritten";
import type { PreviewExcerpt } from "./bindings/PreviewExcerpt";
import type { ReportExportRequest } from "./bindings/ReportExportRequest";
import type { ReportWritten } from "./bindings/ReportWritten";
import type { TextRange } from "./bindings/TextRange";
import type { FakeExcerpts } from "./fake-excerpts";

const BUILTIN: CitationTemplateItem[] = [
  { name: "anonym", template: "«…» ({rolle})", builtin: true },
  { name: "rolle-dato", template: "«…» (Intervju {date:dd.mm.yy})", builtin: true },
];
const FIELDS = ["informant", "doc", "turn", "time"];
const EXTENSIONS = { docx: "docx", xlsx: "xlsx", csv: "csv", markdown: "md", html: "html" } as const;

type Part = { text: string } | { quote: true } | { field: string };

function fail(message: string): never {
  throw { code: "other", message } satisfies CommandError;
}

/** `dd.mm.yyyy` in a date format of `dd`, `mm`, `yyyy` and `yy`. */
function formatDate(raw: string, format: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(raw.trim());
  if (!m) return raw;
  return format.replace("dd", m[1]!).replace("mm", m[2]!).replace("yyyy", m[3]!).replace("yy", m[3]!.slice(2));
}

function time(ms: number): string {
  const s = Math.floor(ms / 1000);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, "0")).join(":");
}

export class FakeExport {
  templates: CitationTemplateItem[] = [];
  /** Attributes by document name (the informant's over the document's, as the core merges them). */
  attributes = new Map<string, Record<string, string>>();
  /** The informants and their documents, for the fewer-than-three warnings. */
  informants: { name: string; document: string }[] = [];
  notes = new Map<string, CodingNotesItem>();
  /** Translations the preview shows, by excerpt (`documentGuid:startUtf16`). */
  translations = new Map<string, string>();
  /** Where the save dialog "saves" (the extension is added); null cancels. */
  saveAnswer: string | null = "/tmp/utdrag";
  /** Every export written, oldest first. */
  exports: { request: ExcerptExportRequest; path: string }[] = [];
  codebookExports: CodebookFormat[] = [];
  reports: ReportExportRequest[] = [];
  #excerpts: FakeExcerpts;

  constructor(excerpts: FakeExcerpts) {
    this.#excerpts = excerpts;
  }

  citationTemplates(): CitationTemplateItem[] {
    return [...BUILTIN, ...[...this.templates].sort((a, b) => a.name.localeCompare(b.name, "nb"))].map((t) => ({ ...t }));
  }

  saveTemplate(name: string, template: string): CitationTemplateItem {
    const clean = name.trim();
    if (!clean) fail("a citation template needs a name on one line");
    if (BUILTIN.some((b) => b.name.toLowerCase() === clean.toLowerCase())) fail(`"${clean}" is a built-in citation template`);
    const parsed = this.#parse(template);
    if ("problem" in parsed) fail(parsed.problem.kind === "invalid" ? parsed.problem.message : `unknown field {${parsed.problem.field}}`);
    const saved = { name: clean, template: template.trim(), builtin: false };
    this.templates = [...this.templates.filter((t) => t.name.toLowerCase() !== clean.toLowerCase()), saved];
    return { ...saved };
  }

  deleteTemplate(name: string): void {
    const before = this.templates.length;
    this.templates = this.templates.filter((t) => t.name.toLowerCase() !== name.toLowerCase());
    if (this.templates.length === before) fail(`no saved citation template named "${name}"`);
  }

  #keys(): string[] {
    return [...new Set([...this.attributes.values()].flatMap((a) => Object.keys(a)))].sort();
  }

  /** The template a choice names (null: `anonym` when there is a `rolle`, else `{informant}`). */
  #resolve(choice: string | null): { name: string | null; template: string } | { problem: CitationProblem } {
    const text = choice?.trim() ?? "";
    if (!text) {
      return this.#keys().includes("rolle") ? { name: "anonym", template: BUILTIN[0]!.template } : { name: null, template: "«…» ({informant})" };
    }
    const named = [...BUILTIN, ...this.templates].find((t) => t.name.toLowerCase() === text.toLowerCase());
    if (named) return { name: named.name, template: named.template };
    if (text.includes("{") || text.includes("«")) return { name: null, template: text };
    return { problem: { kind: "invalid", message: `no citation template named "${text}"` } };
  }

  #parse(template: string): { parts: Part[] } | { problem: CitationProblem } {
    const parts: Part[] = [];
    let rest = template.trim();
    while (rest) {
      if (rest.startsWith("«…»")) {
        parts.push({ quote: true });
        rest = rest.slice(3);
      } else if (rest.startsWith("{")) {
        const close = rest.indexOf("}");
        if (close < 0) return { problem: { kind: "invalid", message: `the citation template "${template}" never closes a field` } };
        const field = rest.slice(1, close).trim().toLowerCase();
        const known = FIELDS.includes(field) || field === "date" || field.startsWith("date:") || this.#keys().includes(field);
        if (!known) return { problem: { kind: "unknownField", field, attributes: this.#keys() } };
        parts.push({ field });
        rest = rest.slice(close + 1);
      } else {
        const next = rest.search(/[{«]/);
        const cut = next <= 0 ? (next === 0 ? 1 : rest.length) : next;
        parts.push({ text: rest.slice(0, cut) });
        rest = rest.slice(cut);
      }
    }
    return { parts };
  }

  #value(field: string, values: { informant: string | null; doc: string; turn: number | null; timeMs: number | null }): string {
    const attrs = this.attributes.get(values.doc) ?? {};
    let v: string | null | undefined;
    if (field === "informant") v = values.informant;
    else if (field === "doc") v = values.doc;
    else if (field === "turn") v = values.turn === null ? null : String(values.turn);
    else if (field === "time") v = values.timeMs === null ? null : time(values.timeMs);
    else if (field === "date" || field.startsWith("date:")) v = attrs.dato && formatDate(attrs.dato, field.slice(5) || "dd.mm.yyyy");
    else v = attrs[field];
    return v?.trim() ? v : "–";
  }

  #warnings(parts: Part[]): CitationWarningItem[] {
    const fields = [
      ...new Set(parts.flatMap((p) => ("field" in p && p.field !== "turn" && p.field !== "time" ? [p.field] : []))),
    ];
    if (fields.length === 0) return [];
    const groups = new Map<string, { values: string[]; names: string[] }>();
    for (const inf of this.informants) {
      const values = fields.map((f) => this.#value(f, { informant: inf.name, doc: inf.document, turn: null, timeMs: null }));
      const key = values.join("\u0000");
      const group = groups.get(key) ?? { values, names: [] };
      group.names.push(inf.name);
      groups.set(key, group);
    }
    return [...groups.values()]
      .filter((g) => g.names.length < 3)
      .map((g) => ({
        values: fields.map((field, i) => ({ field, value: g.values[i]! })),
        informants: [...g.names].sort((a, b) => a.localeCompare(b, "nb")),
      }));
  }

  #section(item: ExcerptItem): [number, string] {
    const codes = this.#excerpts.codes;
    const i = codes.findIndex((c) => (c.key ?? c.path) === item.code);
    const c = codes[i];
    return [i < 0 ? codes.length : i, c ? `${c.key ? `${c.key} ` : ""}${c.name}` : item.code];
  }

  preview(request: ExcerptExportRequest, limit: number): ExportPreview {
    const chosen = this.#resolve(request.citation);
    const parsed = "problem" in chosen ? chosen : this.#parse(chosen.template);
    if ("problem" in parsed || "problem" in chosen) {
      const problem = "problem" in parsed ? parsed.problem : (chosen as { problem: CitationProblem }).problem;
      return { template: null, name: null, fields: [], warnings: [], problem, excerpts: [], total: 0, codes: 0 };
    }
    const items = this.#excerpts.run({ ...request.query, limit: null }).excerpts;
    const sorted = items.map((item, n) => ({ item, n, section: this.#section(item) }));
    sorted.sort((a, b) => a.section[0] - b.section[0] || a.n - b.n);
    const cite = (item: ExcerptItem, quote: string): string =>
      parsed.parts
        .map((p) =>
          "quote" in p
            ? quote
            : "field" in p
              ? this.#value(p.field, { informant: item.speaker, doc: item.document, turn: item.turn, timeMs: item.timeMs })
              : p.text,
        )
        .join("");
    const excerpts: PreviewExcerpt[] = sorted.slice(0, limit).map(({ item, section }) => {
      const translation = this.translations.get(`${item.documentGuid}:${item.startUtf16}`) ?? null;
      const reference = cite(item, "").split(/\s+/).filter(Boolean).join(" ");
      return {
        section: section[1],
        document: item.document,
        turn: item.turn,
        quote: item.text,
        cited: cite(item, request.guillemets ? `«${item.text}»` : item.text),
        reference,
        block: item.text.split(/\s+/).filter(Boolean).length >= 40,
        translation,
      };
    });
    return {
      template: chosen.template,
      name: chosen.name,
      fields: [...new Set(parsed.parts.flatMap((p) => ("field" in p ? [p.field] : [])))],
      warnings: this.#warnings(parsed.parts),
      problem: null,
      excerpts,
      total: items.length,
      codes: new Set(items.map((i) => i.code)).size,
    };
  }

  exportExcerpts(request: ExcerptExportRequest): ExportWritten | null {
    if (this.saveAnswer === null) return null;
    const preview = this.preview(request, 0);
    if (preview.problem) fail(preview.problem.kind === "invalid" ? preview.problem.message : `unknown field {${preview.problem.field}}`);
    const path = `${this.saveAnswer}.${EXTENSIONS[request.format]}`;
    this.exports.push({ request: structuredClone(request), path });
    return { path, excerpts: preview.total, codes: preview.codes };
  }

  /** A report of the chosen theme, or of every top-level code (one chart and quote each). */
  exportReport(request: ReportExportRequest): ReportWritten | null {
    if (this.saveAnswer === null) return null;
    this.reports.push(structuredClone(request));
    const top = this.#excerpts.codes.filter((c) => c.depth === 0);
    const themes = top.filter((c) => request.code === null || c.guid === request.code).map((c) => c.key ?? c.path);
    return { path: `${this.saveAnswer}.${request.format}`, themes, charts: themes.length, quotes: themes.length };
  }

  exportCodebook(format: CodebookFormat, codes: number): { path: string; codes: number } | null {
    if (this.saveAnswer === null) return null;
    this.codebookExports.push(format);
    return { path: `${this.saveAnswer}.${format}`, codes };
  }

  codingNotes(coding: string): CodingNotesItem {
    const n = this.notes.get(coding) ?? { translation: null, omissions: [] };
    return structuredClone(n);
  }

  setTranslation(coding: string, text: string): string | null {
    const clean = text.trim() || null;
    this.notes.set(coding, { ...this.codingNotes(coding), translation: clean });
    return clean;
  }

  /** Merges overlapping or touching ranges, as the core stores them. */
  setOmissions(coding: string, omissions: TextRange[]): CodingNotesItem {
    const merged: TextRange[] = [];
    for (const r of [...omissions].sort((a, b) => a.startUtf16 - b.startUtf16 || a.endUtf16 - b.endUtf16)) {
      if (r.startUtf16 >= r.endUtf16) fail("a range left out must not be empty");
      const last = merged.at(-1);
      if (last && r.startUtf16 <= last.endUtf16) last.endUtf16 = Math.max(last.endUtf16, r.endUtf16);
      else merged.push({ ...r });
    }
    const notes = { ...this.codingNotes(coding), omissions: merged };
    this.notes.set(coding, notes);
    return structuredClone(notes);
  }
}
