import { describe, expect, it } from "vitest";
import { reportText } from "./export-dialog";

describe("export report", () => {
  it("says what was written, left out and skipped", () => {
    const text = reportText({
      out: "/site/blog",
      written: ["a.md", "images/x.png"],
      unchanged: 1,
      skipped: [{ path: "/posts/b.md", reason: "it is a draft" }],
      refused: 1,
      newer: 0,
    });
    expect(text).toContain("2 files written to /site/blog, 1 already up to date.");
    expect(text).toContain("1 post left out because of errors");
    expect(text).toContain("Skipped /posts/b.md: it is a draft");
    expect(text).toContain("  images/x.png");
  });
});
