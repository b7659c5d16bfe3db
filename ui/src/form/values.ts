// Values as the form shows and reads them, free of the DOM: the type of a front-matter value
// (the same rules as the Rust schema's `type_of`), and raw values as one line of YAML flow text
// for keys the form has no better input for. Never throws.
import { parse, stringify } from "yaml";

/** A text longer than this wants a multi-line input (content::schema::LONG_TEXT_CHARS). */
export const LONG_TEXT_CHARS = 120;

export type ValueType = "text" | "longText" | "date" | "datetime" | "bool" | "number" | "list" | "map" | "empty";

export function isDateText(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export function isDatetimeText(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:/.test(s) && s.length >= 16;
}

export function typeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return "number";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "map";
  const s = String(value);
  if (isDateText(s)) return "date";
  if (isDatetimeText(s)) return "datetime";
  if (s.includes("\n") || [...s].length > LONG_TEXT_CHARS) return "longText";
  return "text";
}

/** One line of YAML flow text for any value; null is an empty line. */
export function flowText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return stringify(value, { collectionStyle: "flow", flowCollectionPadding: false, lineWidth: 0 }).replace(/\n$/, "");
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads flow text back; an empty line is null. The message says what is wrong and where. */
export function parseFlow(text: string): Parsed {
  try {
    const value: unknown = parse(text);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { ok: false, message };
  }
}

/** A number field's text: a finite number, null when empty, else the text as written. */
export function parseNumber(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? n : text;
}
