import { describe, expect, it } from "vitest";
import type { GitBranch, GitView } from "./ipc/bindings/Git";
import { progressLine, summaryLine, syncControls, syncFailed, syncSucceeded } from "./sync-state";

const view = (branch: Partial<GitBranch> = {}, files: GitView["files"] = []): GitView => ({
  available: true,
  reason: null,
  branch: { head: "main", upstream: "origin/main", ahead: 0, behind: 0, ...branch },
  files,
});

describe("syncControls", () => {
  it("shows pull and push when git is available, commit only when something changed", () => {
    expect(syncControls(view(), null)).toMatchObject({ shown: true, commit: false });
    expect(syncControls(view({}, [{ path: "a.md", state: "modified" }]), null).commit).toBe(true);
    const hidden = syncControls({ ...view({}, [{ path: "a.md", state: "modified" }]), available: false, reason: "no git" }, null);
    expect([hidden.shown, hidden.commit]).toEqual([false, false]);
    expect(syncControls(null, null).shown).toBe(false);
  });

  it("emphasises push when ahead and pull when behind", () => {
    const c = syncControls(view({ ahead: 2 }), null);
    expect([c.push.emphasis, c.pull.emphasis]).toEqual([true, false]);
    expect(c.push.title).toBe("Push 2 commits to origin/main");
    const d = syncControls(view({ behind: 1 }), null);
    expect([d.push.emphasis, d.pull.emphasis]).toEqual([false, true]);
    expect(d.pull.title).toBe("Pull 1 commit from origin/main");
    expect(syncControls(view({ upstream: null }), null).push.title).toContain("no upstream");
  });

  it("disables both while one runs, and says which", () => {
    const c = syncControls(view({ ahead: 2 }), "push");
    expect([c.push.disabled, c.pull.disabled, c.push.label, c.pull.label, c.push.emphasis]).toEqual([true, true, "Pushing…", "Pull", false]);
    expect(syncControls(view(), "pull").pull.label).toBe("Pulling…");
  });
});

describe("progressLine", () => {
  it("shows the phase and percent", () => {
    expect(progressLine({ op: "push", phase: "Writing objects", percent: 45, line: "Writing objects:  45% (9/20)" })).toBe("Pushing: Writing objects 45%");
    expect(progressLine({ op: "pull", phase: "", percent: null, line: "From github.com:me/blog" })).toBe("Pulling: From github.com:me/blog");
    expect(progressLine({ op: "pull", phase: " ", percent: null, line: "" })).toBe("Pulling…");
  });
});

describe("reports", () => {
  it("pass git's summary on one line", () => {
    expect(summaryLine("To github.com:me/blog.git\n   a1b2c3d..e4f5a6b  main -> main\n")).toBe("To github.com:me/blog.git · a1b2c3d..e4f5a6b  main -> main");
    expect(syncSucceeded({ op: "push", summary: "Everything up-to-date\n", changed: [] })).toBe("Pushed. Everything up-to-date");
    expect(syncSucceeded({ op: "pull", summary: "Fast-forward\n 2 files changed", changed: ["a.md", "b.md"] })).toBe("Pulled, 2 files changed. Fast-forward · 2 files changed");
    expect(syncSucceeded({ op: "pull", summary: "", changed: [] })).toBe("Pulled.");
  });

  it("keep git's message and advice on failure", () => {
    const e = syncFailed("push", { kind: "git", message: "! [rejected] main -> main (fetch first)\nhint: Pull first, then push again.", path: null });
    expect(e.kind).toBe("git");
    expect(e.message).toBe("The push did not go through.\n! [rejected] main -> main (fetch first)\nhint: Pull first, then push again.");
  });
});
