// The front-matter form's model, free of the DOM: which fields to show for a post (from its
// own front matter and the folder's inferred schema), what kind of input each gets, how an
// input's state maps to a typed value, and which edits and removals a save must send.
// State in, state out: the view (form/view.ts) keeps the state and renders it.
import type { DeclaredField } from "../ipc/bindings/DeclaredSchema";
import type { FieldEdit } from "../ipc/bindings/FieldEdit";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { FieldType, Schema } from "../ipc/bindings/Schema";
import { flowText, parseFlow, parseNumber, typeOf, type ValueType } from "./values";

export type FieldKind = "text" | "longtext" | "date" | "datetime" | "bool" | "number" | "list" | "image" | "select" | "raw";

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
  /** What the site's generator declares for this field (Astro's zod schema, Jekyll defaults,
   *  Hugo archetypes): options, bounds, default, where it is declared. */
  declared?: DeclaredField;
  /** The generator requires the field here (a field inside a map only where the map is in the
   *  post or is itself required). */
  required?: boolean;
}

/** A nested map shown as a group of fields (`image{url, alt}`). */
export interface GroupSpec {
  key: string;
  label: string;
  original: unknown;
  /** The declared map, when the generator declares one. */
  declared?: DeclaredField;
  required?: boolean;
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

/** The declared field at `key` (dotted for a field inside a declared map), or null. */
export function declaredField(schema: Schema | null, key: string): DeclaredField | null {
  let fields = schema?.declared?.fields ?? [];
  let found: DeclaredField | null = null;
  for (const part of key.split(".")) {
    found = fields.find((f) => f.key === part) ?? null;
    if (!found) return null;
    fields = found.fields;
  }
  return found;
}

/** Whether the declaration gives a default (null is none). */
export function hasDefault(d: DeclaredField | null | undefined): d is DeclaredField {
  return d !== null && d !== undefined && d.default !== null && d.default !== undefined;
}

/** The input a declaration asks for, or null when it says nothing the value's own type does not. */
function declaredKind(d: DeclaredField): FieldKind | null {
  if (d.options.length > 0 && (d.type === "text" || d.type === "longText" || d.type === "empty")) return "select";
  switch (d.type) {
    case "text":
      return d.image ? "image" : "text";
    case "longText":
      return "longtext";
    case "date":
    case "datetime":
    case "bool":
    case "number":
      return d.type;
    case "list":
      // Chips hold text: a list of numbers, flags or maps is edited as its YAML.
      return d.item === "number" || d.item === "bool" || d.item === "map" || d.item === "list" ? "raw" : "list";
    default:
      return d.image ? "image" : null;
  }
}

/**
 * The input for `value` at `key` when the generator declares the field: the declared type wins
 * over the inferred one, but only where the value survives the declared input untouched (a
 * `draft: "yes"` declared a boolean stays text, since a switch would rewrite it as false). The
 * richer inputs the form picks by role stay (a declared string is still a description's long
 * text or an image's URL), and a date keeps its own precision.
 */
export function declaredKindFor(key: string, value: unknown, schemaType: FieldType | null, d: DeclaredField | null): FieldKind {
  const inferred = kindFor(key, value, schemaType);
  if (!d) return inferred;
  const absent = value === undefined || value === null;
  if (d.type === "map") return absent ? "raw" : inferred;
  const want = declaredKind(d);
  if (want === null || want === inferred) return inferred;
  if (want === "text" && (inferred === "longtext" || inferred === "image")) return inferred;
  if ((want === "date" || want === "datetime") && (inferred === "date" || inferred === "datetime")) return inferred;
  if (absent) return want;
  const spec: FieldSpec = { key, label: key, kind: want, original: value };
  return sameValue(valueOf(spec, inputFor(spec)), value) ? want : inferred;
}

function withDeclared(spec: FieldSpec, d: DeclaredField | null, requiredHere = true): FieldSpec {
  if (!d) return spec;
  spec.declared = d;
  if (d.required && requiredHere) spec.required = true;
  return spec;
}

function suggestFor(key: string): FieldSpec["suggest"] {
  const role = roleOf(key);
  return role === "tags" ? "tags" : role === "category" ? "categories" : undefined;
}

/** The post's key for each role, else the folder's usual key when most posts have one. */
function roleKey(role: (typeof ROLES)[number], values: Record<string, unknown>, schema: Schema | null): string | null {
  const present = role.aliases.find((a) => a in values);
  if (present) return present;
  // The generator's own name for the role, when it declares one (`pubDate` in an Astro schema).
  const declared = role.aliases.find((a) => schema?.declared?.fields.some((f) => f.key === a)) ?? null;
  const common = schema?.fields
    .filter((f) => role.aliases.includes(f.key) && f.fraction >= COMMON)
    .sort((a, b) => b.present - a.present)[0];
  if (common) return declared ?? common.key;
  // Every post wants a title and a description, whatever the folder does so far.
  if (role.role === "title") return "title";
  if (role.role === "summary") return declared ?? "description";
  return null;
}

/** A field's label: its role's name (`pubDate` reads "Date"), else the key as written. */
export function labelFor(key: string): string {
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
  // Declared fields the post lacks but the writer should see: a required one (to fill in) and
  // one with a default (shown as its default). Each goes where the declaration puts it: after
  // the nearest declared field before it that is shown, else before the nearest after it.
  const declared = schema?.declared?.fields ?? [];
  declared.forEach((f, i) => {
    if (keys.includes(f.key) || f.key in values || !(f.required || hasDefault(f))) return;
    const before = declared.slice(0, i).reverse().find((g) => keys.includes(g.key));
    const after = declared.slice(i + 1).find((g) => keys.includes(g.key));
    if (before) keys.splice(keys.indexOf(before.key) + 1, 0, f.key);
    else if (after) keys.splice(keys.indexOf(after.key), 0, f.key);
    else keys.push(f.key);
  });
  const specs: FieldSpec[] = [];
  for (const key of keys) specs.push(...specsForKey(key, values[key], schema));
  return specs;
}

/** The field (or the group's fields) for one top-level key. */
export function specsForKey(key: string, value: unknown, schema: Schema | null): FieldSpec[] {
  const field = schema?.fields.find((f) => f.key === key) ?? null;
  const d = declaredField(schema, key);
  // A declared object (Astro's `heroImage: z.object({ src: image(), alt: z.string() })`) is a
  // group of its declared fields, then any others the post has.
  const declaredGroup = d !== null && d.type === "map" && d.fields.length > 0;
  const inferredGroup = field?.type === "map" && field.subKeys.length > 0;
  const plainMap = isRecord(value) && Object.values(value).every(isScalar) && (Object.keys(value).length > 0 || declaredGroup);
  if (plainMap || (value === undefined && (inferredGroup || declaredGroup))) {
    const map: Record<string, unknown> = isRecord(value) ? value : {};
    let subKeys = Object.keys(map).length > 0 ? Object.keys(map) : inferredGroup ? field!.subKeys : [];
    if (declaredGroup) subKeys = [...d!.fields.map((f) => f.key), ...subKeys.filter((k) => !d!.fields.some((f) => f.key === k))];
    const mapRequired = value !== undefined || d?.required === true;
    return subKeys.map((sub) => {
      const sd = declaredGroup ? (d!.fields.find((f) => f.key === sub) ?? null) : null;
      const spec: FieldSpec = { key: `${key}.${sub}`, label: sub, kind: declaredKindFor(`${key}.${sub}`, map[sub], null, sd), original: map[sub], group: key };
      return withDeclared(spec, sd, mapRequired);
    });
  }
  const kind = declaredKindFor(key, value, field?.type ?? null, d);
  const spec: FieldSpec = { key, label: labelFor(key), kind, original: value };
  const suggest = suggestFor(key);
  if (suggest) spec.suggest = suggest;
  return [withDeclared(spec, d)];
}

/** The field for a key the writer added with the input `kind` they chose. A declared key
 *  brings its declaration, and a plain text choice takes the richer input it declares. */
export function addedSpec(key: string, kind: FieldKind, values: Record<string, unknown>, schema: Schema | null): FieldSpec {
  const group = key.includes(".") ? key.slice(0, key.indexOf(".")) : undefined;
  const d = declaredField(schema, key);
  const want = d ? declaredKindFor(key, undefined, null, d) : kind;
  const chosen = kind === "text" && (want === "select" || want === "image" || want === "longtext") ? want : kind;
  const spec: FieldSpec = { key, label: group ? key.slice(group.length + 1) : key, kind: chosen, original: valueAt(values, key), added: true };
  if (group) spec.group = group;
  return withDeclared(spec, d);
}

/** The groups among `specs`, in order. */
export function groupsOf(specs: FieldSpec[], values: Record<string, unknown>, schema: Schema | null = null): GroupSpec[] {
  const seen: GroupSpec[] = [];
  for (const s of specs) {
    if (s.group && !seen.some((g) => g.key === s.group)) {
      const group: GroupSpec = { key: s.group, label: labelFor(s.group) === s.group ? s.group : labelFor(s.group), original: values[s.group] };
      const d = declaredField(schema, s.group);
      if (d) {
        group.declared = d;
        if (d.required) group.required = true;
      }
      seen.push(group);
    }
  }
  return seen;
}

/** The input state for a field's loaded value. */
export function inputFor(spec: FieldSpec): InputValue {
  const v = spec.original;
  switch (spec.kind) {
    case "bool":
      // An absent flag shows its declared default (never written unless the writer flips it).
      if (v === undefined && typeof spec.declared?.default === "boolean") return spec.declared.default;
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
    // An absent key left at its declared default is not a change (the generator fills it in),
    // nor is one left empty unless it is a flag whose default is true.
    if (spec.original === undefined && hasDefault(spec.declared)) {
      if (sameValue(value, spec.declared.default)) continue;
      if (spec.kind !== "bool" && isEmpty(value)) continue;
      edits.push({ key: spec.key, value });
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
  /** The generator declares it. */
  declared?: boolean;
}

/** Keys the folder uses that this post lacks, most used first, with the input they need; then
 *  the keys the generator declares that no post uses yet. */
export function addableFields(schema: Schema | null, values: Record<string, unknown>): AddableField[] {
  if (!schema) return [];
  const used: AddableField[] = schema.fields
    .filter((f) => !(f.key in values))
    .map((f) => {
      const d = declaredField(schema, f.key);
      const field: AddableField = { key: f.key, kind: f.type === "map" ? "raw" : declaredKindFor(f.key, undefined, f.type, d), present: f.present };
      if (d) field.declared = true;
      return field;
    });
  const declaredOnly: AddableField[] = (schema.declared?.fields ?? [])
    .filter((d) => !(d.key in values) && !schema.fields.some((f) => f.key === d.key))
    .map((d) => ({ key: d.key, kind: declaredKindFor(d.key, undefined, null, d), present: 0, declared: true }));
  return [...used, ...declaredOnly];
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
