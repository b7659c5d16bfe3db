import { describe, expect, it } from "vitest";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { Language } from "./ipc/bindings/Site";
import { languageName, translationsOf, translationsOfPost } from "./translations";

function post(path: string, lang: string | null, translationKey: string | null, title: string | null = null): PostSummary {
  return { path, title, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection: "blog", lang, translationKey };
}

const language = (code: string, name: string | null = null): Language => ({ code, name, dir: null, suffix: null, rtl: false });
const languages = [language("en", "English"), language("fr", "Français"), language("de"), language("ar")];

const posts = [
  post("blog/hello.md", "en", "hello", "Hello"),
  post("blog/hello.fr.md", "fr", "hello", "Bonjour"),
  post("blog/hello.ar.md", "ar", "hello", "مرحبا"),
  post("blog/other.md", "en", "other"),
  post("blog/other.de.md", "de", "other"),
  post("blog/loose.md", "en", null),
];

describe("translationsOfPost", () => {
  it("finds the other posts with the same key, never the post itself", () => {
    expect(translationsOfPost(posts[0], posts).map((p) => p.path)).toEqual(["blog/hello.fr.md", "blog/hello.ar.md"]);
    expect(translationsOfPost(posts[4], posts).map((p) => p.path)).toEqual(["blog/other.md"]);
  });

  it("finds none for a post without a key, even beside other keyless posts", () => {
    expect(translationsOfPost(posts[5], [...posts, post("blog/loose.fr.md", "fr", null)])).toEqual([]);
  });
});

describe("translationsOf", () => {
  it("lists the post's language, then its translations in the site's order, then the languages it lacks", () => {
    expect(translationsOf(posts[1], posts, languages, "en")).toEqual([
      { kind: "current", lang: "fr", path: "blog/hello.fr.md" },
      { kind: "translation", lang: "en", path: "blog/hello.md", title: "Hello" },
      { kind: "translation", lang: "ar", path: "blog/hello.ar.md", title: "مرحبا" },
      { kind: "missing", lang: "de" },
    ]);
  });

  it("offers every other language for a post with no translations", () => {
    expect(translationsOf(posts[5], posts, languages, "en").map((i) => `${i.kind}:${i.lang}`)).toEqual([
      "current:en",
      "missing:fr",
      "missing:de",
      "missing:ar",
    ]);
  });

  it("takes the site's default language for a post that names none", () => {
    const untagged = post("blog/x.md", null, "x");
    const items = translationsOf(untagged, [untagged, post("blog/x.fr.md", "fr", "x")], languages, "en");
    expect(items.slice(0, 2).map((i) => `${i.kind}:${i.lang}`)).toEqual(["current:en", "translation:fr"]);
  });

  it("shows nothing on a one-language site or for a post the library does not know", () => {
    expect(translationsOf(posts[0], posts, [], null)).toEqual([]);
    expect(translationsOf(undefined, posts, languages, "en")).toEqual([]);
  });

  it("keeps a translation in a language the site no longer lists, after the site's own", () => {
    const items = translationsOf(posts[0], [...posts, post("blog/hello.es.md", "es", "hello")], languages, "en");
    expect(items.map((i) => `${i.kind}:${i.lang}`)).toEqual(["current:en", "translation:fr", "translation:ar", "translation:es", "missing:de"]);
  });
});

describe("languageName", () => {
  it("names a language with its code, or gives the code alone", () => {
    expect(languageName(language("en", "English"))).toBe("English (en)");
    expect(languageName(language("fr"))).toBe("fr");
  });
});
