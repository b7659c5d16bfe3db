// The body editor: CodeMirror 6 with Markdown highlighting (fenced code by language, loaded
// lazily: code-languages.ts), soft wrap, history, search and replace, Ctrl+B/I/K and list
// continuation (markdown-commands.ts). It knows nothing of posts or saving; it reports changes
// and exposes the text.
import { type ChangeSet, EditorState, type Extension, Prec } from "@codemirror/state";
import {
  EditorView,
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
    markdown({ base: markdownLanguage, codeLanguages, addKeymap: false }),
    markdownKeys,
    syntaxHighlighting(markdownHighlight),
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
  };
}
