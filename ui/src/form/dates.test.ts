import { describe, expect, it } from "vitest";
import { applyPicked, dateKindFor, nowLiteral, offsetText, parseLiteral, pickerValue } from "./dates";

describe("date literals", () => {
  it("reads dates and datetimes with every separator and offset", () => {
    expect(parseLiteral("2025-08-21")).toEqual({ date: "2025-08-21", time: null, sep: "T", offset: "" });
    expect(parseLiteral("2025-09-14T09:30:00+02:00")).toEqual({ date: "2025-09-14", time: "09:30:00", sep: "T", offset: "+02:00" });
    expect(parseLiteral("2025-01-02 10:00:00 +0200")).toEqual({ date: "2025-01-02", time: "10:00:00", sep: " ", offset: " +0200" });
    expect(parseLiteral("2025-01-02T10:00Z")?.offset).toBe("Z");
    expect(parseLiteral("soon")).toBeNull();
    expect(parseLiteral("2025-1-2")).toBeNull();
  });

  it("shows the picker the date and the wall-clock time as written, never converted", () => {
    expect(pickerValue("2025-08-21", "date")).toBe("2025-08-21");
    expect(pickerValue("2025-09-14T23:30:00-07:00", "date")).toBe("2025-09-14");
    expect(pickerValue("2025-09-14T23:30:00-07:00", "datetime")).toBe("2025-09-14T23:30:00");
    expect(pickerValue("2025-09-14 23:30:00.123 +0200", "datetime")).toBe("2025-09-14T23:30:00");
    expect(pickerValue("2025-09-14", "datetime")).toBe("2025-09-14T00:00");
    expect(pickerValue("someday", "date")).toBe("");
  });
});

describe("applyPicked", () => {
  it("a date stays a date", () => {
    expect(applyPicked("2025-08-21", "2025-08-30", "date", "date", 120)).toBe("2025-08-30");
  });

  it("a picked date keeps the time and offset of a datetime", () => {
    expect(applyPicked("2025-09-14T09:30:00+02:00", "2025-09-20", "date", null, 0)).toBe("2025-09-20T09:30:00+02:00");
  });

  it("a picked datetime keeps the separator, the seconds and the offset", () => {
    expect(applyPicked("2025-09-14T09:30:00+02:00", "2025-09-15T18:05", "datetime", null, -300)).toBe("2025-09-15T18:05:00+02:00");
    expect(applyPicked("2025-01-02 10:00:00 +0200", "2025-01-03T11:15", "datetime", null, 0)).toBe("2025-01-03 11:15:00 +0200");
    expect(applyPicked("2025-01-02T10:00Z", "2025-01-02T10:30", "datetime", null, 60)).toBe("2025-01-02T10:30Z");
    expect(applyPicked("2025-01-02T10:00:05.250Z", "2025-01-02T10:00:05", "datetime", null, 0)).toBe("2025-01-02T10:00:05.250Z");
    expect(applyPicked("2025-01-02T10:00:05.250Z", "2025-01-02T11:00", "datetime", null, 0)).toBe("2025-01-02T11:00:00Z");
  });

  it("a new value follows the folder's style, with the writer's own offset", () => {
    expect(applyPicked("", "2025-03-04", "date", "quotedDate", 60)).toBe("2025-03-04");
    expect(applyPicked("", "2025-03-04T08:00", "datetime", "datetime", 60)).toBe("2025-03-04T08:00:00+01:00");
    expect(applyPicked("", "2025-03-04T08:00", "datetime", null, -330)).toBe("2025-03-04T08:00:00-05:30");
    expect(applyPicked("", "2025-03-04", "date", "datetime", 0)).toBe("2025-03-04T00:00:00Z");
  });

  it("an empty or broken pick changes nothing", () => {
    expect(applyPicked("2025-08-21", "", "date", "date", 0)).toBe("2025-08-21");
  });

  it("writes offsets and now in local time", () => {
    expect(offsetText(0)).toBe("Z");
    expect(offsetText(330)).toBe("+05:30");
    expect(offsetText(-480)).toBe("-08:00");
    const now = new Date(2025, 0, 2, 3, 4, 5);
    expect(nowLiteral("date", now)).toBe("2025-01-02");
    expect(nowLiteral("datetime", now)).toMatch(/^2025-01-02T03:04:05(Z|[+-]\d{2}:\d{2})$/);
  });

  it("picks the input from the literal first, then the folder's style", () => {
    expect(dateKindFor("2025-01-01", "datetime")).toBe("date");
    expect(dateKindFor("2025-01-01T00:00Z", "date")).toBe("datetime");
    expect(dateKindFor("", "quotedDatetime")).toBe("datetime");
    expect(dateKindFor("", null)).toBe("date");
  });
});
