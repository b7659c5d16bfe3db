import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { ComponentUse } from "./ipc/bindings/ComponentUse";
import {
  componentDetail,
  componentSnippet,
  esmBlocks,
  importInsertion,
  importMissing,
  importedNames,
  insertComponent,
  isMdx,
  snippetCaret,
} from "./component-picker";

const card: ComponentUse = { name: "Card", importLine: 'import Card from "../../components/Card.astro";', props: ["title", "href", "variant", "icon"], count: 12 };
const badge: ComponentUse = { name: "Badge", importLine: null, props: [], count: 1 };

/** Applies an insert as one transaction, as the app does; returns the text and the caret. */
function apply(body: string, from: number, to: number, component: ComponentUse): { text: string; caret: number; undone: string } {
  const state = EditorState.create({ doc: body });
  const edit = insertComponent(body, from, to, component);
  const tr = state.update({ changes: edit.changes, selection: { anchor: edit.caret } });
  return { text: tr.state.doc.toString(), caret: tr.state.selection.main.head, undone: tr.changes.invert(state.doc).apply(tr.state.doc).toString() };
}

describe("snippet", () => {
  it("writes the component with its first three usual props, empty", () => {
    expect(componentSnippet(card)).toBe('<Card title="" href="" variant="" />');
    expect(componentSnippet(badge)).toBe("<Badge />");
  });

  it("puts the caret in the first prop's quotes, or after a snippet with none", () => {
    expect(componentSnippet(card).slice(0, snippetCaret(card))).toBe('<Card title="');
    expect(snippetCaret(badge)).toBe("<Badge />".length);
  });

  it("describes a component by its uses and usual props", () => {
    expect(componentDetail(card)).toBe("12 uses · title, href, variant");
    expect(componentDetail(badge)).toBe("1 use");
  });

  it("knows an MDX post by its extension", () => {
    expect(isMdx("src/content/blog/post.mdx")).toBe(true);
    expect(isMdx("src/content/blog/post.MDX")).toBe(true);
    expect(isMdx("src/content/blog/post.md")).toBe(false);
  });
});

describe("imports", () => {
  it("reads the names an import binds", () => {
    expect(importedNames('import Card from "./Card.astro"')).toEqual(["Card"]);
    expect(importedNames('import { Tabs, TabItem as Item } from "@astrojs/starlight/components";')).toEqual(["Tabs", "Item"]);
    expect(importedNames('import Default, { A } from "x"')).toEqual(["A", "Default"]);
    expect(importedNames('import * as UI from "x"')).toEqual(["UI"]);
    expect(importedNames('import "./styles.css"')).toEqual([]);
  });

  it("finds the ESM blocks MDX reads, passing over fenced code", () => {
    const body = 'import A from "a";\nimport B from "b";\n\nText\n\n```js\nimport C from "c";\n```\n\nexport const x = 1;\n';
    expect(esmBlocks(body).map((b) => b.text)).toEqual(['import A from "a";\nimport B from "b";', "export const x = 1;"]);
  });

  it("says the import is missing only when one is known and the post neither has it nor binds the name", () => {
    expect(importMissing("Some text\n", card)).toBe(true);
    expect(importMissing(`${card.importLine}\n\nText`, card)).toBe(false);
    expect(importMissing('import Card from "~/components/Card.astro"\n\nText', card)).toBe(false);
    expect(importMissing('import { Card, Aside } from "@astrojs/starlight/components";\n\nText', card)).toBe(false);
    expect(importMissing("Text\n\n```mdx\n" + card.importLine + "\n```\n", card)).toBe(true);
    expect(importMissing("Text", badge)).toBe(false);
    expect(importMissing("Text", { name: "Tabs.Item", importLine: 'import Tabs from "./Tabs"' })).toBe(true);
    expect(importMissing('import Tabs from "./Tabs"\n\nText', { name: "Tabs.Item", importLine: 'import Tabs from "./Tabs"' })).toBe(false);
  });

  it("puts the import at the end of the opening ESM block, or opens the body with it", () => {
    expect(importInsertion('import A from "a";\n\nText', "import B from 'b';")).toEqual({ from: 18, insert: "\nimport B from 'b';" });
    expect(importInsertion("Text", "import B from 'b';")).toEqual({ from: 0, insert: "import B from 'b';\n\n" });
    expect(importInsertion("\nText", "import B from 'b';")).toEqual({ from: 0, insert: "import B from 'b';\n" });
    expect(importInsertion("", "import B from 'b';")).toEqual({ from: 0, insert: "import B from 'b';\n\n" });
  });
});

describe("insertComponent", () => {
  it("writes the snippet at the cursor and the missing import after the front matter, in one undoable transaction", () => {
    const body = "Intro.\n\nMore.";
    const at = body.indexOf("More");
    const { text, caret, undone } = apply(body, at, at, card);
    expect(text).toBe(`${card.importLine}\n\nIntro.\n\n<Card title="" href="" variant="" />More.`);
    expect(text.slice(0, caret).endsWith('<Card title="')).toBe(true);
    expect(undone).toBe(body);
  });

  it("joins the import to the imports already there", () => {
    const body = 'import Aside from "./Aside.astro";\n\nText ';
    const { text } = apply(body, body.length, body.length, card);
    expect(text).toBe(`import Aside from "./Aside.astro";\n${card.importLine}\n\nText <Card title="" href="" variant="" />`);
  });

  it("writes no import when the post has one, or none is known", () => {
    const body = `${card.importLine}\n\nText `;
    expect(apply(body, body.length, body.length, card).text).toBe(`${body}<Card title="" href="" variant="" />`);
    expect(apply("Hi ", 3, 3, badge)).toMatchObject({ text: "Hi <Badge />", caret: 12 });
  });

  it("replaces the selection", () => {
    const body = "Replace me.";
    expect(apply(body, 0, 7, badge).text).toBe("<Badge /> me.");
  });

  it("writes both into an empty post, the import first", () => {
    const { text, caret } = apply("", 0, 0, card);
    expect(text).toBe(`${card.importLine}\n\n<Card title="" href="" variant="" />`);
    expect(text.slice(0, caret).endsWith('<Card title="')).toBe(true);
  });

  it("keeps the caret right when the cursor is before the ESM block's end", () => {
    const body = '\nimport A from "a";\n\nText';
    const { text, caret } = apply(body, 0, 0, card);
    expect(text).toBe(`<Card title="" href="" variant="" />\nimport A from "a";\n${card.importLine}\n\nText`);
    expect(caret).toBe('<Card title="'.length);
  });
});
