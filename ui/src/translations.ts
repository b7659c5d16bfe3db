// The open post's translations on a multilingual site: the same post in the site's other
// languages, found by the key translations share (`translationKey`, or the site's placement of
// the post). DOM-free: the bar over the form (app.ts) draws what `translationsOf` decides.
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { Language } from "./ipc/bindings/Site";

/** "English (en)" when the site names the language, else its code. */
export function languageName(language: Pick<Language, "code" | "name">): string {
  return language.name ? `${language.name} (${language.code})` : language.code;
}

export type TranslationItem =
  /** The open post's own language. */
  | { kind: "current"; lang: string; path: string }
  /** A translation that exists: a link to it. */
  | { kind: "translation"; lang: string; path: string; title: string | null }
  /** A site language the post has no translation in: a button that writes one. */
  | { kind: "missing"; lang: string };

/** Posts sharing `post`'s translation key (itself left out); none when it has no key. */
export function translationsOfPost(post: PostSummary, posts: Iterable<PostSummary>): PostSummary[] {
  const key = post.translationKey;
  if (key === null) return [];
  const found: PostSummary[] = [];
  for (const p of posts) if (p.path !== post.path && p.translationKey === key) found.push(p);
  return found;
}

/**
 * What the translations bar shows for the open post: its language first, then each existing
 * translation (in the site's order of languages, then any other language by code, then by path),
 * then each site language it has no translation in. Empty on a one-language site, or when the
 * post is not in the library.
 */
export function translationsOf(
  post: PostSummary | undefined,
  posts: Iterable<PostSummary>,
  languages: readonly Language[],
  defaultLanguage: string | null = null,
): TranslationItem[] {
  if (!post || languages.length === 0) return [];
  const own = post.lang ?? defaultLanguage ?? languages[0].code;
  const order = new Map(languages.map((l, i) => [l.code, i]));
  const rank = (code: string) => order.get(code) ?? languages.length;
  const others = translationsOfPost(post, posts)
    .map((p) => ({ post: p, lang: p.lang ?? defaultLanguage ?? "" }))
    .filter((t) => t.lang !== "")
    .sort((a, b) => rank(a.lang) - rank(b.lang) || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0) || (a.post.path < b.post.path ? -1 : 1));
  const items: TranslationItem[] = [{ kind: "current", lang: own, path: post.path }];
  for (const t of others) items.push({ kind: "translation", lang: t.lang, path: t.post.path, title: t.post.title });
  const covered = new Set([own, ...others.map((t) => t.lang)]);
  for (const l of languages) if (!covered.has(l.code)) items.push({ kind: "missing", lang: l.code });
  return items;
}
