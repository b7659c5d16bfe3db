// @vitest-environment happy-dom
// The library pane that the first script draws before the rest of the app loads: a click made
// in that gap must not be lost, and a folder's snapshot fills the list and the status line.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, expect, it } from "vitest";
import type { Library } from "./ipc/bindings/Library";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import { LibraryPane } from "./library-pane";

const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");

function post(path: string, collection: string | null = null): PostSummary {
  return { path, title: path, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection, lang: null, translationKey: null };
}

function folder(paths: string[], finished: boolean): Library {
  return {
    root: "/home/writer/site/posts",
    posts: paths.map((p) => post(p)),
    seq: 0,
    progress: { done: paths.length, total: finished ? paths.length : paths.length + 10, finished },
    skipped: [],
    site: { generator: "folder", title: null, collections: ["posts"], outside: 0, problems: [], languages: [], defaultLanguage: null },
    git: null,
  };
}

let pane: LibraryPane;

beforeEach(() => {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, "text/html").documentElement.innerHTML;
  pane = new LibraryPane(document);
});

const row = (path: string) => document.querySelector<HTMLElement>(`[data-testid=post-item][data-path="${path}"]`);

it("shows the folder's name and its posts, and says indexing goes on", () => {
  pane.show(folder(["a.md", "b.md"], false));
  expect(document.querySelector("#folder-name")!.textContent).toBe("posts");
  expect(row("a.md")).not.toBeNull();
  const status = document.querySelector<HTMLElement>("[data-testid=status-index]")!;
  expect(status.hidden).toBe(false);
  expect(status.textContent).toBe("Indexing 2 of 12");
});

it("hands a post clicked before the app loaded to the app when it takes over", () => {
  pane.show(folder(["a.md", "b.md"], true));
  row("b.md")!.click();
  const opened: string[] = [];
  pane.onOpen((path) => opened.push(path));
  expect(opened).toEqual(["b.md"]);
  row("a.md")!.click();
  expect(opened).toEqual(["b.md", "a.md"]);
});

it("opens nothing on take-over when nothing was clicked", () => {
  pane.show(folder(["a.md"], true));
  const opened: string[] = [];
  pane.onOpen((path) => opened.push(path));
  expect(opened).toEqual([]);
});

it("names a site by its title and generator, and switches between its collections", () => {
  const lib = folder([], true);
  lib.posts = [post("src/content/blog/a.md", "blog"), post("src/content/blog/b.md", "blog"), post("src/content/docs/c.md", "docs")];
  lib.site = { generator: "astro", title: "Field Notes", collections: ["blog", "docs"], outside: 1, problems: [], languages: [], defaultLanguage: null };
  pane.show(lib);
  expect(document.querySelector("#folder-name")!.textContent).toBe("Field Notes");
  const badge = document.querySelector<HTMLElement>("[data-testid=site-generator]")!;
  expect([badge.hidden, badge.textContent]).toEqual([false, "Astro"]);
  expect(document.querySelector<HTMLElement>("#folder-name")!.title).toContain("1 Markdown file outside its collections");
  const switcher = document.querySelector<HTMLSelectElement>("[data-testid=collection-switcher]")!;
  expect(switcher.closest<HTMLElement>(".tool-row")!.hidden).toBe(false);
  expect([...switcher.options].map((o) => o.textContent)).toEqual(["All collections (3)", "blog (2)", "docs (1)"]);
  switcher.value = "docs";
  switcher.dispatchEvent(new Event("change"));
  const shown = [...document.querySelectorAll<HTMLElement>("[data-testid=post-item]")].map((el) => el.dataset.path);
  expect(shown).toEqual(["src/content/docs/c.md"]);
  expect(document.querySelector("#library-count")!.textContent).toBe("1 post");
});

it("hides the switcher for a plain folder, which has one collection", () => {
  pane.show(folder(["a.md"], true));
  const switcher = document.querySelector<HTMLSelectElement>("[data-testid=collection-switcher]")!;
  expect(switcher.closest<HTMLElement>(".tool-row")!.hidden).toBe(true);
  expect(document.querySelector<HTMLElement>("[data-testid=site-generator]")!.hidden).toBe(true);
});

it("on a multilingual site, badges each row with its language and filters by it, within the collection", () => {
  const lib = folder([], true);
  const p = (path: string, collection: string, lang: string): PostSummary => ({ ...post(path, collection), lang, translationKey: path.replace(/\.\w\w\.md$|\.md$/, "") });
  lib.posts = [p("blog/a.md", "blog", "en"), p("blog/a.fr.md", "blog", "fr"), p("docs/b.md", "docs", "en")];
  lib.site = {
    generator: "hugo",
    title: "Field Notes",
    collections: ["blog", "docs"],
    outside: 0,
    problems: [],
    languages: [
      { code: "en", name: "English", dir: null, suffix: null, rtl: false },
      { code: "fr", name: null, dir: null, suffix: ".fr", rtl: false },
    ],
    defaultLanguage: "en",
  };
  pane.show(lib);
  expect(row("blog/a.fr.md")!.querySelector("[data-testid=lang-badge]")!.textContent).toBe("fr");
  const filter = document.querySelector<HTMLSelectElement>("[data-testid=language-filter]")!;
  expect(filter.closest<HTMLElement>(".tool")!.hidden).toBe(false);
  expect([...filter.options].map((o) => [o.textContent, o.value])).toEqual([
    ["All languages (3)", ""],
    ["English (en) (2)", "en"],
    ["fr (1)", "fr"],
  ]);
  filter.value = "en";
  filter.dispatchEvent(new Event("change"));
  const shown = () => [...document.querySelectorAll<HTMLElement>("[data-testid=post-item]")].map((el) => el.dataset.path);
  expect(shown().sort()).toEqual(["blog/a.md", "docs/b.md"]);
  const switcher = document.querySelector<HTMLSelectElement>("[data-testid=collection-switcher]")!;
  expect([...switcher.options].map((o) => o.textContent)).toEqual(["All collections (2)", "blog (1)", "docs (1)"]);
  switcher.value = "blog";
  switcher.dispatchEvent(new Event("change"));
  expect(shown()).toEqual(["blog/a.md"]);
  expect([...filter.options].map((o) => o.textContent)).toEqual(["All languages (2)", "English (en) (1)", "fr (1)"]);
  expect(document.querySelector("#library-count")!.textContent).toBe("1 post");
});

it("hides the language filter and badges on a one-language site", () => {
  const lib = folder([], true);
  lib.posts = [{ ...post("a.md"), lang: "en" }];
  pane.show(lib);
  expect(document.querySelector<HTMLElement>("[data-testid=language-filter]")!.closest<HTMLElement>(".tool")!.hidden).toBe(true);
  expect(document.querySelector("[data-testid=lang-badge]")).toBeNull();
});

it("shows each changed post's git state, the Changed filter and the branch; a delta replaces git's view", () => {
  const lib = folder(["a.md", "b.md", "c.md"], true);
  lib.git = { available: true, reason: null, branch: { head: "main", upstream: "origin/main", ahead: 2, behind: 0 }, files: [{ path: "a.md", state: "modified" }, { path: "c.md", state: "conflicted" }] };
  const seen: Array<string | null> = [];
  pane.onGit((git) => seen.push(git ? git.branch.head : null));
  pane.show(lib);
  const gitBadge = (path: string) => row(path)!.querySelector<HTMLElement>("[data-testid=git-badge]");
  expect(gitBadge("a.md")!.textContent).toBe("modified");
  expect(gitBadge("a.md")!.dataset.state).toBe("modified");
  expect(gitBadge("c.md")!.dataset.state).toBe("conflicted");
  expect(gitBadge("b.md")).toBeNull();
  const branch = document.querySelector<HTMLElement>("[data-testid=git-status]")!;
  const reason = document.querySelector<HTMLElement>("[data-testid=git-reason]")!;
  expect(branch.hidden).toBe(false);
  expect(branch.textContent).toBe("main ↑2");
  expect(reason.hidden).toBe(true);

  const changed = document.querySelector<HTMLInputElement>("[data-testid=changed-filter]")!;
  expect(changed.closest("label")!.hidden).toBe(false);
  changed.checked = true;
  changed.dispatchEvent(new Event("change"));
  const shown = () => [...document.querySelectorAll<HTMLElement>("[data-testid=post-item]")].map((el) => el.dataset.path).sort();
  expect(shown()).toEqual(["a.md", "c.md"]);

  // A terminal commit: a.md is clean, b.md new; the branch is further ahead.
  pane.apply({
    seq: 1, upserted: [], removed: [], renamed: [], external: [], problems: [], changedAtMs: 0, origin: "disk", progress: lib.progress,
    git: { ...lib.git, branch: { ...lib.git.branch, ahead: 3, behind: 1 }, files: [{ path: "b.md", state: "new" }] },
  });
  expect(shown()).toEqual(["b.md"]);
  expect(gitBadge("b.md")!.textContent).toBe("new");
  expect(branch.textContent).toBe("main ↑3 ↓1");
  expect(seen).toEqual(["main", "main"]);
});

it("hides the git parts and says why when git is unavailable", () => {
  const lib = folder(["a.md"], true);
  lib.git = { available: false, reason: "git: this site is not in a repository", branch: { head: null, upstream: null, ahead: 0, behind: 0 }, files: [] };
  pane.show(lib);
  const reason = document.querySelector<HTMLElement>("[data-testid=git-reason]")!;
  expect(reason.hidden).toBe(false);
  expect(reason.textContent).toBe("git: this site is not in a repository");
  expect(document.querySelector<HTMLElement>("[data-testid=git-status]")!.hidden).toBe(true);
  expect(document.querySelector<HTMLInputElement>("[data-testid=changed-filter]")!.closest("label")!.hidden).toBe(true);
  expect(document.querySelector("[data-testid=git-badge]")).toBeNull();
});
