import { describe, expect, it } from "vitest";
import { thumbnailUrl } from "./image-url";

describe("thumbnailUrl", () => {
  it("serves site and post-relative paths through pdasset, like the preview", () => {
    expect(thumbnailUrl("/images/posts/x.jpg", "a.md")).toBe("pdasset://localhost/site/images/posts/x.jpg");
    expect(thumbnailUrl("images/desk.png", "blog/a.md")).toBe("pdasset://localhost/post/blog/images/desk.png");
    expect(thumbnailUrl("../img/a b.png", "blog/a.md")).toBe("pdasset://localhost/post/img/a%20b.png");
    expect(thumbnailUrl("https://example.org/x.png", "a.md")).toBe("https://example.org/x.png");
  });

  it("refuses other schemes and paths that climb out of the folder", () => {
    for (const url of ["javascript:alert(1)", "java\tscript:x", "file:///etc/passwd", "../x.png", "/../x.png", "//host/x", "", "a\\b"]) {
      expect(thumbnailUrl(url, "a.md"), url).toBeNull();
    }
  });
});
