// What the command palette and quick open show for a query: items ranked by the fuzzy matcher
// (fuzzy.ts), with the matched characters for highlighting. DOM-free; the dialog (palette.ts)
// draws the result.
import { fold, matchFolded, queryTokens } from "./fuzzy";

export type PaletteItem = {
  id: string;
  label: string;
  /** A second, quieter line or column: a post's path, an action's shortcut. */
  detail?: string;
  /** Also matched, never shown (a shortcut's spelling, a folder's full path). */
  keywords?: string;
  disabled?: boolean;
};

export type Ranked = {
  item: PaletteItem;
  /** Matched positions in the label and in the detail, for <mark>. */
  labelMarks: number[];
  detailMarks: number[];
};

/** Every query word must match the label, the detail or the keywords; the best total wins.
 *  An empty query keeps the given order (recent posts first, actions in registry order). */
export function rankItems(items: readonly PaletteItem[], query: string, limit = 200): Ranked[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return items.slice(0, limit).map((item) => ({ item, labelMarks: [], detailMarks: [] }));
  const scored: Array<Ranked & { score: number; index: number }> = [];
  items.forEach((item, index) => {
    const fields = [item.label, item.detail ?? "", item.keywords ?? ""];
    const folded = fields.map(fold);
    let score = 0;
    const labelMarks: number[] = [];
    const detailMarks: number[] = [];
    for (const token of tokens) {
      let best: { score: number; field: number; positions: number[] } | null = null;
      fields.forEach((text, field) => {
        const m = matchFolded(token, folded[field], text);
        // The label counts a little more than the path or keywords.
        const s = m ? m.score + (field === 0 ? 4 : 0) : -Infinity;
        if (m && (!best || s > best.score)) best = { score: s, field, positions: m.positions };
      });
      if (!best) return;
      const found = best as { score: number; field: number; positions: number[] };
      score += found.score;
      if (found.field === 0) labelMarks.push(...found.positions);
      if (found.field === 1) detailMarks.push(...found.positions);
    }
    if (items[index].disabled) score -= 1000;
    scored.push({ item, labelMarks, detailMarks, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map(({ item, labelMarks, detailMarks }) => ({ item, labelMarks, detailMarks }));
}

/** The selection after an arrow, Page or Home/End key, skipping nothing, clamped. */
export function moveSelection(current: number, count: number, key: string, page = 8): number {
  if (count === 0) return -1;
  switch (key) {
    case "ArrowDown":
      return current + 1 >= count ? 0 : current + 1;
    case "ArrowUp":
      return current <= 0 ? count - 1 : current - 1;
    case "PageDown":
      return Math.min(count - 1, current + page);
    case "PageUp":
      return Math.max(0, current - page);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}
