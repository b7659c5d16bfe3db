import { describe, expect, it } from "vitest";
import { CommitDraft, commitRows } from "./commit-plan";
import type { CommitFile, CommitPlan } from "./ipc/bindings/Git";

function file(path: string, fields: Partial<CommitFile> = {}): CommitFile {
  return { path, state: "modified", kind: "post", title: null, errors: 0, warnings: 0, post: null, firstErrors: [], ...fields };
}

function plan(files: CommitFile[]): CommitPlan {
  return { files, branch: { head: "main", upstream: "origin/main", ahead: 0, behind: 0 } };
}

const example = plan([
  file("public/stray.png", { kind: "image", state: "new" }),
  file("blog/a.md", { title: "Alpha", state: "new" }),
  file("public/a.png", { kind: "image", state: "new", post: "blog/a.md" }),
  file("blog/b.md", { title: "Beta", errors: 2, firstErrors: ["The title is empty"] }),
  file("public/gone.png", { kind: "image", post: "blog/not-changed.md" }),
]);

describe("commitRows", () => {
  it("lists each post with its images under it, then the images no changed post uses", () => {
    expect(commitRows(example).map((r) => [r.file.path, r.depth])).toEqual([
      ["blog/a.md", 0],
      ["public/a.png", 1],
      ["blog/b.md", 0],
      ["public/stray.png", 0],
      ["public/gone.png", 0],
    ]);
  });
});

describe("CommitDraft", () => {
  it("ticks posts and their images, not the others", () => {
    const draft = new CommitDraft(example);
    expect(draft.tickedFiles().map((f) => f.path)).toEqual(["blog/a.md", "public/a.png", "blog/b.md"]);
    expect(draft.isTicked("public/stray.png")).toBe(false);
  });

  it("suggests the message from the ticked posts, and follows the ticks until the writer types", () => {
    const draft = new CommitDraft(example);
    expect(draft.message).toBe("Add: Alpha; Update: Beta");
    draft.tick("blog/b.md", false);
    expect(draft.message).toBe("Add: Alpha");
    draft.setMessage("Spring posts");
    expect(draft.messageTyped).toBe(true);
    draft.tick("blog/b.md", true);
    expect(draft.message).toBe("Spring posts");
    // Typed back to the suggestion, it follows the ticks again.
    draft.setMessage("Add: Alpha; Update: Beta");
    expect(draft.messageTyped).toBe(false);
    draft.tick("blog/a.md", false);
    expect(draft.message).toBe("Update: Beta");
    // Emptied, it stays empty (Commit waits for a message) until the next tick refills it.
    draft.setMessage("");
    expect(draft.message).toBe("");
    draft.tick("blog/a.md", true);
    expect(draft.message).toBe("Add: Alpha; Update: Beta");
    expect(draft.messageTyped).toBe(false);
  });

  it("takes a post's images along when it is ticked or unticked", () => {
    const draft = new CommitDraft(example);
    draft.tick("blog/a.md", false);
    expect(draft.isTicked("public/a.png")).toBe(false);
    draft.tick("blog/a.md", true);
    expect(draft.isTicked("public/a.png")).toBe(true);
    draft.tick("public/a.png", false);
    expect(draft.isTicked("blog/a.md")).toBe(true);
  });

  it("names images alone", () => {
    const draft = new CommitDraft(example);
    draft.tick("blog/a.md", false);
    draft.tick("blog/b.md", false);
    draft.tick("public/stray.png", true);
    expect(draft.message).toBe("Add images");
  });

  it("holds a commit with errors until Commit anyway", () => {
    const draft = new CommitDraft(example);
    expect(draft.needsOverride()).toBe(true);
    expect(draft.blocker()).toContain("Commit anyway");
    draft.override = true;
    expect(draft.blocker()).toBeNull();
    expect(draft.request()).toEqual({ paths: ["blog/a.md", "public/a.png", "blog/b.md"], message: "Add: Alpha; Update: Beta", overrideErrors: true });
    // Without the post with errors, nothing needs overriding.
    draft.tick("blog/b.md", false);
    expect(draft.needsOverride()).toBe(false);
    expect(draft.request().overrideErrors).toBe(false);
  });

  it("needs a file and a message", () => {
    const draft = new CommitDraft(plan([file("blog/a.md", { title: "Alpha" })]));
    expect(draft.blocker()).toBeNull();
    draft.tick("blog/a.md", false);
    expect(draft.blocker()).toBe("Tick at least one file.");
    draft.tick("blog/a.md", true);
    draft.setMessage("   ");
    expect(draft.blocker()).toBe("Write a commit message.");
  });
});

describe("markBlocked", () => {
  it("puts the backend's errors on the posts it refused, so Commit anyway is asked for", () => {
    const draft = new CommitDraft(plan([file("blog/a.md", { title: "Alpha" })]));
    expect(draft.needsOverride()).toBe(false);
    draft.markBlocked([{ path: "blog/a.md", errors: ["The date is not a date"] }, { path: "blog/gone.md", errors: [] }]);
    expect(draft.needsOverride()).toBe(true);
    expect(draft.rows[0].file.firstErrors).toEqual(["The date is not a date"]);
    expect(draft.blocker()).toContain("Commit anyway");
  });
});
