// Spelling and grammar, the DOM-free part: where a lint sits in the text it was asked about,
// which lints the writer ignored this session, the edit a suggestion makes, and how the lints
// are grouped and counted for the problems panel. The editor's marks and popup (prose-lint.ts)
// and the panel (problems.ts) draw what this decides. It must never ask the backend and never
// touch the DOM: the lints come from harper in Rust (`prose_lints`), and this only places,
// filters and orders them.
import type { ProseLint } from "./ipc/bindings/Prose";

export type ProseRule = "spelling" | "grammar";
/** Where a lint was found: the body (the editor), or the form's title or description. */
export type ProseField = "body" | "title" | "description";

/** The popup offers at most this many suggestions. */
export const MAX_SUGGESTIONS = 5;

/** A lint that is not spelling is grammar (the backend sends only the two). */
export function ruleOf(lint: Pick<ProseLint, "rule">): ProseRule {
  return lint.rule === "spelling" ? "spelling" : "grammar";
}

/** How far around its offsets a lint's text is looked for when the offsets do not hold it. */
const SLACK = 64;

/**
 * Where `lint` is in the text it was asked about (`slice` reads that text, `length` is its
 * length): its own range when that holds its text, else the nearest place close by that does,
 * else null (the lint is dropped rather than drawn on the wrong word). An empty range is null:
 * there is nothing to underline.
 */
export function anchorLint(
  slice: (from: number, to: number) => string,
  length: number,
  lint: Pick<ProseLint, "start" | "end" | "text">,
): { from: number; to: number } | null {
  const { start, end, text } = lint;
  if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) return null;
  if (start >= 0 && end <= length && (text === "" || slice(start, end) === text)) return { from: start, to: end };
  if (text === "") return null;
  const from = Math.max(0, Math.min(start, length) - SLACK);
  const to = Math.min(length, Math.max(0, end) + SLACK);
  const window = slice(from, to);
  let best: number | null = null;
  for (let i = window.indexOf(text); i >= 0; i = window.indexOf(text, i + 1)) {
    const at = from + i;
    if (best === null || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best === null ? null : { from: best, to: best + text.length };
}

/** The lints the writer chose to ignore, for this session: per post and text (and, for
 *  grammar, per message, so ignoring one grammar note on "a" does not hide another). */
export class ProseIgnores {
  private readonly keys = new Set<string>();

  private key(path: string, lint: Pick<ProseLint, "rule" | "text" | "message">): string {
    const rule = ruleOf(lint);
    return [path, rule, lint.text, rule === "grammar" ? lint.message : ""].join("\u0000");
  }

  add(path: string, lint: Pick<ProseLint, "rule" | "text" | "message">): void {
    this.keys.add(this.key(path, lint));
  }

  has(path: string, lint: Pick<ProseLint, "rule" | "text" | "message">): boolean {
    return this.keys.size > 0 && this.keys.has(this.key(path, lint));
  }

  /** The lints of `lints` not ignored in `path`. */
  visible<T extends Pick<ProseLint, "rule" | "text" | "message">>(path: string, lints: readonly T[]): T[] {
    return this.keys.size === 0 ? [...lints] : lints.filter((l) => !this.has(path, l));
  }

  clear(): void {
    this.keys.clear();
  }
}

/** The app's ignores: they last until the window closes. */
export const proseIgnores = new ProseIgnores();

/** The suggestions the popup offers: the first few, each once. */
export function topSuggestions(lint: Pick<ProseLint, "suggestions" | "text">): string[] {
  const out: string[] = [];
  for (const s of lint.suggestions) {
    if (s === lint.text || out.includes(s)) continue;
    out.push(s);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/** A suggestion's button text (an empty suggestion removes the text). */
export function suggestionLabel(suggestion: string): string {
  return suggestion === "" ? "Remove" : suggestion;
}

/** The change a suggestion makes: exactly the lint's range, replaced; null when the text there
 *  is no longer the lint's (it was edited since), so a stale popup never rewrites other words. */
export function suggestionChange(
  slice: (from: number, to: number) => string,
  range: { from: number; to: number },
  lint: Pick<ProseLint, "text">,
  suggestion: string,
): { from: number; to: number; insert: string } | null {
  if (range.to <= range.from || slice(range.from, range.to) !== lint.text) return null;
  return { from: range.from, to: range.to, insert: suggestion };
}

/** One row of the panel's "Spelling and grammar" group. `from`/`to` are offsets in the body
 *  (as the marks stand now) or in the field's text; `line` is the body's line, else null. */
export interface ProseRow {
  field: ProseField;
  lint: ProseLint;
  from: number;
  to: number;
  line: number | null;
}

const FIELD_ORDER: Record<ProseField, number> = { title: 0, description: 1, body: 2 };

/** Rows in the order the page shows them: the title, the description, then the body, each by
 *  position. */
export function orderedRows(rows: readonly ProseRow[]): ProseRow[] {
  return [...rows].sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || a.from - b.from || a.to - b.to);
}

/** "3 spelling, 1 grammar", or "" for none. */
export function proseHeadline(rows: readonly Pick<ProseRow, "lint">[]): string {
  const spelling = rows.filter((r) => ruleOf(r.lint) === "spelling").length;
  const grammar = rows.length - spelling;
  const parts: string[] = [];
  if (spelling) parts.push(`${spelling} spelling`);
  if (grammar) parts.push(`${grammar} grammar`);
  return parts.join(", ");
}

/** Where a row is, for its line in the panel: `“teh” · line 4`, `“teh” · title`. */
export function rowWhere(row: ProseRow): string {
  const where = row.field === "body" ? `line ${row.line ?? 1}` : row.field;
  return `“${row.lint.text}” · ${where}`;
}

/** The front-matter keys whose form field holds the title or the description, best first: the
 *  post's own key for the role (`roles`), then the aliases DESIGN's roles table lists. */
export function fieldKeys(field: "title" | "description", roleKey: string | null): string[] {
  const aliases = field === "title" ? ["title"] : ["description", "summary", "excerpt"];
  return roleKey ? [roleKey, ...aliases.filter((a) => a !== roleKey)] : aliases;
}
