import { describe, expect, it } from "vitest";
import type { GitBranch, GitView } from "./ipc/bindings/Git";
import { branchLabel, branchTitle, changedPaths, gitAvailable, gitStates, gitStatus, stateOf } from "./git-view";

const branch = (fields: Partial<GitBranch> = {}): GitBranch => ({ head: "main", upstream: "origin/main", ahead: 0, behind: 0, ...fields });

const view: GitView = {
  available: true,
  reason: null,
  branch: branch({ ahead: 2, behind: 1 }),
  files: [
    { path: "blog/a.md", state: "modified" },
    { path: "blog/b.md", state: "new" },
    { path: "docs/c.md", state: "conflicted" },
  ],
};

const hidden: GitView = { available: false, reason: "git: this site is not in a repository", branch: branch({ head: null, upstream: null }), files: [{ path: "blog/a.md", state: "modified" }] };

describe("stateOf", () => {
  it("gives a changed post's state, and null for an unchanged one", () => {
    expect(stateOf(view, "blog/a.md")).toBe("modified");
    expect(stateOf(view, "docs/c.md")).toBe("conflicted");
    expect(stateOf(view, "blog/z.md")).toBeNull();
  });

  it("is null when git is unavailable or not read yet", () => {
    expect(stateOf(hidden, "blog/a.md")).toBeNull();
    expect(stateOf(null, "blog/a.md")).toBeNull();
    expect(stateOf(undefined, "blog/a.md")).toBeNull();
  });
});

describe("changedPaths and gitStates", () => {
  it("list the changed paths with their states", () => {
    expect(changedPaths(view)).toEqual(new Set(["blog/a.md", "blog/b.md", "docs/c.md"]));
    expect(gitStates(view).get("blog/b.md")).toBe("new");
  });

  it("are empty when git is unavailable", () => {
    expect(changedPaths(hidden).size).toBe(0);
    expect(gitStates(null).size).toBe(0);
    expect(gitAvailable(hidden)).toBe(false);
    expect(gitAvailable(view)).toBe(true);
  });
});

describe("branchLabel", () => {
  it("shows the branch with only the non-zero counts", () => {
    expect(branchLabel(branch({ ahead: 2, behind: 1 }))).toBe("main ↑2 ↓1");
    expect(branchLabel(branch({ ahead: 3 }))).toBe("main ↑3");
    expect(branchLabel(branch({ behind: 4 }))).toBe("main ↓4");
    expect(branchLabel(branch())).toBe("main");
  });

  it("says detached when there is no branch", () => {
    expect(branchLabel(branch({ head: null, upstream: null }))).toBe("detached");
    expect(branchLabel(branch({ head: null, ahead: 1 }))).toBe("detached ↑1");
  });

  it("explains itself in the tooltip", () => {
    expect(branchTitle(branch({ ahead: 2, behind: 1 }))).toBe("Branch main, tracking origin/main: 2 commits ahead, 1 behind");
    expect(branchTitle(branch())).toBe("Branch main, tracking origin/main, up to date");
    expect(branchTitle(branch({ head: null, upstream: null }))).toBe("Detached HEAD, no upstream");
  });
});

describe("gitStatus", () => {
  it("is the branch when git is available, the reason when not, nothing before git is read", () => {
    expect(gitStatus(view)).toEqual({ branch: "main ↑2 ↓1", title: "Branch main, tracking origin/main: 2 commits ahead, 1 behind" });
    expect(gitStatus(hidden)).toEqual({ reason: "git: this site is not in a repository" });
    expect(gitStatus(null)).toBeNull();
    expect(gitStatus({ ...hidden, reason: null })).toBeNull();
  });
});
