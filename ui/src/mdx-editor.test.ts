// @vitest-environment happy-dom
// The editor colours MDX only while the open post is MDX (editor.ts setMdx, mdx-highlight.ts).
import { expect, it } from "vitest";
import { createEditor } from "./editor";

it("colours an .mdx post's components, ESM and expressions, leaving fenced code and other posts alone", async () => {
  const parent = document.createElement("div");
  document.body.append(parent);
  const editor = createEditor(parent, () => {});
  const marked = () => [...parent.querySelectorAll("[class*=cm-mdx-]")].map((e) => `${e.className}:${e.textContent}`);
  const body = 'import Card from "./Card";\n\n<Card title="x">\n\nHi {year}\n\n</Card>\n\n```jsx\n<Card />\n```\n';
  editor.setMdx(true);
  editor.load(body, false);
  await new Promise((r) => setTimeout(r, 50));
  expect(marked()).toEqual(['cm-mdx-esm:import Card from "./Card";', 'cm-mdx-tag:<Card title="x">', "cm-mdx-expr:{year}", "cm-mdx-tag:</Card>"]);
  editor.setMdx(false);
  expect(marked()).toEqual([]);
  editor.load(body, false);
  expect(marked()).toEqual([]);
  editor.view.destroy();
});
