// Tags, free of the DOM: autocomplete from the folder's known tags, and warnings for a tag that
// is a case or spelling variant of another (`GPT-4o` and `gpt-4o`, `ai` and `AI`, `kubernets`
// and `kubernetes`). The rules match the `tag-variant` check in content/checks/folder.rs, so
// the form and `postdesk check` agree.
import type { ValueCount } from "../ipc/bindings/Schema";

/** Tags that differ only in case and separators share this key (`GPT-4o`, `gpt 4o`). */
export function tagKey(tag: string): string {
  let out = "";
  for (const c of tag.trim().toLowerCase()) {
    if (c === " " || c === "_" || c === "-") out += "-";
    else if (/[\p{L}\p{N}]/u.test(c)) out += c;
  }
  return out;
}

/** A tag written as a URL slug: lower case, words joined by hyphens. */
export function isSlugStyle(tag: string): boolean {
  return tag.length > 0 && tag.split("-").every((w) => w.length > 0 && /^[\p{Ll}\d]+$/u.test(w));
}

const MAX_COMPARED_CHARS = 64;

/** Optimal string alignment distance (a swap of neighbours is one edit), bounded. */
export function editDistance(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  if (a.length > MAX_COMPARED_CHARS || b.length > MAX_COMPARED_CHARS) {
    return Math.max(Math.abs(a.length - b.length), MAX_COMPARED_CHARS);
  }
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

export interface TagWarning {
  tag: string;
  /** The form to use instead. */
  use: string;
  kind: "variant" | "misspelling";
  message: string;
}

/** Warnings for the post's `tags` against the folder's `known` tags (with their post counts). */
export function tagWarnings(tags: string[], known: ValueCount[]): TagWarning[] {
  const counts = new Map(known.map((k) => [k.value, k.count]));
  const groups = new Map<string, Map<string, number>>();
  const note = (tag: string, count: number) => {
    const key = tagKey(tag);
    const forms = groups.get(key) ?? new Map<string, number>();
    forms.set(tag, Math.max(forms.get(tag) ?? 0, count, 1));
    groups.set(key, forms);
  };
  for (const [tag, count] of counts) note(tag, count);
  for (const tag of tags) note(tag, 0);
  const warnings: TagWarning[] = [];
  for (const tag of new Set(tags)) {
    const forms = groups.get(tagKey(tag)) ?? new Map<string, number>();
    if (forms.size > 1) {
      const best = [...forms].sort(
        (p, q) => q[1] - p[1] || Number(isSlugStyle(q[0])) - Number(isSlugStyle(p[0])) || (p[0] < q[0] ? -1 : 1),
      )[0][0];
      if (best !== tag) {
        const others = [...forms].filter(([f]) => f !== tag).map(([f, c]) => `“${f}” (${c})`);
        warnings.push({
          tag,
          use: best,
          kind: "variant",
          message: `“${tag}” is also written ${others.join(", ")} in this folder.`,
        });
      }
      continue;
    }
    const key = tagKey(tag);
    const length = [...key].length;
    if (length < 5) continue;
    const mine = counts.get(tag) ?? 1;
    let near: [string, number] | null = null;
    for (const [other, count] of counts) {
      const k = tagKey(other);
      if (k === key || count <= mine) continue;
      if (editDistance(k, key) > (length >= 8 ? 2 : 1)) continue;
      if (!near || count > near[1]) near = [other, count];
    }
    if (near) {
      warnings.push({
        tag,
        use: near[0],
        kind: "misspelling",
        message: `“${tag}” looks like a misspelling of “${near[0]}”, used by ${near[1]} posts.`,
      });
    }
  }
  return warnings;
}

/**
 * Known values to offer for `query`, leaving out those already chosen (in any case): values
 * starting with the query first, then containing it, each by how many posts use them.
 */
export function suggest(known: ValueCount[], query: string, chosen: string[], limit = 8): string[] {
  const q = query.trim().toLowerCase();
  const taken = new Set(chosen.map((c) => c.toLowerCase()));
  const rank = (v: string) => {
    if (q === "") return 1;
    const l = v.toLowerCase();
    if (l.startsWith(q) || tagKey(v).startsWith(tagKey(q))) return 0;
    return l.includes(q) ? 1 : -1;
  };
  return known
    .filter((k) => !taken.has(k.value.toLowerCase()) && rank(k.value) >= 0)
    .sort((a, b) => rank(a.value) - rank(b.value) || b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, limit)
    .map((k) => k.value);
}
