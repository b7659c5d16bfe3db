// The status bar's git controls beside the branch: Commit… (when something changed), Pull and
// Push (push emphasised when the branch is ahead, pull when behind), and while one runs, that
// button disabled and a small line with git's phase and percent. What shows and the words are
// sync-state.ts; this module draws them and runs the push or pull through the commands it is
// given. One git operation at a time. It never touches the open post: a pull that changes it
// reaches the editor through the watcher and the session's outside-change path.
import type { AppError } from "./ipc/bindings/AppError";
import { asAppError } from "./ipc/errors";
import type { GitOp, GitProgress, GitView, SyncOutcome } from "./ipc/bindings/Git";
import { progressLine, syncControls, syncFailed, syncSucceeded, type SyncButton } from "./sync-state";

export interface SyncCommands {
  gitPush(): Promise<SyncOutcome>;
  gitPull(): Promise<SyncOutcome>;
}

export interface SyncHost {
  /** A calm news line: the push or pull went through. */
  info(message: string): void;
  /** It did not: git's message and advice. */
  notice(error: AppError): void;
  /** Commit… was clicked. */
  commit(): void;
}

export class SyncBar {
  private readonly group: HTMLElement;
  private readonly commitButton: HTMLButtonElement;
  private readonly pushButton: HTMLButtonElement;
  private readonly pullButton: HTMLButtonElement;
  private readonly progressEl: HTMLElement;
  private view: GitView | null = null;
  private runningOp: GitOp | null = null;

  constructor(
    root: ParentNode,
    private readonly commands: SyncCommands,
    private readonly host: SyncHost,
  ) {
    const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    this.group = $("#git-sync");
    this.commitButton = $("[data-testid=git-commit-open]");
    this.pushButton = $("[data-testid=git-push]");
    this.pullButton = $("[data-testid=git-pull]");
    this.progressEl = $("[data-testid=git-progress]");
    this.commitButton.addEventListener("click", () => host.commit());
    this.pushButton.addEventListener("click", () => void this.run("push"));
    this.pullButton.addEventListener("click", () => void this.run("pull"));
    this.draw();
  }

  /** The push or pull running, if any. */
  get running(): GitOp | null {
    return this.runningOp;
  }

  /** Whether git read the site (Pull and Push show). */
  get available(): boolean {
    return syncControls(this.view, null).shown;
  }

  /** Whether something changed that could be committed. */
  get changed(): boolean {
    return syncControls(this.view, null).commit;
  }

  /** Git's view changed (an edit, a commit, a pull, a checkout). */
  showGit(view: GitView | null): void {
    this.view = view;
    this.draw();
  }

  /** A `git-progress` event: shown while its operation runs. */
  progress(progress: GitProgress): void {
    if (progress.op !== this.runningOp) return;
    this.progressEl.hidden = false;
    this.progressEl.textContent = progressLine(progress);
  }

  /** Pushes or pulls; the outcome is the news line or the notice. */
  async run(op: GitOp): Promise<void> {
    if (this.runningOp !== null || !this.available) return;
    this.runningOp = op;
    this.progressEl.hidden = false;
    this.progressEl.textContent = op === "push" ? "Pushing…" : "Pulling…";
    this.draw();
    try {
      const outcome = await (op === "push" ? this.commands.gitPush() : this.commands.gitPull());
      this.host.info(syncSucceeded(outcome));
    } catch (e) {
      this.host.notice(syncFailed(op, asAppError(e)));
    } finally {
      this.runningOp = null;
      this.progressEl.hidden = true;
      this.progressEl.textContent = "";
      this.draw();
    }
  }

  private draw(): void {
    const controls = syncControls(this.view, this.runningOp);
    this.group.hidden = !controls.shown;
    this.commitButton.hidden = !controls.commit;
    drawButton(this.pushButton, controls.push);
    drawButton(this.pullButton, controls.pull);
  }
}

function drawButton(button: HTMLButtonElement, state: SyncButton): void {
  button.disabled = state.disabled;
  button.classList.toggle("emphasis", state.emphasis);
  if (button.textContent !== state.label) button.textContent = state.label;
  button.title = state.title;
  button.setAttribute("aria-busy", String(state.busy));
}
