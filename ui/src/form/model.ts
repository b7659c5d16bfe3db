// The front-matter form's model, free of the DOM: which fields to show for a post (from its
// own front matter and the folder's inferred schema), what kind of input each gets, how an
// input's state maps to a typed value, and which edits and removals a save must send.
// State in, state out: the view (form/view.ts) keeps the state and renders it.
import type { FieldEdit } from "../ipc/bindings/FieldEdit";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { FieldType, Schema } from "../ipc/bindings/Schema";
import { flowText, parseFlow, parseNumber, typeOf, type ValueType } from "./values";

export type FieldKind = "text" | "longtext" | "date" | "datetime" | "bool" | "number" | "list" | "image" | "raw";

/** What an input holds: text, a checkbox, or a list of chips. */
export type InputValue = string | boolean | string[];

/** The form's unsaved changes, as a save request carries them. */
export interface FormEdits {
  fields: FieldEdit[];
  remove?: string[];
  frontMatterSource?: string | null;
}

export interface FieldSpec {
  /** Dotted for a field inside a map (`image.alt`). */
  key: string;
  label: string;
  kind: FieldKind;
  /** The value as loaded; undefined when the post lacks the key. */
  original: unknown;
  /** The map this field sits in (`image` for `image.alt`). */
  group?: string;
  /** Known values to offer while typing. */
  suggest?: "tags" | "categories";
  /** Added by the writer since the post was opened: saved even when empty. */
  added?: boolean;
}

/** A nested map shown as a group of fields (`image{url, alt}`). */
export interface GroupSpec {
  key: string;
  label: string;
  original: unknown;
}

type Role = "title" | "summary" | "date" | "updated" | "tags" | "category" | "image" | "draft";

/** Roles in the order the form shows them, with their aliases in priority order (`pubDate` in
 *  Astro, `date` in Hugo and Jekyll), as `content/frontmatter.rs` has them. */
const ROLES: { role: Role; label: string; aliases: string[] }[] = [
  { role: "title", label: "Title", aliases: ["title"] },
  { role: "summary", label: "Description", aliases: ["description", "summary", "excerpt"] },
  { role: "date", label: "Date", aliases: ["pubDate", "date", "pubDatetime", "publishDate"] },
  { role: "updated", label: "Updated", aliases: ["updatedDate", "lastmod", "modDatetime", "updated"] },
  { role: "tags", label: "Tags", aliases: ["tags"] },
  { role: "category", label: "Category", aliases: ["category", "categories"] },
  { role: "image", label: "Image", aliases: ["heroImage", "image", "ogImage", "cover"] },
  { role: "draft", label: "Draft", aliases: ["draft", "published"] },
];

/** A field the post lacks is still offered when at least this share of the folder has it. */
const COMMON = 0.5;

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function roleOf(key: string): Role | null {
  return ROLES.find((r) => r.aliases.includes(key))?.role ?? null;
}

function kindOfType(type: ValueType | FieldType): FieldKind {
  switch (type) {
    case "longText":
      return "longtext";
    case "date":
    case "datetime":
    case "bool":
    case "number":
    case "list":
    case "text":
      return type;
    case "map":
      return "raw";
    default:
      return "text";
  }
}

/** The input for `value` at `key`; the value's own type wins over the schema's. */
export function kindFor(key: string, value: unknown, schemaType: FieldType | null): FieldKind {
  const role = roleOf(key.split(".").pop() ?? key);
  const type = value === undefined || value === null ? (schemaType ?? "text") : typeOf(value);
  if (type === "list") {
    return Array.isArray(value) && !value.every((v) => typeof v === "string") ? "raw" : "list";
  }
  if (type === "map") return "raw";
  // `tags: solo` and `categories: Notes` are one-item lists in all but shape.
  const bare = key.split(".").pop();
  if ((bare === "tags" || bare === "categories") && (type === "text" || type === "empty")) return "list";
  if ((type === "text" || type === "empty") && (role === "image" || key.endsWith(".url") || key.endsWith(".src"))) {
    return "image";
  }
  if (role === "summary" && (type === "text" || type === "empty")) return "longtext";
  if (value === null && schemaType === null) return "raw";
  return kindOfType(type);
}

function suggestFor(key: string): FieldSpec["suggest"] {
  const role = roleOf(key);
  return role === "tags" ? "tags" : role === "category" ? "categories" : undefined;
}

/** The post's key for each role, else the folder's usual key when most posts have one. */
function roleKey(role: (typeof ROLES)[number], values: Record<string, unknown>, schema: Schema | null): string | null {
  const present = role.aliases.find((a) => a in values);
  if (present) return present;
  const common = schema?.fields
    .filter((f) => role.aliases.includes(f.key) && f.fraction >= COMMON)
    .sort((a, b) => b.present - a.present)[0];
  if (common) return common.key;
  // Every post wants a title and a description, whatever the folder does so far.
  if (role.role === "title") return "title";
  if (role.role === "summary") return "description";
  return null;
}

function labelFor(key: string): string {
  const role = ROLES.find((r) => r.aliases.includes(key));
  if (!role) return key;
  if (key === "published") return "Published";
  return role.label;
}

/** More fields than this and the form gives way to the front matter's text. Ten thousand rows
 *  of inputs froze the window for seconds (tests/fixtures/hostile/many-keys.md), and nobody
 *  edits that many fields one at a time; the source editor holds any number of lines. */
export const FORM_FIELD_LIMIT = 500;

/** How many fields the form would draw for `values` (a group of plain values counts each of
 *  its members), without building them: cheap enough to ask before `fieldsFor`. */
export function fieldCount(values: Record<string, unknown>): number {
  let n = 0;
  for (const value of Object.values(values)) {
    const members = isRecord(value) ? Object.keys(value).length : 0;
    n += members > 0 && Object.values(value as Record<string, unknown>).every(isScalar) ? members : 1;
  }
  return n;
}

/**
 * The fields to show: the roles first in a fixed order (using the key this post has), then
 * every other key in the post's order. A nested map of plain values becomes a group of fields;
 * anything the form has no input for is a raw value, never dropped.
 */
export function fieldsFor(doc: PostDocument, schema: Schema | null = null, values: Record<string, unknown> = doc.frontMatter): FieldSpec[] {
  const keys: string[] = [];
  for (const role of ROLES) {
    const key = roleKey(role, values, schema);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  for (const key of Object.keys(values)) if (!keys.includes(key)) keys.push(key);
  const specs: FieldSpec[] = [];
  for (const key of keys) specs.push(...specsForKey(key, values[key], schema));
  return specs;
}

/** The field (or the group's fields) for one top-level key. */
export function specsForKey(key: string, value: unknown, schema: Schema | null): FieldSpec[] {
  const field = schema?.fields.find((f) => f.key === key) ?? null;
  const absentMap = value === undefined && field?.type === "map" && field.subKeys.length > 0;
  if ((isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every(isScalar)) || absentMap) {
    const map: Record<string, unknown> = isRecord(value) ? value : {};
    const subKeys = Object.keys(map).length > 0 ? Object.keys(map) : field!.subKeys;
    return subKeys.map((sub) => ({
      key: `${key}.${sub}`,
      label: sub,
      kind: kindFor(`${key}.${sub}`, map[sub], null),
      original: map[sub],
      group: key,
    }));
  }
  const kind = kindFor(key, value, field?.type ?? null);
  const spec: FieldSpec = { key, label: labelFor(key), kind, original: value };
  const suggest = suggestFor(key);
  if (suggest) spec.suggest = suggest;
  return [spec];
}

/** The groups among `specs`, in order. */
export function groupsOf(specs: FieldSpec[], values: Record<string, unknown>): GroupSpec[] {
  const seen: GroupSpec[] = [];
  for (const s of specs) {
    if (s.group && !seen.some((g) => g.key === s.group)) {
      seen.push({ key: s.group, label: labelFor(s.group) === s.group ? s.group : labelFor(s.group), original: values[s.group] });
    }
  }
  return seen;
}

/** The input state for a field's loaded value. */
export function inputFor(spec: FieldSpec): InputValue {
  const v = spec.original;
  switch (spec.kind) {
    case "bool":
      return v === true;
    case "list":
      if (Array.isArray(v)) return v.map(String);
      return v === undefined || v === null || v === "" ? [] : [String(v)];
    case "raw":
      return flowText(v);
    default:
      return textOf(v);
  }
}

/** The text an input shows for the field's loaded value (lists as comma-separated text). */
export function displayValue(spec: FieldSpec): string {
  return textOf(spec.original);
}

/** The text an input shows for any value. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map((x) => String(x)).join(", ");
  if (typeof v === "object") return flowText(v);
  return String(v);
}

/** Splits "a, b ,c" into ["a", "b", "c"], dropping empty items. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The typed value an input stands for, keeping the original's shape; undefined if unreadable. */
export function valueOf(spec: FieldSpec, input: InputValue): unknown {
  if (spec.kind === "bool") return Boolean(input);
  if (spec.kind === "list") {
    const items = Array.isArray(input) ? input : parseList(String(input));
    // A single string stays a string (`tags: solo`) while it is one item.
    if (typeof spec.original === "string" && items.length <= 1) return items[0] ?? "";
    return items;
  }
  const text = Array.isArray(input) ? input.join(", ") : String(input);
  if (spec.kind === "number") return parseNumber(text);
  if (spec.kind === "raw") {
    const parsed = parseFlow(text);
    return parsed.ok ? parsed.value : undefined;
  }
  if (typeof spec.original === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  return text;
}

/** Problems that stop the form's values from being saved, by key. */
export function fieldErrors(specs: FieldSpec[], inputs: Map<string, InputValue>): { key: string; message: string }[] {
  const errors: { key: string; message: string }[] = [];
  for (const spec of specs) {
    const input = inputs.get(spec.key);
    if (input === undefined || spec.kind !== "raw") continue;
    const parsed = parseFlow(String(input));
    if (!parsed.ok) errors.push({ key: spec.key, message: parsed.message });
  }
  return errors;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const isEmpty = (v: unknown) => v === "" || v === null || v === false || (Array.isArray(v) && v.length === 0);

/** The edits a save must send: only fields whose value differs from the loaded one. */
export function changedFields(specs: FieldSpec[], inputs: Map<string, InputValue>): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const spec of specs) {
    const input = inputs.get(spec.key);
    if (input === undefined) continue;
    const value = valueOf(spec, input);
    if (value === undefined) continue; // Unreadable: `fieldErrors` says why, and save waits.
    if (spec.added) {
      if (!sameValue(value, spec.original)) edits.push({ key: spec.key, value });
      continue;
    }
    // An absent or empty key left empty is not a change.
    if ((spec.original === undefined || spec.original === null) && isEmpty(value)) continue;
    if (!sameValue(value, spec.original)) edits.push({ key: spec.key, value });
  }
  return edits;
}

/** The keys a save must remove: removed fields the post really has (inner keys of a removed
 *  group go with it). */
export function removedKeys(values: Record<string, unknown>, removed: Iterable<string>): string[] {
  const keys = [...removed].filter((k) => valueAt(values, k) !== undefined);
  return keys.filter((k) => !keys.some((other) => k.startsWith(`${other}.`)));
}

export function valueAt(values: Record<string, unknown>, key: string): unknown {
  let current: unknown = values;
  for (const part of key.split(".")) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

function setAt(values: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split(".");
  let current = values;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    current[part] = isRecord(next) ? { ...next } : {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]] = value;
}

function deleteAt(values: Record<string, unknown>, key: string): void {
  const parts = key.split(".");
  let current = values;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!isRecord(next)) return;
    current[part] = { ...next };
    current = current[part] as Record<string, unknown>;
  }
  delete current[parts[parts.length - 1]];
}

/** `base` (the front matter the form shows) with the form's edits and removals, for the
 *  live preview. */
export function currentFrontMatter(
  base: Record<string, unknown>,
  specs: FieldSpec[],
  inputs: Map<string, InputValue>,
  removed: Iterable<string> = [],
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...base };
  for (const edit of changedFields(specs, inputs)) setAt(values, edit.key, edit.value);
  for (const key of removed) deleteAt(values, key);
  return values;
}

export interface AddableField {
  key: string;
  kind: FieldKind;
  /** How many posts in the folder have it. */
  present: number;
}

/** Keys the folder uses that this post lacks, most used first, with the input they need. */
export function addableFields(schema: Schema | null, values: Record<string, unknown>): AddableField[] {
  if (!schema) return [];
  return schema.fields
    .filter((f) => !(f.key in values))
    .map((f) => ({ key: f.key, kind: f.type === "map" ? "raw" : kindFor(f.key, undefined, f.type), present: f.present }));
}

/** Why `key` cannot be added to a post holding `values`, or null when it can. */
export function addKeyProblem(key: string, values: Record<string, unknown>): string | null {
  const k = key.trim();
  if (k === "") return "Give the field a name.";
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)?$/.test(k)) {
    return "Use letters, digits, - and _ (and one dot for a field inside a group, like image.alt).";
  }
  if (valueAt(values, k) !== undefined) return `“${k}” is already in this post.`;
  const parent = k.includes(".") ? k.slice(0, k.indexOf(".")) : null;
  if (parent !== null && values[parent] !== undefined && !isRecord(values[parent])) {
    return `“${parent}” is not a group, so it cannot hold “${k}”.`;
  }
  return null;
}

/** The starting input for a field the writer adds. */
export function emptyInput(kind: FieldKind): InputValue {
  if (kind === "bool") return false;
  if (kind === "list") return [];
  return "";
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
