import { expect, test } from "vitest";
import { moveSelection, rankItems, type PaletteItem } from "./palette-model";

const posts: PaletteItem[] = [
  { id: "a-tidy-writing-desk.md", label: "A Tidy Writing Desk, and Why It Helps", detail: "a-tidy-writing-desk.md" },
  { id: "gardening-a-codebase.md", label: "Gardening a Codebase", detail: "gardening-a-codebase.md" },
  { id: "notes/rust.md", label: "Why Rust", detail: "notes/rust.md" },
];

test("an empty query keeps the given order", () => {
  expect(rankItems(posts, "  ").map((r) => r.item.id)).toEqual(posts.map((p) => p.id));
});

test("matches titles and paths, best first, with marks", () => {
  const ranked = rankItems(posts, "garden");
  expect(ranked.map((r) => r.item.id)).toEqual(["gardening-a-codebase.md"]);
  expect(ranked[0].labelMarks).toEqual([0, 1, 2, 3, 4, 5]);
  expect(rankItems(posts, "notes/").map((r) => r.item.id)).toEqual(["notes/rust.md"]);
  expect(rankItems(posts, "notes/")[0].detailMarks.length).toBe(6);
  expect(rankItems(posts, "why").map((r) => r.item.id)).toEqual(["notes/rust.md", "a-tidy-writing-desk.md"]);
});

test("every word must match somewhere", () => {
  expect(rankItems(posts, "tidy helps").map((r) => r.item.id)).toEqual(["a-tidy-writing-desk.md"]);
  expect(rankItems(posts, "tidy rust")).toEqual([]);
});

test("keywords match but are not marked; disabled items sink", () => {
  const actions: PaletteItem[] = [
    { id: "save", label: "Save", keywords: "write disk", disabled: true },
    { id: "save-all", label: "Save all" },
  ];
  const ranked = rankItems(actions, "sav");
  expect(ranked.map((r) => r.item.id)).toEqual(["save-all", "save"]);
  expect(rankItems(actions, "disk")[0]).toMatchObject({ labelMarks: [], detailMarks: [] });
});

test("the selection wraps with arrows and clamps with pages", () => {
  expect(moveSelection(0, 3, "ArrowUp")).toBe(2);
  expect(moveSelection(2, 3, "ArrowDown")).toBe(0);
  expect(moveSelection(1, 30, "PageDown")).toBe(9);
  expect(moveSelection(1, 30, "PageUp")).toBe(0);
  expect(moveSelection(5, 30, "End")).toBe(29);
  expect(moveSelection(0, 0, "ArrowDown")).toBe(-1);
});
