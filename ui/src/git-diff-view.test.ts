// @vitest-environment happy-dom
// The Compare panel with a fake backend: drawn as text by side, following edits while open,
// closing with its button, Escape, or another post.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { COMPARE_IDLE_MS, ComparePanel, type CompareHost } from "./git-diff-view";
import type { GitCompare } from "./ipc/bindings/Git";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";

let root: HTMLElement;
let toggle: HTMLButtonElement;
let panel: ComparePanel;
let asked: Array<{ body: string | null; rev: string | null }>;
let host: CompareHost & { path: string | null; body: string; errors: unknown[]; fail: boolean };

const answer = (body: string | null, rev: string | null): GitCompare => ({
  rev: rev ?? "HEAD",
  label: rev ? `${rev} · Old` : "HEAD · a1b2c3d · Fix typo",
  diff: `--- a/posts/a.md\n+++ b/posts/a.md\n@@ -1 +1 @@\n-<b>old</b>\n+${body}\n`,
  existed: true,
});

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = `<button data-testid="git-compare"></button><section data-testid="git-diff" hidden></section>`;
  root = document.querySelector("[data-testid=git-diff]")!;
  toggle = document.querySelector("[data-testid=git-compare]")!;
  asked = [];
  host = {
    path: "posts/a.md",
    body: "new",
    errors: [],
    fail: false,
    request: () => (host.path ? ({ path: host.path, baseHash: "h", fields: [], body: host.body } satisfies SaveRequest) : null),
    compare: async (request, rev) => {
      asked.push({ body: request.body, rev });
      if (host.fail) throw { kind: "git", message: "no such revision" };
      return answer(request.body, rev);
    },
    error: (e) => host.errors.push(e),
    focusBack: () => toggle.focus(),
  };
  panel = new ComparePanel(root, host, toggle);
});

afterEach(() => vi.useRealTimers());

const lines = () => [...root.querySelectorAll("pre.diff span")].map((s) => [s.className, s.textContent]);

describe("the compare panel", () => {
  it("shows the diff after its headers, by side, as text, with the legend", async () => {
    await panel.open(null);
    expect(root.hidden).toBe(false);
    expect(lines()).toEqual([
      ["hunk", "@@ -1 +1 @@\n"],
      ["del", "-<b>old</b>\n"],
      ["add", "+new\n"],
    ]);
    expect(root.querySelector("b")).toBeNull();
    expect(root.textContent).toContain("Lines marked − are in HEAD · a1b2c3d · Fix typo; lines marked + are yours.");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
  });

  it("follows the buffer after a pause while open, and not when closed", async () => {
    await panel.open(null);
    host.body = "newer";
    panel.edited();
    panel.edited();
    await vi.advanceTimersByTimeAsync(COMPARE_IDLE_MS);
    expect(asked).toHaveLength(2);
    expect(lines()[2]).toEqual(["add", "+newer\n"]);
    panel.close();
    panel.edited();
    await vi.advanceTimersByTimeAsync(COMPARE_IDLE_MS);
    expect(asked).toHaveLength(2);
  });

  it("keeps comparing with the commit it was opened on", async () => {
    await panel.open("abc1234");
    panel.gitChanged();
    await vi.advanceTimersByTimeAsync(COMPARE_IDLE_MS);
    expect(asked.map((a) => a.rev)).toEqual(["abc1234", "abc1234"]);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
  });

  it("toggles on HEAD from the button, and switches to HEAD from another commit", async () => {
    await panel.open("abc1234");
    panel.toggleHead();
    await vi.advanceTimersByTimeAsync(0);
    expect(panel.rev).toBeNull();
    panel.toggleHead();
    expect(root.hidden).toBe(true);
  });

  it("closes with Escape and gives the focus back", async () => {
    await panel.open(null);
    root.querySelector("pre")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(root.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it("closes with its button", async () => {
    await panel.open(null);
    root.querySelector<HTMLButtonElement>("[data-testid=git-diff-close]")!.click();
    expect(panel.isOpen).toBe(false);
  });

  it("closes when another post is shown, and stays with a renamed one", async () => {
    await panel.open(null);
    panel.postRenamed("posts/b.md");
    panel.postShown("posts/b.md");
    expect(panel.isOpen).toBe(true);
    panel.postShown("posts/c.md");
    expect(panel.isOpen).toBe(false);
  });

  it("reports a failure to open, and keeps quiet about a failed refresh", async () => {
    host.fail = true;
    await panel.open(null);
    expect(host.errors).toHaveLength(1);
    expect(root.hidden).toBe(true);
    host.fail = false;
    await panel.open(null);
    host.fail = true;
    panel.edited();
    await vi.advanceTimersByTimeAsync(COMPARE_IDLE_MS);
    expect(host.errors).toHaveLength(1);
    expect(root.hidden).toBe(false);
  });

  it("says when nothing differs, without an empty diff box", async () => {
    host.compare = async () => ({ rev: "HEAD", label: "HEAD · a1b2c3d · Fix typo", diff: "", existed: true });
    await panel.open(null);
    expect(root.querySelector<HTMLElement>("pre.diff")!.hidden).toBe(true);
    expect(root.textContent).toContain("No differences");
  });
});
