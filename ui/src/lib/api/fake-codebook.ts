import type { Codebook } from "./bindings/Codebook";
import type { CodeBlockInfo } from "./bindings/CodeBlockInfo";
import type { CodeChanges } from "./bindings/CodeChanges";
import type { CodeCodingInfo } from "./bindings/CodeCodingInfo";
import type { CodeDeletionInfo } from "./bindings/CodeDeletionInfo";
import type { CodeInfo } from "./bindings/CodeInfo";
import type { CodeMergeResult } from "./bindings/CodeMergeResult";
import type { CodeNode } from "./bindings/CodeNode";
import type { CommandError } from "./bindings/CommandError";

/** A code as the fake stores it: its content and its place (parent GUID, position). */
export interface FakeCode {
  guid: string;
  key: string | null;
  name: string;
  nameEn: string | null;
  color: string;
  parent: string | null;
  position: number;
  block: string | null;
  hidesFamily: boolean;
  definition: string;
  definitionEn: string | null;
  inclusion: string;
  exclusion: string;
  anchors: string[];
  sourceNote: string | null;
}

/** A coding as the fake stores it. */
export interface FakeCoding {
  guid: string;
  code: string;
  document: string;
  coder: string;
  turn: number | null;
  start: number;
  end: number;
  text: string;
}

function invalid(message: string): CommandError {
  return { code: "other", message };
}

const nameKey = (name: string) => name.trim().normalize("NFC").toLowerCase();

/**
 * An in-memory codebook for UI tests, keeping the core's rules: names unique among siblings,
 * compact positions, no cycles, merges keep codings (exact duplicates once), deletions take the
 * family. Codes are found by GUID or key.
 */
export class FakeCodebook {
  codes: FakeCode[] = [];
  codings: FakeCoding[] = [];
  blocks: CodeBlockInfo[] = [];
  /** Every mutating call, in order, as `[method, ...args]`. */
  calls: unknown[][] = [];
  #next = 1;

  /** Adds a code for a test's setup; resolves nothing, checks nothing. */
  add(code: Partial<FakeCode> & { name: string }): FakeCode {
    const parent = code.parent ?? null;
    const full: FakeCode = {
      guid: code.guid ?? `code-${this.#next++}`,
      key: null,
      nameEn: null,
      color: "#1F5FAD",
      position: this.children(parent).length,
      block: null,
      hidesFamily: false,
      definition: "",
      definitionEn: null,
      inclusion: "",
      exclusion: "",
      anchors: [],
      sourceNote: null,
      ...code,
      parent,
    };
    this.codes.push(full);
    return full;
  }

  /** Adds a coding for a test's setup. */
  addCoding(code: string, coding: Partial<FakeCoding> = {}): FakeCoding {
    const full: FakeCoding = {
      guid: `coding-${this.#next++}`,
      code,
      document: "Intervju 1",
      coder: "kari",
      turn: 1,
      start: 0,
      end: 5,
      text: "tekst",
      ...coding,
    };
    this.codings.push(full);
    return full;
  }

  find(code: string): FakeCode {
    const found = this.codes.find((c) => c.guid === code || (c.key !== null && c.key === code));
    if (!found) throw invalid(`no code "${code}" in this project`);
    return found;
  }

  children(parent: string | null): FakeCode[] {
    return this.codes.filter((c) => c.parent === parent).sort((a, b) => a.position - b.position);
  }

  family(code: FakeCode): FakeCode[] {
    return [code, ...this.children(code.guid).flatMap((c) => this.family(c))];
  }

  #ancestors(code: FakeCode): FakeCode[] {
    const out: FakeCode[] = [];
    let parent = code.parent;
    while (parent !== null) {
      const p = this.find(parent);
      out.push(p);
      parent = p.parent;
    }
    return out;
  }

  #refuseClash(parent: string | null, name: string, except: FakeCode | null): void {
    const clash = this.children(parent).find((c) => c !== except && nameKey(c.name) === nameKey(name));
    if (clash) throw invalid(`there is already a code "${clash.name}" here; names must differ among siblings`);
  }

  #place(parent: string | null, codes: FakeCode[]): void {
    codes.forEach((c, i) => {
      c.parent = parent;
      c.position = i;
    });
  }

  #count(guid: string): number {
    const spans = new Set(this.codings.filter((c) => c.code === guid).map((c) => `${c.document}:${c.start}:${c.end}`));
    return spans.size;
  }

  codebook(): Codebook {
    const codes: CodeNode[] = [];
    const walk = (parent: string | null) => {
      for (const c of this.children(parent)) {
        const ancestors = this.#ancestors(c);
        codes.push({
          guid: c.guid,
          key: c.key,
          name: c.name,
          nameEn: c.nameEn,
          color: c.color,
          depth: ancestors.length,
          parent: c.parent,
          position: c.position,
          block: [c, ...ancestors].find((a) => a.block !== null)?.block ?? null,
          hidden: c.hidesFamily || ancestors.some((a) => a.hidesFamily),
          hidesFamily: c.hidesFamily,
          children: this.children(c.guid).length,
          codings: this.#count(c.guid),
          definition: c.definition,
          definitionEn: c.definitionEn,
        });
        walk(c.guid);
      }
    };
    walk(null);
    return { codes, blocks: this.blocks.map((b) => ({ ...b })) };
  }

  codeInfo(code: string): CodeInfo {
    const c = this.find(code);
    const path = [...this.#ancestors(c).reverse(), c].map((a) => a.name).join("/");
    const { guid, key, name, nameEn, color, definition, definitionEn, inclusion, exclusion, sourceNote } = c;
    return {
      guid,
      key,
      path,
      name,
      nameEn,
      color,
      definition,
      definitionEn,
      inclusion,
      exclusion,
      anchors: [...c.anchors],
      sourceNote,
    };
  }

  createCode(parent: string | null, name: string, color?: string): string {
    this.calls.push(["createCode", parent, name, color]);
    const p = parent === null ? null : this.find(parent);
    const trimmed = name.trim().normalize("NFC");
    if (!trimmed) throw invalid("a code needs a name");
    this.#refuseClash(p?.guid ?? null, trimmed, null);
    return this.add({ name: trimmed, parent: p?.guid ?? null, color: color ?? p?.color ?? "#1F5FAD" }).guid;
  }

  renameCode(code: string, name: string): void {
    this.calls.push(["renameCode", code, name]);
    const c = this.find(code);
    const trimmed = name.trim().normalize("NFC");
    if (!trimmed) throw invalid("a code needs a name");
    this.#refuseClash(c.parent, trimmed, c);
    c.name = trimmed;
  }

  setCodeColor(code: string, color: string): void {
    this.calls.push(["setCodeColor", code, color]);
    this.find(code).color = color.toUpperCase();
  }

  moveCode(code: string, parent: string | null, position: number | null): void {
    this.calls.push(["moveCode", code, parent, position]);
    const c = this.find(code);
    const p = parent === null ? null : this.find(parent);
    if (p && this.family(c).includes(p)) throw invalid(`cannot move "${c.name}" under "${p.name}"`);
    this.#refuseClash(p?.guid ?? null, c.name, c);
    const old = c.parent;
    const siblings = this.children(p?.guid ?? null).filter((s) => s !== c);
    siblings.splice(Math.min(position ?? siblings.length, siblings.length), 0, c);
    if (old !== (p?.guid ?? null)) this.#place(old, this.children(old).filter((s) => s !== c));
    this.#place(p?.guid ?? null, siblings);
  }

  mergeCodes(from: string, into: string): CodeMergeResult {
    this.calls.push(["mergeCodes", from, into]);
    const a = this.find(from);
    const b = this.find(into);
    if (this.family(a).includes(b)) throw invalid(`cannot merge "${a.name}" into "${b.name}"`);
    let moved = 0;
    let collapsed = 0;
    for (const coding of this.codings.filter((c) => c.code === a.guid)) {
      const twin = this.codings.find(
        (k) =>
          k.code === b.guid &&
          k.document === coding.document &&
          k.coder === coding.coder &&
          k.start === coding.start &&
          k.end === coding.end,
      );
      if (twin) {
        this.codings = this.codings.filter((k) => k !== coding);
        collapsed++;
      } else {
        coding.code = b.guid;
        moved++;
      }
    }
    const renamed: CodeMergeResult["renamed"] = [];
    const taken = new Set(this.children(b.guid).filter((c) => c !== a).map((c) => nameKey(c.name)));
    const moving = this.children(a.guid);
    for (const child of moving) {
      let name = child.name;
      for (let n = 2; taken.has(nameKey(name)); n++) name = `${child.name} (${n})`;
      if (name !== child.name) renamed.push({ from: child.name, to: name });
      child.name = name;
      taken.add(nameKey(name));
    }
    const aParent = a.parent;
    this.codes = this.codes.filter((c) => c !== a);
    this.#place(aParent, this.children(aParent));
    this.#place(b.guid, [...this.children(b.guid), ...moving]);
    return { codingsMoved: moved, codingsCollapsed: collapsed, childrenMoved: moving.length, renamed };
  }

  codeCodings(code: string): CodeCodingInfo[] {
    const c = this.find(code);
    return this.codings
      .filter((k) => k.code === c.guid)
      .map((k) => ({
        guid: k.guid,
        document: k.document,
        documentGuid: `d-${k.document}`,
        coder: k.coder,
        turn: k.turn,
        text: k.text,
      }));
  }

  splitCode(code: string, codings: string[], name: string): string {
    this.calls.push(["splitCode", code, codings, name]);
    const c = this.find(code);
    if (codings.length === 0) throw invalid("choose at least one coding");
    const trimmed = name.trim().normalize("NFC");
    if (!trimmed) throw invalid("a code needs a name");
    this.#refuseClash(c.parent, trimmed, null);
    for (const guid of codings) {
      if (!this.codings.some((k) => k.guid === guid && k.code === c.guid)) {
        throw invalid(`"${guid}" is not a coding of the code being split`);
      }
    }
    const created = this.add({ name: trimmed, parent: c.parent, color: c.color });
    const siblings = this.children(c.parent).filter((s) => s !== created);
    siblings.splice(siblings.indexOf(c) + 1, 0, created);
    this.#place(c.parent, siblings);
    for (const k of this.codings) if (codings.includes(k.guid)) k.code = created.guid;
    return created.guid;
  }

  editCode(code: string, changes: CodeChanges): void {
    this.calls.push(["editCode", code, changes]);
    const c = this.find(code);
    if (changes.name !== undefined) {
      const trimmed = changes.name.trim().normalize("NFC");
      if (!trimmed) throw invalid("a code needs a name");
      this.#refuseClash(c.parent, trimmed, c);
      c.name = trimmed;
    }
    const optional = (text: string) => (text.trim() === "" ? null : text.trim());
    if (changes.nameEn !== undefined) c.nameEn = optional(changes.nameEn);
    if (changes.color !== undefined) c.color = changes.color.toUpperCase();
    if (changes.definition !== undefined) c.definition = changes.definition.trim();
    if (changes.definitionEn !== undefined) c.definitionEn = optional(changes.definitionEn);
    if (changes.inclusion !== undefined) c.inclusion = changes.inclusion.trim();
    if (changes.exclusion !== undefined) c.exclusion = changes.exclusion.trim();
    if (changes.anchors !== undefined) c.anchors = changes.anchors.map((a) => a.trim()).filter((a) => a !== "");
  }

  deleteCodePreview(code: string): CodeDeletionInfo {
    const family = this.family(this.find(code)).map((c) => c.guid);
    return { codes: family.length, codings: this.codings.filter((k) => family.includes(k.code)).length };
  }

  deleteCode(code: string): CodeDeletionInfo {
    this.calls.push(["deleteCode", code]);
    const c = this.find(code);
    const preview = this.deleteCodePreview(code);
    const family = this.family(c);
    this.codings = this.codings.filter((k) => !family.some((f) => f.guid === k.code));
    this.codes = this.codes.filter((x) => !family.includes(x));
    this.#place(c.parent, this.children(c.parent));
    return preview;
  }

  setFamilyHidden(code: string, hidden: boolean): number {
    this.calls.push(["setFamilyHidden", code, hidden]);
    const c = this.find(code);
    c.hidesFamily = hidden;
    return this.family(c).length;
  }
}
