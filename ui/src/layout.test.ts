import { expect, test } from "vitest";
import { DEFAULT_LAYOUT, fitWidths, gridColumns, handles, resizePane, sanitizeLayout, togglePane } from "./layout";

const L = DEFAULT_LAYOUT;

test("all three panes: fixed sides, a flexible editor, two handles", () => {
  expect(gridColumns(L, 1400)).toBe("272px 6px minmax(0, 1fr) 6px 520px");
});

test("hiding the preview gives its room to the editor", () => {
  const noPreview = togglePane(L, "preview");
  expect(noPreview.showPreview).toBe(false);
  expect(gridColumns(noPreview, 1400)).toBe("272px 6px minmax(0, 1fr)");
  expect(handles(noPreview)).toEqual({ library: true, preview: false });
});

test("without the editor the preview flexes; alone, a pane takes everything", () => {
  const noEditor = togglePane(L, "editor");
  expect(gridColumns(noEditor, 1400)).toBe("272px 6px minmax(0, 1fr)");
  const onlyLibrary = togglePane(togglePane(L, "editor"), "preview");
  expect(gridColumns(onlyLibrary, 1400)).toBe("minmax(0, 1fr)");
});

test("the last visible pane cannot be hidden", () => {
  const onlyEditor = togglePane(togglePane(L, "library"), "preview");
  expect(togglePane(onlyEditor, "editor")).toBe(onlyEditor);
  expect(gridColumns(onlyEditor, 900)).toBe("minmax(0, 1fr)");
});

test("widths are clamped and leave the middle its minimum on a narrow window", () => {
  expect(resizePane(L, "library", 90, 1400).libraryWidth).toBe(200);
  expect(resizePane(L, "library", 900, 1400).libraryWidth).toBe(520);
  // 900 px: 12 of handles and 340 for the editor leave 548: the preview at its minimum 280,
  // the library gives way to 268.
  expect(fitWidths(L, 900)).toEqual({ library: 268, preview: 280 });
  expect(resizePane(L, "preview", 2000, 1400).previewWidth).toBe(1400 - 12 - 340 - 272);
});

test("a saved layout is made sane", () => {
  expect(sanitizeLayout(null)).toEqual(L);
  expect(sanitizeLayout({ showLibrary: false, showEditor: false, showPreview: false }).showEditor).toBe(true);
  expect(sanitizeLayout({ libraryWidth: Number.NaN }).libraryWidth).toBe(272);
});
