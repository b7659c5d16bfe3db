// The front-matter form's model, free of the DOM: which fields to show for a post, how a field's
// text maps to a typed value, and which edits a save must send.
import type { FieldEdit } from "./ipc/bindings/FieldEdit";
import type { PostDocument } from "./ipc/bindings/PostDocument";

export type FieldKind = "text" | "longtext" | "list" | "bool";

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** The value as loaded, for dirty tracking and to keep the list-vs-string shape. */
  original: unknown;
}

/** Title, description, date, tags and draft, by role, using the key this post really has. */
export function fieldsFor(doc: PostDocument): FieldSpec[] {
  const fm = doc.frontMatter;
  const specs: FieldSpec[] = [];
  const add = (key: string | null, fallback: string | null, label: string, kind: FieldKind) => {
    const k = key ?? fallback;
    if (k === null) return;
    specs.push({ key: k, label, kind, original: fm[k] });
  };
  add(doc.roles.title, "title", "Title", "text");
  add(doc.roles.summary, "description", "Description", "longtext");
  add(doc.roles.date, null, "Date", "text");
  add(doc.roles.tags, null, "Tags", "list");
  if (doc.roles.draft === "draft") add("draft", null, "Draft", "bool");
  return specs;
}

/** The text an input shows for the field's loaded value. */
export function displayValue(spec: FieldSpec): string {
  return textOf(spec.original);
}

/** The text an input shows for any value. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map((x) => String(x)).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Splits "a, b ,c" into ["a", "b", "c"], dropping empty items. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The typed value a field's input stands for, keeping the original's shape. */
export function valueOf(spec: FieldSpec, input: string | boolean): unknown {
  if (spec.kind === "bool") return Boolean(input);
  const text = String(input);
  if (spec.kind === "list" && (Array.isArray(spec.original) || spec.original === undefined)) {
    return parseList(text);
  }
  if (typeof spec.original === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) {
    return Number(text);
  }
  return text;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The edits a save must send: only fields whose value differs from the loaded one. */
export function changedFields(specs: FieldSpec[], inputs: Map<string, string | boolean>): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const spec of specs) {
    const input = inputs.get(spec.key);
    if (input === undefined) continue;
    const value = valueOf(spec, input);
    const original = spec.original === undefined && spec.kind === "bool" ? false : spec.original;
    if (spec.original === undefined && (value === "" || (Array.isArray(value) && value.length === 0))) continue;
    if (!sameValue(value, original)) edits.push({ key: spec.key, value });
  }
  return edits;
}

/** The post's front matter with the form's current values in place, for the live preview. */
export function currentFrontMatter(
  doc: PostDocument,
  specs: FieldSpec[],
  inputs: Map<string, string | boolean>,
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...doc.frontMatter };
  for (const spec of specs) {
    const input = inputs.get(spec.key);
    if (input !== undefined) values[spec.key] = valueOf(spec, input);
  }
  return values;
}

/** Words in a text: runs of characters between whitespace that hold a letter or digit. One
 *  pass over the characters, with no arrays, so it stays cheap on a megabyte. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let hasAlnum = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (space) {
      if (inWord && hasAlnum) words++;
      inWord = false;
      hasAlnum = false;
    } else {
      inWord = true;
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127) hasAlnum = true;
    }
  }
  if (inWord && hasAlnum) words++;
  return words;
}
