// MDX in the editor: in an .mdx post, components (`<Card title="x">`, `</Card>`, `<Badge />`,
// fragments), ESM lines (`import` / `export` at the start of a line) and `{expressions}` take
// quiet colours of their own over the Markdown highlighting (cm-mdx-tag, cm-mdx-esm,
// cm-mdx-expr; desk.css). Matched a line at a time in the visible lines (MatchDecorator); fenced
// and inline code are left as code. The editor turns it on for .mdx posts only (editor.ts).
import { syntaxTree } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, MatchDecorator, ViewPlugin, type ViewUpdate } from "@codemirror/view";

/** One `{…}`, with one level of nested braces (`{{ a: 1 }}`, `{items.map((i) => {…})}` is cut
 *  at the second level, which is still coloured as far as it goes). */
const EXPRESSION = String.raw`\{(?:[^{}]|\{[^{}]*\})*\}`;
/** A capitalised tag, its props (strings, expressions, bare words) and its end; a tag whose
 *  props go on over the next lines is coloured to the end of its first one. */
const TAG = String.raw`<\/?[A-Z][\w$.:-]*(?:\s(?:"[^"]*"|'[^']*'|${EXPRESSION}|[^<>"'{}])*)?>?|<\/?>`;
const ESM = String.raw`^(?:import|export)\b.*`;

/** Every MDX construct of a line, in one pass: the first alternative that matches wins, so
 *  the expressions inside a tag's props stay part of the tag. */
export const MDX_PATTERN = new RegExp(`${ESM}|${TAG}|${EXPRESSION}`, "g");

export type MdxKind = "esm" | "tag" | "expr";

/** What a match of MDX_PATTERN is. */
export function mdxKind(match: string): MdxKind {
  return match.startsWith("<") ? "tag" : match.startsWith("{") ? "expr" : "esm";
}

/** The MDX constructs of one line as [from, to, kind] (for tests and the decorator alike). */
export function mdxSpans(line: string): Array<[number, number, MdxKind]> {
  const spans: Array<[number, number, MdxKind]> = [];
  const re = new RegExp(MDX_PATTERN.source, "g");
  for (let m; (m = re.exec(line)); ) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push([m.index, m.index + m[0].length, mdxKind(m[0])]);
  }
  return spans;
}

const marks: Record<MdxKind, Decoration> = {
  esm: Decoration.mark({ class: "cm-mdx-esm" }),
  tag: Decoration.mark({ class: "cm-mdx-tag" }),
  expr: Decoration.mark({ class: "cm-mdx-expr" }),
};

const CODE = new Set(["FencedCode", "CodeBlock", "InlineCode", "CodeText", "CodeInfo", "CodeMark", "Comment", "CommentBlock"]);

/** Whether `pos` is in code (a fence, an indented block, a code span) or an HTML comment. */
function inCode(view: EditorView, pos: number): boolean {
  for (let node: ReturnType<typeof syntaxTree>["topNode"] | null = syntaxTree(view.state).resolveInner(pos, 1); node; node = node.parent) {
    if (CODE.has(node.name)) return true;
  }
  return false;
}

const decorator = new MatchDecorator({
  regexp: MDX_PATTERN,
  decorate: (add, from, to, match, view) => {
    if (to <= from || inCode(view, from)) return;
    add(from, to, marks[mdxKind(match[0])]);
  },
});

const plugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorator.createDeco(view);
    }
    update(update: ViewUpdate) {
      // The parse reaching further (code now known as code) redraws the visible lines.
      if (!update.docChanged && syntaxTree(update.startState) !== syntaxTree(update.state)) this.decorations = decorator.createDeco(update.view);
      else this.decorations = decorator.updateDeco(update, this.decorations);
    }
  },
  { decorations: (p) => p.decorations },
);

/** The MDX colours, for an .mdx post's editor. */
export function mdxHighlight(): Extension {
  return plugin;
}
