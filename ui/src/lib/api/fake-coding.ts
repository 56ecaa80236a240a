// The fake backend's codings: stripes per document with the core's rules that the UI relies on
// (identical codings are one, adjusting onto the same code merges, in-vivo names and reuse).
import type { CodingChange } from "./bindings/CodingChange";
import type { CommandError } from "./bindings/CommandError";
import type { Document } from "./bindings/Document";
import type { NewCodeWhere } from "./bindings/NewCodeWhere";
import type { PaletteCode } from "./bindings/PaletteCode";
import type { Stripe } from "./bindings/Stripe";

function fail(message: string): never {
  throw { code: "other", message } satisfies CommandError;
}

export class FakeCoding {
  /** The codes the palette offers; tests fill it. */
  palette: PaletteCode[] = [];
  /** Codings by document GUID. */
  stripes = new Map<string, Stripe[]>();
  /** Code GUIDs in the order they were applied, newest last. */
  applied: string[] = [];
  coder = "kari";
  #next = 1;
  #documents: () => Document[];

  constructor(documents: () => Document[]) {
    this.#documents = documents;
  }

  #doc(guid: string): Document {
    return this.#documents().find((d) => d.guid === guid || d.name === guid) ?? fail(`no document ${guid}`);
  }

  #code(code: string): PaletteCode {
    return this.palette.find((c) => c.guid === code || c.key === code || c.path === code) ?? fail(`no code ${code}`);
  }

  #list(document: string): Stripe[] {
    const guid = this.#doc(document).guid;
    let list = this.stripes.get(guid);
    if (!list) this.stripes.set(guid, (list = []));
    return list;
  }

  #find(coding: string): [string, Stripe] {
    for (const [doc, list] of this.stripes) {
      const s = list.find((c) => c.guid === coding);
      if (s) return [doc, s];
    }
    return fail(`no coding ${coding}`);
  }

  #change(document: string, coding: Stripe, merged = 0, codeCreated = false): CodingChange {
    const list = this.#list(document);
    list.sort((a, b) => a.startUtf16 - b.startUtf16 || a.endUtf16 - b.endUtf16);
    return { coding: { ...coding }, codings: list.map((s) => ({ ...s })), merged, codeCreated };
  }

  documentCodings(document: string): Stripe[] {
    return this.#list(document).map((s) => ({ ...s }));
  }

  codeSpan(document: string, code: string, startUtf16: number, endUtf16: number): CodingChange {
    const doc = this.#doc(document);
    if (startUtf16 >= endUtf16) fail("a coding needs a non-empty span");
    const c = this.#code(code);
    const list = this.#list(doc.guid);
    const same = list.find(
      (s) => s.codeGuid === c.guid && s.coder === this.coder && s.startUtf16 === startUtf16 && s.endUtf16 === endUtf16,
    );
    this.applied.push(c.guid);
    if (same) return this.#change(doc.guid, same);
    const turns = doc.turns.filter((t) => t.labelStartUtf16 < endUtf16 && t.endUtf16 + 1 > startUtf16).map((t) => t.n);
    const stripe: Stripe = {
      guid: `CODING-${this.#next++}`,
      codeGuid: c.guid,
      codeKey: c.key,
      codeName: c.name,
      codePath: c.path,
      color: c.color,
      codeHidden: false,
      coder: this.coder,
      startUtf16,
      endUtf16,
      turns,
      hasMemo: false,
    };
    list.push(stripe);
    return this.#change(doc.guid, stripe);
  }

  codeTurn(document: string, code: string, turn: number): CodingChange {
    const t = this.#doc(document).turns.find((x) => x.n === turn) ?? fail(`no turn ${turn}`);
    return this.codeSpan(document, code, t.startUtf16, t.endUtf16);
  }

  uncode(coding: string): CodingChange {
    const [doc, s] = this.#find(coding);
    const list = this.#list(doc);
    list.splice(list.indexOf(s), 1);
    return this.#change(doc, s);
  }

  reassignCoding(coding: string, code: string): CodingChange {
    const [doc, s] = this.#find(coding);
    const c = this.#code(code);
    Object.assign(s, { codeGuid: c.guid, codeKey: c.key, codeName: c.name, codePath: c.path, color: c.color });
    this.applied.push(c.guid);
    return this.#change(doc, s);
  }

  adjustCoding(coding: string, startUtf16: number, endUtf16: number): CodingChange {
    const [doc, s] = this.#find(coding);
    if (startUtf16 >= endUtf16) fail("a coding needs a non-empty span");
    const list = this.#list(doc);
    const absorbed = list.filter(
      (o) => o !== s && o.codeGuid === s.codeGuid && o.coder === s.coder && o.startUtf16 < endUtf16 && o.endUtf16 > startUtf16,
    );
    s.startUtf16 = Math.min(startUtf16, ...absorbed.map((o) => o.startUtf16));
    s.endUtf16 = Math.max(endUtf16, ...absorbed.map((o) => o.endUtf16));
    for (const o of absorbed) list.splice(list.indexOf(o), 1);
    return this.#change(doc, s, absorbed.length);
  }

  extendCodingToTurns(coding: string): CodingChange {
    const [doc, s] = this.#find(coding);
    const turns = this.#doc(doc).turns.filter((t) => s.turns.includes(t.n));
    const first = turns[0] ?? fail("this coding lies in the preamble");
    const last = turns[turns.length - 1]!;
    return this.adjustCoding(coding, Math.min(s.startUtf16, first.startUtf16), Math.max(s.endUtf16, last.endUtf16));
  }

  codeWithNewCode(
    document: string,
    startUtf16: number,
    endUtf16: number,
    name: string | null,
    place: NewCodeWhere,
  ): CodingChange {
    const doc = this.#doc(document);
    const turn = doc.turns.find((t) => t.startUtf16 <= startUtf16 && startUtf16 < t.endUtf16);
    const selected = turn ? turn.text.slice(startUtf16 - turn.startUtf16, endUtf16 - turn.startUtf16) : "";
    const wanted = (name ?? selected).replace(/[«»]/g, "").trim().slice(0, 60);
    const parent =
      place.kind === "under" ? this.#code(place.code).path : place.kind === "inVivo" ? "In vivo" : null;
    const path = parent ? `${parent}/${wanted}` : wanted;
    let code = this.palette.find((c) => c.path.toLowerCase() === path.toLowerCase());
    const created = !code;
    if (!code) {
      code = { guid: `CODE-${this.#next++}`, key: null, name: wanted, path, color: "#1F5FAD", definition: null, depth: 1 };
      this.palette.push(code);
    }
    const change = this.codeSpan(doc.guid, code.guid, startUtf16, endUtf16);
    return { ...change, codeCreated: created };
  }

  recentCodes(): string[] {
    const out: string[] = [];
    for (let i = this.applied.length - 1; i >= 0 && out.length < 9; i--) {
      const g = this.applied[i]!;
      if (!out.includes(g)) out.push(g);
    }
    return out;
  }
}
