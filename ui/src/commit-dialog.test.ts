// @vitest-environment happy-dom
// The Commit dialog on fake commands: what it lists and ticks, the message that follows the
// ticks, the errors that hold Commit, and that git's refusal leaves everything as it was.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { blockedText, CommitDialog, committedNews } from "./commit-dialog";
import type { CommitFile, CommitOutcome, CommitPlan, CommitRequest } from "./ipc/bindings/Git";

function file(path: string, fields: Partial<CommitFile> = {}): CommitFile {
  return { path, state: "modified", kind: "post", title: null, errors: 0, warnings: 0, post: null, firstErrors: [], ...fields };
}

const plan: CommitPlan = {
  branch: { head: "main", upstream: "origin/main", ahead: 1, behind: 0 },
  files: [
    file("blog/a.md", { title: "Alpha", state: "new", warnings: 2 }),
    file("public/a.png", { kind: "image", state: "new", post: "blog/a.md" }),
    file("blog/b.md", { title: "Beta", errors: 2, firstErrors: ["The title is empty", "The date is not a date"] }),
    file("public/stray.png", { kind: "image", state: "new" }),
  ],
};

let commit: ReturnType<typeof vi.fn<(r: CommitRequest) => Promise<CommitOutcome>>>;
let news: string[];
let dialog: CommitDialog;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const box = (path: string) => $<HTMLInputElement>(`[data-testid=commit-path][data-path="${path}"]`);
const message = () => $<HTMLTextAreaElement>("[data-testid=commit-message]");
const submit = () => $<HTMLButtonElement>("[data-testid=commit-submit]");
const tick = (path: string, on: boolean) => {
  box(path).checked = on;
  box(path).dispatchEvent(new Event("change", { bubbles: true }));
};
const type = (text: string) => {
  message().value = text;
  message().dispatchEvent(new Event("input"));
};

beforeEach(async () => {
  document.body.replaceChildren();
  commit = vi.fn<(r: CommitRequest) => Promise<CommitOutcome>>();
  news = [];
  dialog = new CommitDialog({ commitPlan: async () => plan, gitCommit: commit }, { settle: async () => true, committed: (n) => news.push(n) });
  await dialog.open();
});

describe("the Commit dialog", () => {
  it("lists posts with their images under them, ticked, and leaves stray images unticked", () => {
    expect($("[data-testid=commit-dialog]")).not.toBeNull();
    const rows = [...document.querySelectorAll<HTMLInputElement>("[data-testid=commit-path]")].map((b) => [b.dataset.path, b.checked]);
    expect(rows).toEqual([
      ["blog/a.md", true],
      ["public/a.png", true],
      ["blog/b.md", true],
      ["public/stray.png", false],
    ]);
    expect(box("public/a.png").closest<HTMLElement>(".commit-file")!.dataset.depth).toBe("1");
    expect($("[data-testid=commit-errors]").textContent).toBe("2 errors: The title is empty; The date is not a date");
    expect($(".commit-warnings").textContent).toBe("2 warnings");
    expect($(".commit-branch").textContent).toContain("tracking origin/main");
  });

  it("suggests the message and follows the ticks until the writer types", () => {
    expect(message().value).toBe("Add: Alpha; Update: Beta");
    tick("blog/b.md", false);
    expect(message().value).toBe("Add: Alpha");
    type("Spring cleaning");
    tick("blog/b.md", true);
    expect(message().value).toBe("Spring cleaning");
  });

  it("holds Commit while a ticked post has errors, until Commit anyway", async () => {
    const override = $<HTMLInputElement>("[data-testid=commit-override]");
    expect(override.closest("label")!.hidden).toBe(false);
    expect(submit().disabled).toBe(true);
    tick("blog/b.md", false);
    expect(submit().disabled).toBe(false);
    expect(override.closest("label")!.hidden).toBe(true);
    tick("blog/b.md", true);
    override.checked = true;
    override.dispatchEvent(new Event("change"));
    expect(submit().disabled).toBe(false);
    commit.mockResolvedValue({ kind: "committed", hash: "a1b2c3d4e5", short: "a1b2c3d", summary: "" });
    await dialog.commit();
    expect(commit).toHaveBeenCalledWith({ paths: ["blog/a.md", "public/a.png", "blog/b.md"], message: "Add: Alpha; Update: Beta", overrideErrors: true });
    expect(dialog.isOpen).toBe(false);
    expect(news).toEqual(["Committed a1b2c3d: Add: Alpha; Update: Beta"]);
  });

  it("shows git's own refusal and keeps everything as it was", async () => {
    tick("blog/b.md", false);
    tick("public/stray.png", true);
    type("My message");
    commit.mockRejectedValue({ kind: "git", message: "Author identity unknown\n\n*** Please tell me who you are.", path: null });
    await dialog.commit();
    expect(dialog.isOpen).toBe(true);
    expect($("[data-testid=commit-error]").textContent).toBe("Author identity unknown\n\n*** Please tell me who you are.");
    expect($("[data-testid=commit-error]").tagName).toBe("PRE");
    expect(message().value).toBe("My message");
    expect([box("blog/b.md").checked, box("public/stray.png").checked]).toEqual([false, true]);
    expect(submit().disabled).toBe(false);
  });

  it("lists the posts a blocked commit names, and asks for Commit anyway", async () => {
    tick("blog/b.md", false);
    commit.mockResolvedValue({ kind: "blocked", posts: [{ path: "blog/a.md", errors: ["The draft flag is not a boolean"] }] });
    await dialog.commit();
    expect(dialog.isOpen).toBe(true);
    expect($("[data-testid=commit-blocked]").textContent).toContain("blog/a.md\n  The draft flag is not a boolean");
    expect(submit().disabled).toBe(true);
    expect($<HTMLInputElement>("[data-testid=commit-override]").closest("label")!.hidden).toBe(false);
    expect(box("blog/a.md").checked).toBe(true);
  });
});

describe("texts", () => {
  it("say what was committed and what was blocked", () => {
    expect(committedNews("a1b2c3d", "Add: Alpha\n\nLonger body")).toBe("Committed a1b2c3d: Add: Alpha");
    expect(blockedText([{ path: "a.md", errors: ["E1", "E2"] }])).toBe("Not committed: this post has errors.\na.md\n  E1\n  E2");
  });
});
