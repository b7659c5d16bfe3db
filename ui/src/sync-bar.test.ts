// @vitest-environment happy-dom
// The status bar's git controls on the real index.html: what shows for git's view, the running
// push with its progress line, and the news or notice after.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { AppError } from "./ipc/bindings/AppError";
import type { GitView, SyncOutcome } from "./ipc/bindings/Git";
import { SyncBar } from "./sync-bar";

const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");

const view = (ahead = 0, behind = 0, files: GitView["files"] = []): GitView => ({
  available: true,
  reason: null,
  branch: { head: "main", upstream: "origin/main", ahead, behind },
  files,
});

let bar: SyncBar;
let infos: string[];
let notices: AppError[];
let commits: number;
let finishPush: (outcome: SyncOutcome) => void;
let failPull: (error: AppError) => void;

const $ = <T extends HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid=${testid}]`)!;

beforeEach(() => {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, "text/html").documentElement.innerHTML;
  infos = [];
  notices = [];
  commits = 0;
  bar = new SyncBar(
    document,
    {
      gitPush: () => new Promise((resolve) => (finishPush = resolve)),
      gitPull: () => new Promise((_, reject) => (failPull = reject)),
    },
    { info: (m) => infos.push(m), notice: (e) => notices.push(e), commit: () => commits++ },
  );
});

describe("the status bar's git controls", () => {
  it("are hidden until git reads the site, and Commit… shows only when something changed", () => {
    expect(document.querySelector<HTMLElement>("#git-sync")!.hidden).toBe(true);
    bar.showGit(view());
    expect(document.querySelector<HTMLElement>("#git-sync")!.hidden).toBe(false);
    expect($("git-commit-open").hidden).toBe(true);
    bar.showGit(view(0, 0, [{ path: "a.md", state: "modified" }]));
    expect($("git-commit-open").hidden).toBe(false);
    $("git-commit-open").click();
    expect(commits).toBe(1);
    bar.showGit({ ...view(), available: false, reason: "git is not installed" });
    expect(document.querySelector<HTMLElement>("#git-sync")!.hidden).toBe(true);
  });

  it("emphasise push when ahead and pull when behind", () => {
    bar.showGit(view(2, 0));
    expect($("git-push").classList.contains("emphasis")).toBe(true);
    expect($("git-pull").classList.contains("emphasis")).toBe(false);
    bar.showGit(view(0, 3));
    expect($("git-push").classList.contains("emphasis")).toBe(false);
    expect($("git-pull").classList.contains("emphasis")).toBe(true);
  });

  it("disable the buttons and show git's progress while a push runs, then the news", async () => {
    bar.showGit(view(1, 0));
    $("git-push").click();
    expect($<HTMLButtonElement>("git-push").disabled).toBe(true);
    expect($<HTMLButtonElement>("git-pull").disabled).toBe(true);
    expect($("git-push").textContent).toBe("Pushing…");
    bar.progress({ op: "push", phase: "Writing objects", percent: 60, line: "" });
    expect($("git-progress").hidden).toBe(false);
    expect($("git-progress").textContent).toBe("Pushing: Writing objects 60%");
    bar.progress({ op: "pull", phase: "Receiving objects", percent: 10, line: "" });
    expect($("git-progress").textContent).toBe("Pushing: Writing objects 60%");
    finishPush({ op: "push", summary: "To origin\n   a..b  main -> main", changed: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(infos).toEqual(["Pushed. To origin · a..b  main -> main"]);
    expect($("git-progress").hidden).toBe(true);
    expect($<HTMLButtonElement>("git-push").disabled).toBe(false);
    expect($("git-push").textContent).toBe("Push");
  });

  it("pass git's message and advice on when a pull fails", async () => {
    bar.showGit(view(0, 1));
    const running = bar.run("pull");
    failPull({ kind: "git", message: "fatal: Not possible to fast-forward, aborting.\nhint: pull with --rebase or merge.", path: null });
    await running;
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toBe("The pull did not go through.\nfatal: Not possible to fast-forward, aborting.\nhint: pull with --rebase or merge.");
    expect($<HTMLButtonElement>("git-pull").disabled).toBe(false);
  });
});
