import { describe, expect, test } from "vitest";
import type { EditorState, StateCommand } from "@codemirror/state";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { continueList, linePrefix, toggleBold, toggleItalic, toggleLink } from "./markdown-commands";
import { markedOf, stateOf } from "./cursor-doc";

/** Runs `command` on the marked text; the marked result, or null when it declined. */
function run(command: StateCommand, marked: string): string | null {
  let state: EditorState = stateOf(marked, [markdown({ base: markdownLanguage })]);
  const handled = command({ state, dispatch: (tr) => (state = tr.state) });
  return handled ? markedOf(state) : null;
}

describe("bold (Ctrl+B)", () => {
  test.each([
    ["a |word| b", "a **|word|** b"],
    ["a **|word|** b", "a |word| b"],
    ["a |**word**| b", "a |word| b"],
    ["a wo|rd b", "a **wo|rd** b"],
    ["a **wo|rd** b", "a wo|rd b"],
    ["a | b", "a **|** b"],
    ["a **|** b", "a | b"],
    ["a *|word|* b", "a ***|word|*** b"],
    ["a ***|word|*** b", "a *|word|* b"],
    ["a __|word|__ b", "a |word| b"],
    ["|two words|", "**|two words|**"],
  ])("%s -> %s", (input, output) => {
    expect(run(toggleBold, input)).toBe(output);
  });
});

describe("italic (Ctrl+I)", () => {
  test.each([
    ["a |word| b", "a *|word|* b"],
    ["a *|word|* b", "a |word| b"],
    ["a _|word|_ b", "a |word| b"],
    ["a **|word|** b", "a ***|word|*** b"],
    ["a ***|word|*** b", "a **|word|** b"],
    ["a |*word*| b", "a |word| b"],
    ["it|s", "*it|s*"],
    ["end |", "end *|*"],
    ["end *|*", "end |"],
  ])("%s -> %s", (input, output) => {
    expect(run(toggleItalic, input)).toBe(output);
  });
});

describe("link (Ctrl+K)", () => {
  test.each([
    ["see |the docs| here", "see [the docs](|) here"],
    ["see |https://example.com/a?b=1| here", "see [|](https://example.com/a?b=1) here"],
    ["see | here", "see [|]() here"],
    ["see [the d|ocs](https://x.y) here", "see |the docs| here"],
    ["see [|the docs|](https://x.y) here", "see |the docs| here"],
    ["|mailto:me@example.com|", "[|](mailto:me@example.com)"],
  ])("%s -> %s", (input, output) => {
    expect(run(toggleLink, input)).toBe(output);
  });
});

describe("list continuation (Enter)", () => {
  test.each([
    ["- apples|", "- apples\n- |"],
    ["* apples|", "* apples\n* |"],
    ["+ apples|", "+ apples\n+ |"],
    ["  - nested|", "  - nested\n  - |"],
    ["1. one|", "1. one\n2. |"],
    ["9) nine|", "9) nine\n10) |"],
    ["1. one|\n2. two\n3. three", "1. one\n2. |\n3. two\n4. three"],
    ["1. one|\n   more\n2. two\n\n3. three\n\nafter", "1. one\n2. |\n   more\n3. two\n\n4. three\n\nafter"],
    ["1. one|\n1. two", "1. one\n1. |\n1. two"],
    ["- [ ] task|", "- [ ] task\n- [ ] |"],
    ["- [x] done|", "- [x] done\n- [ ] |"],
    ["> quoted|", "> quoted\n> |"],
    ["> - in a quote|", "> - in a quote\n> - |"],
    ["- split |here", "- split\n- |here"],
    // An empty item ends the list, with a blank line so what follows is not part of it.
    ["- a\n- |", "- a\n\n|"],
    ["1. a\n2. |", "1. a\n\n|"],
    ["- [ ] a\n- [ ] |", "- [ ] a\n\n|"],
    ["> a\n> |", "> a\n\n|"],
    ["> > a\n> > |", "> > a\n>\n> |"],
    ["> - a\n> - |", "> - a\n>\n> |"],
  ])("%j -> %j", (input, output) => {
    expect(run(continueList, input)).toBe(output);
  });

  test.each([
    ["plain text|"],
    ["```\n- in code|\n```"],
    ["---|"],
    ["*emphasis* text|"],
    ["|- before the marker"],
    ["- |a| selection"],
  ])("leaves %j to the plain newline", (input) => {
    expect(run(continueList, input)).toBeNull();
  });
});

test("linePrefix reads the markup a line starts with", () => {
  expect(linePrefix("  12. text")).toMatchObject({ outer: "  ", marker: "12.", after: " ", length: 6 });
  expect(linePrefix("> - [x] t")).toMatchObject({ outer: "> ", marker: "-", after: " [ ] ", task: true });
  expect(linePrefix("> quote")).toMatchObject({ outer: "> ", marker: "" });
  expect(linePrefix("* * *")).toBeNull();
  expect(linePrefix("text")).toBeNull();
});

test("read-only documents are left alone", async () => {
  const { EditorState } = await import("@codemirror/state");
  let state = stateOf("|word|", [EditorState.readOnly.of(true)]);
  expect(toggleBold({ state, dispatch: (tr) => (state = tr.state) })).toBe(false);
});
