// @vitest-environment happy-dom
// The History dialog with a fake backend: the list, the chosen version, the keyboard, Compare
// and Restore handed back to the host.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HistoryDialog, VERSION_IDLE_MS, type HistoryHost } from "./git-history-view";
import type { GitCommit, GitVersion } from "./ipc/bindings/Git";

const commit = (n: number, path = "posts/a.md"): GitCommit => ({
  hash: `${n}`.repeat(40).slice(0, 40),
  short: `${n}`.repeat(7),
  author: "Ann",
  date: new Date(2024, 0, n).toISOString(),
  subject: `Commit ${n}`,
  path,
});
const COMMITS = [commit(3), commit(2), commit(1, "posts/old.md")];
const versionOf = (c: GitCommit): GitVersion => ({
  hash: c.hash,
  short: c.short,
  path: c.path,
  text: `---\ntitle: ${c.subject}\n---\nBody ${c.short}\n`,
  restore: { path: "posts/a.md", baseHash: "", fields: [], frontMatterSource: `title: ${c.subject}\n`, body: `Body ${c.short}\n` },
});

let host: HistoryHost & { compared: GitCommit[]; restored: GitVersion[]; versions: string[]; canEdit: boolean };
let dialog: HistoryDialog;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
  host = {
    compared: [],
    restored: [],
    versions: [],
    canEdit: true,
    history: async () => COMMITS,
    version: async (path, hash) => {
      host.versions.push(`${path}@${hash.slice(0, 1)}`);
      return versionOf(COMMITS.find((c) => c.hash === hash)!);
    },
    compare: (c) => host.compared.push(c),
    restore: (v) => host.restored.push(v),
    editable: () => host.canEdit,
  };
  dialog = new HistoryDialog(host);
});

afterEach(() => {
  dialog.close();
  vi.useRealTimers();
});

const $ = (id: string) => document.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
const entries = () => [...document.querySelectorAll<HTMLElement>("[data-testid=history-entry]")];
const settle = () => vi.advanceTimersByTimeAsync(0);
const key = (k: string) => $("history-list").dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));

describe("the history dialog", () => {
  it("lists the commits newest first and shows the newest version", async () => {
    await dialog.open("posts/a.md");
    await settle();
    expect(entries().map((e) => e.dataset.hash?.slice(0, 1))).toEqual(["3", "2", "1"]);
    expect(entries()[0].textContent).toContain("Commit 3");
    expect(entries()[0].getAttribute("aria-selected")).toBe("true");
    expect($("history-version").textContent).toContain("Body 3333333");
    expect(entries()[2].textContent).toContain("Then named posts/old.md");
  });

  it("loads a clicked entry's version from its own path", async () => {
    await dialog.open("posts/a.md");
    await settle();
    entries()[2].click();
    await settle();
    expect(host.versions).toEqual(["posts/a.md@3", "posts/old.md@1"]);
    expect($("history-version").textContent).toContain("Body 1111111");
  });

  it("follows the arrows, loading only where the selection rests", async () => {
    await dialog.open("posts/a.md");
    await settle();
    key("ArrowDown");
    key("ArrowDown");
    await vi.advanceTimersByTimeAsync(VERSION_IDLE_MS);
    expect(host.versions).toEqual(["posts/a.md@3", "posts/old.md@1"]);
    expect(entries()[2].getAttribute("aria-selected")).toBe("true");
  });

  it("hands Restore the chosen version and closes", async () => {
    await dialog.open("posts/a.md");
    await settle();
    entries()[1].click();
    await settle();
    $("history-restore").click();
    expect(host.restored.map((v) => v.short)).toEqual(["2222222"]);
    expect(dialog.isOpen).toBe(false);
  });

  it("offers no Restore on a read-only post", async () => {
    host.canEdit = false;
    await dialog.open("posts/a.md");
    await settle();
    expect(($("history-restore") as HTMLButtonElement).disabled).toBe(true);
  });

  it("hands Compare the chosen commit and closes", async () => {
    await dialog.open("posts/a.md");
    await settle();
    $("history-compare").click();
    expect(host.compared.map((c) => c.short)).toEqual(["3333333"]);
    expect(dialog.isOpen).toBe(false);
  });

  it("reopens on the commit chosen last for the same post", async () => {
    await dialog.open("posts/a.md");
    await settle();
    entries()[1].click();
    await settle();
    dialog.close();
    await dialog.open("posts/a.md");
    await settle();
    expect(entries()[1].getAttribute("aria-selected")).toBe("true");
    dialog.close();
    await dialog.open("posts/b.md");
    await settle();
    expect(entries()[0].getAttribute("aria-selected")).toBe("true");
  });

  it("says when a post has no commits", async () => {
    host.history = async () => [];
    await dialog.open("posts/new.md");
    expect(entries()).toHaveLength(0);
    expect(document.querySelector(".history-message")!.textContent).toMatch(/no commits yet/);
    expect(($("history-restore") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the backend's message when the history cannot be read", async () => {
    host.history = () => Promise.reject({ kind: "git", message: "git failed: bad object" });
    await dialog.open("posts/a.md");
    expect(document.querySelector(".history-message")!.textContent).toBe("git failed: bad object");
  });
});
