// The open post's life, free of the DOM: its document (the file as last read or written, whose
// hash every save presents), the save state, saving one save at a time, autosave, the recovery
// journal's writes, the checks of the buffer, reconciling with a change made on disk (a silent
// reload, a 3-way merge, or the conflict with keep mine and take theirs), a post deleted under
// a dirty buffer, Save a copy for a file that refuses the save, fixes and their undo, and the
// buffers an earlier run left in the journal.
//
// It reaches the backend only through the `SessionCommands` it is given (main.ts passes the
// ones in ipc/commands.ts), the editor and the form only through `SessionBuffer`, and the page
// only through `SessionView`, so vitest drives it in node with fake commands and a fake clock.
// It must never touch the page, and never put a buffer over a file that changed since it was
// read: a save always presents the buffer's base hash (the backend refuses a stale one), and
// the base moves only to a text this session read or wrote.
import type { AppError } from "./ipc/bindings/AppError";
import type { ExternalChange } from "./ipc/bindings/ExternalChange";
import type { FixOutcome } from "./ipc/bindings/FixOutcome";
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import type { PostProblems } from "./ipc/bindings/PostProblems";
import type { Problem } from "./ipc/bindings/Problem";
import type { ProblemRef } from "./ipc/bindings/ProblemRef";
import type { SavedPost } from "./ipc/bindings/SavedPost";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";
import { asAppError } from "./ipc/errors";
import type { FormEdits } from "./form/model";
import { fateOf } from "./library-sync";
import { copyPath } from "./post-paths";
import { needsBase, restorePlan } from "./recovery";

/** The `save-state` test id's text. */
export type SaveState = "saved" | "unsaved" | "saving" | "conflict" | "error";

/** The disk's side of an overlapping change, while the conflict banner is up. */
export type Overlap = Extract<ExternalChange, { outcome: "overlap" }>;

/** One way out offered beside a notice or a news line (Save a copy, Undo). */
export interface NoticeAction {
  label: string;
  run: () => void;
}

/** The backend commands the session uses; ipc/commands.ts has them all. */
export interface SessionCommands {
  openPost(path: string): Promise<PostDocument>;
  savePost(request: SaveRequest): Promise<SavedPost>;
  externalChange(request: SaveRequest): Promise<ExternalChange>;
  recreatePost(request: SaveRequest): Promise<PostDocument>;
  journalWrite(entry: JournalEntry): Promise<void>;
  journalClear(path: string): Promise<void>;
  recoveryEntries(): Promise<JournalEntry[]>;
  recoveryBase(path: string): Promise<PostDocument | null>;
  checkPost(request: SaveRequest): Promise<PostProblems>;
  fixPost(path: string, baseHash: string, problem: ProblemRef | null): Promise<FixOutcome>;
  undoFix(path: string, currentHash: string, beforeHash: string): Promise<PostDocument>;
}

/** What the writer typed: the body editor and the front-matter form. Changing the editor's
 *  text reports back through `PostSession.edited`, as typing does. */
export interface SessionBuffer {
  /** The body as the editor holds it. */
  text(): string;
  /** The body's length in UTF-16 units, without building the text. Typing changes it, so the
   *  keystroke's dirty check rarely needs `text()`, which copies a long post every time. */
  length(): number;
  /** The form's unsaved changes. */
  formEdits(): FormEdits;
  formDirty(): boolean;
  /** Why the form cannot be saved as it stands (it waits for the raw text's check), or null. */
  formProblem(): Promise<string | null>;
  /** A post is shown: the form and a fresh editor (no undo back into the last post) start
   *  from it, clean. */
  load(doc: PostDocument): void;
  /** The buffer moves onto `doc` (the file as now on disk): `body` goes into the editor as
   *  one undoable change, so cursor, scroll and undo survive, and `keep` goes back on top of
   *  the form. */
  rebase(doc: PostDocument, body: string, keep: FormEdits): void;
  /** A save landed: the form follows `doc`, keeping what was typed after `sent` went. */
  saved(doc: PostDocument, sent: FormEdits): void;
  /** A journal entry's changes go back on the shown post: its form edits and its body. */
  restore(entry: JournalEntry): void;
}

/** What the page shows of the session. */
export interface SessionView {
  saveState(state: SaveState): void;
  /** The open post's trouble (a refused save, a front matter that does not parse), or none. */
  notice(error: AppError | null, action?: NoticeAction): void;
  /** A calm, dismissable line for news (a merge, a deletion, a fix), or none. */
  info(message: string | null, action?: NoticeAction): void;
  /** The conflict banner for an overlapping change, or none. */
  conflict(overlap: Overlap | null): void;
  /** The banner for a post deleted on disk while its buffer held unsaved text. */
  deleted(shown: boolean): void;
  /** The post pane shows `path` as the open post (opened, or replaced by its copy). */
  opened(path: string): void;
  /** The open post's file was renamed on disk; the buffer follows it. */
  renamed(from: string, to: string): void;
  /** No post is open. */
  closed(): void;
  /** An opened post's row comes into view in the library. */
  reveal(path: string): void;
  problems(problems: PostProblems | null): void;
  /** The recovery banner for the next journal entry, or none. */
  recovery(entry: JournalEntry | null): void;
  /** Whether the library lists `path` (Save a copy skips names that are taken). */
  exists(path: string): boolean;
}

/** Two seconds without typing, as the issue and the peers do it. */
export const AUTOSAVE_IDLE_MS = 2000;
/** Well inside "about a second" from an edit to the journal on disk. */
export const JOURNAL_IDLE_MS = 400;
/** Checks run on the buffer a moment after typing pauses. */
export const CHECK_IDLE_MS = 400;

const quietly = (p: Promise<void>) => void p.catch(() => undefined);

export class PostSession {
  private current: PostDocument | null = null;
  private state: SaveState = "saved";
  /** Set while the conflict banner is up. */
  private overlap: Overlap | null = null;
  /** The open post's file is gone from disk; only the buffer holds it. */
  private deletedOnDisk = false;
  private autosaveOn = true;
  /** Journal entries from an earlier run, offered back one at a time. */
  private recovered: JournalEntry[] = [];
  /** The save on its way to disk, and the one asked for meanwhile (see `save`). */
  private inFlight: Promise<boolean> | null = null;
  private queued: Promise<boolean> | null = null;
  private copying = false;
  private autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  private journalTimer: ReturnType<typeof setTimeout> | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly commands: SessionCommands,
    private readonly buffer: SessionBuffer,
    private readonly view: SessionView,
  ) {}

  /** The open post as last read or written, or null. */
  get doc(): PostDocument | null {
    return this.current;
  }

  get saveState(): SaveState {
    return this.state;
  }

  setAutosave(on: boolean): void {
    this.autosaveOn = on;
  }

  // ---- the buffer ---------------------------------------------------------------------------

  /** `text` is the editor's text when the caller already has it; without it, a body whose
   *  length differs from the saved one is dirty without the text being built. */
  isDirty(text?: string): boolean {
    if (!this.current) return false;
    if (this.buffer.formDirty()) return true;
    if (text === undefined && this.buffer.length() !== this.current.body.length) return true;
    return (text ?? this.buffer.text()) !== this.current.body;
  }

  /** The buffer as a save request: its base and the changes made on top of it. */
  request(): SaveRequest {
    const doc = this.current!;
    const body = this.buffer.text();
    const edits = this.buffer.formEdits();
    return {
      path: doc.path,
      baseHash: doc.baseHash,
      fields: edits.fields,
      remove: edits.remove,
      frontMatterSource: edits.frontMatterSource ?? undefined,
      body: body !== doc.body ? body : null,
    };
  }

  /** After any edit (typed, or put in by a reload or a merge): the save state follows the
   *  buffer, the checks run soon, the journal is written soon, an autosave once typing
   *  pauses. */
  edited(text?: string): void {
    this.refreshDirty(text);
    this.scheduleCheck();
    clearTimeout(this.journalTimer);
    this.journalTimer = setTimeout(() => void this.writeJournal(), JOURNAL_IDLE_MS);
    clearTimeout(this.autosaveTimer);
    // Only ever armed by an edit, and only for an "unsaved" buffer: a save that was refused (a
    // read-only file, a front matter that does not parse) leaves the state at "error", so
    // autosave waits for the next edit or Ctrl+S instead of asking the disk again every two
    // seconds for an answer that will not change.
    this.autosaveTimer = setTimeout(() => {
      if (this.autosaveOn && this.state === "unsaved" && !this.deletedOnDisk) void this.save();
    }, AUTOSAVE_IDLE_MS);
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.view.saveState(state);
  }

  private refreshDirty(text?: string): void {
    if (this.state === "conflict" || this.state === "saving") return;
    this.setState(this.isDirty(text) ? "unsaved" : "saved");
  }

  private async writeJournal(): Promise<void> {
    if (!this.current || !this.isDirty()) return; // A save clears the entry on the Rust side.
    const request = this.request();
    try {
      await this.commands.journalWrite({ root: "", ...request, savedAtMs: Date.now() });
    } catch (e) {
      this.view.notice(asAppError(e));
    }
  }

  /** Moves the buffer onto a new base (the file as now on disk) without a fresh editor, the
   *  writer's `keep` field edits on top. */
  private adoptBase(next: PostDocument, body: string, keep: FormEdits): void {
    this.current = next;
    this.hideConflict();
    if (this.state === "conflict") this.setState("unsaved");
    this.buffer.rebase(next, body, keep);
    this.refreshDirty();
  }

  private hideConflict(): void {
    this.overlap = null;
    this.view.conflict(null);
  }

  // ---- open and close -----------------------------------------------------------------------

  /** Shows `next` as the open post, clean. */
  show(next: PostDocument): void {
    this.current = next;
    this.deletedOnDisk = false;
    this.view.deleted(false);
    this.hideConflict();
    const problems = [next.readOnlyReason, ...next.diagnostics.map((d) => `Line ${d.line}, column ${d.column}: ${d.message}`)];
    const message = problems.filter((p): p is string => !!p).join("\n");
    this.view.notice(message ? { kind: "edit", message, path: next.path } : null);
    this.buffer.load(next);
    this.view.opened(next.path);
    this.setState("saved");
    this.scheduleCheck(0);
  }

  /** Opens `path`, saving the open post first; stays on the open post when that save fails. */
  async open(path: string): Promise<void> {
    if (this.current?.path === path) return;
    if (this.current && this.isDirty()) {
      const saved = await this.save();
      if (!saved) return;
    }
    try {
      this.show(await this.commands.openPost(path));
      // Opened from a link or the search box: bring its row into view.
      this.view.reveal(path);
    } catch (e) {
      this.view.notice(asAppError(e));
    }
  }

  close(): void {
    this.current = null;
    this.deletedOnDisk = false;
    this.hideConflict();
    this.view.deleted(false);
    this.view.closed();
    this.view.problems(null);
    this.setState("saved");
  }

  /** Saves the open post if it has unsaved changes; false when it could not. */
  async settle(): Promise<boolean> {
    return !this.current || !this.isDirty() || (await this.save());
  }

  // ---- saving -------------------------------------------------------------------------------

  /** Saves the open post; true when everything is on disk.
   *
   *  One save at a time. A save asked for while one is on its way (Ctrl+S during an autosave,
   *  opening another post) waits for it and then runs on the base it wrote: sent at once, it
   *  would present the old base hash, which the disk no longer has, and be taken for an outside
   *  change. Any number asked for meanwhile make one more save, which sends whatever the first
   *  did not carry. */
  save(): Promise<boolean> {
    if (!this.inFlight) return this.startSave();
    const next = () => {
      this.queued = null;
      return this.startSave();
    };
    this.queued ??= this.inFlight.then(next, next);
    return this.queued;
  }

  private startSave(): Promise<boolean> {
    const run = this.saveOnce().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async saveOnce(): Promise<boolean> {
    const doc = this.current;
    if (!doc || doc.readOnlyReason || this.deletedOnDisk || this.overlap) return false;
    const refused = await this.buffer.formProblem();
    if (refused) {
      this.setState("error");
      this.view.notice({ kind: "edit", message: refused, path: doc.path });
      return false;
    }
    const request = this.request();
    if (!this.isDirty()) {
      this.setState("saved");
      return true;
    }
    this.setState("saving");
    try {
      const { document: saved, problems } = await this.commands.savePost(request);
      // The base moves forward; anything typed while saving stays in the editor and shows as
      // unsaved, because it differs from the saved body.
      this.current = saved;
      this.buffer.saved(saved, request);
      this.view.notice(null);
      this.setState("saved");
      this.refreshDirty();
      // The save checked what it wrote; only text typed meanwhile needs another pass.
      if (problems && !this.isDirty()) {
        clearTimeout(this.checkTimer);
        this.view.problems(problems);
      } else {
        this.scheduleCheck(0);
      }
      return true;
    } catch (e) {
      const error = asAppError(e);
      if (error.kind === "conflict") {
        // Changed on disk since: merge what fits, stop at what overlaps.
        this.setState("unsaved");
        await this.reconcile();
      } else if (error.kind === "readOnly") {
        // Locked by the writer, their team or another owner: the buffer stays as it is (the
        // journal keeps it too), and a copy is the one way out that needs no chmod. Without it
        // the post could not even be left, as every way out saves first.
        this.setState("error");
        this.view.notice(error, { label: "Save a copy", run: () => void this.saveCopy() });
      } else {
        this.setState("error");
        this.view.notice(error);
      }
      return false;
    }
  }

  /** Writes the buffer as a new post beside the open one (`notes-copy.md`), for a post whose
   *  own file refuses the save, and goes on editing the copy. The post is left as it is on
   *  disk. The backend writes the copy as it recreates a deleted post: the buffer's changes
   *  applied to the text it was opened from, into a file that must not exist yet. */
  async saveCopy(): Promise<void> {
    if (!this.current || this.copying) return;
    this.copying = true;
    try {
      await this.writeCopy(this.current.path);
    } finally {
      this.copying = false;
    }
  }

  private async writeCopy(from: string): Promise<void> {
    const request = this.request();
    for (let n = 1; n <= 20; n++) {
      const path = copyPath(from, n);
      if (this.view.exists(path)) continue;
      let written: PostDocument;
      try {
        written = await this.commands.recreatePost({ ...request, path });
      } catch (e) {
        const error = asAppError(e);
        if (error.kind === "conflict") continue; // The name was taken meanwhile.
        this.view.notice(error);
        return;
      }
      if (this.current?.path !== from) return;
      quietly(this.commands.journalClear(from));
      this.view.notice(null);
      this.adoptBase(written, this.buffer.text(), { fields: [] });
      this.view.opened(written.path);
      if (this.isDirty()) void this.writeJournal(); // Typed while the copy was written.
      this.view.info(`Saved as ${written.path}. ${from} is unchanged on disk.`);
      return;
    }
    this.view.notice({ kind: "refused", message: `Every name tried for a copy of ${from} is taken; rename one and try again.`, path: from });
  }

  // ---- the disk changed ---------------------------------------------------------------------

  /** What a library delta means for the open post: renamed, deleted or changed by someone
   *  else. The app's own writes are not news. */
  libraryChanged(delta: LibraryDelta): void {
    if (!this.current || delta.origin === "app") return;
    const fate = fateOf(delta, this.current.path);
    if (fate.movedTo) this.followRename(fate.movedTo);
    if (fate.deleted) this.postDeleted();
    else if (fate.changed) void this.reconcile();
  }

  /** The open post changed on disk: a clean buffer reloads silently (cursor, scroll and undo
   *  kept), a dirty one merges what fits (with a notice) or shows the conflict banner. */
  async reconcile(): Promise<void> {
    if (!this.current || this.state === "saving") return;
    const wasDirty = this.isDirty();
    const request = this.request();
    let outcome: ExternalChange;
    try {
      outcome = await this.commands.externalChange(request);
    } catch (e) {
      this.view.notice(asAppError(e));
      return;
    }
    if (!this.current || this.current.path !== request.path) return;
    switch (outcome.outcome) {
      case "unchanged":
        return;
      case "deleted":
        this.postDeleted();
        return;
      case "merged":
        this.adoptBase(outcome.theirs, outcome.body, request);
        if (wasDirty) this.view.info("This post changed on disk. Those changes were merged with yours; nothing is saved yet.");
        return;
      case "overlap":
        this.overlap = outcome;
        this.setState("conflict");
        this.view.conflict(outcome);
        return;
    }
  }

  /** Mine goes on top of the disk's version: where both changed, mine wins; the disk's other
   *  changes stay. */
  async keepMine(): Promise<void> {
    if (!this.current || !this.overlap) return;
    this.current = { ...this.current, baseHash: this.overlap.theirs.baseHash };
    this.hideConflict();
    this.setState("unsaved");
    await this.save();
  }

  /** The disk's version replaces the buffer, as one undoable change: Ctrl+Z still brings the
   *  writer's text back. */
  takeTheirs(): void {
    if (!this.current || !this.overlap) return;
    const theirs = this.overlap.theirs;
    this.setState("saved");
    this.adoptBase(theirs, theirs.body, { fields: [] });
    quietly(this.commands.journalClear(theirs.path));
  }

  /** The open post's file is gone (and not renamed). */
  private postDeleted(): void {
    if (!this.current) return;
    if (this.isDirty()) {
      this.deletedOnDisk = true;
      this.view.deleted(true);
      this.setState("unsaved");
    } else {
      const path = this.current.path;
      this.close();
      this.view.info(`${path} was deleted on disk.`);
    }
  }

  /** Writes the buffer back as a new file after its post was deleted on disk. */
  async recreate(): Promise<void> {
    if (!this.current) return;
    try {
      const written = await this.commands.recreatePost(this.request());
      this.deletedOnDisk = false;
      this.view.deleted(false);
      this.adoptBase(written, this.buffer.text(), { fields: [] });
    } catch (e) {
      this.view.notice(asAppError(e));
    }
  }

  /** Lets a deleted post go, with its unsaved text. */
  closeDeleted(): void {
    if (!this.current) return;
    quietly(this.commands.journalClear(this.current.path));
    this.close();
  }

  private followRename(to: string): void {
    if (!this.current) return;
    const from = this.current.path;
    this.current = { ...this.current, path: to };
    this.view.renamed(from, to);
    quietly(this.commands.journalClear(from));
    if (this.isDirty()) void this.writeJournal();
  }

  // ---- recovery -----------------------------------------------------------------------------

  /** Unsaved text left by an earlier run (a crash, a kill) is offered back, one post at a
   *  time. */
  async offerRecovery(): Promise<void> {
    try {
      this.recovered = await this.commands.recoveryEntries();
    } catch {
      this.recovered = [];
    }
    this.showNextRecovery();
  }

  private showNextRecovery(): void {
    this.view.recovery(this.recovered[0] ?? null);
  }

  /** Puts the next entry's changes back on the text they were made on; if the file changed
   *  since, the buffer is reconciled with it like any outside change (recovery.ts says why),
   *  and nothing is saved until it has been. */
  async restoreRecovered(): Promise<void> {
    const entry = this.recovered.shift();
    this.showNextRecovery();
    if (!entry) return;
    await this.open(entry.path);
    if (!this.current || this.current.path !== entry.path) return;
    // Anything typed in this post since the start goes to disk first, so it is merged too.
    if (this.isDirty() && !(await this.save())) return;
    const disk = this.current;
    let base: PostDocument | null = null;
    if (needsBase(entry, disk)) {
      try {
        base = await this.commands.recoveryBase(entry.path);
      } catch (e) {
        this.view.notice(asAppError(e));
      }
      if (this.current !== disk) return; // The writer moved on meanwhile.
    }
    const plan = restorePlan(entry, disk, base);
    if (plan.doc !== disk) this.show(plan.doc);
    this.buffer.restore(entry);
    this.refreshDirty();
    if (!this.isDirty()) {
      // Nothing to restore: the entry's changes are already in the text they went on.
      if (plan.doc !== disk) this.show(disk);
      quietly(this.commands.journalClear(entry.path));
    } else if (plan.reconcile) {
      await this.reconcile();
    }
  }

  /** Drops the next entry, and its journal file. */
  discardRecovered(): void {
    const entry = this.recovered.shift();
    if (entry) quietly(this.commands.journalClear(entry.path));
    this.showNextRecovery();
  }

  // ---- checks and fixes ---------------------------------------------------------------------

  /** Checks run on the buffer a moment after typing pauses, and at once on open and save. */
  scheduleCheck(delay = CHECK_IDLE_MS): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.runChecks(), delay);
  }

  private async runChecks(): Promise<void> {
    if (!this.current || this.current.readOnlyReason) {
      this.view.problems(null);
      return;
    }
    const path = this.current.path;
    try {
      const result = await this.commands.checkPost(this.request());
      if (this.current?.path === path) this.view.problems(result);
    } catch (e) {
      if (this.current?.path === path) this.view.problems(null);
      this.view.notice(asAppError(e));
    }
  }

  /** Applies one problem's fix, or every safe fix, to the saved post (saving first), with
   *  Undo. */
  async fix(problem: Problem | null): Promise<void> {
    if (!this.current) return;
    if (this.isDirty() && !(await this.save())) return;
    const path = this.current.path;
    try {
      const outcome = await this.commands.fixPost(
        path,
        this.current.baseHash,
        problem ? { rule: problem.rule, start: problem.start, end: problem.end } : null,
      );
      if (this.current?.path !== path) return;
      this.adoptBase(outcome.document, outcome.document.body, { fields: [] });
      this.setState("saved");
      const what = problem ? problem.fix?.label ?? problem.rule : `${outcome.fixed} safe fix${outcome.fixed === 1 ? "" : "es"}`;
      const after = outcome.document.baseHash;
      this.view.info(`Fixed: ${what}. The file is saved.`, {
        label: "Undo",
        run: () => void this.undoFix(path, after, outcome.beforeHash),
      });
    } catch (e) {
      this.view.notice(asAppError(e));
    }
    this.scheduleCheck(0);
  }

  private async undoFix(path: string, currentHash: string, beforeHash: string): Promise<void> {
    if (!this.current || this.current.path !== path) return;
    if (this.isDirty() && !(await this.save())) return;
    try {
      const restored = await this.commands.undoFix(path, this.current.baseHash === currentHash ? currentHash : this.current.baseHash, beforeHash);
      this.adoptBase(restored, restored.body, { fields: [] });
      this.setState("saved");
      this.view.info("The fix was undone.");
    } catch (e) {
      this.view.notice(asAppError(e));
    }
    this.scheduleCheck(0);
  }
}
