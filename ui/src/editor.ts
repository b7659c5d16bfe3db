// The body editor: CodeMirror 6 with Markdown highlighting (fenced code by language, loaded
// lazily: code-languages.ts), soft wrap, history, search and replace, Ctrl+B/I/K and list
// continuation (markdown-commands.ts). It knows nothing of posts or saving; it reports changes
// and exposes the text. Right-to-left text: the content takes the post's direction (setDirection)
// and each line whose own direction differs (a Latin line in a Hebrew post, an Arabic one in an
// English post) is shown in its own, which CodeMirror reads per line (perLineTextDirection) for
// cursor motion and selection drawing.
import { type ChangeSet, Compartment, EditorState, type Extension, Prec, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  ViewPlugin,
  type ViewUpdate,
  drawSelection,
  highlightActiveLine,
  keymap,
  placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { deleteMarkupBackward, markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting, bracketMatching } from "@codemirror/language";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import { tags as t } from "@lezer/highlight";
import * as profile from "./preview-profile";
import { minimalChange } from "./text-diff";
import { codeLanguages } from "./code-languages";
import { continueList, toggleBold, toggleItalic, toggleLink } from "./markdown-commands";
import { lineDirection, type TextDirection } from "./direction";
import { mdxHighlight } from "./mdx-highlight";

/** Opens the search panel with the focus in its replace field (Ctrl+H). */
export function openReplacePanel(view: EditorView): boolean {
  openSearchPanel(view);
  const replace = view.dom.querySelector<HTMLInputElement>(".cm-search input[name=replace]");
  if (!replace) return false;
  replace.focus();
  replace.select();
  return true;
}

const markdownKeys = Prec.high(
  keymap.of([
    { key: "Enter", run: continueList },
    { key: "Backspace", run: deleteMarkupBackward },
    { key: "Mod-b", run: toggleBold, preventDefault: true },
    { key: "Mod-i", run: toggleItalic, preventDefault: true },
    { key: "Mod-k", run: toggleLink, preventDefault: true },
    { key: "Mod-h", run: openReplacePanel, preventDefault: true },
    { key: "Mod-Alt-f", run: openReplacePanel, preventDefault: true },
  ]),
);

const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontWeight: "700", fontSize: "1.2em" },
  { tag: t.heading2, fontWeight: "700", fontSize: "1.1em" },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: "700" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: [t.link, t.url], color: "var(--accent)" },
  { tag: t.monospace, fontFamily: "var(--mono)", color: "var(--code-ink)" },
  { tag: [t.processingInstruction, t.meta], color: "var(--muted)" },
  { tag: t.quote, color: "var(--muted)", fontStyle: "italic" },
  { tag: t.contentSeparator, color: "var(--muted)" },
  { tag: t.list, color: "var(--accent)" },
  // Fenced code, in the language its fence names.
  { tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.definitionKeyword], color: "var(--code-keyword)" },
  { tag: [t.string, t.special(t.string), t.regexp, t.character], color: "var(--code-string)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--muted)", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--code-number)" },
  { tag: [t.typeName, t.className, t.namespace], color: "var(--code-type)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.macroName], color: "var(--code-function)" },
  { tag: [t.propertyName, t.attributeName], color: "var(--code-property)" },
  { tag: [t.tagName, t.angleBracket], color: "var(--code-keyword)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "var(--editor-font-size, 15px)" },
  ".cm-scroller": { fontFamily: "var(--editor-font)", lineHeight: "1.75", padding: "24px 0" },
  ".cm-content": { maxWidth: "72ch", margin: "0 auto", padding: "0 32px", caretColor: "var(--ink)" },
  ".cm-activeLine": { backgroundColor: "transparent" },
  "&.cm-focused .cm-activeLine": { backgroundColor: "var(--active-line)" },
  "&.cm-focused": { outline: "none" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "var(--selection) !important" },
});

const setDirection = StateEffect.define<TextDirection>();

/** The post's direction, the content element's `dir`: lines without a strong character of their
 *  own (blank lines, numbers, rules) and the placeholder follow it. */
const postDirection = StateField.define<TextDirection>({
  create: () => "ltr",
  update(dir, tr) {
    for (const e of tr.effects) if (e.is(setDirection)) dir = e.value;
    return dir;
  },
  provide: (field) => EditorView.contentAttributes.from(field, (dir) => ({ dir })),
});

const lineDir = { rtl: Decoration.line({ attributes: { dir: "rtl" } }), ltr: Decoration.line({ attributes: { dir: "ltr" } }) };
/** A character of a right-to-left script's blocks (or the right-to-left mark). */
const MAYBE_RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** `dir` on the visible lines whose first strong character (Markdown syntax, code spans and
 *  URLs passed over: direction.ts) goes against the post's direction. In a left-to-right post
 *  without right-to-left text, one test of the visible text and no decorations. */
function lineDirections(view: EditorView): DecorationSet {
  const base = view.state.field(postDirection);
  const doc = view.state.doc;
  const builder = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const { from, to } of view.visibleRanges) {
    if (base === "ltr" && !MAYBE_RTL.test(doc.sliceString(from, to))) continue;
    for (let pos = from; pos <= to; ) {
      const line = doc.lineAt(pos);
      pos = line.to + 1;
      if (line.from <= last) continue;
      last = line.from;
      const dir = lineDirection(line.text);
      if (dir && dir !== base) builder.add(line.from, line.from, lineDir[dir]);
    }
  }
  return builder.finish();
}

const perLineDirection = [
  EditorView.perLineTextDirection.of(true),
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = lineDirections(view);
      }
      update(update: ViewUpdate) {
        if (
          update.docChanged ||
          update.viewportChanged ||
          update.startState.field(postDirection) !== update.state.field(postDirection)
        ) {
          this.decorations = lineDirections(update.view);
        }
      }
    },
    { decorations: (plugin) => plugin.decorations },
  ),
];

export interface BodyEditor {
  view: EditorView;
  text(): string;
  /** Replaces the whole text as a fresh document (no undo back into the previous post). */
  load(text: string, readOnly: boolean): void;
  /** Changes the text to `text` in one undoable step that touches only what differs, so the
   *  cursor, the scroll position and the undo history survive (a reload from disk). */
  replace(text: string): void;
  /** The post's text direction (lines of the other direction still show in theirs). */
  setDirection(dir: TextDirection): void;
  /** Whether the post is MDX: its components, ESM lines and expressions are coloured. Kept
   *  for the posts loaded after. */
  setMdx(on: boolean): void;
}

export function createEditor(
  parent: HTMLElement,
  onChange: (changes: ChangeSet, at: number) => void,
  extra: Extension[] = [],
): BodyEditor {
  const readOnly = EditorState.readOnly.of(false);
  let direction: TextDirection = "ltr";
  let mdx = false;
  const mdxSyntax = new Compartment();
  const extensions = (isReadOnly: boolean): Extension[] => [
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    postDirection.init(() => direction),
    perLineDirection,
    markdown({ base: markdownLanguage, codeLanguages, addKeymap: false }),
    markdownKeys,
    syntaxHighlighting(markdownHighlight),
    mdxSyntax.of(mdx ? mdxHighlight() : []),
    theme,
    placeholder("Start writing…"),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    isReadOnly ? EditorState.readOnly.of(true) : readOnly,
    EditorView.contentAttributes.of({ spellcheck: "true", "aria-label": "Post body" }),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      onChange(update.changes, performance.now());
      profile.changeHandled();
    }),
    EditorView.domEventHandlers({
      keydown: (event) => {
        profile.keyEvent(event.timeStamp);
        return false;
      },
    }),
    ...extra,
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions: extensions(false) }) });
  return {
    view,
    text: () => view.state.doc.toString(),
    load(text: string, isReadOnly: boolean) {
      view.setState(EditorState.create({ doc: text, extensions: extensions(isReadOnly) }));
    },
    replace(text: string) {
      const change = minimalChange(view.state.doc.toString(), text);
      if (change) view.dispatch({ changes: change });
    },
    setDirection(dir: TextDirection) {
      direction = dir;
      if (view.state.field(postDirection) !== dir) view.dispatch({ effects: setDirection.of(dir) });
    },
    setMdx(on: boolean) {
      if (on === mdx) return;
      mdx = on;
      view.dispatch({ effects: mdxSyntax.reconfigure(on ? mdxHighlight() : []) });
    },
  };
}
