import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { imageInsertion, isImageFile, stampOf, toBase64 } from "./image-paste";

/** `|` marks the cursor (or `|...|` a selection) in a doc string. */
function stateOf(marked: string): { state: EditorState; from: number; to: number } {
  const from = marked.indexOf("|");
  const second = marked.indexOf("|", from + 1);
  const to = second < 0 ? from : second - 1;
  return { state: EditorState.create({ doc: marked.replaceAll("|", "") }), from, to };
}

function after(marked: string, links: string[], at?: [number, number]): string {
  const { state, from, to } = stateOf(marked);
  const [a, b] = at ?? [from, to];
  const next = state.update(imageInsertion(state, a, b, links)).state;
  const head = next.selection.main.head;
  const text = next.doc.toString();
  return text.slice(0, head) + "|" + text.slice(head);
}

describe("imageInsertion", () => {
  const cases: [string, string, string[], string][] = [
    ["at the cursor, cursor in the alt text", "Hello |world", ["/images/p/a.png"], "Hello ![|](/images/p/a.png)world"],
    ["over a selection", "Hello |big| world", ["a.png"], "Hello ![|](a.png) world"],
    ["several images, one per line", "|", ["a.png", "b.png"], "![|](a.png)\n![](b.png)"],
    ["a relative link", "x|", ["../images/p/a.png"], "x![|](../images/p/a.png)"],
  ];
  it.each(cases)("%s", (_, doc, links, want) => {
    expect(after(doc, links)).toBe(want);
  });

  it("clamps a stale position to the text", () => {
    expect(after("ab|", ["a.png"], [99, 120])).toBe("ab![|](a.png)");
    expect(after("|ab", ["a.png"], [-5, -1])).toBe("![|](a.png)ab");
  });
});

describe("helpers", () => {
  it("encodes bytes as base64, across chunk boundaries", () => {
    expect(toBase64(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe("iVBORw==");
    const big = new Uint8Array(0x8000 * 2 + 5).map((_, i) => i % 251);
    expect(Buffer.from(toBase64(big), "base64").equals(Buffer.from(big))).toBe(true);
  });

  it("stamps nameless images with the local clock", () => {
    expect(stampOf(new Date(2025, 0, 2, 10, 30, 5))).toBe("20250102-103005");
  });

  it("knows image files by type or by name", () => {
    expect(isImageFile({ type: "image/png", name: "" })).toBe(true);
    expect(isImageFile({ type: "", name: "Photo.JPEG" })).toBe(true);
    expect(isImageFile({ type: "text/plain", name: "notes.txt" })).toBe(false);
    expect(isImageFile({ type: "", name: "archive.png.zip" })).toBe(false);
  });
});
