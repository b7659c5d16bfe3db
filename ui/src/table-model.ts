// The table view's logic without a DOM: which columns a collection offers and shows by default
// (and the writer's remembered choice), the text a cell shows, type-aware sorting, the per-column
// filter language, the selection, and the join of the library's posts with the backend's table
// values. table-view.ts and table-bulk.ts only draw what this module decides, so all of it runs
// in node under vitest. A column's input kind comes from form/model.ts (kindFor and friends):
// the table must never disagree with the form about what a field is.
//
// Sorting 10,000 rows is one pass computing each row's key, then one sort comparing those keys;
// the collator is made once, here, and never per comparison.
import { fold } from "./fuzzy";
import { FORM_FIELD_LIMIT, declaredField, declaredKindFor, labelFor, type FieldKind } from "./form/model";
import { flowText } from "./form/values";
import type { DeclaredField } from "./ipc/bindings/DeclaredSchema";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { FieldType, Schema } from "./ipc/bindings/Schema";
import type { TableRows } from "./ipc/bindings/Table";
import { dateKey, revealScrollTop, stepIndex, visibleRange, type Range } from "./library-model";

// The window math is the library's: same fixed-height rows, same arithmetic.
export { revealScrollTop, visibleRange, type Range };

/** Pseudo-columns: facts about the post rather than front-matter keys. `@` cannot start a
 *  YAML key the table would show, so these never collide with a field. */
export const PROBLEMS = "@problems";
export const GIT = "@git";
export const PATH = "@path";
export const PSEUDO_COLUMNS: readonly string[] = [PROBLEMS, GIT, PATH];

export type ColumnKind = FieldKind | "problems" | "git" | "path";

export interface Column {
  /** A front-matter key, dotted for a field inside a map (`heroImage.alt`), or a pseudo-column. */
  key: string;
  label: string;
  kind: ColumnKind;
  declared?: DeclaredField;
  /** The folder's majority type for the key (the schema's), which a cell's own value overrides
   *  exactly as the form's does; null for a nested or unknown key. */
  schemaType?: FieldType | null;
  /** In CSS pixels. */
  width: number;
}

export type SortDirection = "asc" | "desc";
export type TableSort = { key: string; direction: SortDirection };

/** One post in the table. */
export type TableRow = {
  path: string;
  summary: PostSummary;
  /** The value of each column key, aligned with the keys the rows were read for (the current
   *  columns once the view holds them); null or undefined where the post lacks the key. */
  values: unknown[];
  /** Git's state of the file ("new", "modified"…), or null when unchanged. */
  git: string | null;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function isPseudo(key: string): boolean {
  return key.startsWith("@");
}

// ---- Columns ----

/** Each role's aliases in priority order, as form/model.ts and content/frontmatter.rs have
 *  them: the fallback when the schema does not say which key fills a role. */
const ROLE_ALIASES: Record<string, string[]> = {
  title: ["title"],
  date: ["pubDate", "date", "pubDatetime", "publishDate"],
  draft: ["draft", "published"],
  tags: ["tags"],
  summary: ["description", "summary", "excerpt"],
  category: ["category", "categories"],
};

/** The folder's key for a role: the most common key the schema marks with it, else the first
 *  alias the folder or the generator's declaration has; null when the folder has none. */
export function roleKey(schema: Schema | null, role: keyof typeof ROLE_ALIASES | string): string | null {
  if (!schema) return null;
  const marked = schema.fields.find((f) => f.role === role);
  if (marked) return marked.key;
  const aliases = ROLE_ALIASES[role] ?? [];
  const used = aliases.find((a) => schema.fields.some((f) => f.key === a));
  if (used) return used;
  return aliases.find((a) => schema.declared?.fields.some((f) => f.key === a)) ?? null;
}

/** The title's key: every post wants one, so "title" even in a folder that has none yet. */
export function titleKey(schema: Schema | null): string {
  return roleKey(schema, "title") ?? "title";
}

/** Columns a table opens with: what a writer scans a collection for (title, date, draft,
 *  tags, description), then the checks' count and git's state. At most seven: more is a
 *  spreadsheet, and the Columns… popover adds the rest. */
export function defaultColumns(schema: Schema): string[] {
  const keys: string[] = [titleKey(schema)];
  for (const role of ["date", "draft", "tags", "summary"]) {
    const key = roleKey(schema, role);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  keys.push(PROBLEMS, GIT);
  return keys.slice(0, 7);
}

function declaredKeys(fields: readonly DeclaredField[], prefix: string, into: string[]): void {
  for (const f of fields) {
    const key = `${prefix}${f.key}`;
    into.push(key);
    // One level of nesting, as the form shows: a map's fields, not a map's map's fields.
    if (prefix === "" && f.type === "map") declaredKeys(f.fields, `${key}.`, into);
  }
}

/** Every column the collection offers: its keys in the schema's order (most used first), each
 *  map's keys as `map.sub`, the keys its generator declares that no post uses yet, then the
 *  pseudo-columns. */
export function availableColumns(schema: Schema): string[] {
  const keys: string[] = [];
  // The schema lists the most used keys first; a folder with a post of ten thousand keys
  // (tests/fixtures/hostile/many-keys.md) offers the first few hundred, as the form does.
  for (const f of schema.fields.slice(0, FORM_FIELD_LIMIT)) {
    keys.push(f.key);
    if (f.type === "map") for (const sub of f.subKeys) keys.push(`${f.key}.${sub}`);
  }
  declaredKeys(schema.declared?.fields ?? [], "", keys);
  const title = titleKey(schema);
  if (!keys.includes(title)) keys.unshift(title);
  const unique = [...new Set(keys)].slice(0, FORM_FIELD_LIMIT);
  return [...unique, ...PSEUDO_COLUMNS];
}

const PSEUDO_LABELS: Record<string, string> = { [PROBLEMS]: "Problems", [GIT]: "Git", [PATH]: "Path" };

/** A column's starting width, by what it usually holds. */
export function defaultWidth(key: string, kind: ColumnKind, schema: Schema | null = null): number {
  if (key === titleKey(schema)) return 300;
  switch (kind) {
    case "bool":
      return 72;
    case "number":
    case "problems":
      return 88;
    case "git":
      return 96;
    case "date":
      return 116;
    case "datetime":
      return 176;
    case "select":
      return 130;
    case "longtext":
      return 280;
    case "path":
      return 240;
    default:
      return 180;
  }
}

/** The smallest a column can be dragged to: room for a sort arrow and a few letters. */
export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1200;

const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/** The columns for `keys`, each with the input kind the form gives the same key (declared
 *  types, roles such as a description's long text, dates, switches, chips). */
export function columnSpecs(keys: readonly string[], schema: Schema | null, widths: Readonly<Record<string, number>> = {}): Column[] {
  return keys.map((key) => {
    let column: Column;
    if (isPseudo(key)) {
      const kind: ColumnKind = key === PROBLEMS ? "problems" : key === GIT ? "git" : "path";
      column = { key, label: PSEUDO_LABELS[key] ?? key.slice(1), kind, width: 0 };
    } else {
      const field = schema?.fields.find((f) => f.key === key) ?? null;
      const d = declaredField(schema, key);
      const schemaType = field?.type ?? null;
      column = { key, label: labelFor(key), kind: declaredKindFor(key, undefined, schemaType, d), schemaType, width: 0 };
      if (d) column.declared = d;
    }
    const remembered = widths[key];
    column.width = typeof remembered === "number" && Number.isFinite(remembered) ? clampWidth(remembered) : defaultWidth(key, column.kind, schema);
    return column;
  });
}

/** The input one cell's value gets: the column's, unless the value's own type says otherwise
 *  (a `draft: "yes"` in a column of switches stays text), by the form's own rule. */
export function cellKind(column: Column, value: unknown): ColumnKind {
  if (isPseudo(column.key)) return column.kind;
  const v = value === null ? undefined : value;
  return declaredKindFor(column.key, v, column.schemaType ?? null, column.declared ?? null);
}

/** Keys the Set field picker offers: every settable key (a map's keys one by one, since a
 *  whole map has no single value to set) with the input kind its value takes. */
export function settableFields(schema: Schema): { key: string; kind: FieldKind; declared?: DeclaredField }[] {
  const keys = availableColumns(schema).filter((k) => !isPseudo(k));
  const maps = new Set(schema.fields.filter((f) => f.type === "map").map((f) => f.key));
  for (const d of schema.declared?.fields ?? []) if (d.type === "map") maps.add(d.key);
  return columnSpecs(
    keys.filter((k) => !maps.has(k)),
    schema,
  ).map((c) => (c.declared ? { key: c.key, kind: c.kind as FieldKind, declared: c.declared } : { key: c.key, kind: c.kind as FieldKind }));
}

// ---- Remembered columns ----

export type StorageLike = Pick<Storage, "getItem" | "setItem">;

export interface ColumnPrefs {
  keys: string[];
  widths: Record<string, number>;
}

/** One key per site and collection: a blog's table and its docs' table show different things. */
export function prefsKey(site: string, collection: string | null): string {
  return `postdesk.table.${site}::${collection ?? ""}`;
}

/** The writer's columns and widths for a collection, or null when none are remembered (or
 *  what is stored is not readable: a hand-edited or older entry must never break the table). */
export function loadPrefs(storage: StorageLike | null | undefined, site: string, collection: string | null): ColumnPrefs | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(prefsKey(site, collection)) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const keysOf = (v: unknown) => (Array.isArray(v) && v.every((k) => typeof k === "string") ? (v as string[]) : null);
  const keys = keysOf(Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed.keys : null);
  if (!keys) return null;
  const widths: Record<string, number> = {};
  if (isRecord(parsed) && isRecord(parsed.widths)) {
    for (const [k, w] of Object.entries(parsed.widths)) if (typeof w === "number" && Number.isFinite(w)) widths[k] = clampWidth(w);
  }
  return { keys: [...new Set(keys)], widths };
}

export function loadColumns(storage: StorageLike | null | undefined, site: string, collection: string | null): string[] | null {
  const prefs = loadPrefs(storage, site, collection);
  return prefs && prefs.keys.length > 0 ? prefs.keys : null;
}

export function loadWidths(storage: StorageLike | null | undefined, site: string, collection: string | null): Record<string, number> {
  return loadPrefs(storage, site, collection)?.widths ?? {};
}

/** Remembers a collection's columns and widths. A full or disabled storage loses the choice
 *  quietly: the table works the same, it just opens on the defaults next time. */
export function saveColumns(
  storage: StorageLike | null | undefined,
  site: string,
  collection: string | null,
  keys: readonly string[],
  widths: Readonly<Record<string, number>> = {},
): void {
  const kept: Record<string, number> = {};
  for (const [k, w] of Object.entries(widths)) if (Number.isFinite(w)) kept[k] = clampWidth(w);
  try {
    storage?.setItem(prefsKey(site, collection), JSON.stringify({ keys: [...keys], widths: kept }));
  } catch {
    // Nothing to do: see above.
  }
}

// ---- Cells ----

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return flowText(v);
  return String(v);
}

/** What a cell says: lists as "a, b", a true flag as "yes" (the view draws a switch), dates as
 *  written, maps as "k: v, k: v", nothing for a missing value. Also the text filters match. */
export function cellText(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return kind === "bool" ? (value ? "yes" : "") : String(value);
  if (Array.isArray(value)) return value.map(scalarText).join(", ");
  if (isRecord(value)) return Object.entries(value).map(([k, v]) => `${k}: ${scalarText(v)}`).join(", ");
  return String(value);
}

/** Errors that stop a post being read, and the problems the checks found. */
export function problemCount(summary: PostSummary): number {
  return summary.problems + summary.errors;
}

/** A cell's value: the post's own fact for a pseudo-column, else its value for the column's
 *  key (`index` is the column's place among the keys the values are aligned with). */
export function cellValue(row: TableRow, column: Column, index: number): unknown {
  switch (column.key) {
    case PROBLEMS:
      return problemCount(row.summary);
    case GIT:
      return row.git ?? "";
    case PATH:
      return row.path;
    default:
      return row.values[index];
  }
}

/** `rows` with their values moved from `from` keys to `to` keys; a key not in `from` has no
 *  value yet (the app re-reads it). Rows already aligned are returned as they are. */
export function alignRows(rows: readonly TableRow[], from: readonly string[], to: readonly string[]): TableRow[] {
  if (from.length === to.length && from.every((k, i) => k === to[i])) return rows as TableRow[];
  const at = new Map(from.map((k, i) => [k, i]));
  const map = to.map((k) => at.get(k) ?? -1);
  return rows.map((row) => ({ ...row, values: map.map((i) => (i >= 0 ? row.values[i] : undefined)) }));
}

/** The table's rows: the library's posts in its order (its search, filters and sort), each
 *  with the backend's values for `data.keys` and git's state. A post the backend has no
 *  values for yet still shows, with empty cells. */
export function joinRows(posts: readonly PostSummary[], data: TableRows, git: (path: string) => string | null = () => null): TableRow[] {
  const byPath = new Map<string, unknown[]>();
  for (const r of data.rows) byPath.set(r.path, r.values);
  return posts.map((summary) => ({ path: summary.path, summary, values: byPath.get(summary.path) ?? [], git: git(summary.path) }));
}

// ---- Sorting ----

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Sorts `rows` by one column, stably. Dates compare by their calendar text, numbers as
 *  numbers, flags true-last ascending (true first descending), lists and text by a natural,
 *  case-blind collation. Empty cells sort last whichever the direction; values that are not
 *  of the column's type (a date column's "soon") come after the readable ones, in text order. */
export function sortRows(rows: readonly TableRow[], column: Column, direction: SortDirection, index: number): TableRow[] {
  const n = rows.length;
  const sign = direction === "asc" ? 1 : -1;
  // Keys computed once per row: 0 readable, 1 unreadable (text order), 2 empty.
  const group = new Uint8Array(n);
  const num = new Float64Array(n);
  const str: string[] = new Array<string>(n);
  const kind = column.kind;
  for (let i = 0; i < n; i++) {
    const value = cellValue(rows[i], column, index);
    str[i] = "";
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      group[i] = 2;
      continue;
    }
    if (kind === "date" || kind === "datetime") {
      const text = cellText(value, kind);
      const key = dateKey(text);
      if (key !== null) str[i] = key;
      else if (text.trim() !== "") {
        group[i] = 1;
        str[i] = text;
      } else group[i] = 2;
    } else if (kind === "number" || kind === "problems") {
      const x = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (Number.isFinite(x)) num[i] = x;
      else {
        const text = cellText(value, kind);
        group[i] = text.trim() === "" ? 2 : 1;
        str[i] = text;
      }
    } else if (kind === "bool" && typeof value === "boolean") {
      num[i] = value ? 1 : 0;
    } else {
      const text = cellText(value, kind === "bool" ? "text" : kind);
      if (text.trim() === "") group[i] = 2;
      else {
        // A flag column's odd values ("yes" as text) go after the flags; text columns are text.
        group[i] = kind === "bool" ? 1 : 0;
        str[i] = text;
      }
    }
  }
  const textual = !(kind === "number" || kind === "problems" || kind === "bool" || kind === "date" || kind === "datetime");
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const ga = group[a];
    const gb = group[b];
    if (ga !== gb) return ga - gb;
    let c = 0;
    if (ga === 0) {
      if (textual) c = collator.compare(str[a], str[b]);
      else if (kind === "date" || kind === "datetime") c = str[a] < str[b] ? -1 : str[a] > str[b] ? 1 : 0;
      else c = num[a] - num[b];
    } else if (ga === 1) c = collator.compare(str[a], str[b]);
    return c !== 0 ? sign * c : a - b;
  });
  return order.map((i) => rows[i]);
}

// ---- Filtering ----

export type Filter =
  | { op: "any" }
  | { op: "contains"; text: string }
  | { op: "equals"; text: string }
  | { op: "notEquals"; text: string }
  | { op: "excludes"; text: string }
  | { op: "empty" }
  | { op: "present" }
  | { op: "bool"; value: boolean }
  | { op: "compare"; cmp: "<" | "<=" | ">" | ">=" | "="; n: number };

const COMPARE = /^(<=|>=|<|>|=)?\s*(-?\d+(?:\.\d+)?)$/;

/**
 * A column's filter text as a filter. Plain text: the cell contains it (case and accents
 * aside). `=x`: the cell is x (a list: one of its items is). `=` alone: empty. `!x`: does not
 * contain x. `!` (or `!=`) alone: not empty. `!=x`: is not x. A flag column takes `yes` / `no`;
 * the problems column and number columns take `>0`, `<3`, `>=2`, and the problems column a
 * bare number as "exactly".
 */
export function parseFilter(text: string, kind: ColumnKind = "text"): Filter {
  const t = text.trim();
  if (t === "") return { op: "any" };
  if (kind === "bool") {
    const l = t.toLowerCase();
    if (["yes", "y", "true", "on"].includes(l)) return { op: "bool", value: true };
    if (["no", "n", "false", "off"].includes(l)) return { op: "bool", value: false };
  }
  if (kind === "problems" || kind === "number") {
    const m = COMPARE.exec(t);
    if (m && (kind === "problems" || (m[1] !== undefined && m[1] !== "="))) {
      return { op: "compare", cmp: (m[1] ?? "=") as "=", n: Number(m[2]) };
    }
  }
  if (t === "=") return { op: "empty" };
  if (t === "!" || t === "!=") return { op: "present" };
  if (t.startsWith("!=")) return { op: "notEquals", text: fold(t.slice(2).trim()) };
  if (t.startsWith("=")) return { op: "equals", text: fold(t.slice(1).trim()) };
  if (t.startsWith("!")) return { op: "excludes", text: fold(t.slice(1).trim()) };
  return { op: "contains", text: fold(t) };
}

/** Whether a cell passes a filter. `items` are a list cell's items, which `=x` matches one by
 *  one (`=rust` finds the posts tagged rust among others). */
export function matchesFilter(filter: Filter, text: string, items?: readonly string[]): boolean {
  switch (filter.op) {
    case "any":
      return true;
    case "contains":
      return fold(text).includes(filter.text);
    case "excludes":
      return !fold(text).includes(filter.text);
    case "equals":
    case "notEquals": {
      const hit = fold(text.trim()) === filter.text || (items?.some((i) => fold(i.trim()) === filter.text) ?? false);
      return filter.op === "equals" ? hit : !hit;
    }
    case "empty":
      return text.trim() === "";
    case "present":
      return text.trim() !== "";
    case "bool":
      return (text === "yes") === filter.value;
    case "compare": {
      if (text.trim() === "") return false;
      const x = Number(text);
      if (!Number.isFinite(x)) return false;
      switch (filter.cmp) {
        case "<":
          return x < filter.n;
        case "<=":
          return x <= filter.n;
        case ">":
          return x > filter.n;
        case ">=":
          return x >= filter.n;
        default:
          return x === filter.n;
      }
    }
  }
}

/**
 * The rows the table shows: those passing every column's filter (AND), sorted by the chosen
 * column, else in the order given (the library's, so its search and sort carry over). Filters
 * and a sort on keys that are not columns are ignored. `rows`' values are aligned with
 * `columns`.
 */
export function visibleRows(
  rows: readonly TableRow[],
  columns: readonly Column[],
  filters: Readonly<Record<string, string>>,
  sort: TableSort | null,
): TableRow[] {
  const active: { column: Column; index: number; filter: Filter }[] = [];
  columns.forEach((column, index) => {
    const filter = parseFilter(filters[column.key] ?? "", column.kind);
    if (filter.op !== "any") active.push({ column, index, filter });
  });
  let out: TableRow[] =
    active.length === 0
      ? rows.slice()
      : rows.filter((row) =>
          active.every(({ column, index, filter }) => {
            const value = cellValue(row, column, index);
            return matchesFilter(filter, cellText(value, column.kind), Array.isArray(value) ? value.map(scalarText) : undefined);
          }),
        );
  if (sort) {
    const index = columns.findIndex((c) => c.key === sort.key);
    if (index >= 0) out = sortRows(out, columns[index], sort.direction, index);
  }
  return out;
}

/** A header click's next sort: ascending, then descending, then the library's order. */
export function nextSort(current: TableSort | null, key: string): TableSort | null {
  if (!current || current.key !== key) return { key, direction: "asc" };
  return current.direction === "asc" ? { key, direction: "desc" } : null;
}

// ---- Selection ----

/**
 * Which rows are selected, by path (so a re-sort keeps it), with the anchor a shift-click
 * extends from and the cursor the keyboard moves. Ranges are taken in the order the table
 * shows now (`setOrder`), which is what the writer sees between the two clicks.
 */
export class TableSelection {
  private selected = new Set<string>();
  private order: readonly string[] = [];
  private position = new Map<string, number>();
  anchor: string | null = null;
  cursor: string | null = null;
  /** Bumped on every change of the selected set, so a view can tell when to report. */
  version = 0;

  /** The rows in the order shown now. */
  setOrder(visible: readonly string[]): void {
    this.order = visible;
    this.position = new Map(visible.map((p, i) => [p, i]));
  }

  get size(): number {
    return this.selected.size;
  }

  has(path: string): boolean {
    return this.selected.has(path);
  }

  /** Selected paths in the order shown (any not shown, last). */
  paths(): string[] {
    const pos = (p: string) => this.position.get(p) ?? Number.MAX_SAFE_INTEGER;
    return [...this.selected].sort((a, b) => pos(a) - pos(b));
  }

  /** A click: selects one; with `toggle` (Ctrl/Cmd) adds or removes one; with `shift` selects
   *  the range from the anchor (added to the selection with both). */
  click(path: string, mods: { shift?: boolean; toggle?: boolean } = {}): void {
    if (mods.shift && this.anchor !== null && this.position.has(this.anchor)) this.extendTo(path, mods.toggle === true);
    else if (mods.toggle) this.toggle(path);
    else this.selectOne(path);
    this.cursor = path;
  }

  selectOne(path: string): void {
    this.replace([path]);
    this.anchor = path;
    this.cursor = path;
  }

  toggle(path: string): void {
    const next = new Set(this.selected);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    this.replace(next);
    this.anchor = path;
    this.cursor = path;
  }

  /** The rows between the anchor and `path`, inclusive, in the order shown. */
  extendTo(path: string, add = false): void {
    const from = this.anchor === null ? undefined : this.position.get(this.anchor);
    const to = this.position.get(path);
    if (from === undefined || to === undefined) {
      this.selectOne(path);
      return;
    }
    const range = this.order.slice(Math.min(from, to), Math.max(from, to) + 1);
    this.replace(add ? [...this.selected, ...range] : range);
    this.cursor = path;
  }

  selectAll(visible: readonly string[] = this.order): void {
    this.replace(visible);
    if (this.anchor === null || !this.selected.has(this.anchor)) this.anchor = visible[0] ?? null;
  }

  clear(): void {
    this.replace([]);
  }

  /** Keeps only paths that still exist (or are still shown); true when that dropped some.
   *  The anchor and cursor go too when their row did. */
  retain(paths: Iterable<string> | { has(path: string): boolean }): boolean {
    const keep = "has" in paths && typeof paths.has === "function" ? paths : new Set(paths as Iterable<string>);
    if (this.anchor !== null && !keep.has(this.anchor)) this.anchor = null;
    if (this.cursor !== null && !keep.has(this.cursor)) this.cursor = null;
    const next = [...this.selected].filter((p) => keep.has(p));
    if (next.length === this.selected.size) return false;
    this.replace(next);
    return true;
  }

  /** The keyboard: moves the cursor `step` rows (clamped), selecting that row alone, or with
   *  `extend` the range from the anchor to it. Returns the new cursor, null for no rows. */
  move(step: number, extend = false): string | null {
    const current = this.cursor === null ? -1 : (this.position.get(this.cursor) ?? -1);
    const next = stepIndex(current, step, this.order.length);
    if (next < 0) return null;
    const path = this.order[next];
    if (extend) {
      if (this.anchor === null || !this.position.has(this.anchor)) this.anchor = this.cursor ?? path;
      this.extendTo(path);
    } else this.selectOne(path);
    this.cursor = path;
    return path;
  }

  private replace(paths: Iterable<string>): void {
    const next = new Set(paths);
    const same = next.size === this.selected.size && [...next].every((p) => this.selected.has(p));
    this.selected = next;
    if (!same) this.version++;
  }
}

/** "12 of 340 posts". */
export function countText(shown: number, total: number): string {
  return `${shown.toLocaleString()} of ${total.toLocaleString()} post${total === 1 ? "" : "s"}`;
}

// ---- Several collections in one table ----

/** The site's schema for a table of several collections, carrying what each collection's
 *  generator declares: a declared enum stays a select and a declared date a date whichever
 *  collection declares it. `collections` are each collection's schema with its post count;
 *  where two declare the same key, the one with more posts wins. */
export function mergeDeclared(site: Schema, collections: readonly { count: number; schema: Schema }[]): Schema {
  const fields: DeclaredField[] = [];
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const { schema } of [...collections].sort((a, b) => b.count - a.count)) {
    const declared = schema.declared;
    if (!declared) continue;
    sources.push(declared.source);
    for (const field of declared.fields) {
      if (seen.has(field.key)) continue;
      seen.add(field.key);
      fields.push(field);
    }
  }
  if (fields.length === 0) return site;
  return { ...site, declared: { source: [...new Set(sources)].join(", "), fields } };
}
