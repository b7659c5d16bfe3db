// Word counts and reading time for the status bar, by script. Spaced scripts (Latin, Greek,
// Cyrillic, Hangul, Arabic, ...) count words, found by Unicode word segmentation (UAX #29,
// `Intl.Segmenter`); Chinese and Japanese, which put no spaces between words, count characters,
// each Han, Hiragana or Katakana character once. The backend counts the same way
// (src-tauri/content/text_metrics.rs).
//
// Markdown syntax counts as nothing: a segment is a word only when it holds a letter or a digit
// (what the old whitespace count asked of a token), so `##`, `-`, `*`, `>` and `|` add nothing,
// nor does a `___` rule, which the segmenter alone would call word-like.
//
// Cost: V8's segmenter slows down quadratically on long strings (100 KB in one piece: ~0.8 s),
// so the text is segmented a line at a time (no word spans a line break, so the counts are the
// same), plain-ASCII lines take a hand-written path that follows the same rules, and a
// `TextCounter` keeps the counts of the other lines from the last count, so a pause in typing
// re-segments only the lines that changed.

export interface TextCount {
  /** Words in spaced scripts (and numbers). */
  words: number;
  /** Han, Hiragana and Katakana characters. */
  cjk: number;
}

/** Words read a minute. */
const WORDS_PER_MINUTE = 230;
/** Chinese and Japanese characters read a minute (Medium's rate). */
const CJK_PER_MINUTE = 500;

/** A Chinese or Japanese character: a letter or number of the Han, Hiragana or Katakana
 *  scripts, counting those the scripts share (Script_Extensions): the long-vowel mark ー and the
 *  iteration marks 々 〆 〇, which the backend's block ranges (`text_metrics::is_cjk`) count
 *  too. Punctuation (、。「」・) is no character to count. */
const CJK_CHAR = String.raw`(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]`;
const CJK = new RegExp(CJK_CHAR, "u");
const CJK_ALL = new RegExp(CJK_CHAR, "gu");
/** A letter or digit of any other script: one in a segment with CJK makes it a word too
 *  (`GPT模型` is a word and two characters). */
const OTHER_LETTER = new RegExp(String.raw`(?!${CJK_CHAR})[\p{L}\p{N}]`, "u");
const NON_ASCII = /[^\x00-\x7f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

interface WordSegment {
  segment: string;
  isWordLike?: boolean;
}
interface WordSegmenter {
  segment(input: string): Iterable<WordSegment>;
}
/** `Intl.Segmenter` (ES2022; the app's TypeScript library is ES2021, so declared here). */
const Segmenter = (Intl as unknown as {
  Segmenter: new (locale: string | undefined, options: { granularity: "word" }) => WordSegmenter;
}).Segmenter;

let segmenter: WordSegmenter | null = null;

/** The counts of one line (no line break in it). */
function countLine(line: string, into: TextCount): void {
  if (!NON_ASCII.test(line)) {
    into.words += countAsciiWords(line);
    return;
  }
  if (!CJK.test(line)) {
    into.words += countSegmented(line, LETTER_OR_DIGIT);
    return;
  }
  // Every Chinese or Japanese character is in a word-like segment, and is counted once
  // whichever segment holds it, so they are counted directly and taken out (a space each, a
  // boundary that was there anyway) before segmenting the rest for its words: the dictionary
  // segmentation of long runs of Han was the slow part. The same counts as asking each segment
  // (a segment holding both CJK and other letters adds one word), except for a run like
  // `abc_タ_def`, joined by underscores, which is two words here.
  into.cjk += line.match(CJK_ALL)!.length;
  const rest = line.replace(CJK_ALL, " ");
  into.words += NON_ASCII.test(rest) ? countSegmented(rest, OTHER_LETTER) : countAsciiWords(rest);
}

/** Word-like segments of `line` holding a character `wordy` matches. */
function countSegmented(line: string, wordy: RegExp): number {
  segmenter ??= new Segmenter(undefined, { granularity: "word" });
  let words = 0;
  for (const s of segmenter.segment(line)) if (s.isWordLike && wordy.test(s.segment)) words++;
  return words;
}

const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 3;

function asciiClass(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return LETTER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 95) return UNDERSCORE;
  return 0;
}

/** Word-like segments of an ASCII line, by the UAX #29 rules as they apply to ASCII: letters,
 *  digits and `_` join; `:` `.` `'` join two letters (WB6/7); `,` `;` `.` `'` join two digits
 *  (WB11/12); everything else breaks. A segment is a word when it holds a letter or digit (a
 *  run of underscores alone is word-like to the segmenter but is Markdown, not a word).
 *  (text-metrics.test.ts checks this against `Intl.Segmenter` on random text.) */
export function countAsciiWords(line: string): number {
  let words = 0;
  let inRun = false;
  let hasAlnum = false;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    const k = asciiClass(c);
    if (k !== 0) {
      inRun = true;
      if (k !== UNDERSCORE) hasAlnum = true;
      continue;
    }
    if (inRun && i + 1 < n) {
      const before = asciiClass(line.charCodeAt(i - 1));
      const after = asciiClass(line.charCodeAt(i + 1));
      // : . '  between letters; , ; . '  between digits.
      const midLetter = c === 58 || c === 46 || c === 39;
      const midNum = c === 44 || c === 59 || c === 46 || c === 39;
      if ((midLetter && before === LETTER && after === LETTER) || (midNum && before === DIGIT && after === DIGIT)) {
        continue;
      }
    }
    if (hasAlnum) words++;
    inRun = false;
    hasAlnum = false;
  }
  if (hasAlnum) words++;
  return words;
}

/** Words and Chinese/Japanese characters in `text`. */
export function countText(text: string): TextCount {
  const count = { words: 0, cjk: 0 };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end > start) countLine(text.slice(start, end), count);
    start = end + 1;
  }
  return count;
}

/** `countText` for a text counted again and again as it is edited: lines not seen in the last
 *  count are segmented, the others' counts are reused. Plain-ASCII lines are not kept (counting
 *  them again is as cheap as looking them up). */
export class TextCounter {
  private lines = new Map<string, TextCount>();

  count(text: string): TextCount {
    const total = { words: 0, cjk: 0 };
    const next = new Map<string, TextCount>();
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      if (end > start) {
        const line = text.slice(start, end);
        if (!NON_ASCII.test(line)) {
          total.words += countAsciiWords(line);
        } else {
          let c = next.get(line) ?? this.lines.get(line);
          if (!c) {
            c = { words: 0, cjk: 0 };
            countLine(line, c);
          }
          next.set(line, c);
          total.words += c.words;
          total.cjk += c.cjk;
        }
      }
      start = end + 1;
    }
    this.lines = next;
    return total;
  }

  /** Forgets the last text (another post was opened). */
  reset(): void {
    this.lines = new Map();
  }
}

/** Minutes to read: 230 words and 500 Chinese/Japanese characters a minute, at least one. */
export function readingMinutes(c: TextCount): number {
  return Math.max(1, Math.round(c.words / WORDS_PER_MINUTE + c.cjk / CJK_PER_MINUTE));
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The status bar's text: "1,234 words", "3,475 characters" (mostly Chinese or Japanese), or
 *  "120 words · 800 characters" when both are substantial (each at least 10% of the other),
 *  then " · N min read". */
export function formatCount(c: TextCount): string {
  const words = plural(c.words, "word", "words");
  const chars = plural(c.cjk, "character", "characters");
  const both = c.words > 0 && c.cjk > 0 && c.words * 10 >= c.cjk && c.cjk * 10 >= c.words;
  const amount = both ? `${words} · ${chars}` : c.cjk > c.words ? chars : words;
  return `${amount} · ${readingMinutes(c)} min read`;
}
