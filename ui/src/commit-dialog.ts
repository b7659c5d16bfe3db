// The Commit dialog: the changed posts and images (each with a tick, its git state, its title
// and its problems; images under the post that uses them), the message (suggested from the
// ticked posts until the writer types one), "Commit anyway" when a ticked post has errors, and
// what git answered. The dialog's state and rules are commit-plan.ts and commit-message.ts;
// this module draws them and talks to the backend through the commands it is given. It must
// never lose what the writer set up: a refusal (errors, or git's own: a hook, no identity)
// leaves the dialog open with every tick and the message as they were.
import { branchTitle } from "./git-view";
import { CommitDraft, type CommitRow } from "./commit-plan";
import { titleOf } from "./commit-message";
import { asAppError } from "./ipc/errors";
import type { BlockedPost, CommitFile, CommitOutcome, CommitPlan, CommitRequest } from "./ipc/bindings/Git";

export interface CommitCommands {
  commitPlan(): Promise<CommitPlan>;
  gitCommit(request: CommitRequest): Promise<CommitOutcome>;
}

export interface CommitHost {
  /** Saves the open post first, so the commit holds what the writer sees; false if it could not. */
  settle(): Promise<boolean>;
  /** The commit went through: the calm news line ("Committed a1b2c3d: Add: Title"). */
  committed(news: string): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The news line after a commit: its short hash and the message's first line. */
export function committedNews(short: string, message: string): string {
  const subject = message.split("\n")[0].trim();
  return `Committed ${short}: ${subject}`;
}

/** The "blocked" reply as lines: each post with its errors. */
export function blockedText(posts: readonly BlockedPost[]): string {
  const lines = [`Not committed: ${posts.length === 1 ? "this post has" : "these posts have"} errors.`];
  for (const post of posts) {
    lines.push(post.path);
    for (const error of post.errors) lines.push(`  ${error}`);
  }
  return lines.join("\n");
}

export class CommitDialog {
  readonly dialog: HTMLDialogElement;
  private readonly branch: HTMLElement;
  private readonly list: HTMLElement;
  private readonly message: HTMLTextAreaElement;
  private readonly overrideRow: HTMLElement;
  private readonly override: HTMLInputElement;
  private readonly why: HTMLElement;
  private readonly report: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private draft: CommitDraft | null = null;
  private busy = false;
  /** Bumped on each open, so a plan that arrives after the dialog was reopened is dropped. */
  private generation = 0;

  constructor(
    private readonly commands: CommitCommands,
    private readonly host: CommitHost,
    root: Document = document,
  ) {
    const dialog = root.createElement("dialog");
    dialog.className = "action-dialog commit-dialog";
    dialog.dataset.testid = "commit-dialog";
    dialog.setAttribute("aria-labelledby", "commit-title");
    dialog.innerHTML = `
      <form method="dialog">
        <h2 id="commit-title">Commit changes</h2>
        <p class="dialog-note commit-branch"></p>
        <ul class="commit-files" aria-label="Changed files"></ul>
        <label class="dialog-field commit-message-field">
          <span>Message</span>
          <textarea data-testid="commit-message" rows="3" spellcheck="true" aria-keyshortcuts="Control+Enter"></textarea>
        </label>
        <label class="dialog-field dialog-checkbox commit-override" hidden>
          <input type="checkbox" data-testid="commit-override" /> Commit anyway, with the errors
        </label>
        <p class="commit-why" aria-live="polite"></p>
        <div class="commit-report" data-testid="commit-report" role="alert" hidden></div>
        <div class="dialog-buttons">
          <button type="button" class="commit-cancel">Cancel</button>
          <button type="submit" class="primary" data-testid="commit-submit">Commit</button>
        </div>
      </form>`;
    root.body.append(dialog);
    this.dialog = dialog;
    const $ = <T extends HTMLElement>(selector: string) => dialog.querySelector<T>(selector)!;
    this.branch = $(".commit-branch");
    this.list = $(".commit-files");
    this.message = $("[data-testid=commit-message]");
    this.overrideRow = $(".commit-override");
    this.override = $("[data-testid=commit-override]");
    this.why = $(".commit-why");
    this.report = $("[data-testid=commit-report]");
    this.submit = $("[data-testid=commit-submit]");

    this.message.addEventListener("input", () => {
      this.draft?.setMessage(this.message.value);
      this.update();
    });
    this.message.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.commit();
      }
    });
    this.override.addEventListener("change", () => {
      if (this.draft) this.draft.override = this.override.checked;
      this.update();
    });
    this.list.addEventListener("change", (event) => {
      const box = event.target as HTMLInputElement;
      if (!this.draft || box.dataset.testid !== "commit-path" || !box.dataset.path) return;
      this.draft.tick(box.dataset.path, box.checked);
      this.syncTicks();
      this.update();
    });
    $(".commit-cancel").addEventListener("click", () => dialog.close());
    $("form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.commit();
    });
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /** Opens the dialog on what git sees now (the open post saved first). */
  async open(): Promise<void> {
    const generation = ++this.generation;
    this.draft = null;
    this.busy = false;
    this.report.hidden = true;
    this.report.replaceChildren();
    this.branch.textContent = "";
    this.message.value = "";
    this.override.checked = false;
    this.overrideRow.hidden = true;
    this.list.replaceChildren(this.placeholder("Reading what changed…"));
    this.update();
    if (!this.dialog.open) this.dialog.showModal();
    if (!(await this.host.settle())) {
      if (generation !== this.generation) return;
      this.list.replaceChildren(this.placeholder("The open post could not be saved, so it cannot be committed yet. See the notice above the editor."));
      return;
    }
    let plan: CommitPlan;
    try {
      plan = await this.commands.commitPlan();
    } catch (e) {
      if (generation !== this.generation) return;
      this.list.replaceChildren();
      this.showGitError(asAppError(e).message);
      return;
    }
    if (generation !== this.generation) return;
    this.show(plan);
  }

  /** Draws a plan: its rows, ticked as the draft says, and the suggested message. */
  private show(plan: CommitPlan): void {
    const draft = new CommitDraft(plan);
    this.draft = draft;
    const b = plan.branch;
    this.branch.textContent = b.head === null && b.upstream === null ? "Detached HEAD: the commit will not be on any branch." : `${branchTitle(b)}.`;
    this.drawRows();
    this.message.value = draft.message;
    this.update();
    this.message.focus();
    this.message.select();
  }

  private drawRows(): void {
    const draft = this.draft;
    if (!draft) return;
    this.list.replaceChildren(...(draft.rows.length ? draft.rows.map((row) => this.row(row)) : [this.placeholder("Nothing to commit: no post or image changed.")]));
    this.syncTicks();
  }

  private placeholder(text: string): HTMLElement {
    const li = document.createElement("li");
    li.className = "commit-empty";
    li.textContent = text;
    return li;
  }

  private row({ file, depth }: CommitRow): HTMLElement {
    const li = document.createElement("li");
    li.className = "commit-file";
    li.dataset.kind = file.kind;
    li.dataset.depth = String(depth);
    const label = document.createElement("label");
    label.className = "commit-check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.testid = "commit-path";
    box.dataset.path = file.path;
    const name = document.createElement("span");
    name.className = "commit-name";
    name.textContent = file.kind === "post" ? titleOf(file) : (file.path.split("/").pop() ?? file.path);
    const state = document.createElement("span");
    state.className = "badge git";
    state.dataset.state = file.state;
    state.textContent = file.state;
    label.append(box, name, state);

    const detail = document.createElement("div");
    detail.className = "commit-detail";
    const path = document.createElement("span");
    path.className = "commit-file-path";
    path.textContent = file.path;
    detail.append(path);
    if (file.errors > 0) detail.append(this.errors(file));
    if (file.warnings > 0) {
      const warnings = document.createElement("span");
      warnings.className = "commit-warnings";
      warnings.textContent = plural(file.warnings, "warning");
      detail.append(warnings);
    }
    li.append(label, detail);
    return li;
  }

  private errors(file: CommitFile): HTMLElement {
    const el = document.createElement("span");
    el.className = "commit-errors";
    el.dataset.testid = "commit-errors";
    const shown = file.firstErrors.slice(0, 3);
    const more = file.errors - shown.length;
    el.textContent = `${plural(file.errors, "error")}${shown.length ? `: ${shown.join("; ")}` : ""}${shown.length && more > 0 ? ` (and ${more} more)` : ""}`;
    el.title = "Fix these in the post's problems panel before publishing";
    return el;
  }

  /** The boxes follow the draft (a post takes its images along). */
  private syncTicks(): void {
    const draft = this.draft;
    if (!draft) return;
    for (const box of this.list.querySelectorAll<HTMLInputElement>("[data-testid=commit-path]")) box.checked = draft.isTicked(box.dataset.path!);
  }

  /** The message (while it follows the ticks), "Commit anyway", and the Commit button. */
  private update(): void {
    const draft = this.draft;
    if (draft && !draft.messageTyped && this.message.value !== draft.message) this.message.value = draft.message;
    const needsOverride = !!draft && draft.needsOverride();
    this.overrideRow.hidden = !needsOverride;
    const blocker = draft ? draft.blocker() : null;
    this.why.textContent = this.busy ? "Committing…" : (blocker ?? "");
    this.why.hidden = this.why.textContent === "";
    this.submit.disabled = this.busy || !draft || blocker !== null;
    this.message.readOnly = this.busy;
    this.override.disabled = this.busy;
    for (const box of this.list.querySelectorAll<HTMLInputElement>("[data-testid=commit-path]")) box.disabled = this.busy;
  }

  private showGitError(message: string): void {
    const pre = document.createElement("pre");
    pre.className = "commit-git-error";
    pre.dataset.testid = "commit-error";
    pre.textContent = message;
    this.report.replaceChildren(pre);
    this.report.hidden = false;
  }

  /** Commits the ticked files. A refusal keeps the dialog as it was and says why. */
  async commit(): Promise<void> {
    const draft = this.draft;
    if (!draft || this.busy || draft.blocker() !== null) return;
    const request = draft.request();
    this.busy = true;
    this.report.hidden = true;
    this.update();
    let outcome: CommitOutcome | null = null;
    try {
      outcome = await this.commands.gitCommit(request);
    } catch (e) {
      this.showGitError(asAppError(e).message);
    }
    this.busy = false;
    if (outcome?.kind === "committed") {
      this.dialog.close();
      this.host.committed(committedNews(outcome.short, request.message));
      return;
    }
    if (outcome?.kind === "blocked") {
      // The backend found errors the plan did not show (the post changed meanwhile): the rows
      // say so now, and Commit waits for "Commit anyway" again.
      draft.markBlocked(outcome.posts);
      draft.override = false;
      this.override.checked = false;
      this.drawRows();
      const pre = document.createElement("pre");
      pre.className = "commit-blocked";
      pre.dataset.testid = "commit-blocked";
      pre.textContent = blockedText(outcome.posts);
      this.report.replaceChildren(pre);
      this.report.hidden = false;
    }
    this.update();
  }
}
