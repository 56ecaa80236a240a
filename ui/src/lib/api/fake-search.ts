// The fake backend's search: a case-insensitive substring search over the turns' words (the core
// analyses Norwegian; the UI only needs hits with places, snippets and counts), coding hits as
// their turn, sentence or match without duplicates, and saved searches by name.
import type { CommandError } from "./bindings/CommandError";
import type { Document } from "./bindings/Document";
import type { Extent } from "./bindings/Extent";
import type { HitsCoded } from "./bindings/HitsCoded";
import type { SavedSearchItem } from "./bindings/SavedSearchItem";
import type { SearchHitItem } from "./bindings/SearchHitItem";
import type { SearchInput } from "./bindings/SearchInput";
import type { SearchOutput } from "./bindings/SearchOutput";

function fail(message: string): never {
  throw { code: "other", message } satisfies CommandError;
}

/** A coding the fake made from a hit: document GUID, code and UTF-16 span. */
export interface FakeHitCoding {
  document: string;
  code: string;
  startUtf16: number;
  endUtf16: number;
}

export class FakeSearch {
  /** Codings made from hits, in the order they were made. */
  codings: FakeHitCoding[] = [];
  saved: SavedSearchItem[] = [];
  /** Every request `search` got, oldest first. */
  requests: SearchInput[] = [];
  #documents: () => Document[];
  #next = 1;

  constructor(documents: () => Document[]) {
    this.#documents = documents;
  }

  search(request: SearchInput): SearchOutput {
    this.requests.push(structuredClone(request));
    const all = this.#hits(request.query);
    const turns = new Set(all.map((h) => `${h.documentGuid}/${h.turn}`));
    const documents = new Set(all.map((h) => h.documentGuid));
    const informants = new Set(all.flatMap((h) => (h.informant ? [h.informant] : [])));
    return {
      hits: all.length,
      turns: turns.size,
      documents: documents.size,
      informants: informants.size,
      results: all.slice(0, request.limit ?? 50).map(({ informant: _, ...hit }) => hit),
    };
  }

  codeHit(document: string, startUtf16: number, endUtf16: number, code: string, extent: Extent): HitsCoded {
    const doc = this.#documents().find((d) => d.guid === document) ?? fail(`no document ${document}`);
    return this.#code([{ doc, startUtf16, endUtf16 }], code, extent);
  }

  codeAllHits(request: SearchInput, code: string, extent: Extent): HitsCoded {
    const docs = this.#documents();
    const hits = this.#hits(request.query).map((h) => ({
      doc: docs.find((d) => d.guid === h.documentGuid) as Document,
      startUtf16: h.startUtf16,
      endUtf16: h.endUtf16,
    }));
    return this.#code(hits, code, extent);
  }

  savedSearches(): SavedSearchItem[] {
    return [...this.saved]
      .sort((a, b) => a.name.localeCompare(b.name, "nb"))
      .map((s) => structuredClone(s));
  }

  saveSearch(name: string, request: SearchInput): SavedSearchItem {
    const trimmed = name.trim();
    if (!trimmed) fail("a saved search needs a name");
    this.#parse(request.query);
    this.saved = this.saved.filter((s) => s.name.toLowerCase() !== trimmed.toLowerCase());
    const item: SavedSearchItem = {
      guid: `search-${this.#next++}`,
      name: trimmed,
      query: request.query.trim(),
      code: request.code,
      codePath: request.code,
      uncoded: request.uncoded,
      filters: [...request.filters],
      createdAt: new Date(Date.UTC(2026, 10, 25, 14, this.#next)).toISOString(),
    };
    this.saved.push(item);
    return structuredClone(item);
  }

  deleteSavedSearch(name: string): void {
    const before = this.saved.length;
    this.saved = this.saved.filter((s) => s.guid !== name && s.name.toLowerCase() !== name.toLowerCase());
    if (this.saved.length === before) fail(`no saved search named "${name}"`);
  }

  /** What the core refuses, in its words: an unclosed phrase. */
  #parse(query: string): string {
    const q = query.trim();
    if ((q.match(/"/g) ?? []).length % 2 === 1) fail(`cannot read the search "${q}": a phrase is not closed`);
    if (!q) fail(`cannot read the search "": the search is empty`);
    return q.replace(/"/g, "").toLowerCase();
  }

  #hits(query: string): (SearchHitItem & { informant: string | null })[] {
    const needle = this.#parse(query);
    const out: (SearchHitItem & { informant: string | null })[] = [];
    for (const doc of this.#documents()) {
      for (const turn of doc.turns) {
        const hay = turn.text.toLowerCase();
        for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
          out.push({
            document: doc.name,
            documentGuid: doc.guid,
            turn: turn.n,
            speaker: turn.speaker,
            startUtf16: turn.startUtf16 + at,
            endUtf16: turn.startUtf16 + at + needle.length,
            snippet: turn.text,
            highlights: [{ startUtf16: at, endUtf16: at + needle.length }],
            informant: turn.informant,
          });
        }
      }
    }
    return out;
  }

  #code(hits: { doc: Document; startUtf16: number; endUtf16: number }[], code: string, extent: Extent): HitsCoded {
    const spans = new Map<string, FakeHitCoding>();
    for (const { doc, startUtf16, endUtf16 } of hits) {
      const turn = doc.turns.find((t) => t.startUtf16 <= startUtf16 && endUtf16 <= t.endUtf16);
      let [s, e] = [startUtf16, endUtf16];
      if (turn && extent === "turn") [s, e] = [turn.startUtf16, turn.endUtf16];
      if (turn && extent === "sentence") {
        // Sentences end after . ! ? and a space, as in the core (without its finer points).
        const rel = startUtf16 - turn.startUtf16;
        const before = turn.text.slice(0, rel).search(/[.!?]\s(?!.*[.!?]\s)/);
        const after = turn.text.slice(endUtf16 - turn.startUtf16).search(/[.!?](\s|$)/);
        s = turn.startUtf16 + (before < 0 ? 0 : before + 2);
        e = after < 0 ? turn.endUtf16 : endUtf16 + after + 1;
      }
      spans.set(`${doc.guid}/${s}/${e}`, { document: doc.guid, code, startUtf16: s, endUtf16: e });
    }
    let already = 0;
    for (const span of spans.values()) {
      const same = (c: FakeHitCoding) =>
        c.document === span.document && c.code === code && c.startUtf16 === span.startUtf16 && c.endUtf16 === span.endUtf16;
      if (this.codings.some(same)) already++;
      else this.codings.push(span);
    }
    return { hits: hits.length, coded: spans.size - already, already };
  }
}
