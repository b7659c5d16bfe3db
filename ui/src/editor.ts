// The body editor: CodeMirror 6 with Markdown highlighting, soft wrap, history and search.
// It knows nothing of posts or saving; it reports changes and exposes the text.
import { type ChangeSet, EditorState, type Extension } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  keymap,
  placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting, bracketMatching } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { tags as t } from "@lezer/highlight";
import { minimalChange } from "./text-diff";

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
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "15px" },
  ".cm-scroller": { fontFamily: "var(--editor-font)", lineHeight: "1.75", padding: "24px 0" },
  ".cm-content": { maxWidth: "72ch", margin: "0 auto", padding: "0 32px", caretColor: "var(--ink)" },
  ".cm-activeLine": { backgroundColor: "transparent" },
  "&.cm-focused .cm-activeLine": { backgroundColor: "var(--active-line)" },
  "&.cm-focused": { outline: "none" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "var(--selection) !important" },
});

export interface BodyEditor {
  view: EditorView;
  text(): string;
  /** Replaces the whole text as a fresh document (no undo back into the previous post). */
  load(text: string, readOnly: boolean): void;
  /** Changes the text to `text` in one undoable step that touches only what differs, so the
   *  cursor, the scroll position and the undo history survive (a reload from disk). */
  replace(text: string): void;
}

export function createEditor(
  parent: HTMLElement,
  onChange: (changes: ChangeSet, at: number) => void,
  extra: Extension[] = [],
): BodyEditor {
  const readOnly = EditorState.readOnly.of(false);
  const extensions = (isReadOnly: boolean): Extension[] => [
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    markdown({ base: markdownLanguage }),
    syntaxHighlighting(markdownHighlight),
    theme,
    placeholder("Start writing…"),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    isReadOnly ? EditorState.readOnly.of(true) : readOnly,
    EditorView.contentAttributes.of({ spellcheck: "true", "aria-label": "Post body" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.changes, performance.now());
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
  };
}
