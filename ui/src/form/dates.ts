// Date and datetime literals, free of the DOM. The form keeps a date as the literal text the
// post has (`2025-08-21`, `2025-09-14T09:30:00+02:00`, `2025-01-02 10:00:00 +0200`), and a
// picker (`<input type=date>` or `datetime-local`) only edits the parts it can show: the date,
// and the wall-clock time. Everything else (the separator, seconds, fraction and the offset)
// is kept as written, so nothing drifts between time zones.
import type { DateStyle } from "../ipc/bindings/Schema";

export interface DateLiteral {
  date: string;
  /** `HH:MM`, `HH:MM:SS` or with a fraction; null for a date alone. */
  time: string | null;
  /** `T`, `t` or a space. */
  sep: string;
  /** Everything after the time: `Z`, `+02:00`, ` +0200`, or empty. */
  offset: string;
}

const LITERAL = /^(\d{4}-\d{2}-\d{2})(?:([Tt ])(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?))?$/;

export function parseLiteral(text: string): DateLiteral | null {
  const m = LITERAL.exec(text.trim());
  if (!m) return null;
  return { date: m[1], time: m[3] ?? null, sep: m[2] ?? "T", offset: m[4] ?? "" };
}

/** What the picker shows for a literal; empty when the text is not a date. */
export function pickerValue(text: string, kind: "date" | "datetime"): string {
  const lit = parseLiteral(text);
  if (!lit) return "";
  if (kind === "date") return lit.date;
  const time = (lit.time ?? "00:00").replace(/\.\d+$/, "");
  return `${lit.date}T${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `+02:00`, `-05:30` or `Z` for an offset in minutes east of UTC. */
export function offsetText(minutesEast: number): string {
  if (minutesEast === 0) return "Z";
  const sign = minutesEast > 0 ? "+" : "-";
  const abs = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The time part of a picked value in the shape of the old time (seconds and fraction kept). */
function shapedTime(picked: string, old: string | null): string {
  const [hm, seconds] = [picked.slice(0, 5), picked.slice(6, 8)];
  if (old === null) return `${hm}:${seconds || "00"}`;
  const oldHasSeconds = old.length >= 8;
  if (!oldHasSeconds) return seconds && seconds !== "00" ? `${hm}:${seconds}` : hm;
  const oldSeconds = old.slice(6, 8);
  const sec = seconds || "00";
  // A fraction survives when the picked time is the same second.
  const fraction = old.slice(0, 8) === `${hm}:${sec}` ? old.slice(8) : "";
  return `${hm}:${sec || oldSeconds}${fraction}`;
}

/**
 * The literal after the writer picked `picked` (the picker's value) over `previous` (the field's
 * text). A picked date replaces only the date; a picked datetime also the wall-clock time.
 * Without a readable previous literal the folder's style decides, and a new datetime gets the
 * writer's own offset at that moment (`offsetMinutes`, east of UTC).
 */
export function applyPicked(
  previous: string,
  picked: string,
  kind: "date" | "datetime",
  style: DateStyle | null,
  offsetMinutes: number,
): string {
  const date = picked.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return previous;
  const lead = previous.match(/^\s*/)?.[0] ?? "";
  const old = parseLiteral(previous);
  if (old) {
    if (kind === "date" || !/T\d{2}:\d{2}/.test(picked)) return `${lead}${date}${old.time === null ? "" : old.sep + old.time + old.offset}`;
    return `${lead}${date}${old.sep}${shapedTime(picked.slice(11), old.time)}${old.offset}`;
  }
  const wantsTime = kind === "datetime" || style === "datetime" || style === "quotedDatetime";
  if (!wantsTime) return date;
  const time = /T\d{2}:\d{2}/.test(picked) ? shapedTime(picked.slice(11), null) : "00:00:00";
  return `${date}T${time}${offsetText(offsetMinutes)}`;
}

/** Now as a literal of `kind`, in local time (a datetime with the local offset). */
export function nowLiteral(kind: "date" | "datetime", now: Date): string {
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  if (kind === "date") return date;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${date}T${time}${offsetText(-now.getTimezoneOffset())}`;
}

/** The picker kind for a field: the literal's own shape first, then the folder's style. */
export function dateKindFor(text: string, style: DateStyle | null): "date" | "datetime" {
  const lit = parseLiteral(text);
  if (lit) return lit.time === null ? "date" : "datetime";
  return style === "datetime" || style === "quotedDatetime" ? "datetime" : "date";
}
