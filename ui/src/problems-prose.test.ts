// @vitest-environment happy-dom
// The problems panel's "Spelling and grammar" group: below the checks' problems, one row per
// lint with its rule, a click that reports the row, and the counts in the headline.
import { beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "./ipc/bindings/Problem";
import type { PostProblems } from "./ipc/bindings/PostProblems";
import type { ProseRow } from "./prose-model";
import { headlineWithProse, MAX_PROSE_ROWS, ProblemsPanel } from "./problems";

const problem = (rule: string, severity: Problem["severity"] = "warning"): Problem => ({ rule, severity, message: rule, start: 1, end: 2, line: 3, column: 1, fix: null });
const checks = (...problems: Problem[]): PostProblems => ({ problems, bodyLine: 4, frontMatterLine: 1 });
const row = (field: ProseRow["field"], text: string, rule = "spelling", line: number | null = null): ProseRow => ({
  field,
  lint: { rule, start: 0, end: text.length, text, message: `About “${text}”`, suggestions: [] },
  from: 0,
  to: text.length,
  line,
});

describe("the spelling and grammar group", () => {
  let jumped: ProseRow[];
  let panel: ProblemsPanel;
  const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

  beforeEach(() => {
    document.body.innerHTML = `
      <section data-testid="problems" hidden>
        <button class="problems-toggle"></button><span id="summary"></span><button id="fix-all"></button>
        <ul id="list"></ul>
      </section>
      <button id="status" hidden></button>`;
    jumped = [];
    panel = new ProblemsPanel($("[data-testid=problems]"), $("#summary"), $("#list"), $("#fix-all") as HTMLButtonElement, {
      jump: () => undefined,
      fix: () => undefined,
      fixAll: () => undefined,
      proseJump: (r) => jumped.push(r),
    }, $("#status") as HTMLButtonElement);
  });

  it("comes after the checks' problems, one row per lint, with its rule", () => {
    panel.show(checks(problem("stock-phrase", "info")));
    panel.showProse([row("title", "Titel"), row("body", "teh", "spelling", 4), row("body", "their", "grammar", 9)]);
    const items = [...$("#list").children] as HTMLElement[];
    expect(items.map((li) => li.dataset.testid)).toEqual(["problem", "prose-group", "prose-problem", "prose-problem", "prose-problem"]);
    expect(items[1].textContent).toBe("Spelling and grammar");
    const rows = [...document.querySelectorAll<HTMLElement>("[data-testid=prose-problem]")];
    expect(rows.map((r) => r.dataset.rule)).toEqual(["spelling", "spelling", "grammar"]);
    expect(rows[1].textContent).toContain("“teh” · line 4");
    expect(rows[0].textContent).toContain("“Titel” · title");
    rows[1].querySelector<HTMLButtonElement>("button")!.click();
    expect(jumped.map((r) => r.lint.text)).toEqual(["teh"]);
    expect($("#summary").textContent).toBe("1 note, 2 spelling, 1 grammar");
    expect($("#status").textContent).toBe("1 note, 2 spelling, 1 grammar");
  });

  it("goes away with the lints, and the headline is the checks' again", () => {
    panel.show(checks());
    panel.showProse([row("body", "teh", "spelling", 1)]);
    expect($("#summary").textContent).toBe("1 spelling");
    panel.showProse([]);
    expect(document.querySelector("[data-testid=prose-group]")).toBeNull();
    expect($("#summary").textContent).toBe("No problems");
  });

  it("lists the checks' own spelling and grammar problems only while the editor does not", () => {
    panel.show(checks(problem("spelling"), problem("stock-phrase")));
    panel.showProse([row("body", "teh", "spelling", 1)]);
    expect([...document.querySelectorAll<HTMLElement>("[data-testid=problem]")].map((p) => p.dataset.rule)).toEqual(["stock-phrase"]);
    panel.showProse([], false);
    expect([...document.querySelectorAll<HTMLElement>("[data-testid=problem]")].map((p) => p.dataset.rule)).toEqual(["spelling", "stock-phrase"]);
  });

  it("sums up a very long list in one line", () => {
    panel.show(checks());
    panel.showProse(Array.from({ length: MAX_PROSE_ROWS + 3 }, (_, i) => row("body", `w${i}`, "spelling", i + 1)));
    expect(document.querySelectorAll("[data-testid=prose-problem]")).toHaveLength(MAX_PROSE_ROWS);
    expect($(".problem-more").textContent).toBe("and 3 more");
  });

  it("counts only what there is in the headline", () => {
    expect(headlineWithProse([], [])).toBe("No problems");
    expect(headlineWithProse([problem("x", "error")], [])).toBe("1 error");
    expect(headlineWithProse([], [row("body", "a", "grammar")])).toBe("1 grammar");
  });
});
