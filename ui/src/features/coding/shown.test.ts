// Whose stripes the transcript shows: every coder's, or the one coder in view.
import { describe, expect, it } from "vitest";

import type { Stripe } from "../../lib/api/bindings/Stripe";
import { FakeBackend } from "../../lib/api/fake";
import { Workspace } from "../../lib/state/workspace.svelte";
import { CodingSession } from "./coding.svelte";

function stripe(guid: string, coder: string, start: number): Stripe {
  return {
    guid,
    codeGuid: "c",
    codeKey: "T01",
    codeName: "Tillit",
    codePath: "Tillit",
    color: "#336699",
    codeHidden: false,
    coder,
    startUtf16: start,
    endUtf16: start + 4,
    turns: [1],
    hasMemo: false,
  };
}

describe("the coder in view", () => {
  it("shows every coder's stripes, or only that coder's", () => {
    const backend = new FakeBackend(null);
    const workspace = new Workspace(backend);
    const session = new CodingSession(backend, workspace);
    session.stripes = [stripe("a", "kari", 0), stripe("b", "ola", 2)];
    expect(session.shown.map((s) => s.guid)).toEqual(["a", "b"]);
    expect(session.lanes.lanes).toBe(2);
    workspace.coderFilter = "ola";
    expect(session.shown.map((s) => s.guid)).toEqual(["b"]);
    expect(session.lanes.lanes).toBe(1);
  });
});
