// The problems panel for the open post: what the pre-publish checks found, a click to jump to
// each one, and its fix where one is safe. It shows what it is given and reports clicks; the
// checking and fixing happen in Rust (content::checks), and when to check or fix is decided by
// the post session (post-session.ts). Spelling and grammar (prose-lint.ts) come as their own
// group below the checks' problems, "Spelling and grammar", fed by `showProse`.
import type { PostProblems } from "./ipc/bindings/PostProblems";
import type { Problem } from "./ipc/bindings/Problem";
import { proseHeadline, ruleOf, rowWhere, type ProseRow } from "./prose-model";

export interface ProblemActions {
  jump(problem: Problem, where: PostProblems): void;
  fix(problem: Problem): void;
  fixAll(): void;
  /** A way out for a problem that is not a fix (merge-conflict: Resolve conflicts), if any. */
  extra?(problem: Problem): ProblemAction | null;
  /** A spelling or grammar row clicked: its place in the body, or its form field. */
  proseJump?(row: ProseRow): void;
}

/** A button beside a problem that opens something rather than fixing the text itself. */
export interface ProblemAction {
  label: string;
  testid: string;
  run(): void;
}

const SEVERITY_LABEL: Record<Problem["severity"], string> = { error: "Error", warning: "Warning", info: "Note" };

/** Problems first by severity, then in file order. */
export function ordered(problems: Problem[]): Problem[] {
  const rank = { error: 0, warning: 1, info: 2 };
  return [...problems].sort((a, b) => rank[a.severity] - rank[b.severity] || a.start - b.start);
}

/** "2 errors, 3 warnings" (notes are not counted in the headline). */
export function headline(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  const notes = problems.length - errors - warnings;
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors > 1 ? "s" : ""}`);
  if (warnings) parts.push(`${warnings} warning${warnings > 1 ? "s" : ""}`);
  if (notes) parts.push(`${notes} note${notes > 1 ? "s" : ""}`);
  return parts.length ? parts.join(", ") : "No problems";
}

/** The headline with the spelling and grammar counts after the checks' ("1 warning, 3
 *  spelling"); the checks' own headline when there are none. */
export function headlineWithProse(problems: Problem[], rows: readonly ProseRow[]): string {
  const prose = proseHeadline(rows);
  if (!prose) return headline(problems);
  return problems.length > 0 ? `${headline(problems)}, ${prose}` : prose;
}

/** More spelling and grammar rows than this are summed up in one line: a post full of jargon
 *  should not make the panel a wall. */
export const MAX_PROSE_ROWS = 200;

/** The checks' rules that the editor's live lints stand for. */
const PROSE_RULES = new Set(["spelling", "grammar"]);

export class ProblemsPanel {
  private current: PostProblems | null = null;
  private prose: ProseRow[] = [];
  /** Whether the editor lints spelling and grammar live: the checks' own `spelling` and
   *  `grammar` problems (on where postdesk.toml turns them on) are then the group's rows. */
  private proseLive = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly summary: HTMLElement,
    private readonly list: HTMLElement,
    private readonly fixAllButton: HTMLButtonElement,
    private readonly actions: ProblemActions,
    /** The status bar's count, which scrolls the panel into view. */
    private readonly status: HTMLButtonElement | null = null,
  ) {
    fixAllButton.addEventListener("click", () => actions.fixAll());
    // Folded to one line by default, so the writing surface keeps its room.
    this.toggle = root.querySelector<HTMLButtonElement>(".problems-toggle");
    this.toggle?.addEventListener("click", () => this.expand(list.hidden));
    status?.addEventListener("click", () => {
      this.expand(true);
      root.querySelector<HTMLElement>(".problem-jump")?.focus();
    });
  }

  private readonly toggle: HTMLButtonElement | null;

  /** Shows or folds the list under the panel's one-line header. */
  expand(open: boolean): void {
    this.list.hidden = !open;
    this.toggle?.setAttribute("aria-expanded", String(open));
  }

  show(result: PostProblems | null): void {
    this.current = result;
    this.render();
  }

  /** The open post's spelling and grammar (already in order: prose-model.ts's orderedRows);
   *  `live` says the editor is linting them (see `proseLive`). */
  showProse(rows: ProseRow[], live = true): void {
    if (rows.length === 0 && this.prose.length === 0 && live === this.proseLive) return;
    this.prose = rows;
    this.proseLive = live;
    this.render();
  }

  private render(): void {
    const result = this.current;
    const shown = result !== null || this.prose.length > 0;
    this.root.hidden = !shown;
    const listed = result && this.proseLive ? result.problems.filter((p) => !PROSE_RULES.has(p.rule)) : (result?.problems ?? []);
    const problems = ordered(listed);
    const text = headlineWithProse(problems, this.prose);
    this.summary.textContent = text;
    if (this.status) {
      this.status.hidden = !shown;
      this.status.textContent = text;
    }
    this.fixAllButton.hidden = !problems.some((p) => p.fix);
    this.list.replaceChildren(...problems.map((p) => this.item(p)), ...this.proseGroup());
  }

  private proseGroup(): HTMLElement[] {
    if (this.prose.length === 0) return [];
    const head = document.createElement("li");
    head.className = "problem-group";
    head.dataset.testid = "prose-group";
    head.setAttribute("role", "presentation");
    head.textContent = "Spelling and grammar";
    const rows = this.prose.slice(0, MAX_PROSE_ROWS).map((row) => this.proseItem(row));
    const rest = this.prose.length - rows.length;
    if (rest > 0) {
      const more = document.createElement("li");
      more.className = "problem-more";
      more.textContent = `and ${rest} more`;
      rows.push(more);
    }
    return [head, ...rows];
  }

  private proseItem(row: ProseRow): HTMLElement {
    const rule = ruleOf(row.lint);
    const li = document.createElement("li");
    li.className = `problem problem-prose prose-problem-${rule}`;
    li.dataset.testid = "prose-problem";
    li.dataset.rule = rule;
    li.dataset.field = row.field;
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "problem-jump";
    jump.title = row.field === "body" ? `Go to line ${row.line ?? 1}` : `Go to the ${row.field}`;
    const kind = document.createElement("span");
    kind.className = "problem-severity";
    kind.textContent = rule === "spelling" ? "Spelling" : "Grammar";
    const message = document.createElement("span");
    message.className = "problem-message";
    message.textContent = row.lint.message;
    const where = document.createElement("span");
    where.className = "problem-where";
    where.textContent = rowWhere(row);
    jump.append(kind, message, where);
    jump.addEventListener("click", () => this.actions.proseJump?.(row));
    li.append(jump);
    return li;
  }

  private item(problem: Problem): HTMLElement {
    const li = document.createElement("li");
    li.className = `problem problem-${problem.severity}`;
    li.dataset.testid = "problem";
    li.dataset.rule = problem.rule;
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "problem-jump";
    jump.title = `Go to line ${problem.line}`;
    const severity = document.createElement("span");
    severity.className = "problem-severity";
    severity.textContent = SEVERITY_LABEL[problem.severity];
    const message = document.createElement("span");
    message.className = "problem-message";
    message.textContent = problem.message;
    const where = document.createElement("span");
    where.className = "problem-where";
    where.textContent = `${problem.rule} · line ${problem.line}`;
    jump.append(severity, message, where);
    jump.addEventListener("click", () => {
      if (this.current) this.actions.jump(problem, this.current);
    });
    li.append(jump);
    if (problem.fix) {
      const fix = document.createElement("button");
      fix.type = "button";
      fix.className = "problem-fix";
      fix.dataset.testid = "problem-fix";
      fix.textContent = problem.fix.label;
      fix.addEventListener("click", () => this.actions.fix(problem));
      li.append(fix);
    }
    const extra = this.actions.extra?.(problem);
    if (extra) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "problem-fix";
      button.dataset.testid = extra.testid;
      button.textContent = extra.label;
      button.addEventListener("click", () => extra.run());
      li.append(button);
    }
    return li;
  }
}
