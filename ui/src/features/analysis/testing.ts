// Shared set-up for the analysis tests: the excerpt fixture (two documents; T01 Tillit with its
// sub-code T01.1, and T06 Styring) plus the analysis answers the core would give for it. The
// figures are made up but consistent: T01 is coded for 5 of 7 informants in 12 excerpts in both
// documents; 3 turns hold T01 and T06 of 7 turns holding either (Jaccard 3 / 7).
import type { AnalysisCode } from "../../lib/api/bindings/AnalysisCode";
import type { ExcerptQueryInput } from "../../lib/api/bindings/ExcerptQueryInput";
import type { MatrixView } from "../../lib/api/bindings/MatrixView";
import type { ThemeSummaryView } from "../../lib/api/bindings/ThemeSummaryView";
import { setup as excerptSetup, XSS, type Setup } from "../excerpts/testing";

export { $, $$, choose, mountPane, settle, type } from "../excerpts/testing";
export { XSS, type Setup };

const code = (guid: string, key: string, name: string, path: string, color: string, depth = 0): AnalysisCode => ({
  guid,
  label: key,
  key,
  path,
  name,
  color,
  depth,
});

export const T01 = code("c-t01", "T01", "Tillit", "Tillit", "#3366aa");
export const T011 = code("c-t011", "T01.1", "Frihet", "Tillit/Frihet", "#5588cc", 1);
export const T06 = code("c-t06", "T06", "Styring", "Styring", "#aa6633");

export function query(code: string, changes: Partial<ExcerptQueryInput> = {}): ExcerptQueryInput {
  return { code, steps: [], subcodes: true, document: null, speaker: null, coder: null, attributes: [], limit: 200, ...changes };
}

function summary(): ThemeSummaryView {
  return {
    code: T01,
    definition: "Når ledere stoler på fagfolkenes skjønn.",
    memo: "Viktig for kapittel 4.",
    subcodes: true,
    excerpts: 12,
    documents: 2,
    documentsTotal: 2,
    informants: 5,
    informantsTotal: 7,
    phraseWords: "fem av syv informanter",
    query: query("c-t01"),
    codedShare: [
      // Int. 07 first, as the core might send it; the view sorts by name.
      { document: "Int. 07", documentGuid: "d-07", informantWords: 1200, codedWords: 300, share: 300 / 1200, query: query("c-t01", { document: "d-07" }) },
      // 41 of 90 words = 0.4555… → «45,6 %».
      { document: "Int. 03", documentGuid: "d-03", informantWords: 90, codedWords: 41, share: 41 / 90, query: query("c-t01", { document: "d-03" }) },
    ],
    by: null,
    groups: [
      { label: "leder", value: "leder", excerpts: 8, documents: 1, informants: 3, informantsTotal: 4, query: query("c-t01", { attributes: ["rolle=leder"] }) },
      { label: "(ingen verdi)", value: null, excerpts: 4, documents: 1, informants: 2, informantsTotal: 3, query: query("c-t01", { attributes: ["rolle="] }) },
    ],
    mode: "turns",
    cooccurring: [
      { code: T06, count: 3, jaccard: 3 / 7, query: query("c-t01", { steps: [{ op: "sameTurn", code: "c-t06" }] }) },
    ],
    distinctiveWords: [
      { word: "skjema", count: 9, otherCount: 1, g2: 15.234 },
      { word: XSS, count: 5, otherCount: 0, g2: 11.0 },
    ],
    quotes: [
      { coding: "k-1", document: "Int. 03", documentGuid: "d-03", informant: "Int. 03/I3", speaker: "I3", turn: 12, startUtf16: 1200, endUtf16: 1219, text: "Vi stoler på folka.", pinned: false },
      { coding: "k-2", document: "Int. 07", documentGuid: "d-07", informant: "Int. 07/I3", speaker: "I3", turn: 4, startUtf16: 400, endUtf16: 400 + XSS.length, text: XSS, pinned: false },
    ],
  };
}

/** Codes × documents, in excerpts: T01 has 2 in Int. 03 and 1 in Int. 07; T06 1 in Int. 07; T01.1 none. */
function documentMatrix(): MatrixView {
  const col = (label: string, guid: string, total: number) => ({ label, code: null, total, query: query("", { subcodes: false, document: guid }) });
  const cell = (count: number, rowTotal: number, colTotal: number) => ({
    count,
    rowShare: rowTotal ? count / rowTotal : 0,
    colShare: colTotal ? count / colTotal : 0,
    jaccard: null,
  });
  return {
    count: "excerpts",
    rows: [
      { code: T01, total: 3 },
      { code: T011, total: 0 },
      { code: T06, total: 1 },
    ],
    cols: [col("Int. 03", "d-03", 2), col("Int. 07", "d-07", 2)],
    cells: [
      [cell(2, 3, 2), cell(1, 3, 2)],
      [cell(0, 0, 2), cell(0, 0, 2)],
      [cell(0, 1, 2), cell(1, 1, 2)],
    ],
  };
}

/** T01 and T06 over turns: 4 turns hold T01, 6 hold T06, 3 hold both (Jaccard 3 / 7). */
function cooccurrence(): MatrixView {
  const col = (c: AnalysisCode, total: number) => ({
    label: c.label,
    code: c.guid,
    total,
    query: query("", { subcodes: false, steps: [{ op: "sameTurn", code: c.guid }] }),
  });
  return {
    count: "turns",
    rows: [
      { code: T01, total: 4 },
      { code: T06, total: 6 },
    ],
    cols: [col(T01, 4), col(T06, 6)],
    cells: [
      [
        { count: 4, rowShare: 1, colShare: 1, jaccard: 1 },
        { count: 3, rowShare: 3 / 4, colShare: 3 / 6, jaccard: 3 / 7 },
      ],
      [
        { count: 3, rowShare: 3 / 6, colShare: 3 / 4, jaccard: 3 / 7 },
        { count: 6, rowShare: 1, colShare: 1, jaccard: 1 },
      ],
    ],
  };
}

/** The excerpt fixture with the analysis answers filled in. */
export function setup(): Setup {
  const s = excerptSetup();
  const a = s.backend.analysis;
  a.summaries.set("c-t01", summary());
  a.wordLines.set("skjema", [
    { document: "Int. 03", documentGuid: "d-03", turn: 12, startUtf16: 1210, endUtf16: 1216, before: "Det er alltid et nytt ", word: "skjema", after: " å fylle ut." },
  ]);
  a.frequencies = [
    { code: T01, excerpts: 3, documents: 2, informants: 2, query: query("c-t01", { subcodes: false }) },
    { code: T011, excerpts: 0, documents: 0, informants: 0, query: query("c-t011", { subcodes: false }) },
    { code: T06, excerpts: 1, documents: 1, informants: 1, query: query("c-t06", { subcodes: false }) },
  ];
  a.documentMatrix = documentMatrix();
  a.cooccurrence = cooccurrence();
  a.framework = {
    codes: [T01, T06],
    rows: [
      {
        informant: "Int. 03/I3",
        informantGuid: "inf-03",
        cells: [
          { text: "Stoler på folka.", author: "kari", updatedAt: "2026-11-25T13:00:00Z", excerpts: 2 },
          { text: "", author: null, updatedAt: null, excerpts: 0 },
        ],
      },
    ],
  };
  a.cellExcerpts.set("inf-03|c-t01", [
    { document: "Int. 03", documentGuid: "d-03", turn: 12, startUtf16: 1200, endUtf16: 1219, text: "Vi stoler på folka." },
    { document: "Int. 03", documentGuid: "d-03", turn: 14, startUtf16: 1400, endUtf16: 1420, text: "Frihet under ansvar." },
  ]);
  s.backend.summaries[0]!.attributes = { Rolle: "leder" };
  s.backend.informants = [{ guid: "inf-03", name: "Int. 03/I3", speakers: [], documents: ["Int. 03"], attributes: { kommune: "Bodø" } }];
  return s;
}
