// The library list's logic without a DOM: which posts show, in what order, which characters of
// their titles matched the search, the tag and category choices, and the virtual-scroll window
// math. The DOM class in library.ts only draws what this module decides. It must never touch
// the DOM or do I/O, so all of it runs in node under vitest.
//
// The sorted order of every post is kept between changes: a watcher delta re-slots the posts it
// touched by binary search instead of sorting 10,000 summaries again; filtering and search are
// one linear pass over that order.
import { fold, matchFolded, queryTokens } from "./fuzzy";
import type { GitState } from "./ipc/bindings/Git";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { ProblemCount } from "./ipc/bindings/ProblemCount";

export type SortKey = "date" | "title" | "updated" | "path";
export type SortDirection = "asc" | "desc";
export type StatusFilter = "all" | "draft" | "published";

export type ViewOptions = {
  sort: SortKey;
  direction: SortDirection;
  status: StatusFilter;
  /** Exact tag value, or null for any. */
  tag: string | null;
  /** Exact category value, or null for any. */
  category: string | null;
  /** Only posts with errors, warnings or problems the checks found. */
  problems: boolean;
  /** Only posts git reports changed (new, modified, staged, renamed, conflicted). */
  changed: boolean;
  query: string;
  /** The site's collection shown (`blog`, `docs`), or null for every collection. A scope
   *  rather than a filter: Clear leaves it. */
  collection: string | null;
  /** The language shown (`en`, `fr`) on a multilingual site, or null for every language. A
   *  scope, like the collection: Clear leaves it. */
  lang: string | null;
};

export const SORT_KEYS: readonly SortKey[] = ["date", "title", "updated", "path"];

/** Dates read newest first; names read A to Z. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === "date" || key === "updated" ? "desc" : "asc";
}

export const DEFAULT_VIEW: ViewOptions = {
  sort: "date",
  direction: "desc",
  status: "all",
  tag: null,
  category: null,
  problems: false,
  changed: false,
  query: "",
  collection: null,
  lang: null,
};

/** What the list needs about one post, computed once per summary. */
export type Entry = {
  post: PostSummary;
  /** Title, or the path when the post has none: the text the row shows and highlights. */
  label: string;
  foldedLabel: string;
  foldedPath: string;
  /** Sortable `YYYY-MM-DDTHH:MM:SS`, or null when there is no readable date. */
  dateKey: string | null;
  /** The updated date, falling back to the publication date. */
  updatedKey: string | null;
  /** `YYYY-MM-DD` for the row, or the raw text shortened when it isn't a readable date. */
  dateText: string | null;
  /** The post's state in git, or null when unchanged (or git is unavailable). */
  git: GitState | null;
};

const ISO_DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date literal as a sortable key. ISO dates and datetimes (the usual front-matter forms) are
 * read as written, ignoring any time zone: the list orders by the writer's calendar day, not by
 * instants. Other forms go through Date.parse; what it can't read counts as undated.
 */
export function dateKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const iso = ISO_DATE.exec(raw);
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso;
    return `${y}-${pad(+mo)}-${pad(+d)}T${pad(+(h ?? 0))}:${pad(+(mi ?? 0))}:${pad(+(s ?? 0))}`;
  }
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) return null;
  const at = new Date(t);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** A post's entry, unchanged in git; the model sets the state it knows (`entryWithGit`). */
export function entryOf(post: PostSummary): Entry {
  return entryWithGit(post, null);
}

export function entryWithGit(post: PostSummary, git: GitState | null): Entry {
  const label = post.title && post.title.trim() ? post.title : post.path;
  const date = dateKey(post.date);
  const raw = post.date?.trim() ?? "";
  return {
    post,
    label,
    foldedLabel: fold(label),
    foldedPath: fold(post.path),
    dateKey: date,
    updatedKey: dateKey(post.updated) ?? date,
    dateText: date ? date.slice(0, 10) : raw ? (raw.length > 12 ? `${raw.slice(0, 11)}…` : raw) : null,
    git,
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Paths are unique, so this makes every comparator a total order. */
function byPath(a: Entry, b: Entry): number {
  return a.post.path < b.post.path ? -1 : a.post.path > b.post.path ? 1 : 0;
}

/** Orders entries for a sort key and direction. Posts without a date sort last either way. */
export function comparator(key: SortKey, direction: SortDirection): (a: Entry, b: Entry) => number {
  const sign = direction === "asc" ? 1 : -1;
  switch (key) {
    case "date":
    case "updated": {
      const field = key === "date" ? "dateKey" : "updatedKey";
      return (a, b) => {
        const x = a[field];
        const y = b[field];
        if (x !== y) {
          if (x === null) return 1;
          if (y === null) return -1;
          return x < y ? -sign : sign;
        }
        return byPath(a, b);
      };
    }
    case "title":
      return (a, b) => sign * collator.compare(a.label, b.label) || byPath(a, b);
    case "path":
      return (a, b) => sign * collator.compare(a.post.path, b.post.path) || sign * byPath(a, b);
  }
}

export function hasProblems(post: PostSummary): boolean {
  return post.errors + post.warnings + post.problems > 0;
}

/** Whether a post is in the chosen collection and language (the list's scope, which Clear
 *  leaves and the counts are taken within). */
export function inScope(post: PostSummary, options: Pick<ViewOptions, "collection" | "lang">): boolean {
  if (options.collection !== null && post.collection !== options.collection) return false;
  if (options.lang !== null && post.lang !== options.lang) return false;
  return true;
}

export type ScopeCounts = {
  /** Posts per collection, within the chosen language. */
  collections: Map<string, number>;
  /** Posts per language, within the chosen collection. */
  languages: Map<string, number>;
  /** Posts in the chosen collection and language (every post when neither is chosen). */
  total: number;
};

/** The counts the collection switcher and the language filter show: each one's choices counted
 *  within the other's choice, so a number says how many posts picking it would show. */
export function scopeCounts(posts: Iterable<PostSummary>, options: Pick<ViewOptions, "collection" | "lang">): ScopeCounts {
  const collections = new Map<string, number>();
  const languages = new Map<string, number>();
  let total = 0;
  for (const p of posts) {
    const inCollection = options.collection === null || p.collection === options.collection;
    const inLanguage = options.lang === null || p.lang === options.lang;
    if (inLanguage && p.collection) collections.set(p.collection, (collections.get(p.collection) ?? 0) + 1);
    if (inCollection && p.lang) languages.set(p.lang, (languages.get(p.lang) ?? 0) + 1);
    if (inCollection && inLanguage) total++;
  }
  return { collections, languages, total };
}

export function passesFilters(entry: Entry, options: ViewOptions): boolean {
  const p = entry.post;
  if (!inScope(p, options)) return false;
  if (options.status === "draft" && !p.draft) return false;
  if (options.status === "published" && p.draft) return false;
  if (options.problems && !hasProblems(p)) return false;
  if (options.changed && entry.git === null) return false;
  if (options.tag !== null && !p.tags.includes(options.tag)) return false;
  if (options.category !== null && !p.categories.includes(options.category)) return false;
  return true;
}

/** A match in the path counts for less than the same match in the title: the title is what the
 *  writer sees and means, and paths share prefixes (`posts/`) that would otherwise earn start bonuses. */
const PATH_PENALTY = 10;

/**
 * Scores an entry against query words (from `queryTokens`). Every word must match the label or
 * the path. `marks` are positions in the label to highlight, from the words that matched it.
 */
export function searchEntry(entry: Entry, tokens: readonly string[]): { score: number; marks: number[] } | null {
  let score = 0;
  const marks: number[] = [];
  const labelIsPath = entry.label === entry.post.path;
  for (const token of tokens) {
    const inLabel = matchFolded(token, entry.foldedLabel, entry.label);
    const inPath = labelIsPath ? null : matchFolded(token, entry.foldedPath, entry.post.path);
    if (!inLabel && !inPath) return null;
    // An untitled post's label is its path, and scores as one.
    const labelScore = inLabel ? inLabel.score - (labelIsPath ? PATH_PENALTY : 0) : -Infinity;
    const pathScore = inPath ? inPath.score - PATH_PENALTY : -Infinity;
    score += Math.max(labelScore, pathScore);
    if (inLabel) marks.push(...inLabel.positions);
  }
  return { score, marks };
}

export type Row = {
  entry: Entry;
  /** Label positions to highlight; empty without a query or when only the path matched. */
  marks: number[];
};

export type Facet = { value: string; count: number };

/** Tag and category values across the posts, most used first, each post counted once. */
export function facets(entries: Iterable<Entry>): { tags: Facet[]; categories: Facet[] } {
  const tags = new Map<string, number>();
  const categories = new Map<string, number>();
  const count = (into: Map<string, number>, values: readonly string[]) => {
    for (const v of new Set(values)) if (v.trim()) into.set(v, (into.get(v) ?? 0) + 1);
  };
  for (const e of entries) {
    count(tags, e.post.tags);
    count(categories, e.post.categories);
  }
  const sorted = (m: Map<string, number>) =>
    [...m].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || collator.compare(a.value, b.value) || (a.value < b.value ? -1 : 1));
  return { tags: sorted(tags), categories: sorted(categories) };
}

/** First index in `sorted` whose entry does not come before `entry`. */
function lowerBound(sorted: readonly Entry[], entry: Entry, cmp: (a: Entry, b: Entry) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(sorted[mid], entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The posts of one folder and the current view of them. */
export class LibraryModel {
  private entries = new Map<string, Entry>();
  /** Every entry, in the order of the current sort. */
  private sorted: Entry[] = [];
  private cmp: (a: Entry, b: Entry) => number;
  private options: ViewOptions;
  private rowsCache: Row[] | null = null;
  private indexCache: Map<string, number> | null = null;
  private facetsCache: ReturnType<typeof facets> | null = null;
  /** Git's state of each changed path, kept so posts added later get theirs. */
  private gitStates: ReadonlyMap<string, GitState> = new Map();

  constructor(options: Partial<ViewOptions> = {}) {
    this.options = { ...DEFAULT_VIEW, ...options };
    this.cmp = comparator(this.options.sort, this.options.direction);
  }

  get size(): number {
    return this.entries.size;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  get(path: string): PostSummary | undefined {
    return this.entries.get(path)?.post;
  }

  /** Every post, in the current sort order, whatever the filters hide. */
  all(): PostSummary[] {
    return this.sorted.map((e) => e.post);
  }

  getOptions(): ViewOptions {
    return { ...this.options };
  }

  setAll(posts: readonly PostSummary[]): void {
    this.entries = new Map(posts.map((p) => [p.path, entryWithGit(p, this.gitStates.get(p.path) ?? null)]));
    this.resort();
    this.facetsCache = null;
  }

  /** Applies added or changed posts and removed paths, keeping the sorted order. */
  update(upserted: readonly PostSummary[], removed: readonly string[] = []): void {
    if (upserted.length === 0 && removed.length === 0) return;
    // A large batch (a branch switch) is cheaper to sort again than to splice one by one.
    const bulk = upserted.length + removed.length > Math.max(64, this.sorted.length / 8);
    for (const path of removed) {
      const old = this.entries.get(path);
      if (!old) continue;
      this.entries.delete(path);
      if (!bulk) this.unslot(old);
    }
    for (const post of upserted) {
      const old = this.entries.get(post.path);
      const next = entryWithGit(post, this.gitStates.get(post.path) ?? null);
      this.entries.set(post.path, next);
      if (bulk) continue;
      if (old) this.unslot(old);
      this.sorted.splice(lowerBound(this.sorted, next, this.cmp), 0, next);
    }
    if (bulk) this.resort();
    this.invalidate();
    this.facetsCache = null;
  }

  /** New problem counts for posts otherwise unchanged (the check pass sends one per post). No
   * comparator looks at the count, so the order stands; the changed entries are new objects,
   * so their rows redraw. */
  setProblems(counts: readonly ProblemCount[]): void {
    const replaced = new Map<string, Entry>();
    for (const { path, problems } of counts) {
      const old = this.entries.get(path);
      if (!old || old.post.problems === problems) continue;
      const next = { ...old, post: { ...old.post, problems } };
      this.entries.set(path, next);
      replaced.set(path, next);
    }
    if (replaced.size === 0) return;
    this.sorted = this.sorted.map((e) => replaced.get(e.post.path) ?? e);
    this.invalidate();
  }

  /** Git's view changed: each post's state (paths git does not list are unchanged). No
   * comparator looks at the state, so the order stands; entries whose state changed are new
   * objects, so their rows redraw. */
  setGit(states: ReadonlyMap<string, GitState>): void {
    this.gitStates = new Map(states);
    const replaced = new Map<string, Entry>();
    for (const [path, old] of this.entries) {
      const git = this.gitStates.get(path) ?? null;
      if (old.git === git) continue;
      const next = { ...old, git };
      this.entries.set(path, next);
      replaced.set(path, next);
    }
    if (replaced.size === 0) return;
    this.sorted = this.sorted.map((e) => replaced.get(e.post.path) ?? e);
    this.invalidate();
  }

  /** Git's state of a post, or null when unchanged. */
  gitState(path: string): GitState | null {
    return this.entries.get(path)?.git ?? null;
  }

  setOptions(changes: Partial<ViewOptions>): void {
    const next = { ...this.options, ...changes };
    const resort = next.sort !== this.options.sort || next.direction !== this.options.direction;
    this.options = next;
    if (resort) {
      this.cmp = comparator(next.sort, next.direction);
      this.resort();
    } else this.invalidate();
  }

  /** True when any filter or a query hides some posts. */
  isFiltered(): boolean {
    const o = this.options;
    return o.status !== "all" || o.tag !== null || o.category !== null || o.problems || o.changed || queryTokens(o.query).length > 0;
  }

  /** The rows to show, in order. Cached until the posts or options change. */
  rows(): Row[] {
    if (this.rowsCache) return this.rowsCache;
    const tokens = queryTokens(this.options.query);
    let rows: Row[];
    if (tokens.length === 0) {
      rows = [];
      for (const entry of this.sorted) if (passesFilters(entry, this.options)) rows.push({ entry, marks: [] });
    } else {
      const scored: Array<Row & { score: number }> = [];
      for (const entry of this.sorted) {
        if (!passesFilters(entry, this.options)) continue;
        const found = searchEntry(entry, tokens);
        if (found) scored.push({ entry, marks: found.marks, score: found.score });
      }
      // Best match first; the sort is stable, so equal scores keep the chosen order.
      scored.sort((a, b) => b.score - a.score);
      rows = scored;
    }
    this.rowsCache = rows;
    return rows;
  }

  /** Position of a path among the rows, or -1 when it is filtered out or unknown. */
  indexOf(path: string): number {
    if (!this.indexCache) {
      this.indexCache = new Map();
      this.rows().forEach((row, i) => this.indexCache!.set(row.entry.post.path, i));
    }
    return this.indexCache.get(path) ?? -1;
  }

  facets(): ReturnType<typeof facets> {
    this.facetsCache ??= facets(this.entries.values());
    return this.facetsCache;
  }

  private unslot(entry: Entry): void {
    let i = lowerBound(this.sorted, entry, this.cmp);
    // The comparator is total, so the entry sits exactly there; the scan is a safety net in case
    // its keys were somehow not the ones it was slotted with.
    if (this.sorted[i] !== entry) i = this.sorted.indexOf(entry);
    if (i >= 0) this.sorted.splice(i, 1);
  }

  private resort(): void {
    this.sorted = [...this.entries.values()].sort(this.cmp);
    this.invalidate();
  }

  private invalidate(): void {
    this.rowsCache = null;
    this.indexCache = null;
  }
}

// Virtual scrolling: rows have one fixed height, so the window is plain arithmetic.

export type Range = { start: number; end: number };

/** Rows [start, end) that intersect the viewport, widened by `overscan` rows on each side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): Range {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const last = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as possible: the
 * current scrollTop when the row is already visible.
 */
export function revealScrollTop(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Moves a keyboard selection by `step` rows, clamped; from no selection it lands on the first
 *  row going down and the last going up. Returns -1 for an empty list. */
export function stepIndex(current: number, step: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return step >= 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
