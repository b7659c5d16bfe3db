import { describe, expect, it } from "vitest";
import { localNow, POST_ACTIONS } from "./post-actions";
import { copyPath, folderOf, stemOf } from "./post-paths";

describe("localNow", () => {
  it("writes the local time with the zone's offset, as the backend reads it", () => {
    const now = new Date(2025, 2, 4, 9, 5, 6);
    const text = localNow(now);
    expect(text).toMatch(/^2025-03-04T09:05:06(Z|[+-]\d\d:\d\d)$/);
    const offset = -now.getTimezoneOffset();
    const zone = text.slice(19);
    if (offset === 0) expect(zone).toBe("Z");
    else {
      const [h, m] = zone.slice(1).split(":").map(Number);
      expect((zone[0] === "-" ? -1 : 1) * (h * 60 + m)).toBe(offset);
    }
  });
});

describe("paths", () => {
  const cases: [string, string, string][] = [
    ["a.md", "a", ""],
    ["2025/notes/hello-world.mdx", "hello-world", "2025/notes"],
    ["dir/.hidden", ".hidden", "dir"],
    ["dir/v1.2.md", "v1.2", "dir"],
  ];
  it.each(cases)("%s", (path, stem, folder) => {
    expect(stemOf(path)).toBe(stem);
    expect(folderOf(path)).toBe(folder);
  });
});

describe("copyPath", () => {
  it("names copies beside the post, as duplicates are named", () => {
    expect(copyPath("a.md", 1)).toBe("a-copy.md");
    expect(copyPath("2025/notes/hello.mdx", 2)).toBe("2025/notes/hello-copy-2.mdx");
    expect(copyPath("dir/v1.2.md", 3)).toBe("dir/v1.2-copy-3.md");
    expect(copyPath("dir/README", 1)).toBe("dir/README-copy");
  });
});

describe("POST_ACTIONS", () => {
  it("has the ids the command palette registers, each runnable", () => {
    expect(POST_ACTIONS.map((a) => a.id)).toEqual(["new-post", "rename-post", "duplicate-post", "delete-post"]);
    // Not installed yet: nothing is enabled, so a palette shows them greyed out.
    expect(POST_ACTIONS.every((a) => !a.enabled())).toBe(true);
  });
});
