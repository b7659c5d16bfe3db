import { describe, expect, it } from "vitest";
import type { Problem } from "./ipc/bindings/Problem";
import { headline, ordered } from "./problems";

function problem(severity: Problem["severity"], start: number, rule = "r"): Problem {
  return { rule, severity, message: "m", start, end: start + 1, line: 1, column: 1, fix: null };
}

describe("problems panel model", () => {
  it("orders errors first, then by position", () => {
    const got = ordered([problem("info", 1), problem("warning", 5), problem("error", 9), problem("warning", 2)]);
    expect(got.map((p) => `${p.severity}@${p.start}`)).toEqual(["error@9", "warning@2", "warning@5", "info@1"]);
  });

  it("counts by severity in the headline", () => {
    expect(headline([])).toBe("No problems");
    expect(headline([problem("error", 1), problem("warning", 2), problem("warning", 3)])).toBe("1 error, 2 warnings");
    expect(headline([problem("info", 1)])).toBe("1 note");
  });
});
