// What the status bar shows of committing and syncing with the remote, free of the DOM: whether
// Commit…, Pull and Push show, which one is emphasised (push when the branch is ahead, pull
// when it is behind), the progress line while git runs, and the calm lines that report how it
// went. Git's own words are passed on, never reworded: the writer (or whoever helps them) may
// need them exactly. It never runs git; sync-bar.ts does, through the backend.
import type { AppError } from "./ipc/bindings/AppError";
import type { GitOp, GitProgress, GitView, SyncOutcome } from "./ipc/bindings/Git";
import { gitAvailable } from "./git-view";

export interface SyncButton {
  emphasis: boolean;
  /** This button's operation is running. */
  busy: boolean;
  disabled: boolean;
  label: string;
  title: string;
}

export interface SyncControls {
  /** Git read the site: Pull and Push show. */
  shown: boolean;
  /** Something changed: Commit… shows. */
  commit: boolean;
  push: SyncButton;
  pull: SyncButton;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The status bar's git buttons for git's view and the operation running, if any. One git
 *  operation at a time: while one runs, both wait. */
export function syncControls(view: GitView | null | undefined, running: GitOp | null): SyncControls {
  const available = gitAvailable(view);
  const branch = available ? view.branch : { head: null, upstream: null, ahead: 0, behind: 0 };
  const upstream = branch.upstream;
  const pushTitle =
    upstream === null
      ? "Push this branch (it has no upstream yet; git will say how to set one)"
      : branch.ahead > 0
        ? `Push ${plural(branch.ahead, "commit")} to ${upstream}`
        : `Push to ${upstream} (nothing new to push)`;
  const pullTitle =
    upstream === null
      ? "Pull (this branch has no upstream yet; git will say how to set one)"
      : branch.behind > 0
        ? `Pull ${plural(branch.behind, "commit")} from ${upstream}`
        : `Pull from ${upstream}`;
  return {
    shown: available,
    commit: available && view.files.length > 0,
    push: {
      emphasis: branch.ahead > 0 && running === null,
      busy: running === "push",
      disabled: running !== null,
      label: running === "push" ? "Pushing…" : "Push",
      title: pushTitle,
    },
    pull: {
      emphasis: branch.behind > 0 && running === null,
      busy: running === "pull",
      disabled: running !== null,
      label: running === "pull" ? "Pulling…" : "Pull",
      title: pullTitle,
    },
  };
}

/** "Pushing: Writing objects 45%", from git's progress; its raw line when it names no phase. */
export function progressLine(progress: GitProgress): string {
  const verb = progress.op === "push" ? "Pushing" : "Pulling";
  const phase = progress.phase.trim() || progress.line.trim();
  if (!phase) return `${verb}…`;
  return `${verb}: ${phase}${progress.percent !== null ? ` ${Math.round(progress.percent)}%` : ""}`;
}

/** Git's summary on one line: its last few non-empty lines. */
export function summaryLine(summary: string, lines = 2): string {
  return summary
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-lines)
    .join(" · ");
}

/** The calm news line after a push or pull went through, with git's summary. */
export function syncSucceeded(outcome: SyncOutcome): string {
  const summary = summaryLine(outcome.summary);
  if (outcome.op === "push") return summary ? `Pushed. ${summary}` : "Pushed.";
  const changed = outcome.changed.length > 0 ? `, ${plural(outcome.changed.length, "file")} changed` : "";
  return `Pulled${changed}.${summary ? ` ${summary}` : ""}`;
}

/** A failed push or pull, for the notice: what failed, then git's message and its advice
 *  as git wrote them. */
export function syncFailed(op: GitOp, error: AppError): AppError {
  const what = op === "push" ? "The push did not go through." : "The pull did not go through.";
  return { ...error, message: `${what}\n${error.message}` };
}
