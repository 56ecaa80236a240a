import { describe, expect, it } from "vitest";

import { norwegianCollator, sortNorwegian } from "./collate";
import { formatDecimal, formatShare } from "./number";
import { formatTimestamp } from "./time";

describe("formatTimestamp", () => {
  it("writes hh:mm:ss with two-digit hours", () => {
    expect(formatTimestamp(0)).toBe("00:00:00");
    // 14 min 32 s = 14 * 60 + 32 = 872 s = 872 000 ms
    expect(formatTimestamp(872_000)).toBe("00:14:32");
    // 1 h 2 min 3 s = 3600 + 120 + 3 = 3723 s
    expect(formatTimestamp(3_723_000)).toBe("01:02:03");
    // 10 h = 36 000 s
    expect(formatTimestamp(36_000_000)).toBe("10:00:00");
  });

  it("drops milliseconds rather than rounding up", () => {
    expect(formatTimestamp(872_999)).toBe("00:14:32");
  });

  it("returns null when there is no time", () => {
    expect(formatTimestamp(null)).toBeNull();
    expect(formatTimestamp(undefined)).toBeNull();
    expect(formatTimestamp(-1)).toBeNull();
    expect(formatTimestamp(Number.NaN)).toBeNull();
  });
});

describe("Norwegian sorting", () => {
  it("puts æ, ø, å after z and sorts aa as å", () => {
    const shuffled = ["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"];
    expect(sortNorwegian(shuffled, (w) => w)).toEqual([
      "abc",
      "Zulu",
      "Ærlig",
      "Øst",
      "Ål",
      "Ås",
      "Åsen",
      "Aasen",
    ]);
  });

  it("sorts objects by a key without changing the input", () => {
    const docs = [{ name: "Østfold" }, { name: "Bodø" }, { name: "Ålesund" }];
    const sorted = sortNorwegian(docs, (d) => d.name);
    expect(sorted.map((d) => d.name)).toEqual(["Bodø", "Østfold", "Ålesund"]);
    expect(docs[0]?.name).toBe("Østfold");
  });

  it("compares digits as text, like the core's collator", () => {
    expect(norwegianCollator.compare("Intervju 10", "Intervju 2")).toBeLessThan(0);
  });
});

describe("formatDecimal and formatShare", () => {
  it("write a decimal comma and no-break-space thousands in Norwegian", () => {
    // 3 / 7 = 0.428571… → two decimals 0,43
    expect(formatDecimal("nb", 3 / 7)).toBe("0,43");
    expect(formatDecimal("nb", 12345.678)).toBe("12\u00a0345,68");
    expect(formatDecimal("nb", 10.8, 1)).toBe("10,8");
    expect(formatDecimal("en", 3 / 7)).toBe("0.43");
  });

  it("write shares as percentages with a no-break space before the sign in Norwegian", () => {
    // 41 of 90 words = 0.4555… → 45,6 %
    expect(formatShare("nb", 41 / 90)).toBe("45,6\u00a0%");
    expect(formatShare("nb", 1)).toBe("100\u00a0%");
    expect(formatShare("en", 0.5)).toBe("50%");
  });
});
