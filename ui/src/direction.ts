// Text direction of a post (Hebrew, Arabic, Persian, Urdu, ... are right-to-left): from its
// language when the front matter names one, else from its text, the way `dir="auto"` decides
// (the first strong directional character) but reading Markdown: syntax, code, URLs, HTML tags
// and shortcodes are skipped, so `![](photo.jpg) שלום` is right-to-left.

export type TextDirection = "rtl" | "ltr";

/** Primary language subtags written right to left. The list asked for (ar he iw fa ur ps sd ug
 *  yi dv ckb syr), with `ji` (the old code for Yiddish, as `iw` is for Hebrew) and a few whose
 *  usual script is Arabic (Dari, Western Punjabi, Egyptian and Moroccan Arabic, South
 *  Azerbaijani, Kashmiri, Northern Luri, Mazanderani). */
const RTL_LANGUAGES = new Set([
  "ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "ji", "dv", "ckb", "syr",
  "prs", "pnb", "arz", "ary", "azb", "ks", "lrc", "mzn",
]);

/** Script subtags written right to left (`az-Arab`, `pa-Arab`, `ms-Arab`, ...). */
const RTL_SCRIPTS = new Set(["arab", "aran", "hebr", "syrc", "syre", "syrj", "syrn", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"]);

/** Language subtags that name no language. */
const NO_LANGUAGE = new Set(["", "und", "mul", "zxx", "mis"]);

/** Right-to-left letters (and the right-to-left and Arabic letter marks). */
const RTL_LETTER =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\u200F\u061C]/u;
/** A strong directional character: any letter, or a directional mark. Digits, punctuation,
 *  symbols and combining marks are weak or neutral and are passed over. */
const STRONG = /[\p{L}\u200E\u200F\u061C]/u;

/** What in a line of Markdown says nothing of its direction: code spans, HTML comments and
 *  tags, link and image destinations, autolinks (as tags) and bare URLs, footnote references,
 *  entities, Hugo shortcodes and Liquid/Nunjucks tags. */
const SKIPPED =
  /`+[^`]*`+|<!--.*?(?:-->|$)|<\/?[A-Za-z][^>]*>|\]\([^)]*\)?|(?:https?|ftp|mailto):\S*|www\.\S*|\[\^[^\]]*\]|&#?\w+;|\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)/giu;

/** Whether a line may hold something SKIPPED (most lines of prose hold none). */
const MAYBE_SKIPPED = /[`<\]:{&[]|www\./;

/** The direction a language tag (BCP 47: `he`, `ar-EG`, `az-Arab`, `fa_IR`) is written in, or
 *  null when it names no language. A script subtag decides over the language. */
export function languageDirection(lang: string | null | undefined): TextDirection | null {
  if (!lang) return null;
  const subtags = lang.trim().toLowerCase().split(/[-_]/);
  if (NO_LANGUAGE.has(subtags[0])) return null;
  const script = subtags.slice(1).find((s) => /^[a-z]{4}$/.test(s));
  if (script) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(subtags[0]) ? "rtl" : "ltr";
}

/** The direction of one line of Markdown by its first strong character, or null when it has
 *  none (blank, digits, punctuation, or only code and URLs). */
export function lineDirection(line: string): TextDirection | null {
  const found = STRONG.exec(MAYBE_SKIPPED.test(line) ? line.replace(SKIPPED, " ") : line);
  if (!found) return null;
  return RTL_LETTER.test(found[0]) ? "rtl" : "ltr";
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A link reference definition: `[id]: https://...`. */
const REFERENCE = /^ {0,3}\[[^\]]+\]:/;

/** A post's direction: from its language when it has one, else from its text (the first strong
 *  character outside front matter, fenced code and Markdown syntax; left to right when none).
 *  The text is read only as far as its first strong character; pass a prefix of a long body. */
export function directionOf(lang: string | null | undefined, text: string): TextDirection {
  const byLanguage = languageDirection(lang);
  if (byLanguage) return byLanguage;
  const lines = text.split("\n", 400);
  let i = 0;
  // Front matter (YAML between --- lines, TOML between +++), when the whole file is given.
  const first = lines[0]?.replace(/^\uFEFF/, "").trimEnd();
  if (first === "---" || first === "+++") {
    const close = lines.findIndex((l, n) => n > 0 && (l.trimEnd() === first || (first === "---" && l.trimEnd() === "...")));
    i = close > 0 ? close + 1 : 1;
  }
  let fence: string | null = null;
  let inComment = false;
  for (; i < lines.length; i++) {
    let line = lines[i];
    if (fence !== null) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) continue;
      line = line.slice(end + 3);
      inComment = false;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    if (REFERENCE.test(line)) continue;
    const comment = line.lastIndexOf("<!--");
    if (comment >= 0 && line.indexOf("-->", comment) < 0) inComment = true;
    const dir = lineDirection(line);
    if (dir) return dir;
  }
  return "ltr";
}
