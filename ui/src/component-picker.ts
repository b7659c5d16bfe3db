// Insert component (Ctrl+Shift+I) in an .mdx post: the components its collection's posts use
// (IPC components_for), and what choosing one writes: `<Name prop="" />` at the cursor and,
// when the post does not import it yet, the import line the other posts use, in the ESM block
// right after the front matter. DOM-free; app.ts shows the list and dispatches the edit.
import type { ComponentUse } from "./ipc/bindings/ComponentUse";

/** Props written into the snippet: the ones the posts give most often. */
export const SNIPPET_PROPS = 3;

/** Whether a post is MDX (its components and expressions get the editor's MDX colours). */
export function isMdx(path: string): boolean {
  return /\.mdx$/i.test(path);
}

/** `<Name prop1="" prop2="" />` with the component's first three usual props. */
export function componentSnippet(component: Pick<ComponentUse, "name" | "props">): string {
  const props = component.props.slice(0, SNIPPET_PROPS).map((p) => ` ${p}=""`).join("");
  return `<${component.name}${props} />`;
}

/** Where the caret goes in the snippet: inside the first prop's quotes, else after it. */
export function snippetCaret(component: Pick<ComponentUse, "name" | "props">): number {
  const snippet = componentSnippet(component);
  return component.props.length > 0 ? snippet.indexOf('""') + 1 : snippet.length;
}

/** The names an ESM `import` statement binds: the default, `* as ns`, and each `{ a, b as c }`. */
export function importedNames(statement: string): string[] {
  const m = /^\s*import\s+(?:type\s+)?([\s\S]*?)\s+from\s*["']/.exec(statement);
  if (!m) return [];
  const names: string[] = [];
  let clause = m[1];
  const braces = /\{([\s\S]*?)\}/.exec(clause);
  if (braces) {
    for (const part of braces[1].split(",")) {
      const spec = part.trim().replace(/^type\s+/, "");
      if (!spec) continue;
      const as = /\bas\s+([\w$]+)$/.exec(spec);
      names.push(as ? as[1] : spec);
    }
    clause = clause.replace(braces[0], "");
  }
  for (const part of clause.split(",")) {
    const spec = part.trim();
    if (!spec) continue;
    const ns = /^\*\s*as\s+([\w$]+)$/.exec(spec);
    if (ns) names.push(ns[1]);
    else if (/^[\w$]+$/.test(spec)) names.push(spec);
  }
  return names;
}

/** The ESM statements at the top level of an MDX body: each run of lines that starts with
 *  `import` or `export` at the start of a line, to the next blank line (as MDX reads them).
 *  Fenced code is passed over. */
export function esmBlocks(body: string): Array<{ from: number; to: number; text: string }> {
  const blocks: Array<{ from: number; to: number; text: string }> = [];
  let pos = 0;
  let fence: string | null = null;
  let block: { from: number; to: number } | null = null;
  for (const line of body.split("\n")) {
    const from = pos;
    const to = pos + line.length;
    pos = to + 1;
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMark && fenceMark[1][0] === fence[0] && fenceMark[1].length >= fence.length) fence = null;
      continue;
    }
    if (block) {
      if (line.trim() === "") {
        blocks.push({ ...block, text: body.slice(block.from, block.to) });
        block = null;
      } else block.to = to;
      continue;
    }
    if (fenceMark) fence = fenceMark[1];
    else if (/^(?:import|export)\b/.test(line)) block = { from, to };
  }
  if (block) blocks.push({ ...block, text: body.slice(block.from, block.to) });
  return blocks;
}

/** Whether the body lacks an import of the component that the picker knows how to write:
 *  false when there is no known import line, or the body has that line or binds the name. */
export function importMissing(body: string, component: Pick<ComponentUse, "name" | "importLine">): boolean {
  const line = component.importLine?.trim();
  if (!line) return false;
  // `<Foo.Bar />` needs `Foo`.
  const binding = component.name.split(".")[0];
  for (const block of esmBlocks(body)) {
    if (block.text.split("\n").some((l) => l.trim() === line)) return false;
    for (const statement of block.text.split(/;|\n(?=\s*(?:import|export)\b)/)) {
      if (importedNames(statement).includes(binding)) return false;
    }
  }
  return true;
}

/** Where the import line goes: at the end of the ESM block that opens the body (right after
 *  the front matter), or as a block of its own at the very start. */
export function importInsertion(body: string, importLine: string): { from: number; insert: string } {
  const first = /^(?:[ \t]*\n)*/.exec(body)![0].length;
  const opening = esmBlocks(body).find((b) => b.from === first);
  if (opening) return { from: opening.to, insert: `\n${importLine.trim()}` };
  // MDX reads an ESM block to the next blank line: one follows it.
  const rest = body.startsWith("\n") ? "\n" : "\n\n";
  return { from: 0, insert: `${importLine.trim()}${rest}` };
}

export type ComponentInsert = {
  /** In the order given to one transaction, positions in the body before it. */
  changes: Array<{ from: number; to: number; insert: string }>;
  /** The caret afterwards, in the new body. */
  caret: number;
};

/** The edit that inserts `component` over the selection [from, to): the snippet, and the
 *  import line when the post lacks it. One transaction, so one undo takes both back. */
export function insertComponent(body: string, from: number, to: number, component: ComponentUse): ComponentInsert {
  const snippet = componentSnippet(component);
  const caret = snippetCaret(component);
  if (!importMissing(body, component)) return { changes: [{ from, to, insert: snippet }], caret: from + caret };
  const imp = importInsertion(body, component.importLine!);
  // Both at one place (an empty post): one change, the import first.
  if (imp.from === from) return { changes: [{ from, to, insert: imp.insert + snippet }], caret: from + imp.insert.length + caret };
  if (imp.from < from) {
    return { changes: [{ from: imp.from, to: imp.from, insert: imp.insert }, { from, to, insert: snippet }], caret: from + imp.insert.length + caret };
  }
  // The import goes after the cursor; a selection reaching over that place keeps its text up to it.
  const end = Math.min(to, imp.from);
  return { changes: [{ from, to: end, insert: snippet }, { from: imp.from, to: imp.from, insert: imp.insert }], caret: from + caret };
}

/** The picker's second column: "12 uses · title, href". */
export function componentDetail(component: Pick<ComponentUse, "count" | "props">): string {
  const uses = `${component.count.toLocaleString()} ${component.count === 1 ? "use" : "uses"}`;
  return component.props.length > 0 ? `${uses} · ${component.props.slice(0, SNIPPET_PROPS).join(", ")}` : uses;
}
