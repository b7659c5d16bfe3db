// The Commit dialog's state, free of the DOM: the plan's files in the order the dialog lists
// them (each changed post with the changed images it uses under it, then the images no changed
// post uses), which are ticked, the message (suggested from the ticked posts until the writer
// types one), and whether errors in a ticked post hold the commit back until the writer says
// "Commit anyway". It never runs git and never decides what git accepts: the backend checks
// again when asked to commit (a "blocked" outcome), so this only keeps the dialog honest.
import { commitMessage } from "./commit-message";
import type { BlockedPost, CommitFile, CommitPlan, CommitRequest } from "./ipc/bindings/Git";

export interface CommitRow {
  file: CommitFile;
  /** 1 for an image listed under the post that uses it. */
  depth: 0 | 1;
}

/** The plan's files as the dialog lists them. Posts keep the plan's order; an image goes under
 *  the first listed post that uses it, and images no listed post uses come last. */
export function commitRows(plan: CommitPlan): CommitRow[] {
  const posts = plan.files.filter((f) => f.kind === "post");
  const postPaths = new Set(posts.map((p) => p.path));
  const images = plan.files.filter((f) => f.kind !== "post");
  const rows: CommitRow[] = [];
  for (const post of posts) {
    rows.push({ file: post, depth: 0 });
    for (const image of images) if (image.post === post.path) rows.push({ file: image, depth: 1 });
  }
  for (const image of images) if (image.post === null || !postPaths.has(image.post)) rows.push({ file: image, depth: 0 });
  return rows;
}

export class CommitDraft {
  readonly rows: CommitRow[];
  private readonly ticked = new Set<string>();
  private typed: string | null = null;
  /** "Commit anyway": the writer saw the errors and commits regardless. */
  override = false;

  constructor(plan: CommitPlan) {
    this.rows = commitRows(plan);
    // Posts and the images they use go by default; an image no changed post uses waits to be
    // asked for (it may be a stray export or a screenshot).
    for (const row of this.rows) if (row.file.kind === "post" || row.depth === 1) this.ticked.add(row.file.path);
  }

  isTicked(path: string): boolean {
    return this.ticked.has(path);
  }

  /** Ticks or unticks a file; a post takes the images listed under it along. */
  tick(path: string, on: boolean): void {
    const row = this.rows.find((r) => r.file.path === path);
    if (!row) return;
    // A message the writer emptied follows the ticks again.
    if (this.typed !== null && this.typed.trim() === "") this.typed = null;
    const set = (p: string) => (on ? this.ticked.add(p) : this.ticked.delete(p));
    set(path);
    if (row.file.kind === "post") {
      for (const r of this.rows) if (r.depth === 1 && r.file.post === path) set(r.file.path);
    }
  }

  /** The ticked files, in the dialog's order. */
  tickedFiles(): CommitFile[] {
    return this.rows.filter((r) => this.ticked.has(r.file.path)).map((r) => r.file);
  }

  /** What the message would be if the writer had not typed one. */
  suggestion(): string {
    return commitMessage(this.tickedFiles());
  }

  /** The message: the writer's, once typed, else the suggestion for the ticked files. */
  get message(): string {
    return this.typed ?? this.suggestion();
  }

  /** The writer typed in the message. Typed back to the suggestion, it follows the ticks
   *  again; emptied, it stays empty until the next tick refills it. */
  setMessage(text: string): void {
    this.typed = text === this.suggestion() ? null : text;
  }

  /** Whether the message is the writer's own. */
  get messageTyped(): boolean {
    return this.typed !== null;
  }

  /** The ticked posts that have errors. */
  postsWithErrors(): CommitFile[] {
    return this.tickedFiles().filter((f) => f.kind === "post" && f.errors > 0);
  }

  /** Errors in a ticked post hold the commit until "Commit anyway" is ticked. */
  needsOverride(): boolean {
    return this.postsWithErrors().length > 0;
  }

  /** The backend refused the commit for these posts' errors (they changed since the plan was
   *  read): their rows carry the errors now, so "Commit anyway" is asked for. */
  markBlocked(posts: readonly BlockedPost[]): void {
    for (const blocked of posts) {
      const row = this.rows.find((r) => r.file.path === blocked.path);
      if (!row) continue;
      row.file = {
        ...row.file,
        errors: Math.max(row.file.errors, blocked.errors.length, 1),
        firstErrors: blocked.errors.length ? blocked.errors.slice(0, 3) : row.file.firstErrors,
      };
    }
  }

  /** Why Commit is disabled, or null when it is enabled. */
  blocker(): string | null {
    if (this.ticked.size === 0) return "Tick at least one file.";
    if (this.message.trim() === "") return "Write a commit message.";
    if (this.needsOverride() && !this.override) {
      const n = this.postsWithErrors().length;
      return `${n === 1 ? "A ticked post has" : `${n} ticked posts have`} errors: fix them, untick ${n === 1 ? "it" : "them"}, or tick “Commit anyway”.`;
    }
    return null;
  }

  request(): CommitRequest {
    return {
      paths: this.tickedFiles().map((f) => f.path),
      message: this.message.trim(),
      overrideErrors: this.override && this.needsOverride(),
    };
  }
}
