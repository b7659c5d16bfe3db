// The library pane as the first script draws it: the folder's name, the list, the skipped-files
// line, the indexing progress, and the start-up marks of when rows first painted. It holds
// nothing of the editor, so the window can show the posts before CodeMirror and the rest of the
// app have loaded (main.ts loads those after the first rows paint).
import { gitStatus } from "./git-view";
import type { GitView } from "./ipc/bindings/Git";
import type { IndexProgress } from "./ipc/bindings/IndexProgress";
import type { Library } from "./ipc/bindings/Library";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { SiteSummary } from "./ipc/bindings/Site";
import { LibraryList } from "./library";
import { afterPaint, metrics } from "./metrics";
import { SkippedFiles } from "./skipped-files";
import { SkippedFilesLine } from "./skipped-view";

const GENERATOR_NAMES: Record<string, string> = { astro: "Astro", hugo: "Hugo", jekyll: "Jekyll", eleventy: "Eleventy", zola: "Zola" };

export class LibraryPane {
  readonly list: LibraryList;
  /** What the folder's scan left alone, and the library's quiet line that says so. */
  private readonly skipped = new SkippedFiles();
  private readonly skippedLine: SkippedFilesLine;
  private readonly folder: HTMLElement;
  private readonly generator: HTMLElement;
  private readonly statusIndex: HTMLElement;
  private readonly gitBranch: HTMLElement | null;
  private readonly gitReason: HTMLElement | null;
  /** Where a click on a post goes; until the app has loaded, the last one clicked waits. */
  private opener: ((path: string) => void) | null = null;
  private waiting: string | null = null;
  private rowsShown!: () => void;
  /** Resolves once the first rows are painted, or the first scan finished with none. */
  readonly firstRowsPainted = new Promise<void>((resolve) => (this.rowsShown = resolve));

  constructor(root: Document) {
    const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    this.folder = $("#folder-name");
    this.generator = $("#site-generator");
    this.statusIndex = $("[data-testid=status-index]");
    this.gitBranch = root.querySelector<HTMLElement>("[data-testid=git-status]");
    this.gitReason = root.querySelector<HTMLElement>("[data-testid=git-reason]");
    this.skippedLine = new SkippedFilesLine($("[data-testid=skipped-files]"));
    this.list = new LibraryList($("[data-testid=post-list]"), $<HTMLInputElement>("[data-testid=search-input]"), (path) => {
      if (this.opener) this.opener(path);
      else this.waiting = path;
    });
  }

  /** From now on a click opens the post with `open`; a click made while the app loaded is
   *  handed over at once. */
  onOpen(open: (path: string) => void): void {
    this.opener = open;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting !== null && this.list.has(waiting)) open(waiting);
  }

  /** A folder's snapshot replaces the list. */
  show(lib: Library): void {
    this.folderRoot = lib.root;
    // Git first, so the new folder's rows are built with their states.
    this.showGit(lib.git);
    this.list.replaceAll(lib.posts);
    this.showSite(lib.site);
    this.skipped.snapshot(lib.skipped);
    this.skippedLine.show(this.skipped.list());
    this.showProgress(lib.progress);
    this.noteListPainted(lib.progress.finished);
  }

  /** A change to the folder, in the list. */
  apply(delta: LibraryDelta): void {
    this.list.apply(delta);
    if (delta.site) this.showSite(delta.site);
    if (delta.git) this.showGit(delta.git);
    if (this.skipped.apply(delta)) this.skippedLine.show(this.skipped.list());
    this.showProgress(delta.progress);
    this.noteListPainted(delta.progress.finished);
  }

  private folderRoot = "";

  /** The open folder's path ("" before one opens). */
  get root(): string {
    return this.folderRoot;
  }

  /** The site's name (its title, else its folder's), its generator, and its collections. */
  private showSite(site: SiteSummary): void {
    const folderName = this.folderRoot.split("/").filter(Boolean).pop() ?? this.folderRoot;
    this.folder.textContent = site.title ?? folderName;
    const isSite = site.generator !== "folder";
    this.generator.hidden = !isSite;
    this.generator.textContent = isSite ? GENERATOR_NAMES[site.generator] ?? site.generator : "";
    const outside = site.outside > 0 ? ` · ${site.outside.toLocaleString()} Markdown ${site.outside === 1 ? "file" : "files"} outside its collections` : "";
    this.folder.title = isSite ? `${this.folderRoot}\n${this.generator.textContent} site${outside}` : this.folderRoot;
    this.list.setCollections(site.collections);
    this.list.setLanguages(site.languages);
    this.site = site;
    for (const listener of this.siteListeners) listener(site);
  }

  /** The site as last shown (its languages, for the open post's translations). */
  site: SiteSummary | null = null;
  private readonly siteListeners: Array<(site: SiteSummary) => void> = [];

  /** Calls `listener` with the site each time it is shown (a folder opened, its config changed). */
  onSite(listener: (site: SiteSummary) => void): void {
    this.siteListeners.push(listener);
  }

  /** Git's view as last shown: null until the first scan has read it. */
  git: GitView | null = null;
  private readonly gitListeners: Array<(git: GitView | null) => void> = [];

  /** Calls `listener` with git's view each time it is shown (a folder opened, git's view of it
   *  changed: an edit, a commit, a checkout). */
  onGit(listener: (git: GitView | null) => void): void {
    this.gitListeners.push(listener);
  }

  /** Each changed post's state in the list, and the branch (or why git is hidden) in the
   *  status bar. */
  private showGit(git: GitView | null): void {
    this.git = git;
    this.list.setGit(git);
    const status = gitStatus(git);
    if (this.gitBranch) {
      const branch = status && "branch" in status ? status : null;
      this.gitBranch.hidden = branch === null;
      this.gitBranch.textContent = branch?.branch ?? "";
      this.gitBranch.title = branch?.title ?? "";
    }
    if (this.gitReason) {
      const reason = status && "reason" in status ? status.reason : null;
      this.gitReason.hidden = reason === null;
      this.gitReason.textContent = reason ?? "";
    }
    for (const listener of this.gitListeners) listener(git);
  }

  private showProgress(progress: IndexProgress): void {
    this.list.setProgress(progress.finished ? progress.total : progress.done, progress.total);
    // The status bar says it too, for when the library pane is hidden.
    this.statusIndex.hidden = progress.finished;
    this.statusIndex.textContent = progress.finished
      ? ""
      : `Indexing ${progress.done.toLocaleString()} of ${progress.total ? progress.total.toLocaleString() : "…"}`;
  }

  /** Start-up figures: when rows first showed, and when the first scan was all painted. */
  private noteListPainted(finished: boolean): void {
    if (metrics.listPaintedAtMs === null && this.list.count() > 0) {
      void afterPaint().then(() => {
        metrics.listPaintedAtMs ??= Date.now();
        this.rowsShown();
      });
    }
    if (finished && metrics.indexedAtMs === null) {
      void afterPaint().then(() => {
        metrics.indexedAtMs ??= Date.now();
        this.rowsShown();
      });
    }
  }
}
