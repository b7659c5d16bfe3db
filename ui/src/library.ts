// The library list: every post in the folder, sorted, filtered and searched, drawn as a virtual
// list so 10,000 posts scroll like 10. It owns the list's DOM, its toolbar controls and its
// keyboard handling. What shows and in which order is decided by library-model.ts; this file
// only draws it, and never builds HTML from post data (titles go in as text nodes).
import type { GitView } from "./ipc/bindings/Git";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { Language } from "./ipc/bindings/Site";
import { markRanges } from "./fuzzy";
import { gitAvailable, gitStates } from "./git-view";
import { languageName } from "./translations";
import {
  LibraryModel,
  defaultDirection,
  revealScrollTop,
  scopeCounts,
  stepIndex,
  visibleRange,
  type Entry,
  type Facet,
  type Row,
  type SortKey,
  type StatusFilter,
} from "./library-model";

/** Every row is this tall (styles.css reads it from --row-height); the window math needs it. */
export const ROW_HEIGHT = 52;
/** Rows drawn above and below the viewport, so a fast scroll doesn't show blank space. */
const OVERSCAN = 6;
/** Used before the list has been laid out (no height yet): enough rows for a tall window. */
const FALLBACK_VIEWPORT = 1200;
const TAGS_SHOWN = 3;

/** The toolbar around the list. Each one is optional: the list works without any of them. */
export type LibraryControls = {
  sort: HTMLSelectElement;
  direction: HTMLButtonElement;
  status: HTMLSelectElement;
  tag: HTMLSelectElement;
  category: HTMLSelectElement;
  problems: HTMLInputElement;
  /** "Changed": only posts git reports changed (shown only when git is available). */
  changed: HTMLInputElement;
  /** The indexing progress line under the search box. */
  progress: HTMLElement;
  /** "12 of 340 posts" */
  summary: HTMLElement;
  clear: HTMLButtonElement;
  collection: HTMLSelectElement;
  /** The language filter, beside the collection switcher (multilingual sites only). */
  language: HTMLSelectElement;
};

/** Finds the toolbar controls inside the library pane that holds `list`, by their ids. */
export function findLibraryControls(list: HTMLElement): Partial<LibraryControls> {
  const root: ParentNode = list.closest(".library") ?? document;
  const get = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector) ?? undefined;
  return {
    sort: get<HTMLSelectElement>("#library-sort"),
    direction: get<HTMLButtonElement>("#library-direction"),
    status: get<HTMLSelectElement>("#library-status"),
    tag: get<HTMLSelectElement>("#library-tag"),
    category: get<HTMLSelectElement>("#library-category"),
    collection: get<HTMLSelectElement>("#library-collection"),
    language: get<HTMLSelectElement>("#library-language"),
    problems: get<HTMLInputElement>("#library-problems"),
    changed: get<HTMLInputElement>("#library-changed"),
    progress: get<HTMLElement>("[data-testid=index-progress]"),
    summary: get<HTMLElement>("#library-count"),
    clear: get<HTMLButtonElement>("#library-clear"),
  };
}

/** Appends `text` to `el`, with the characters at `positions` wrapped in <mark>. Text nodes
 *  only: post titles never pass through HTML parsing. */
export function appendHighlighted(el: HTMLElement, text: string, positions: readonly number[]): void {
  let at = 0;
  for (const [start, end] of markRanges(positions)) {
    if (start >= text.length) break;
    if (start > at) el.append(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    el.append(mark);
    at = end;
  }
  if (at < text.length) el.append(document.createTextNode(text.slice(at)));
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}

function directionLabel(key: SortKey, descending: boolean): string {
  if (key === "date" || key === "updated") return descending ? "Newest first" : "Oldest first";
  return descending ? "Z to A" : "A to Z";
}

type Drawn = { el: HTMLElement; entry: Entry; marksKey: string };

export class LibraryList {
  private readonly model = new LibraryModel();
  private activePath: string | null = null;
  /** The keyboard selection; follows the open post until the writer moves it. */
  private cursorPath: string | null = null;
  /** Rows in the DOM now, by path: reused as long as their summary and marks are unchanged. */
  private drawn = new Map<string, Drawn>();
  private facetSignature = { tag: "", category: "" };
  private readonly shownListeners: Array<() => void> = [];
  /** The rows last reported to `shownListeners` (the model's cached array, compared by identity). */
  private reportedRows: unknown = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly search: HTMLInputElement,
    private readonly onOpen: (path: string) => void,
    private readonly controls: Partial<LibraryControls> = findLibraryControls(list),
  ) {
    list.setAttribute("role", "listbox");
    if (!list.hasAttribute("aria-label")) list.setAttribute("aria-label", "Posts");
    list.classList.add("virtual");
    list.style.setProperty("--row-height", `${ROW_HEIGHT}px`);

    search.addEventListener("input", () => {
      this.model.setOptions({ query: search.value });
      this.list.scrollTop = 0;
      this.render();
    });
    search.addEventListener("keydown", (event) => this.onSearchKey(event));
    list.addEventListener("click", (event) => {
      const path = this.rowPath(event.target);
      if (path === null) return;
      this.cursorPath = path;
      this.onOpen(path);
    });
    list.addEventListener("focusin", (event) => {
      const path = this.rowPath(event.target);
      if (path !== null && path !== this.cursorPath) {
        this.cursorPath = path;
        this.render();
      }
    });
    list.addEventListener("keydown", (event) => this.onListKey(event));
    list.addEventListener("scroll", () => this.render(), { passive: true });
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => this.render()).observe(list);

    this.wireControls();
    this.syncControls();
    this.render();
  }

  /** A new folder. Sort, status and problems filters stay; tag and category are the old
   *  folder's values, so they reset. */
  replaceAll(posts: PostSummary[]): void {
    this.model.setAll(posts);
    this.model.setOptions({ tag: null, category: null });
    this.cursorPath = null;
    this.list.scrollTop = 0;
    this.refresh();
  }

  apply(delta: LibraryDelta): void {
    this.model.update(delta.upserted, delta.removed);
    this.model.setProblems(delta.problems);
    this.refresh();
  }

  upsert(post: PostSummary): void {
    this.model.update([post]);
    this.refresh();
  }

  has(path: string): boolean {
    return this.model.has(path);
  }

  /** A post's summary (its language, its translations' key), whatever the filters hide. */
  summary(path: string): PostSummary | undefined {
    return this.model.get(path);
  }

  /** Marks the open post. The keyboard selection moves to it too. */
  setActive(path: string | null): void {
    this.activePath = path;
    if (path !== null) this.cursorPath = path;
    this.render();
  }

  /** Every post's summary, in the list's sort order, whatever the filters hide (quick open). */
  posts(): PostSummary[] {
    return this.model.all();
  }

  /** The posts the list shows (search and filters applied), in its order, with their git
   *  state: the table's rows, so the library's search and filters narrow the table too. */
  shown(): Entry[] {
    return this.model.rows().map((row) => row.entry);
  }

  /** The collection the switcher shows, or null for all. */
  collection(): string | null {
    return this.model.getOptions().collection;
  }

  /** `listener` hears when the shown posts change (a search, a filter, a delta); not on
   *  scrolling. */
  onShownChange(listener: () => void): void {
    this.shownListeners.push(listener);
  }

  /** Posts in the folder, whatever the filters hide. */
  count(): number {
    return this.model.size;
  }

  /** Posts the list shows with the current search and filters. */
  shownCount(): number {
    return this.model.rows().length;
  }

  /**
   * Scrolls so the post's row is in view, centring it when it was out of view. Returns false
   * when the post isn't in the list (unknown, or hidden by the search or a filter).
   */
  scrollToPath(path: string): boolean {
    const index = this.model.indexOf(path);
    if (index < 0) return false;
    const viewport = this.list.clientHeight;
    if (viewport > 0) {
      const top = index * ROW_HEIGHT;
      const scrollTop = this.list.scrollTop;
      if (top < scrollTop || top + ROW_HEIGHT > scrollTop + viewport) {
        this.list.scrollTop = Math.max(0, top - (viewport - ROW_HEIGHT) / 2);
      }
    }
    this.render();
    return true;
  }

  /** Indexing progress under the search box; hidden once `done` reaches `total`. */
  setProgress(done: number, total: number): void {
    const el = this.controls.progress;
    if (!el) return;
    const finished = total <= 0 || done >= total;
    el.hidden = finished;
    if (finished) return;
    el.setAttribute("role", "progressbar");
    el.setAttribute("aria-valuemin", "0");
    el.setAttribute("aria-valuemax", String(total));
    el.setAttribute("aria-valuenow", String(done));
    el.style.setProperty("--progress", `${Math.min(100, (100 * done) / total).toFixed(1)}%`);
    el.textContent = `Indexing ${done.toLocaleString()} of ${plural(total, "post")}…`;
  }

  // Controls

  private wireControls(): void {
    const c = this.controls;
    c.sort?.addEventListener("change", () => {
      const sort = c.sort!.value as SortKey;
      this.model.setOptions({ sort, direction: defaultDirection(sort) });
      this.afterViewChange();
    });
    c.direction?.addEventListener("click", () => {
      const { direction } = this.model.getOptions();
      this.model.setOptions({ direction: direction === "asc" ? "desc" : "asc" });
      this.afterViewChange();
    });
    c.status?.addEventListener("change", () => {
      this.model.setOptions({ status: c.status!.value as StatusFilter });
      this.afterViewChange();
    });
    c.tag?.addEventListener("change", () => {
      this.model.setOptions({ tag: c.tag!.value === "" ? null : c.tag!.value });
      this.afterViewChange();
    });
    c.category?.addEventListener("change", () => {
      this.model.setOptions({ category: c.category!.value === "" ? null : c.category!.value });
      this.afterViewChange();
    });
    c.collection?.addEventListener("change", () => {
      this.model.setOptions({ collection: c.collection!.value === "" ? null : c.collection!.value });
      this.afterViewChange();
    });
    c.language?.addEventListener("change", () => {
      this.model.setOptions({ lang: c.language!.value === "" ? null : c.language!.value });
      this.afterViewChange();
    });
    c.problems?.addEventListener("change", () => {
      this.model.setOptions({ problems: c.problems!.checked });
      this.afterViewChange();
    });
    c.changed?.addEventListener("change", () => {
      this.model.setOptions({ changed: c.changed!.checked });
      this.afterViewChange();
    });
    c.clear?.addEventListener("click", () => {
      this.search.value = "";
      this.model.setOptions({ query: "", status: "all", tag: null, category: null, problems: false, changed: false });
      this.afterViewChange();
      this.search.focus();
    });
  }

  /** A new order or filter: start from the top, where the first result is. */
  private afterViewChange(): void {
    this.list.scrollTop = 0;
    this.refresh();
  }

  /** Control states from the model's options (after a reset, or on startup). */
  private syncControls(): void {
    const c = this.controls;
    const o = this.model.getOptions();
    if (c.sort) c.sort.value = o.sort;
    if (c.status) c.status.value = o.status;
    if (c.problems) c.problems.checked = o.problems;
    if (c.changed) {
      c.changed.checked = o.changed;
      const label = c.changed.closest<HTMLElement>("label") ?? c.changed;
      label.hidden = !this.gitShown;
    }
    if (c.direction) {
      const label = directionLabel(o.sort, o.direction === "desc");
      c.direction.textContent = o.direction === "desc" ? "↓" : "↑";
      c.direction.setAttribute("aria-label", `Sort direction: ${label}`);
      c.direction.title = label;
    }
    this.syncFacet(c.tag, "tag", this.model.facets().tags, o.tag, "All tags");
    this.syncFacet(c.category, "category", this.model.facets().categories, o.category, "All categories");
    this.syncCollections();
  }

  /** The site's collections, in the site's order, for the switcher. */
  private collections: string[] = [];
  private collectionSignature = "";
  /** The site's languages (empty unless it has more than one), the default first. */
  private languages: Language[] = [];
  private languageSignature = "";
  /** Posts in the chosen collection and language, counted when the posts change (every
   *  refresh), for the list's count; scrolling reuses it. */
  private scopeTotal = 0;

  /** Whether git read the site: the "Changed" filter shows only then. */
  private gitShown = false;

  /** Git's view changed (or a folder opened): each changed post's row shows its state, and the
   *  "Changed" filter shows while git is available. Null (not read yet) or unavailable git
   *  shows neither, and turns the filter off. */
  setGit(view: GitView | null): void {
    this.gitShown = gitAvailable(view);
    if (!this.gitShown && this.model.getOptions().changed) this.model.setOptions({ changed: false });
    this.model.setGit(gitStates(view));
    this.refresh();
  }

  /** A post's state in git, or null when it is unchanged. */
  gitState(path: string): GitView["files"][number]["state"] | null {
    return this.model.gitState(path);
  }

  /** The site's collections changed (a folder opened, a config file edited). The switcher
   *  shows only when there is more than one. */
  setCollections(names: readonly string[]): void {
    this.collections = [...names];
    const chosen = this.model.getOptions().collection;
    if (chosen !== null && !names.includes(chosen)) this.model.setOptions({ collection: null });
    this.refresh();
  }

  /** The site's languages changed. With more than one, each row shows its post's language and
   *  the language filter shows; a one-language site has neither. */
  setLanguages(languages: readonly Language[]): void {
    const wasMultilingual = this.languages.length > 0;
    this.languages = [...languages];
    const chosen = this.model.getOptions().lang;
    if (chosen !== null && !languages.some((l) => l.code === chosen)) this.model.setOptions({ lang: null });
    if (wasMultilingual !== this.languages.length > 0) {
      // Rows are reused while their post is unchanged: redraw them with or without the badge.
      for (const drawn of this.drawn.values()) drawn.el.remove();
      this.drawn.clear();
    }
    this.refresh();
  }

  private syncCollections(): void {
    const options = this.model.getOptions();
    const counts = scopeCounts(this.model.all(), options);
    this.scopeTotal = counts.total;
    const switcher = this.controls.collection;
    const filter = this.controls.language;
    if (switcher) {
      const chosen = options.collection;
      const signature = JSON.stringify([chosen, this.collections, [...counts.collections]]);
      if (signature !== this.collectionSignature) {
        this.collectionSignature = signature;
        const total = [...counts.collections.values()].reduce((a, b) => a + b, 0);
        switcher.replaceChildren(
          option(`All collections (${total.toLocaleString()})`, ""),
          ...this.collections.map((name) => option(`${name} (${(counts.collections.get(name) ?? 0).toLocaleString()})`, name)),
        );
        switcher.value = chosen ?? "";
      }
    }
    if (filter) {
      const chosen = options.lang;
      const signature = JSON.stringify([chosen, this.languages, [...counts.languages]]);
      if (signature !== this.languageSignature) {
        this.languageSignature = signature;
        const total = [...counts.languages.values()].reduce((a, b) => a + b, 0);
        filter.replaceChildren(
          option(`All languages (${total.toLocaleString()})`, ""),
          ...this.languages.map((l) => option(`${languageName(l)} (${(counts.languages.get(l.code) ?? 0).toLocaleString()})`, l.code)),
        );
        filter.value = chosen ?? "";
      }
    }
    const showSwitcher = this.collections.length >= 2;
    const showFilter = this.languages.length > 0;
    const switcherTool = switcher?.closest<HTMLElement>(".tool");
    const filterTool = filter?.closest<HTMLElement>(".tool");
    if (switcherTool) switcherTool.hidden = !showSwitcher;
    if (filterTool) filterTool.hidden = !showFilter;
    const row = (switcher ?? filter)?.closest<HTMLElement>(".tool-row");
    if (row) row.hidden = !showSwitcher && !showFilter;
  }

  /** Rebuilds a tag or category select when its values or counts changed. A chosen value that
   *  no post has any more stays listed, with a count of 0, rather than silently resetting. */
  private syncFacet(select: HTMLSelectElement | undefined, kind: "tag" | "category", values: Facet[], chosen: string | null, allLabel: string): void {
    if (!select) return;
    const options = chosen !== null && !values.some((f) => f.value === chosen) ? [{ value: chosen, count: 0 }, ...values] : values;
    const signature = JSON.stringify([chosen, options]);
    if (signature === this.facetSignature[kind]) return;
    this.facetSignature[kind] = signature;
    select.replaceChildren(option(allLabel, ""), ...options.map((f) => option(`${f.value} (${f.count.toLocaleString()})`, f.value)));
    select.value = chosen ?? "";
    select.disabled = options.length === 0;
  }

  private refresh(): void {
    this.syncControls();
    this.render();
  }

  // Keyboard

  private onSearchKey(event: KeyboardEvent): void {
    const rows = this.model.rows();
    if (event.key === "ArrowDown" && rows.length > 0) {
      event.preventDefault();
      const current = this.cursorPath === null ? -1 : this.model.indexOf(this.cursorPath);
      this.moveCursor(current >= 0 ? current : 0);
    } else if (event.key === "Enter" && rows.length > 0 && !event.isComposing) {
      // Enter in the search box opens the best match.
      event.preventDefault();
      const path = rows[0].entry.post.path;
      this.cursorPath = path;
      this.onOpen(path);
    } else if (event.key === "Escape" && this.search.value !== "") {
      event.preventDefault();
      this.search.value = "";
      this.model.setOptions({ query: "" });
      this.render();
      if (this.activePath !== null) this.scrollToPath(this.activePath);
    }
  }

  private onListKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.model.rows().length;
    const fromTarget = this.rowPath(event.target);
    const path = fromTarget ?? this.cursorPath;
    const current = path === null ? -1 : this.model.indexOf(path);
    const page = Math.max(1, Math.floor((this.list.clientHeight || FALLBACK_VIEWPORT) / ROW_HEIGHT) - 1);
    let next: number;
    switch (event.key) {
      case "ArrowDown":
        next = stepIndex(current, 1, count);
        break;
      case "ArrowUp":
        if (current === 0) {
          event.preventDefault();
          this.search.focus();
          return;
        }
        next = stepIndex(current, -1, count);
        break;
      case "PageDown":
        next = stepIndex(current, page, count);
        break;
      case "PageUp":
        next = stepIndex(current, -page, count);
        break;
      case "Home":
        next = count > 0 ? 0 : -1;
        break;
      case "End":
        next = count - 1;
        break;
      case "Enter":
        if (path !== null && current >= 0) {
          event.preventDefault();
          this.onOpen(path);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next >= 0) this.moveCursor(next);
  }

  private moveCursor(index: number): void {
    const row = this.model.rows()[index];
    if (!row) return;
    this.cursorPath = row.entry.post.path;
    const viewport = this.list.clientHeight;
    if (viewport > 0) this.list.scrollTop = revealScrollTop(index, ROW_HEIGHT, this.list.scrollTop, viewport);
    this.render();
    this.drawn.get(this.cursorPath)?.el.focus({ preventScroll: true });
  }

  private rowPath(target: EventTarget | null): string | null {
    if (!(target instanceof Element)) return null;
    const item = target.closest<HTMLElement>("[data-testid=post-item]");
    return item && this.list.contains(item) ? (item.dataset.path ?? null) : null;
  }

  // Drawing

  /** Draws the rows in the scroll window, reusing the ones already there. */
  private render(): void {
    const rows = this.model.rows();
    if (rows !== this.reportedRows) {
      this.reportedRows = rows;
      for (const listener of this.shownListeners) listener();
    }
    const count = rows.length;
    const focusWasInside = this.list.contains(document.activeElement);
    this.list.style.setProperty("--list-height", `${count * ROW_HEIGHT}px`);
    this.list.classList.toggle("is-empty", count === 0);

    const viewport = this.list.clientHeight || FALLBACK_VIEWPORT;
    const { start, end } = visibleRange(this.list.scrollTop, viewport, ROW_HEIGHT, count, OVERSCAN);
    const indexes: number[] = [];
    for (let i = start; i < end; i++) indexes.push(i);
    // The focused row stays in the DOM while scrolled away, or focus would drop to the body.
    const cursorIndex = this.cursorPath === null ? -1 : this.model.indexOf(this.cursorPath);
    if (focusWasInside && cursorIndex >= 0 && (cursorIndex < start || cursorIndex >= end)) {
      if (cursorIndex < start) indexes.unshift(cursorIndex);
      else indexes.push(cursorIndex);
    }
    // One row takes Tab into the list: the selection if drawn, else the open post, else the first.
    const tabbable =
      cursorIndex >= 0 && indexes.includes(cursorIndex)
        ? this.cursorPath
        : this.activePath !== null && indexes.includes(this.model.indexOf(this.activePath))
          ? this.activePath
          : count > 0 && indexes.length > 0
            ? rows[indexes[0]].entry.post.path
            : null;

    const next = new Map<string, Drawn>();
    const ordered: HTMLElement[] = [];
    for (const i of indexes) {
      const row = rows[i];
      const path = row.entry.post.path;
      const marksKey = row.marks.join(",");
      let drawn = this.drawn.get(path);
      if (!drawn || drawn.entry !== row.entry || drawn.marksKey !== marksKey) {
        drawn = { el: this.buildRow(row), entry: row.entry, marksKey };
      }
      const el = drawn.el;
      el.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      el.setAttribute("aria-posinset", String(i + 1));
      el.setAttribute("aria-setsize", String(count));
      el.setAttribute("aria-selected", String(path === this.cursorPath));
      el.classList.toggle("active", path === this.activePath);
      if (path === this.activePath) el.setAttribute("aria-current", "true");
      else el.removeAttribute("aria-current");
      el.tabIndex = path === tabbable ? 0 : -1;
      next.set(path, drawn);
      ordered.push(el);
    }
    for (const [path, drawn] of this.drawn) if (next.get(path) !== drawn) drawn.el.remove();
    // Keep DOM order equal to list order, for assistive tech and for anyone reading the DOM.
    ordered.forEach((el, i) => {
      if (this.list.children[i] !== el) this.list.insertBefore(el, this.list.children[i] ?? null);
    });
    this.drawn = next;

    if (focusWasInside && !this.list.contains(document.activeElement) && this.cursorPath !== null) {
      this.drawn.get(this.cursorPath)?.el.focus({ preventScroll: true });
    }
    this.renderSummary(count);
  }

  private renderSummary(shown: number): void {
    const { summary, clear } = this.controls;
    const filtered = this.model.isFiltered();
    // Within a chosen collection or language, that is the whole: "6 posts", "2 of 6 posts".
    const total = this.scopeTotal;
    if (summary) {
      summary.textContent =
        total === 0 ? "No posts" : !filtered ? plural(total, "post") : shown === 0 ? "No posts match" : `${shown.toLocaleString()} of ${plural(total, "post")}`;
    }
    if (clear) clear.hidden = !filtered;
  }

  private buildRow(row: Row): HTMLElement {
    const { entry, marks } = row;
    const post = entry.post;
    const item = document.createElement("li");
    item.className = "post-item";
    item.dataset.testid = "post-item";
    item.dataset.path = post.path;
    // For tests and styles: the post's language and git state wherever they are known, even
    // where no badge shows them (a one-language site has no language badge).
    if (post.lang) item.dataset.lang = post.lang;
    if (entry.git !== null) item.dataset.git = entry.git;
    item.setAttribute("role", "option");
    item.title = post.path;

    const title = document.createElement("div");
    title.className = "post-title";
    appendHighlighted(title, entry.label, marks);

    const meta = document.createElement("div");
    meta.className = "post-meta";
    const date = document.createElement("span");
    date.className = entry.dateText ? "post-date" : "post-date undated";
    date.textContent = entry.dateText ?? "No date";
    meta.append(date);
    if (this.languages.length > 0 && post.lang) {
      const lang = badge("lang", post.lang, "lang-badge");
      lang.title = languageName(this.languages.find((l) => l.code === post.lang) ?? { code: post.lang, name: null });
      meta.append(lang);
    }
    if (entry.git !== null) {
      const git = badge("git", entry.git, "git-badge");
      git.dataset.state = entry.git;
      git.title = `Git: ${entry.git}`;
      meta.append(git);
    }
    if (post.draft) meta.append(badge("draft", "Draft", "draft-marker"));
    if (post.errors > 0) meta.append(badge("error", plural(post.errors, "error")));
    if (post.warnings > 0) meta.append(badge("warning", plural(post.warnings, "warning")));
    if (post.problems > 0) meta.append(badge("problems", plural(post.problems, "problem"), "problem-count"));
    if (post.tags.length > 0) {
      const tags = document.createElement("span");
      tags.className = "post-tags";
      const more = post.tags.length - TAGS_SHOWN;
      tags.textContent = post.tags.slice(0, TAGS_SHOWN).join(" · ") + (more > 0 ? ` +${more}` : "");
      tags.title = post.tags.join(", ");
      meta.append(tags);
    }
    item.append(title, meta);
    return item;
  }
}

function option(label: string, value: string): HTMLOptionElement {
  const el = document.createElement("option");
  el.value = value;
  el.textContent = label;
  return el;
}

function badge(kind: string, text: string, testid?: string): HTMLElement {
  const el = document.createElement("span");
  el.className = `badge ${kind}`;
  if (testid) el.dataset.testid = testid;
  el.textContent = text;
  return el;
}
