// Wires the window together: library, form, editor, preview, saving, external changes,
// autosave and the recovery journal. Behaviour with logic worth testing lives in the DOM-free
// modules (form/model, coalesce, library-sync, skipped-files, text-diff, recovery) and in Rust;
// this file is glue.
import "./styles.css";
import {
  asAppError,
  checkFrontMatter,
  externalChange,
  getSchema,
  journalClear,
  openFolder,
  journalWrite,
  openPost,
  openStartupFolder,
  pickFolder,
  recoveryEntries,
  recoveryBase,
  recreatePost,
  renderPreview,
  savePost,
  setAutosave,
  checkPost,
  fixPost,
  undoFix,
} from "./ipc/commands";
import { onLibraryChanged, onOpenPostLink } from "./ipc/events";
import type { AppError } from "./ipc/bindings/AppError";
import type { Library } from "./ipc/bindings/Library";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import type { ExternalChange } from "./ipc/bindings/ExternalChange";
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { IndexProgress } from "./ipc/bindings/IndexProgress";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";
import { Coalescer } from "./coalesce";
import { createEditor } from "./editor";
import { countWords, type FormEdits } from "./form/model";
import { FrontMatterForm } from "./form/view";
import { LibraryList } from "./library";
import { DeltaGate, fateOf } from "./library-sync";
import { afterPaint, metrics, record } from "./metrics";
import { PreviewFrame } from "./preview";
import { BodySync } from "./body-sync";
import { ProblemsPanel } from "./problems";
import { setUpExportDialog } from "./export-dialog";
import type { Problem } from "./ipc/bindings/Problem";
import type { PostProblems } from "./ipc/bindings/PostProblems";
import { imagePaste } from "./image-paste";
import { copyPath, installPostActions, POST_ACTIONS } from "./post-actions";
import { actions } from "./actions";
import { Desk } from "./desk";
import { needsBase, restorePlan } from "./recovery";
import { SkippedFiles } from "./skipped-files";
import { SkippedFilesLine } from "./skipped-view";

window.postdeskMetrics = metrics;
performance.mark("postdesk:main-start");

type SaveState = "saved" | "unsaved" | "saving" | "conflict" | "error";

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const els = {
  folder: $("#folder-name"),
  openFolder: $<HTMLButtonElement>("[data-testid=open-folder]"),
  notice: $("#notice"),
  noticeText: $("#notice-text"),
  noticeAction: $<HTMLButtonElement>("#notice-action"),
  conflict: $("[data-testid=conflict-banner]"),
  keepMine: $<HTMLButtonElement>("[data-testid=conflict-keep-mine]"),
  takeTheirs: $<HTMLButtonElement>("[data-testid=conflict-take-theirs]"),
  compare: $<HTMLButtonElement>("[data-testid=conflict-compare]"),
  conflictText: $("#conflict-text"),
  diff: $("[data-testid=conflict-diff]"),
  deleted: $("[data-testid=deleted-banner]"),
  recreate: $<HTMLButtonElement>("[data-testid=deleted-recreate]"),
  closeDeleted: $<HTMLButtonElement>("[data-testid=deleted-close]"),
  recovery: $("[data-testid=recovery-banner]"),
  recoveryText: $("#recovery-text"),
  restore: $<HTMLButtonElement>("[data-testid=recovery-restore]"),
  discard: $<HTMLButtonElement>("[data-testid=recovery-discard]"),
  info: $("#info"),
  infoText: $("#info-text"),
  infoClose: $<HTMLButtonElement>("#info-close"),
  infoAction: $<HTMLButtonElement>("#info-action"),
  autosave: $<HTMLInputElement>("[data-testid=autosave-toggle]"),
  empty: $("#empty"),
  post: $("#post"),
  fields: $<HTMLFormElement>("#fields"),
  rawPanel: $<HTMLDetailsElement>("#fm-raw-panel"),
  raw: $<HTMLTextAreaElement>("[data-testid=fm-raw]"),
  rawProblems: $("#fm-raw-problems"),
  previewFrame: $<HTMLIFrameElement>("[data-testid=preview]"),
  saveState: $("[data-testid=save-state]"),
  postPath: $("#post-path"),
  wordCount: $("#word-count"),
};

let doc: PostDocument | null = null;
/** The front-matter form and its raw source editor (form/view.ts). */
const form = new FrontMatterForm(
  { form: els.fields, rawPanel: els.rawPanel, raw: els.raw, rawProblems: els.rawProblems },
  () => {
    refreshDirty();
    preview.push({ at: 0 });
    edited();
  },
  checkFrontMatter,
);
let saveState: SaveState = "saved";
/** The disk's side of an overlapping change, while the conflict banner is up. */
let overlap: Extract<ExternalChange, { outcome: "overlap" }> | null = null;
/** The open post's file is gone from disk; only the buffer holds it. */
let deletedOnDisk = false;
let autosaveOn = true;
/** Journal entries from an earlier run, offered back one at a time. */
let recovered: JournalEntry[] = [];
const gate = new DeltaGate();

/** Two seconds without typing, as the issue and the peers do it. */
const AUTOSAVE_IDLE_MS = 2000;
/** Well inside "about a second" from an edit to the journal on disk. */
const JOURNAL_IDLE_MS = 400;

function setSaveState(state: SaveState): void {
  saveState = state;
  els.saveState.textContent = state;
  els.saveState.dataset.state = state;
}

let noticeAction: (() => void) | null = null;

/** The open post's trouble (a refused save, a front matter that does not parse), with at most
 *  one way out (such as Save a copy). */
function showNotice(error: AppError | null, action?: { label: string; run: () => void }): void {
  els.notice.hidden = error === null;
  els.noticeText.textContent = error ? error.message : "";
  noticeAction = action?.run ?? null;
  els.noticeAction.hidden = !action;
  els.noticeAction.textContent = action?.label ?? "";
}

let infoAction: (() => void) | null = null;

/** A calm, dismissable line for news (a merge, a deletion, a fix), with at most one action
 *  (such as Undo). */
function showInfo(message: string | null, action?: { label: string; run: () => void }): void {
  els.info.hidden = message === null;
  els.infoText.textContent = message ?? "";
  infoAction = action?.run ?? null;
  els.infoAction.hidden = !action;
  els.infoAction.textContent = action?.label ?? "";
}

const library = new LibraryList($("[data-testid=post-list]"), $<HTMLInputElement>("[data-testid=search-input]"), (path) => {
  void open(path);
});
/** What the folder's scan left alone, and the library's quiet line that says so. */
const skipped = new SkippedFiles();
const skippedLine = new SkippedFilesLine($("[data-testid=skipped-files]"));

let syncingEditor = false;

const frame = new PreviewFrame(els.previewFrame, {
  scrolledTo: (line) => {
    // The writer scrolled the preview: bring the editor to the same place.
    const text = editor.view.state.doc;
    const target = text.line(Math.min(Math.max(1, line), text.lines));
    syncingEditor = true;
    editor.view.scrollDOM.scrollTop = editor.view.lineBlockAt(target.from).top;
    requestAnimationFrame(() => (syncingEditor = false));
  },
});

const bodySync = new BodySync();

/** Renders the preview for the latest state; `at` is the input's time, 0 for non-typing. */
const preview = new Coalescer<{ at: number }>(async ({ at }) => {
  if (!doc) return;
  const asked = performance.now();
  const body = bodySync.take(() => editor.text());
  let reply;
  try {
    reply = await renderPreview(doc.path, form.currentFrontMatter(), body, frame.generation);
  } catch (e) {
    bodySync.acknowledge(null);
    throw e;
  }
  bodySync.acknowledge(reply.patch ? reply.bodyVersion : null);
  if (!reply.patch) {
    preview.push({ at }); // The backend lost step; the next run sends the whole body.
    return;
  }
  if (at > 0) record(metrics.previewRoundTrip, performance.now() - asked);
  if (at > 0) record(metrics.previewQueued, asked - at);
  await frame.apply(reply.patch);
  if (at > 0) record(metrics.inputToPreviewDom, performance.now() - at);
  await afterPaint();
  if (at > 0) record(metrics.inputToPreview, performance.now() - at);
});

const editor = createEditor($("[data-testid=body-editor]"), (changes, at) => {
  bodySync.note(changes);
  preview.push({ at });
  const text = editor.text();
  updateWordCount(text);
  refreshDirty(text);
  edited();
}, [imagePaste({ postPath: () => doc?.path ?? null, notice: showNotice })]);

const desk = new Desk({
  editorView: () => editor.view,
  posts: () => library.posts(),
  currentPath: () => doc?.path ?? null,
  editable: () => !!doc && doc.readOnlyReason === null,
  open: (path) => open(path),
  save: () => save(),
  close: () => closePost(),
  pickFolder: () => chooseFolder(),
  openFolder: (dir) => openFolderAt(dir),
  setPreviewTheme: (theme) => void frame.setTheme(theme),
  showError: (e) => showNotice(asAppError(e)),
});

let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
let journalTimer: ReturnType<typeof setTimeout> | undefined;

/** After any edit: the journal soon, an autosave once typing pauses. */
function edited(): void {
  scheduleCheck();
  clearTimeout(journalTimer);
  journalTimer = setTimeout(() => void writeJournal(), JOURNAL_IDLE_MS);
  clearTimeout(autosaveTimer);
  // Only ever armed by an edit, and only for an "unsaved" buffer: a save that was refused (a
  // read-only file, a front matter that does not parse) leaves the state at "error", so
  // autosave waits for the next edit or Ctrl+S instead of asking the disk again every two
  // seconds for an answer that will not change.
  autosaveTimer = setTimeout(() => {
    if (autosaveOn && saveState === "unsaved" && !deletedOnDisk) void save();
  }, AUTOSAVE_IDLE_MS);
}

async function writeJournal(): Promise<void> {
  if (!doc || !isDirty()) return; // A save clears the entry on the Rust side.
  const request = buildRequest();
  try {
    await journalWrite({ root: "", ...request, savedAtMs: Date.now() });
  } catch (e) {
    showNotice(asAppError(e));
  }
}

const problemsPanel = new ProblemsPanel(
  $("[data-testid=problems]"),
  $("#problems-summary"),
  $("#problem-list"),
  $<HTMLButtonElement>("[data-testid=fix-all]"),
  { jump: jumpTo, fix: (p) => void applyFix(p), fixAll: () => void applyFix(null) },
  $<HTMLButtonElement>("[data-testid=status-problems]"),
);
let checkTimer: ReturnType<typeof setTimeout> | undefined;

/** Checks run on the buffer a moment after typing pauses, and at once on open and save. */
function scheduleCheck(delay = 400): void {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => void runChecks(), delay);
}

async function runChecks(): Promise<void> {
  if (!doc || doc.readOnlyReason) {
    problemsPanel.show(null);
    return;
  }
  const path = doc.path;
  try {
    const result = await checkPost(buildRequest());
    if (doc?.path === path) problemsPanel.show(result);
  } catch (e) {
    if (doc?.path === path) problemsPanel.show(null);
    showNotice(asAppError(e));
  }
}

/** Puts the cursor on a problem: in the editor for the body, in the raw front matter above. */
function jumpTo(problem: Problem, where: PostProblems): void {
  if (problem.line >= where.bodyLine) {
    const text = editor.view.state.doc;
    const line = text.line(Math.min(Math.max(1, problem.line - where.bodyLine + 1), text.lines));
    const at = Math.min(line.from + Math.max(0, problem.column - 1), line.to);
    editor.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    editor.view.focus();
    return;
  }
  const details = els.raw.closest("details");
  if (details) details.open = true;
  const lines = els.raw.value.split("\n");
  const index = Math.min(Math.max(0, problem.line - where.frontMatterLine), lines.length - 1);
  const from = lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
  els.raw.focus();
  els.raw.setSelectionRange(from, from + (lines[index]?.length ?? 0));
}

/** Applies one problem's fix, or every safe fix, to the saved post (saving first), with Undo. */
async function applyFix(problem: Problem | null): Promise<void> {
  if (!doc) return;
  if (isDirty() && !(await save())) return;
  const path = doc.path;
  try {
    const outcome = await fixPost(
      path,
      doc.baseHash,
      problem ? { rule: problem.rule, start: problem.start, end: problem.end } : null,
    );
    if (doc?.path !== path) return;
    adoptBase(outcome.document, outcome.document.body, { fields: [] });
    setSaveState("saved");
    const what = problem ? problem.fix?.label ?? problem.rule : `${outcome.fixed} safe fix${outcome.fixed === 1 ? "" : "es"}`;
    const after = outcome.document.baseHash;
    showInfo(`Fixed: ${what}. The file is saved.`, {
      label: "Undo",
      run: () => void undoLastFix(path, after, outcome.beforeHash),
    });
  } catch (e) {
    showNotice(asAppError(e));
  }
  scheduleCheck(0);
}

async function undoLastFix(path: string, currentHash: string, beforeHash: string): Promise<void> {
  if (!doc || doc.path !== path) return;
  if (isDirty() && !(await save())) return;
  try {
    const restored = await undoFix(path, doc.baseHash === currentHash ? currentHash : doc.baseHash, beforeHash);
    adoptBase(restored, restored.body, { fields: [] });
    setSaveState("saved");
    showInfo("The fix was undone.");
  } catch (e) {
    showNotice(asAppError(e));
  }
  scheduleCheck(0);
}

/** The buffer as a save request: its base and the changes made on top of it. */
function buildRequest(): SaveRequest {
  const body = editor.text();
  const edits = form.edits();
  return {
    path: doc!.path,
    baseHash: doc!.baseHash,
    fields: edits.fields,
    remove: edits.remove,
    frontMatterSource: edits.frontMatterSource ?? undefined,
    body: body !== doc!.body ? body : null,
  };
}

editor.view.scrollDOM.addEventListener(
  "scroll",
  () => {
    if (syncingEditor) return;
    const block = editor.view.lineBlockAtHeight(editor.view.scrollDOM.scrollTop);
    frame.scrollToLine(editor.view.state.doc.lineAt(block.from).number);
  },
  { passive: true },
);

let wordCountTimer: ReturnType<typeof setTimeout> | undefined;

/** Word count and reading time in the status bar. Counted after typing pauses, off the
 *  keystroke path: on a long post it would otherwise delay every preview update. */
function updateWordCount(text: string): void {
  clearTimeout(wordCountTimer);
  wordCountTimer = setTimeout(() => {
    const words = countWords(text);
    const minutes = Math.max(1, Math.round(words / 230));
    els.wordCount.textContent = `${words.toLocaleString()} words · ${minutes} min read`;
  }, 150);
}

/** `text` is the editor's text when the caller already has it (the keystroke path does). */
function isDirty(text: string = editor.text()): boolean {
  if (!doc) return false;
  return text !== doc.body || form.isDirty();
}

function refreshDirty(text?: string): void {
  if (saveState === "conflict" || saveState === "saving") return;
  setSaveState(isDirty(text) ? "unsaved" : "saved");
}

/** Moves the buffer onto a new base (the file as now on disk) without a fresh editor: the body
 *  goes in as one undoable change, so cursor, scroll and undo history survive, and the writer's
 *  field edits are put back on top. */
function adoptBase(next: PostDocument, body: string, keep: FormEdits): void {
  doc = next;
  hideConflict();
  form.rebase(next, keep);
  if (saveState === "conflict") setSaveState("unsaved");
  editor.replace(body);
  refreshDirty();
  preview.push({ at: 0 });
}

function hideConflict(): void {
  overlap = null;
  els.conflict.hidden = true;
  els.diff.hidden = true;
  els.compare.setAttribute("aria-expanded", "false");
}

function show(next: PostDocument): void {
  doc = next;
  deletedOnDisk = false;
  els.empty.hidden = true;
  els.post.hidden = false;
  els.deleted.hidden = true;
  hideConflict();
  els.postPath.textContent = next.path;
  const problems = [next.readOnlyReason, ...next.diagnostics.map((d) => `Line ${d.line}, column ${d.column}: ${d.message}`)];
  const message = problems.filter((p): p is string => !!p).join("\n");
  showNotice(message ? { kind: "edit", message, path: next.path } : null);
  form.load(next);
  editor.load(next.body, next.readOnlyReason !== null);
  bodySync.reset();
  updateWordCount(next.body);
  preview.push({ at: 0 });
  library.setActive(next.path);
  setSaveState("saved");
  scheduleCheck(0);
  desk.postOpened(next.path);
}

async function open(path: string): Promise<void> {
  if (doc?.path === path) return;
  if (doc && isDirty()) {
    const saved = await save();
    if (!saved) return;
  }
  try {
    show(await openPost(path));
    // Opened from a link or the search box: bring its row into view.
    library.scrollToPath(path);
  } catch (e) {
    showNotice(asAppError(e));
  }
}

/** Saves the open post; true when everything is on disk. */
async function save(): Promise<boolean> {
  if (!doc || doc.readOnlyReason || deletedOnDisk || overlap) return false;
  const refused = await form.problem();
  if (refused) {
    setSaveState("error");
    showNotice({ kind: "edit", message: refused, path: doc.path });
    return false;
  }
  const request = buildRequest();
  if (!isDirty()) {
    setSaveState("saved");
    return true;
  }
  setSaveState("saving");
  try {
    const { document: saved, problems } = await savePost(request);
    // The base moves forward; anything typed while saving stays in the editor and shows as
    // unsaved, because it differs from the saved body.
    doc = saved;
    form.saved(saved, request);
    showNotice(null);
    setSaveState("saved");
    refreshDirty();
    // The save checked what it wrote; only text typed meanwhile needs another pass.
    if (problems && !isDirty()) {
      clearTimeout(checkTimer);
      problemsPanel.show(problems);
    } else {
      scheduleCheck(0);
    }
    return true;
  } catch (e) {
    const error = asAppError(e);
    if (error.kind === "conflict") {
      // Changed on disk since: merge what fits, stop at what overlaps.
      setSaveState("unsaved");
      await reconcile();
    } else if (error.kind === "readOnly") {
      // Locked by the writer, their team or another owner: the buffer stays as it is (the
      // journal keeps it too), and a copy is the one way out that needs no chmod. Without it
      // the post could not even be left, as every way out saves first.
      setSaveState("error");
      showNotice(error, { label: "Save a copy", run: () => void saveCopy() });
    } else {
      setSaveState("error");
      showNotice(error);
    }
    return false;
  }
}

let copying = false;

/** Writes the buffer as a new post beside the open one (`notes-copy.md`), for a post whose
 *  own file refuses the save, and goes on editing the copy. The post is left as it is on disk.
 *  The backend writes the copy as it recreates a deleted post: the buffer's changes applied to
 *  the text it was opened from, into a file that must not exist yet. */
async function saveCopy(): Promise<void> {
  if (!doc || copying) return;
  copying = true;
  try {
    await writeCopy(doc.path);
  } finally {
    copying = false;
  }
}

async function writeCopy(from: string): Promise<void> {
  const request = buildRequest();
  for (let n = 1; n <= 20; n++) {
    const path = copyPath(from, n);
    if (library.has(path)) continue;
    let written: PostDocument;
    try {
      written = await recreatePost({ ...request, path });
    } catch (e) {
      const error = asAppError(e);
      if (error.kind === "conflict") continue; // The name was taken meanwhile.
      showNotice(error);
      return;
    }
    if (doc?.path !== from) return;
    void journalClear(from).catch(() => undefined);
    showNotice(null);
    adoptBase(written, editor.text(), { fields: [] });
    els.postPath.textContent = written.path;
    library.setActive(written.path);
    desk.postOpened(written.path);
    if (isDirty()) void writeJournal(); // Typed while the copy was written.
    showInfo(`Saved as ${written.path}. ${from} is unchanged on disk.`);
    return;
  }
  showNotice({ kind: "refused", message: `Every name tried for a copy of ${from} is taken; rename one and try again.`, path: from });
}

/** The open post changed on disk: a clean buffer reloads silently (cursor, scroll and undo
 *  kept), a dirty one merges what fits (with a notice) or shows the conflict banner. */
async function reconcile(): Promise<void> {
  if (!doc || saveState === "saving") return;
  const wasDirty = isDirty();
  const request = buildRequest();
  let outcome: ExternalChange;
  try {
    outcome = await externalChange(request);
  } catch (e) {
    showNotice(asAppError(e));
    return;
  }
  if (!doc || doc.path !== request.path) return;
  switch (outcome.outcome) {
    case "unchanged":
      return;
    case "deleted":
      postDeleted();
      return;
    case "merged":
      adoptBase(outcome.theirs, outcome.body, request);
      if (wasDirty) showInfo("This post changed on disk. Those changes were merged with yours; nothing is saved yet.");
      return;
    case "overlap": {
      overlap = outcome;
      setSaveState("conflict");
      const what = [...outcome.fields.map((f) => `“${f}”`), ...(outcome.body ? ["the text"] : [])].join(", ");
      els.conflictText.textContent = `This post changed on disk while you were editing it (${what} changed on both sides).`;
      els.conflict.hidden = false;
      renderDiff(outcome.diff);
      return;
    }
  }
}

/** The unified diff, one line per element, coloured by side; text only, never HTML. */
function renderDiff(diff: string): void {
  const lines = diff.split("\n").slice(2); // Skip the --- and +++ headers.
  const legend = document.createElement("span");
  legend.className = "hunk";
  legend.textContent = "Lines marked − are on disk now; lines marked + are yours.\n";
  els.diff.replaceChildren(
    legend,
    ...lines.map((line) => {
      const el = document.createElement("span");
      el.className = line.startsWith("-") ? "del" : line.startsWith("+") ? "add" : line.startsWith("@@") ? "hunk" : "";
      el.textContent = line + "\n";
      return el;
    }),
  );
}

/** The open post's file is gone (and not renamed). */
function postDeleted(): void {
  if (!doc) return;
  if (isDirty()) {
    deletedOnDisk = true;
    els.deleted.hidden = false;
    setSaveState("unsaved");
  } else {
    const path = doc.path;
    closePost();
    showInfo(`${path} was deleted on disk.`);
  }
}

function closePost(): void {
  doc = null;
  deletedOnDisk = false;
  hideConflict();
  els.deleted.hidden = true;
  els.post.hidden = true;
  els.empty.hidden = false;
  els.postPath.textContent = "";
  library.setActive(null);
  void frame.clear();
  problemsPanel.show(null);
  setSaveState("saved");
}

function followRename(to: string): void {
  if (!doc) return;
  const from = doc.path;
  doc = { ...doc, path: to };
  els.postPath.textContent = to;
  library.setActive(to);
  desk.postRenamed(from, to);
  void journalClear(from).catch(() => undefined);
  if (isDirty()) void writeJournal();
}

const statusIndex = $("[data-testid=status-index]");

function showProgress(progress: IndexProgress): void {
  library.setProgress(progress.finished ? progress.total : progress.done, progress.total);
  // The status bar says it too, for when the library pane is hidden.
  statusIndex.hidden = progress.finished;
  statusIndex.textContent = progress.finished
    ? ""
    : `Indexing ${progress.done.toLocaleString()} of ${progress.total ? progress.total.toLocaleString() : "…"}`;
}

/** Start-up figures: when rows first showed, and when the first scan was all painted. */
function noteListPainted(finished: boolean): void {
  if (metrics.listPaintedAtMs === null && library.count() > 0) {
    void afterPaint().then(() => (metrics.listPaintedAtMs ??= Date.now()));
  }
  if (finished && metrics.indexedAtMs === null) {
    void afterPaint().then(() => (metrics.indexedAtMs ??= Date.now()));
  }
}

let schemaTimer: ReturnType<typeof setTimeout> | undefined;

/** The folder's inferred schema for the form (typed fields, known tags and categories); read
 *  again shortly after the library changes. */
function refreshSchema(delay = 0): void {
  clearTimeout(schemaTimer);
  schemaTimer = setTimeout(() => {
    getSchema()
      .then((schema) => form.setSchema(schema))
      .catch(() => form.setSchema(null));
  }, delay);
}

function applyDelta(delta: LibraryDelta): void {
  library.apply(delta);
  if (skipped.apply(delta)) skippedLine.show(skipped.list());
  refreshSchema(400);
  showProgress(delta.progress);
  noteListPainted(delta.progress.finished);
  if (delta.origin === "disk") {
    void afterPaint().then(() => record(metrics.externalChangeToUi, Date.now() - delta.changedAtMs));
  }
  if (!doc || delta.origin === "app") return;
  const fate = fateOf(delta, doc.path);
  if (fate.movedTo) followRename(fate.movedTo);
  if (fate.deleted) postDeleted();
  else if (fate.changed) void reconcile();
}

function showLibrary(lib: Library): void {
  const name = lib.root.split("/").filter(Boolean).pop() ?? lib.root;
  els.folder.textContent = name;
  els.folder.title = lib.root;
  library.replaceAll(lib.posts);
  skipped.snapshot(lib.skipped);
  skippedLine.show(skipped.list());
  showProgress(lib.progress);
  noteListPainted(lib.progress.finished);
  closePost();
  refreshSchema();
  for (const delta of gate.snapshot(lib.seq)) applyDelta(delta);
  void offerRecovery();
}

/** Unsaved text left by an earlier run (a crash, a kill) is offered back, one post at a time. */
async function offerRecovery(): Promise<void> {
  try {
    recovered = await recoveryEntries();
  } catch {
    recovered = [];
  }
  showNextRecovery();
}

function showNextRecovery(): void {
  const entry = recovered[0];
  els.recovery.hidden = !entry;
  if (!entry) return;
  const when = new Date(entry.savedAtMs).toLocaleString();
  els.recoveryText.textContent = `Unsaved changes to ${entry.path} from ${when} were kept when Postdesk last closed.`;
}

/** Puts an entry's changes back on the text they were made on; if the file changed since, the
 *  buffer is reconciled with it like any outside change (recovery.ts says why). */
async function restoreRecovered(): Promise<void> {
  const entry = recovered.shift();
  showNextRecovery();
  if (!entry) return;
  await open(entry.path);
  if (!doc || doc.path !== entry.path) return;
  // Anything typed in this post since the start goes to disk first, so it is merged too.
  if (isDirty() && !(await save())) return;
  const disk = doc;
  let base: PostDocument | null = null;
  if (needsBase(entry, disk)) {
    try {
      base = await recoveryBase(entry.path);
    } catch (e) {
      showNotice(asAppError(e));
    }
    if (doc !== disk) return; // The writer moved on meanwhile.
  }
  const plan = restorePlan(entry, disk, base);
  if (plan.doc !== disk) show(plan.doc);
  form.apply(entry);
  if (entry.body !== null) editor.replace(entry.body);
  refreshDirty();
  preview.push({ at: 0 });
  if (!isDirty()) {
    // Nothing to restore: the entry's changes are already in the text they went on.
    if (plan.doc !== disk) show(disk);
    void journalClear(entry.path).catch(() => undefined);
  } else if (plan.reconcile) {
    await reconcile();
  }
}

els.keepMine.addEventListener("click", async () => {
  if (!doc || !overlap) return;
  // Mine goes on top of the disk's version: where both changed, mine wins; the disk's other
  // changes stay.
  doc = { ...doc, baseHash: overlap.theirs.baseHash };
  hideConflict();
  setSaveState("unsaved");
  await save();
});

els.takeTheirs.addEventListener("click", () => {
  if (!doc || !overlap) return;
  const theirs = overlap.theirs;
  // One undoable change: Ctrl+Z still brings the writer's text back.
  setSaveState("saved");
  adoptBase(theirs, theirs.body, { fields: [] });
  void journalClear(theirs.path).catch(() => undefined);
});

els.compare.addEventListener("click", () => {
  els.diff.hidden = !els.diff.hidden;
  els.compare.setAttribute("aria-expanded", String(!els.diff.hidden));
});

els.recreate.addEventListener("click", async () => {
  if (!doc) return;
  try {
    const written = await recreatePost(buildRequest());
    deletedOnDisk = false;
    els.deleted.hidden = true;
    adoptBase(written, editor.text(), { fields: [] });
  } catch (e) {
    showNotice(asAppError(e));
  }
});

els.closeDeleted.addEventListener("click", () => {
  if (!doc) return;
  void journalClear(doc.path).catch(() => undefined);
  closePost();
});

els.restore.addEventListener("click", () => void restoreRecovered());
els.discard.addEventListener("click", () => {
  const entry = recovered.shift();
  if (entry) void journalClear(entry.path).catch(() => undefined);
  showNextRecovery();
});

els.infoClose.addEventListener("click", () => showInfo(null));
els.noticeAction.addEventListener("click", () => noticeAction?.());
els.infoAction.addEventListener("click", () => {
  const run = infoAction;
  showInfo(null);
  run?.();
});

els.autosave.addEventListener("change", async () => {
  autosaveOn = els.autosave.checked;
  try {
    await setAutosave(autosaveOn);
  } catch (e) {
    showNotice(asAppError(e));
  }
});

async function chooseFolder(): Promise<void> {
  try {
    gate.reset();
    const lib = await pickFolder();
    if (lib) {
      showLibrary(lib);
      await desk.folderOpened(lib.root);
    }
  } catch (e) {
    showNotice(asAppError(e));
  }
}

/** A recent folder, chosen from the menu or the palette. */
async function openFolderAt(dir: string): Promise<void> {
  if (doc && isDirty() && !(await save())) return;
  try {
    gate.reset();
    const lib = await openFolder(dir);
    showLibrary(lib);
    await desk.folderOpened(lib.root);
  } catch (e) {
    showNotice(asAppError(e));
  }
}

els.openFolder.addEventListener("click", () => void chooseFolder());

installPostActions({
  current: () => doc,
  dirty: () => isDirty(),
  settle: async () => !doc || !isDirty() || (await save()),
  show: (next) => {
    show(next);
    library.scrollToPath(next.path);
  },
  close: closePost,
  notice: showNotice,
  info: showInfo,
});

els.fields.addEventListener("submit", (e) => e.preventDefault());

void onOpenPostLink((path) => {
  if (library.has(path)) void open(path);
  else showNotice({ kind: "badPath", message: `The link points to ${path}, which is not in this folder.`, path });
});

async function start(): Promise<void> {
  // Listen before asking for the folder, so no delta is lost; the gate orders the two. The
  // settings load meanwhile: one round trip less before the first rows.
  const loading = desk.loadSettings();
  await onLibraryChanged((delta) => {
    if (gate.accept(delta)) applyDelta(delta);
  });
  const settings = await loading;
  autosaveOn = settings?.autosave ?? true;
  els.autosave.checked = autosaveOn;
  try {
    const { library: lib, post } = await openStartupFolder();
    showLibrary(lib);
    // A post named on the command line wins over the one open last time.
    if (post !== null) await open(post);
    await desk.folderOpened(lib.root);
  } catch (e) {
    showNotice(asAppError(e));
  }
}

setUpExportDialog($<HTMLButtonElement>("[data-testid=export]"));

// Post actions, export and fixes in the palette and the menu, next to the desk's own.
for (const action of POST_ACTIONS) {
  actions.register({
    id: action.id,
    title: action.label,
    menu: "File",
    shortcut: action.id === "new-post" ? "Mod+N" : undefined,
    enabled: action.enabled,
    run: action.run,
  });
}
actions.register({
  id: "export",
  title: "Export finished posts…",
  menu: "File",
  shortcut: "Mod+E",
  run: () => $<HTMLButtonElement>("[data-testid=export]").click(),
});
actions.register({
  id: "fix-all",
  title: "Fix all safe problems in this post",
  menu: "Edit",
  enabled: () => doc !== null && !doc.readOnlyReason,
  run: () => applyFix(null),
});

performance.mark("postdesk:main-end");
void start();
