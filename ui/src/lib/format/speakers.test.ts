import { describe, expect, it } from "vitest";

import type { Turn } from "../api/bindings/Turn";
import { SPEAKER_COLOURS, speakerStyles } from "./speakers";

function turn(n: number, speaker: string, role: Turn["role"] = "informant"): Turn {
  return {
    n,
    speaker,
    role,
    informant: role === "informant" ? speaker : null,
    labelStartUtf16: 0,
    startUtf16: 0,
    endUtf16: 0,
    timeMs: null,
    text: "",
  };
}

describe("speakerStyles", () => {
  it("gives interviewers the muted style and informants colours in order of appearance", () => {
    const styles = speakerStyles([
      turn(1, "I", "interviewer"),
      turn(2, "IP2"),
      turn(3, "I", "interviewer"),
      turn(4, "IP1"),
      turn(5, "IP2"),
    ]);
    expect([...styles.keys()]).toEqual(["I", "IP2", "IP1"]);
    expect(styles.get("I")?.className).toBe("speaker-interviewer");
    expect(styles.get("IP2")?.className).toBe("speaker-c0");
    expect(styles.get("IP1")?.className).toBe("speaker-c1");
    expect(styles.get("IP1")?.label).toBe("IP1");
  });

  it("wraps around the palette after the last colour", () => {
    const turns = Array.from({ length: SPEAKER_COLOURS + 1 }, (_, i) => turn(i + 1, `P${i}`));
    const styles = speakerStyles(turns);
    expect(styles.get(`P${SPEAKER_COLOURS}`)?.className).toBe("speaker-c0");
  });
});
