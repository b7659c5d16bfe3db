// The languages fenced code blocks are highlighted in (```rust, ```ts, ...). Each grammar not
// already in the main chunk (below) is a separate chunk loaded by dynamic import the first time
// a post has a block in it, so the first paint pays only for this list. A small set on purpose:
// what blog posts about software mostly show. Unknown languages stay plain monospace.
import { type Language, LanguageDescription, LanguageSupport, StreamLanguage, type StreamParser } from "@codemirror/language";

// JavaScript, CSS and HTML come statically: lang-markdown already imports lang-html, which
// imports the other two, so they are in the main chunk anyway. Named imports of the bare
// languages keep their autocompletion and snippets out of it (a dynamic import would keep the
// whole module). Fenced code needs highlighting only, so every grammar comes without extras.
import { cssLanguage } from "@codemirror/lang-css";
import { htmlLanguage } from "@codemirror/lang-html";
import { javascriptLanguage, jsxLanguage, tsxLanguage, typescriptLanguage } from "@codemirror/lang-javascript";

const lang = (language: Language) => new LanguageSupport(language);

const legacy = (parser: Promise<StreamParser<unknown>>) => parser.then((p) => new LanguageSupport(StreamLanguage.define(p)));

export const codeLanguages: LanguageDescription[] = [
  LanguageDescription.of({
    name: "JavaScript",
    alias: ["js", "javascript", "mjs", "cjs", "node"],
    support: lang(javascriptLanguage),
  }),
  LanguageDescription.of({
    name: "TypeScript",
    alias: ["ts", "typescript", "mts"],
    support: lang(typescriptLanguage),
  }),
  LanguageDescription.of({
    name: "JSX",
    alias: ["jsx"],
    support: lang(jsxLanguage),
  }),
  LanguageDescription.of({
    name: "TSX",
    alias: ["tsx"],
    support: lang(tsxLanguage),
  }),
  LanguageDescription.of({ name: "JSON", alias: ["json", "json5", "jsonc"], load: () => import("@codemirror/lang-json").then((m) => lang(m.jsonLanguage)) }),
  LanguageDescription.of({ name: "CSS", alias: ["css"], support: lang(cssLanguage) }),
  LanguageDescription.of({
    name: "HTML",
    alias: ["html", "xhtml", "svelte", "vue", "astro"],
    support: lang(htmlLanguage),
  }),
  LanguageDescription.of({ name: "Python", alias: ["py", "python", "python3"], load: () => import("@codemirror/lang-python").then((m) => lang(m.pythonLanguage)) }),
  LanguageDescription.of({ name: "Rust", alias: ["rs", "rust"], load: () => import("@codemirror/lang-rust").then((m) => lang(m.rustLanguage)) }),
  LanguageDescription.of({ name: "Go", alias: ["go", "golang"], load: () => import("@codemirror/lang-go").then((m) => lang(m.goLanguage)) }),
  LanguageDescription.of({ name: "YAML", alias: ["yaml", "yml"], load: () => import("@codemirror/lang-yaml").then((m) => lang(m.yamlLanguage)) }),
  LanguageDescription.of({
    name: "Shell",
    alias: ["sh", "bash", "shell", "zsh", "console", "shellsession"],
    load: () => legacy(import("@codemirror/legacy-modes/mode/shell").then((m) => m.shell as StreamParser<unknown>)),
  }),
  LanguageDescription.of({
    name: "TOML",
    alias: ["toml"],
    load: () => legacy(import("@codemirror/legacy-modes/mode/toml").then((m) => m.toml as StreamParser<unknown>)),
  }),
];
