// What the History dialog says, free of the DOM: each commit's line (subject, short hash, a
// date a writer reads at a glance, author, the name the post had then), the chosen version's
// heading, and what restoring a version changes in the open buffer. The backend reads git;
// git-history-view.ts draws this and app.ts applies a restore.
import type { GitCommit } from "./ipc/bindings/Git";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "Today 14:02", "Yesterday 09:15", "Tuesday 11:40" within the week, "3 May" this year,
 *  "3 May 2024" before; the ISO text itself when it does not parse. Local time. */
export function commitDate(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days === 0) return `Today ${time}`;
  if (days === 1) return `Yesterday ${time}`;
  if (days > 1 && days < 7) return `${date.toLocaleDateString(locale, { weekday: "long" })} ${time}`;
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString(locale, sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" });
}

/** The full date and time, for a tooltip. */
export function commitDateLong(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });
}

export interface HistoryEntry {
  hash: string;
  /** The commit's subject, or a quiet stand-in for an empty one. */
  subject: string;
  /** "a1b2c3d · 3 May · Ann Writer". */
  meta: string;
  /** "Then named posts/old-name.md" when the post had another path at that commit. */
  renamed: string | null;
  /** The whole hash, the full date and the author, for a tooltip. */
  title: string;
}

export function historyEntry(commit: GitCommit, currentPath: string, now: Date, locale?: string): HistoryEntry {
  const subject = commit.subject.trim() || "(no message)";
  return {
    hash: commit.hash,
    subject,
    meta: [commit.short, commitDate(commit.date, now, locale), commit.author].filter(Boolean).join(" · "),
    renamed: commit.path !== currentPath ? `Then named ${commit.path}` : null,
    title: `${commit.hash}\n${commitDateLong(commit.date, locale)} by ${commit.author}`,
  };
}

/** The chosen version's heading: "a1b2c3d · Fix typo · 3 May 2025". */
export function versionHeading(commit: GitCommit, locale?: string): string {
  const subject = commit.subject.trim() || "(no message)";
  return `${commit.short} · ${subject} · ${commitDateLong(commit.date, locale)}`;
}

/** What the list says when there is nothing in it. */
export function emptyHistoryMessage(): string {
  return "This post has no commits yet. Its history starts with its first commit.";
}

/** What a version's restore changes in the buffer: its front matter's text when it differs from
 *  the buffer's, its body when it differs from the editor's. Empty when the buffer already holds
 *  that version. */
export interface RestoreEdits {
  frontMatterSource: string | null;
  body: string | null;
}

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

export function restoreEdits(restore: SaveRequest, buffer: { frontMatterSource: string; body: string }): RestoreEdits {
  const source = restore.frontMatterSource;
  const frontMatterSource = source != null && lf(source) !== lf(buffer.frontMatterSource) ? source : null;
  const body = restore.body !== null && restore.body !== buffer.body ? restore.body : null;
  return { frontMatterSource, body };
}

/** The line shown after a restore. */
export function restoredMessage(commit: GitCommit, edits: RestoreEdits, undoKey: string, locale?: string): string {
  const when = commitDateLong(commit.date, locale);
  if (edits.frontMatterSource === null && edits.body === null) return `Your text already matches ${commit.short} (${when}).`;
  const parts = [`Restored ${commit.short} from ${when}.`];
  if (edits.body !== null) parts.push(`${undoKey} in the text undoes it.`);
  if (edits.frontMatterSource !== null) parts.push("Its front matter is in the source editor.");
  return parts.join(" ");
}
