// Fuzzy matching for the library search: is a query a subsequence of a title or path, how good a
// match is it, and which characters matched (for highlighting). Pure and DOM-free.
//
// Why our own module and not a package: the whole thing is one small dynamic-programming pass,
// it must report match positions in UTF-16 units of the original string (so the list can wrap
// them in <mark> without touching HTML), and it has to fold case and accents the same way for
// the query and the text. A package would add a dependency for about a hundred lines.
//
// Scoring, in the spirit of fzf: every matched character earns points; a character at a word
// start (after a space, `-`, `_`, `/`, `.`, or a lower-to-upper case change) earns a bonus;
// each further character of a consecutive run earns the bonus its first character had (at least
// a small fixed one); a gap between matches costs a
// little, more to open than to extend. The best alignment wins, not the leftmost one, so "post"
// in "a-p-o-st, post desk" matches the whole word.

const SCORE_MATCH = 16;
const BONUS_START = 12; // first character of the text
const BONUS_BOUNDARY = 9; // first character of a word
const BONUS_CAMEL = 7; // lower-to-upper case change or letter-to-digit
const BONUS_CONSECUTIVE = 6;
const GAP_START = 3;
const GAP_EXTEND = 1;
const LEADING_GAP = 0.25; // per skipped character before the first match, capped
const LEADING_GAP_CAP = 6;

const foldCache = new Map<number, string>();

/** One UTF-16 unit folded to lower case without accents; always one unit, so positions in a
 *  folded string are positions in the original. */
function foldUnit(code: number): string {
  if (code < 128) return String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const ch = String.fromCharCode(code);
    // Lone surrogates are left as they are; normalize() would keep them anyway.
    const base = ch.toLowerCase().normalize("NFD");
    folded = base.length > 0 && base.charCodeAt(0) < 0xd800 ? base[0] : ch;
    foldCache.set(code, folded);
  }
  return folded;
}

/** Lower case, accents stripped, same length as the input. */
export function fold(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.toLowerCase();
  let out = "";
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charCodeAt(i));
  return out;
}

export type Match = {
  score: number;
  /** Indexes into the text (UTF-16 units), ascending. */
  positions: number[];
};

function isWordChar(code: number): boolean {
  // Letters, digits, and anything beyond ASCII (accented letters, CJK): not separators.
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 128;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The bonus for a match at `i`, from the original (unfolded) text. */
function positionBonus(text: string, i: number): number {
  if (i === 0) return BONUS_START;
  const prev = text.charCodeAt(i - 1);
  const cur = text.charCodeAt(i);
  if (!isWordChar(prev) && isWordChar(cur)) return BONUS_BOUNDARY;
  if (isLower(prev) && isUpper(cur)) return BONUS_CAMEL;
  if (!isDigit(prev) && isDigit(cur) && isWordChar(prev)) return BONUS_CAMEL;
  return 0;
}

// Scratch buffers reused across calls: matching runs once per post per keystroke.
let scratchSize = 0;
let scoreBuf = new Float64Array(0); // best score with query[i] matched exactly at text[j]
let fromBuf = new Int32Array(0); // where query[i-1] matched on that best path
let runBonusBuf = new Float64Array(0); // the bonus a consecutive run carries from its first character

function ensureScratch(size: number): void {
  if (size <= scratchSize) return;
  scratchSize = Math.max(size, scratchSize * 2, 1024);
  scoreBuf = new Float64Array(scratchSize);
  fromBuf = new Int32Array(scratchSize);
  runBonusBuf = new Float64Array(scratchSize);
}

/**
 * The best alignment of `query` as a subsequence of `text`, or null when it isn't one.
 * `foldedQuery` and `foldedText` must come from `fold()`; `text` is the original, which decides
 * word starts and case changes. An empty query matches with score 0 and no positions.
 */
export function matchFolded(foldedQuery: string, foldedText: string, text: string): Match | null {
  const n = foldedQuery.length;
  const m = foldedText.length;
  if (n === 0) return { score: 0, positions: [] };
  if (n > m) return null;

  // Quick reject, and the window the alignment can live in: the leftmost occurrence of the
  // first character and the rightmost of the last character that still leave room.
  let first = -1;
  {
    let j = 0;
    for (let i = 0; i < n; i++) {
      j = foldedText.indexOf(foldedQuery[i], j);
      if (j < 0) return null;
      if (i === 0) first = j;
      j++;
    }
  }
  let last = m - 1;
  {
    let j = m - 1;
    for (let i = n - 1; i >= 0; i--) {
      j = foldedText.lastIndexOf(foldedQuery[i], j);
      if (i === n - 1) last = j;
      j--;
    }
  }

  const width = last - first + 1;
  ensureScratch(n * width);
  const NONE = -Infinity;

  for (let i = 0; i < n; i++) {
    const qc = foldedQuery.charCodeAt(i);
    const row = i * width;
    const prevRow = row - width;
    // Best score of the previous row reachable across a gap, decaying as the gap grows.
    let gapBest = NONE;
    let gapFrom = -1;
    for (let k = 0; k < width; k++) {
      const j = first + k;
      // Update the gap candidate: previous-row cell at k-2 opens a gap of one at k.
      if (i > 0 && k >= 2) {
        const opened = scoreBuf[prevRow + k - 2] - GAP_START;
        const extended = gapBest - GAP_EXTEND;
        if (opened >= extended) {
          gapBest = opened;
          gapFrom = k - 2;
        } else gapBest = extended;
      }
      if (foldedText.charCodeAt(j) !== qc) {
        scoreBuf[row + k] = NONE;
        continue;
      }
      const bonus = positionBonus(text, j);
      if (i === 0) {
        scoreBuf[row + k] = SCORE_MATCH + bonus - Math.min(j * LEADING_GAP, LEADING_GAP_CAP);
        fromBuf[row + k] = -1;
        runBonusBuf[row + k] = bonus;
        continue;
      }
      const diag = k >= 1 ? scoreBuf[prevRow + k - 1] : NONE;
      // A consecutive match earns the larger of its own bonus and the bonus of the run's first
      // character, so a whole matched word beats the same letters at several word starts.
      const carried = diag === NONE ? 0 : Math.max(runBonusBuf[prevRow + k - 1], BONUS_CONSECUTIVE);
      const consecutive = diag === NONE ? NONE : diag + SCORE_MATCH + Math.max(bonus, carried);
      const gapped = gapBest === NONE ? NONE : gapBest + SCORE_MATCH + bonus;
      if (consecutive === NONE && gapped === NONE) {
        scoreBuf[row + k] = NONE;
      } else if (consecutive >= gapped) {
        scoreBuf[row + k] = consecutive;
        fromBuf[row + k] = k - 1;
        runBonusBuf[row + k] = Math.max(bonus, carried);
      } else {
        scoreBuf[row + k] = gapped;
        fromBuf[row + k] = gapFrom;
        runBonusBuf[row + k] = bonus;
      }
    }
  }

  const lastRow = (n - 1) * width;
  let best = NONE;
  let bestK = -1;
  for (let k = 0; k < width; k++) {
    if (scoreBuf[lastRow + k] > best) {
      best = scoreBuf[lastRow + k];
      bestK = k;
    }
  }
  if (bestK < 0) return null; // unreachable: the quick check found an alignment
  const positions = new Array<number>(n);
  for (let i = n - 1, k = bestK; i >= 0; i--) {
    positions[i] = first + k;
    k = fromBuf[i * width + k];
  }
  return { score: best, positions };
}

/** Convenience for one-off matches; the list folds its strings once and calls matchFolded. */
export function fuzzyMatch(query: string, text: string): Match | null {
  return matchFolded(fold(query), fold(text), text);
}

/** Query words: every one must match, in any order. */
export function queryTokens(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Sorted positions grouped into half-open [start, end) runs, for one <mark> per run. */
export function markRanges(positions: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const p of sorted) {
    const lastRange = ranges[ranges.length - 1];
    if (lastRange && lastRange[1] === p) lastRange[1] = p + 1;
    else ranges.push([p, p + 1]);
  }
  return ranges;
}
