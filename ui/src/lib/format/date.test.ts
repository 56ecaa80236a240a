import { describe, expect, it } from "vitest";

import { formatDate, formatDateTime } from "./date";

// Built from local-time parts, so the expectations hold in any time zone.
const sept5 = new Date(2026, 8, 5, 14, 32, 59); // month 8 = September
const newYear = new Date(2027, 0, 1, 0, 5);

describe("formatDate", () => {
  it("writes dd.mm.yyyy with leading zeros in Norwegian", () => {
    expect(formatDate(sept5, "nb")).toBe("05.09.2026");
    expect(formatDate(newYear, "nb")).toBe("01.01.2027");
    expect(formatDate(new Date(2026, 10, 25), "nb")).toBe("25.11.2026");
  });

  it("writes day, short month and year in English", () => {
    expect(formatDate(sept5, "en")).toBe("5 Sep 2026");
    expect(formatDate(newYear, "en")).toBe("1 Jan 2027");
  });

  it("reads RFC 3339 strings and shows them in local time", () => {
    const iso = sept5.toISOString(); // UTC, as the core stores it
    expect(formatDate(iso, "nb")).toBe("05.09.2026");
  });

  it("returns null for no or unreadable dates", () => {
    expect(formatDate(null, "nb")).toBeNull();
    expect(formatDate(undefined, "nb")).toBeNull();
    expect(formatDate("", "nb")).toBeNull();
    expect(formatDate("i går", "nb")).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("writes «kl. 14.32» in Norwegian, dropping seconds", () => {
    expect(formatDateTime(sept5, "nb")).toBe("05.09.2026 kl. 14.32");
    expect(formatDateTime(newYear, "nb")).toBe("01.01.2027 kl. 00.05");
    expect(formatDateTime(sept5.toISOString(), "nb")).toBe("05.09.2026 kl. 14.32");
  });

  it("writes a 24-hour clock with a colon in English", () => {
    expect(formatDateTime(sept5, "en")).toBe("5 Sep 2026, 14:32");
    expect(formatDateTime(newYear, "en")).toBe("1 Jan 2027, 00:05");
  });

  it("returns null for no or unreadable dates", () => {
    expect(formatDateTime(null, "en")).toBeNull();
    expect(formatDateTime("not a date", "nb")).toBeNull();
  });
});
