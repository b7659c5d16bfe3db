// Wires the window together once the first script (main.ts) has painted the library: form,
// editor, preview, the open post's session, the banners and the desk. The open post's life (saving, autosave, the journal, outside changes,
// conflicts, recovery, fixes) is post-session.ts; behaviour with logic worth testing lives there
// and in the other DOM-free modules (form/model, coalesce, library-sync, skipped-files,
// text-diff, recovery) and in Rust. This file is glue: it finds the elements, hands each piece
// the others it needs, and draws what the session reports.
import {
  asAppError,
  checkFrontMatter,
  checkPost,
  componentsFor,
  externalChange,
  fixPost,
  getSchema,
  journalClear,
  journalWrite,
  openFolder,
  openPost,
  pickFolder,
  recoveryBase,
  recoveryEntries,
  recreatePost,
  renderPreview,
  savePost,
  setAutosave,
  undoFix,
} from "./ipc/commands";
import { onOpenPostLink } from "./ipc/events";
import type { AppError } from "./ipc/bindings/AppError";
import type { Library } from "./ipc/bindings/Library";
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import { Coalescer } from "./coalesce";
import { createEditor } from "./editor";
import { TextCounter, formatCount } from "./text-metrics";
import { directionOf, type TextDirection } from "./direction";
import { FrontMatterForm } from "./form/view";
import { afterPaint, metrics, record } from "./metrics";
import { PreviewFrame } from "./preview";
import { BodySync } from "./body-sync";
import { ProblemsPanel } from "./problems";
import { setUpExportDialog } from "./export-dialog";
import type { Problem } from "./ipc/bindings/Problem";
import type { PostProblems } from "./ipc/bindings/PostProblems";
import { imagePaste } from "./image-paste";
import { installPostActions, POST_ACTIONS, translateOpenPost } from "./post-actions";
import { languageName, translationsOf } from "./translations";
import { componentDetail, insertComponent, isMdx } from "./component-picker";
import type { ComponentUse } from "./ipc/bindings/ComponentUse";
import { actions } from "./actions";
import { Desk } from "./desk";
import { PostSession, type NoticeAction, type Overlap, type SaveState } from "./post-session";
import type { Boot } from "./main";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import { gitCompare, gitHistory, gitLineChanges, gitVersion } from "./ipc/commands";
import type { GitCommit, GitVersion } from "./ipc/bindings/Git";
import { isolateHistory } from "@codemirror/commands";
import { formatShortcut } from "./actions";
import { gitAvailable } from "./git-view";
import { gitGutter, refreshGitMarks } from "./git-gutter";
import { ComparePanel } from "./git-diff-view";
import { HistoryDialog } from "./git-history-view";
import { historyEntry, restoreEdits, restoredMessage } from "./git-history";
import { minimalChange } from "./text-diff";
import { commitPlan, conflictView, gitCommit, gitPull, gitPush, resolveConflicts } from "./ipc/commands";
import { onGitProgress } from "./ipc/events";
import { CommitDialog } from "./commit-dialog";
import { SyncBar } from "./sync-bar";
import { ConflictResolver } from "./conflict-resolve-view";
import { hasMergeConflict, MERGE_CONFLICT_RULE } from "./conflict-resolve";
import { addToDictionary, proseLints } from "./ipc/commands";
import { lintRange, openProsePopup, proseCounters, proseLint, proseRowsOf, refreshProseLints, scheduleProseLints } from "./prose-lint";
import { fieldKeys, type ProseRow } from "./prose-model";
import { onProseLintChange, proseLintEnabled, setProseLintEnabled } from "./prose-setting";
import { TableMode } from "./table-mode";

/** How much of the body's opening decides its direction when the post names no language. */
const DIRECTION_PREFIX = 2000;

export function startApp(boot: Boot): void {
  window.postdeskProse = proseCounters;
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
    translations: $("[data-testid=translations]"),
    wordCount: $("#word-count"),
  };

  /** The open post: what the writer typed is the editor's and the form's, what the page shows
   *  of it is drawn here, and everything else is the session's. */
  const session = new PostSession(
    {
      openPost,
      savePost,
      externalChange,
      recreatePost,
      journalWrite,
      journalClear,
      recoveryEntries,
      recoveryBase,
      checkPost,
      fixPost,
      undoFix,
    },
    {
      text: () => editor.text(),
      length: () => editor.view.state.doc.length,
      formEdits: () => form.edits(),
      formDirty: () => form.isDirty(),
      formProblem: () => form.problem(),
      load: (doc) => {
        form.load(doc);
        editor.setMdx(isMdx(doc.path));
        editor.load(doc.body, doc.readOnlyReason !== null);
        bodySync.reset();
        textCounter.reset();
        updateDirection(doc);
        updateWordCount();
        preview.push({ at: 0 });
      },
      rebase: (doc, body, keep) => {
        form.rebase(doc, keep);
        editor.replace(body);
        updateDirection(doc);
        preview.push({ at: 0 });
      },
      saved: (doc, sent) => {
        form.saved(doc, sent);
        // The language may have changed with the front matter.
        updateDirection(doc);
      },
      restore: (entry) => {
        form.apply(entry);
        if (entry.body !== null) editor.replace(entry.body);
        updateDirection(session.doc);
        preview.push({ at: 0 });
      },
    },
    {
      saveState: setSaveState,
      notice: showNotice,
      info: showInfo,
      conflict: showConflict,
      deleted: (shown) => (els.deleted.hidden = !shown),
      opened: (path) => {
        els.empty.hidden = true;
        els.post.hidden = false;
        els.postPath.textContent = path;
        library.setActive(path);
        desk.postOpened(path);
        updateTranslations();
        // Each collection has its own schema.
        refreshSchema();
        gitPostShown(path);
      },
      renamed: (from, to) => {
        els.postPath.textContent = to;
        library.setActive(to);
        desk.postRenamed(from, to);
        updateTranslations();
        comparePanel.postRenamed(to);
      },
      closed: () => {
        problemsPanel.showProse([], false);
        els.post.hidden = true;
        els.empty.hidden = false;
        els.postPath.textContent = "";
        library.setActive(null);
        updateTranslations();
        void frame.clear();
        gitPostShown(null);
      },
      reveal: (path) => library.scrollToPath(path),
      problems: (problems) => {
        problemsPanel.show(problems);
        showMergeBanner(problems);
      },
      recovery: showRecovery,
      exists: (path) => library.has(path),
    },
  );

  /** The front-matter form and its raw source editor (form/view.ts). */
  const form = new FrontMatterForm(
    { form: els.fields, rawPanel: els.rawPanel, raw: els.raw, rawProblems: els.rawProblems },
    () => {
      preview.push({ at: 0 });
      session.edited();
      comparePanel.edited();
      // The title and description are linted with the body, once the writer pauses.
      scheduleProseLints(editor.view);
    },
    checkFrontMatter,
  );
  const gate = boot.gate;

  function setSaveState(state: SaveState): void {
    // Called on every keystroke; writing the same text again still invalidates the status bar's
    // layout, and that repaint is what the preview's reply waited behind (seed post: the
    // keystroke's frame 9.5 -> 6 ms; 1 MB post: 31 -> 9.5 ms).
    if (els.saveState.dataset.state === state) return;
    els.saveState.textContent = state;
    els.saveState.dataset.state = state;
  }

  let noticeAction: (() => void) | null = null;

  /** The open post's trouble (a refused save, a front matter that does not parse), with at most
   *  one way out (such as Save a copy). */
  function showNotice(error: AppError | null, action?: NoticeAction): void {
    els.notice.hidden = error === null;
    els.noticeText.textContent = error ? error.message : "";
    noticeAction = action?.run ?? null;
    els.noticeAction.hidden = !action;
    els.noticeAction.textContent = action?.label ?? "";
  }

  let infoAction: (() => void) | null = null;

  /** A calm, dismissable line for news (a merge, a deletion, a fix), with at most one action
   *  (such as Undo). */
  function showInfo(message: string | null, action?: NoticeAction): void {
    els.info.hidden = message === null;
    els.infoText.textContent = message ?? "";
    infoAction = action?.run ?? null;
    els.infoAction.hidden = !action;
    els.infoAction.textContent = action?.label ?? "";
  }

  /** A post clicked in the list, and when: its first preview painted is timed. */
  let clicked: { path: string; at: number } | null = null;

  const library = boot.pane.list;
  /** Opens a post as a click on its row does (the open one is saved first if need be). */
  function openFromLibrary(path: string): void {
    clicked = { path, at: performance.now() };
    tableMode.leave();
    void session.open(path);
  }
  boot.pane.onOpen(openFromLibrary);

  /** The collection as a table (Ctrl+T), in the editor's and the preview's place. */
  const tableMode = new TableMode($("#app-grid"), $("#pane-table"), $<HTMLButtonElement>("[data-testid=table-toggle]"), {
    library,
    site: () => boot.pane.root,
    openPost: (path) => openFromLibrary(path),
    notice: (error) => showNotice(asAppError(error)),
  });
  boot.pane.onSite(() => updateTranslations());

  /** The open post's languages over the form, on a multilingual site: its own, a link to each
   *  translation, and "+ code" for each language it has none in. */
  function updateTranslations(): void {
    const site = boot.pane.site;
    const path = session.doc?.path ?? null;
    const items = path === null || !site || site.languages.length === 0 ? [] : translationsOf(library.summary(path), library.posts(), site.languages, site.defaultLanguage);
    const signature = JSON.stringify(items);
    if (els.translations.dataset.signature === signature) return;
    els.translations.dataset.signature = signature;
    els.translations.hidden = items.length === 0;
    const name = (code: string) => languageName(site?.languages.find((l) => l.code === code) ?? { code, name: null });
    els.translations.replaceChildren(
      ...items.map((item) => {
        if (item.kind === "current") {
          const el = document.createElement("span");
          el.className = "translation current";
          el.dataset.lang = item.lang;
          el.setAttribute("aria-current", "true");
          el.textContent = item.lang;
          el.title = `${name(item.lang)}: this post`;
          return el;
        }
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.lang = item.lang;
        if (item.kind === "translation") {
          button.className = "translation";
          button.dataset.testid = "translation-link";
          button.dataset.path = item.path;
          button.textContent = item.lang;
          button.title = `${name(item.lang)}: ${item.title?.trim() || item.path}`;
          button.addEventListener("click", () => openFromLibrary(item.path));
        } else {
          button.className = "translation missing";
          button.dataset.testid = "new-translation";
          button.textContent = `+ ${item.lang}`;
          button.title = `Start the ${name(item.lang)} translation of this post`;
          button.addEventListener("click", () => void translateOpenPost(item.lang));
        }
        return button;
      }),
    );
  }

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
    const doc = session.doc;
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
    if (clicked?.path === doc.path) {
      record(metrics.openToPreview, performance.now() - clicked.at);
      clicked = null;
    }
  });

  const editor = createEditor($("[data-testid=body-editor]"), (changes, at) => {
    bodySync.note(changes);
    // Only the opening text decides the direction: looked at again once typing pauses.
    if (changes.touchesRange(0, DIRECTION_PREFIX)) directionStale = true;
    preview.push({ at });
    // No copy of the whole body on the keystroke path: the dirty check compares lengths first,
    // and the word count reads the text once typing pauses.
    updateWordCount();
    session.edited();
    // A timer reset, and only while the Compare panel is open.
    comparePanel.edited();
  }, [
    imagePaste({ postPath: () => session.doc?.path ?? null, notice: showNotice }),
    // Asked for once typing pauses, never on the keystroke path (git-gutter.ts).
    gitGutter({ path: () => session.doc?.path ?? null, enabled: () => gitAvailable(boot.pane.git), lineChanges: gitLineChanges }),
    // Spelling and grammar, asked for once typing pauses (prose-lint.ts).
    proseLint({
      path: () => (session.doc && session.doc.readOnlyReason === null ? session.doc.path : null),
      enabled: proseLintEnabled,
      fields: () => ({ title: proseFieldInput("title")?.value || null, description: proseFieldInput("description")?.value || null }),
      lint: proseLints,
      addWord: addToDictionary,
      notice: (e) => showNotice(asAppError(e), { label: "Dismiss", run: () => showNotice(null) }),
      changed: (view) => problemsPanel.showProse(proseRowsOf(view.state), proseLintEnabled() && !!session.doc && session.doc.readOnlyReason === null),
    }),
  ]);

  /** The form's text field for the post's title or description (its own key for the role,
   *  else the usual aliases), or null. */
  function proseFieldInput(field: "title" | "description"): HTMLInputElement | HTMLTextAreaElement | null {
    const doc = session.doc;
    if (!doc) return null;
    for (const key of fieldKeys(field, field === "title" ? doc.roles.title : doc.roles.summary)) {
      const input = els.fields.querySelector(`[data-testid=fm-field][data-key="${CSS.escape(key)}"]`);
      if (input instanceof HTMLTextAreaElement || (input instanceof HTMLInputElement && input.type === "text")) return input;
    }
    return null;
  }

  /** A spelling or grammar row of the panel: the word selected in the body (with its popup),
   *  or the title or description field focused with the word selected. */
  function proseJump(row: ProseRow): void {
    if (row.field === "body") {
      const view = editor.view;
      const length = view.state.doc.length;
      const at = lintRange(view.state, row.lint) ?? { from: Math.min(row.from, length), to: Math.min(row.to, length) };
      view.dispatch({ selection: { anchor: at.from, head: at.to }, scrollIntoView: true });
      view.focus();
      openProsePopup(view, at.from, false, 1);
      return;
    }
    const input = proseFieldInput(row.field);
    if (!input) return;
    input.focus();
    if (input.value.slice(row.from, row.to) === row.lint.text) input.setSelectionRange(row.from, row.to);
  }

  // The setting turned on or off: the marks come or go at once.
  onProseLintChange(() => refreshProseLints(editor.view, 0));

  const desk = new Desk(
    {
      editorView: () => editor.view,
      posts: () => library.posts(),
      currentPath: () => session.doc?.path ?? null,
      editable: () => !!session.doc && session.doc.readOnlyReason === null,
      open: (path) => session.open(path),
      save: () => session.save(),
      close: () => session.close(),
      pickFolder: () => chooseFolder(),
      openFolder: (dir) => openFolderAt(dir),
      setPreviewTheme: (theme) => void frame.setTheme(theme),
      showError: (e) => showNotice(asAppError(e)),
    },
    { theme: boot.theme, panes: boot.panes },
  );

  const problemsPanel = new ProblemsPanel(
    $("[data-testid=problems]"),
    $("#problems-summary"),
    $("#problem-list"),
    $<HTMLButtonElement>("[data-testid=fix-all]"),
    {
      jump: jumpTo,
      fix: (p) => void session.fix(p),
      fixAll: () => void session.fix(null),
      extra: (p) => (p.rule === MERGE_CONFLICT_RULE ? { label: "Resolve conflicts", testid: "conflict-resolve-open", run: openResolver } : null),
      proseJump,
    },
    $<HTMLButtonElement>("[data-testid=status-problems]"),
  );
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
  /** Counts by line, reusing the lines unchanged since the last count (text-metrics.ts). */
  const textCounter = new TextCounter();

  /** Word count (characters for Chinese and Japanese) and reading time in the status bar.
   *  Counted after typing pauses, off the keystroke path: on a long post it would otherwise
   *  delay every preview update. The text's direction is looked at again then too. */
  function updateWordCount(): void {
    clearTimeout(wordCountTimer);
    wordCountTimer = setTimeout(() => {
      if (directionStale) updateDirection(session.doc);
      els.wordCount.textContent = formatCount(textCounter.count(editor.text()));
    }, 150);
  }

  let shownDirection: { dir: TextDirection; lang: string | null } | null = null;
  let directionStale = false;

  /** The post's direction (right to left for Hebrew, Arabic, ...) in the editor and the
   *  preview: from its language, else from the opening of its body. */
  function updateDirection(doc: PostDocument | null): void {
    directionStale = false;
    if (!doc) return;
    // The library's summary knows the post's language (its front matter's, else the one its
    // path names, else the site's default); without one the text decides.
    const lang = library.summary(doc.path)?.lang ?? null;
    const dir = directionOf(lang, editor.view.state.doc.sliceString(0, DIRECTION_PREFIX));
    if (shownDirection?.dir === dir && shownDirection.lang === lang) return;
    shownDirection = { dir, lang };
    editor.setDirection(dir);
    void frame.setDirection(dir, lang ?? undefined);
  }

  /** The conflict banner for an overlapping change, with its diff folded away; null hides it. */
  function showConflict(overlap: Overlap | null): void {
    if (!overlap) {
      els.conflict.hidden = true;
      els.diff.hidden = true;
      els.compare.setAttribute("aria-expanded", "false");
      return;
    }
    const what = [...overlap.fields.map((f) => `“${f}”`), ...(overlap.body ? ["the text"] : [])].join(", ");
    els.conflictText.textContent = `This post changed on disk while you were editing it (${what} changed on both sides).`;
    els.conflict.hidden = false;
    renderDiff(overlap.diff);
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

  let schemaTimer: ReturnType<typeof setTimeout> | undefined;

  /** The open post's collection's schema for the form (typed fields, what the generator
   *  declares, known tags and categories); read again shortly after the library changes and
   *  when another post opens. */
  function refreshSchema(delay = 0): void {
    clearTimeout(schemaTimer);
    schemaTimer = setTimeout(() => {
      getSchema(session.doc?.path ?? null)
        .then((schema) => form.setSchema(schema))
        .catch(() => form.setSchema(null));
    }, delay);
  }

  function applyDelta(delta: LibraryDelta): void {
    boot.pane.apply(delta);
    refreshSchema(400);
    tableMode.folderChanged(delta.upserted.map((p) => p.path));
    if (delta.origin === "disk") {
      void afterPaint().then(() => record(metrics.externalChangeToUi, Date.now() - delta.changedAtMs));
    }
    session.libraryChanged(delta);
    // A translation written or removed, or the open post's language changed with a save.
    updateTranslations();
    const open = session.doc?.path;
    if (open && delta.upserted.some((p) => p.path === open)) updateDirection(session.doc);
  }

  /** A folder opened after start-up replaces the library. */
  function showLibrary(lib: Library): void {
    boot.pane.show(lib);
    folderShown();
    for (const delta of gate.snapshot(lib.seq)) applyDelta(delta);
  }

  /** What follows a folder's list being shown: no post open, its schema, its kept edits. */
  function folderShown(): void {
    session.close();
    refreshSchema();
    void session.offerRecovery();
  }

  /** The recovery banner for the journal's next entry; null hides it. */
  function showRecovery(entry: JournalEntry | null): void {
    els.recovery.hidden = !entry;
    if (!entry) return;
    const when = new Date(entry.savedAtMs).toLocaleString();
    els.recoveryText.textContent = `Unsaved changes to ${entry.path} from ${when} were kept when Postdesk last closed.`;
  }

  els.keepMine.addEventListener("click", () => void session.keepMine());
  els.takeTheirs.addEventListener("click", () => session.takeTheirs());

  els.compare.addEventListener("click", () => {
    els.diff.hidden = !els.diff.hidden;
    els.compare.setAttribute("aria-expanded", String(!els.diff.hidden));
  });

  els.recreate.addEventListener("click", () => void session.recreate());
  els.closeDeleted.addEventListener("click", () => session.closeDeleted());

  els.restore.addEventListener("click", () => void session.restoreRecovered());
  els.discard.addEventListener("click", () => session.discardRecovered());

  els.infoClose.addEventListener("click", () => showInfo(null));
  els.noticeAction.addEventListener("click", () => noticeAction?.());
  els.infoAction.addEventListener("click", () => {
    const run = infoAction;
    showInfo(null);
    run?.();
  });

  els.autosave.addEventListener("change", async () => {
    session.setAutosave(els.autosave.checked);
    try {
      await setAutosave(els.autosave.checked);
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
    if (!(await session.settle())) return;
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
    current: () => session.doc,
    dirty: () => session.isDirty(),
    settle: () => session.settle(),
    show: (next) => {
      session.show(next);
      library.scrollToPath(next.path);
    },
    close: () => session.close(),
    notice: showNotice,
    info: showInfo,
  });

  els.fields.addEventListener("submit", (e) => e.preventDefault());

  void onOpenPostLink((path) => {
    if (library.has(path)) void session.open(path);
    else showNotice({ kind: "badPath", message: `The link points to ${path}, which is not in this folder.`, path });
  });

  /** Takes over from the first script: the settings it read, the folder it showed, and the
   *  folder's changes from now on. */
  async function start(): Promise<void> {
    desk.useSettings(boot.settings);
    const autosaveOn = boot.settings?.autosave ?? true;
    session.setAutosave(autosaveOn);
    els.autosave.checked = autosaveOn;
    boot.routeDeltas((delta) => applyDelta(delta));
    // Every control answers from here on (the end-to-end tests wait for this mark).
    document.documentElement.dataset.ready = "true";
    if ("error" in boot.startup) {
      showNotice(asAppError(boot.startup.error));
      return;
    }
    const { library: lib, post } = boot.startup.ok;
    folderShown();
    try {
      // A post named on the command line wins over the one open last time.
      if (post !== null) await session.open(post);
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
    enabled: () => session.doc !== null && !session.doc.readOnlyReason,
    run: () => session.fix(null),
  });

  actions.register({
    id: "toggle-table",
    title: "Show the posts as a table, or go back to the editor",
    menu: "View",
    shortcut: "Mod+T",
    run: () => tableMode.toggle(),
  });
  actions.register({
    id: "toggle-prose-lint",
    title: "Turn spelling and grammar checks on or off",
    menu: "View",
    run: () => setProseLintEnabled(!proseLintEnabled()),
  });
  actions.register({
    id: "prose-suggestions",
    title: "Spelling and grammar suggestions for the word at the cursor",
    menu: "Edit",
    shortcut: "Mod+.",
    enabled: () => !!session.doc && session.doc.readOnlyReason === null && proseLintEnabled(),
    run: () => {
      editor.view.focus();
      openProsePopup(editor.view, editor.view.state.selection.main.head, true);
    },
  });

  actions.register({
    id: "insert-component",
    title: "Insert component…",
    menu: "Edit",
    shortcut: "Mod+Shift+I",
    enabled: () => !!session.doc && session.doc.readOnlyReason === null && isMdx(session.doc.path),
    run: () => pickComponent(),
  });

  /** The components the open .mdx post's collection uses, in the palette; the one chosen is
   *  written at the cursor (with its import when the post lacks it), one undoable edit. */
  async function pickComponent(): Promise<void> {
    const doc = session.doc;
    if (!doc || doc.readOnlyReason !== null || !isMdx(doc.path)) return;
    let components: ComponentUse[];
    try {
      components = await componentsFor(doc.path);
    } catch (e) {
      showNotice(asAppError(e));
      return;
    }
    const byName = new Map(components.map((c) => [c.name, c]));
    desk.paletteDialog.open({
      label: "Insert component",
      placeholder: "Type a component's name",
      empty: components.length === 0 ? "The .mdx posts here use no components yet." : "No component matches.",
      testid: "component-picker",
      items: () => components.map((c) => ({ id: c.name, label: c.name, detail: componentDetail(c), keywords: c.props.join(" ") })),
      choose: (item) => {
        const component = byName.get(item.id);
        if (!component || session.doc?.path !== doc.path) return;
        const view = editor.view;
        const { from, to } = view.state.selection.main;
        const edit = insertComponent(view.state.doc.toString(), from, to, component);
        view.dispatch({ changes: edit.changes, selection: { anchor: edit.caret }, scrollIntoView: true, userEvent: "input.component" });
        view.focus();
      },
    });
  }

  // ---- Commit, push and pull; resolving merge conflicts (issue 18) ----
  /** The Commit dialog (commit-dialog.ts); the open post is saved first, so the commit holds
   *  what the writer sees. */
  const commitDialog = new CommitDialog({ commitPlan, gitCommit }, { settle: () => session.settle(), committed: (news) => showInfo(news) });
  /** Commit…, Pull and Push beside the branch (sync-bar.ts), following git's view of the site. */
  const syncBar = new SyncBar(
    document,
    { gitPush, gitPull },
    {
      info: (message) => showInfo(message),
      notice: (error) => showNotice(error, { label: "Dismiss", run: () => showNotice(null) }),
      commit: () => void commitDialog.open(),
    },
  );
  syncBar.showGit(boot.pane.git);
  boot.pane.onGit((git) => syncBar.showGit(git));
  void onGitProgress((progress) => syncBar.progress(progress));

  /** The resolve view (conflict-resolve-view.ts); the post it writes replaces the buffer,
   *  which was saved before the view opened. */
  const resolver = new ConflictResolver(
    { conflictView, resolveConflicts },
    {
      settle: () => session.settle(),
      resolved: (doc) => {
        if (session.doc?.path !== doc.path) return;
        session.show(doc);
        showInfo("The conflicts are resolved and the post is saved. Commit it to finish the merge.");
      },
    },
  );
  function openResolver(): void {
    const path = session.doc?.path;
    if (path) void resolver.open(path);
  }
  /** The banner over the editor while the open post's checks find conflict markers (a
   *  declaration, with no state of its own: the session may report problems at any time). */
  function showMergeBanner(problems: PostProblems | null): void {
    document.querySelector<HTMLElement>("[data-testid=merge-conflict-banner]")!.hidden = !hasMergeConflict(problems);
  }
  const mergeConflictShown = () => !document.querySelector<HTMLElement>("[data-testid=merge-conflict-banner]")!.hidden;
  $<HTMLButtonElement>("[data-testid=merge-conflict-banner] [data-testid=conflict-resolve-open]").addEventListener("click", openResolver);

  const gitIdle = () => syncBar.available && syncBar.running === null;
  actions.register({ id: "git-commit", title: "Commit changes…", menu: "File", enabled: () => gitIdle() && syncBar.changed, run: () => commitDialog.open() });
  actions.register({ id: "git-pull", title: "Pull from the remote", menu: "File", enabled: gitIdle, run: () => syncBar.run("pull") });
  actions.register({ id: "git-push", title: "Push to the remote", menu: "File", enabled: gitIdle, run: () => syncBar.run("push") });
  actions.register({ id: "resolve-conflicts", title: "Resolve merge conflicts…", menu: "Edit", enabled: () => mergeConflictShown() && session.doc !== null, run: openResolver });

  // ---- Diff and history (issue 18): Compare, History and its Restore; the gutter's marks are
  // the editor's (git-gutter.ts). Shown only while git reads the site.
  const gitPostActions = $("#post .git-post-actions");
  const compareButton = $<HTMLButtonElement>("[data-testid=git-compare]");
  const gitOn = () => gitAvailable(boot.pane.git);
  const gitPostOpen = () => session.doc !== null && gitOn();
  const comparePanel = new ComparePanel(
    $("[data-testid=git-diff]"),
    {
      request: () => (session.doc ? session.request() : null),
      compare: gitCompare,
      error: (e) => showNotice(asAppError(e)),
      focusBack: () => editor.view.focus(),
    },
    compareButton,
  );
  const historyDialog = new HistoryDialog({
    history: gitHistory,
    version: gitVersion,
    compare: (commit) => void comparePanel.open(commit.hash),
    restore: (version, commit) => void restoreVersion(version, commit),
    editable: () => !!session.doc && session.doc.readOnlyReason === null,
  });

  /** Another post is shown, or none: the diff and the history were about the last one. */
  function gitPostShown(path: string | null): void {
    comparePanel.postShown(path);
    if (historyDialog.shownPath !== null && historyDialog.shownPath !== path) historyDialog.close();
  }

  /** Git's view changed (a folder opened, an edit, a commit, a checkout): the buttons follow
   *  git's availability, and the marks and an open diff are asked for again. */
  function gitChanged(): void {
    const on = gitOn();
    gitPostActions.hidden = !on;
    if (on) comparePanel.gitChanged();
    else {
      comparePanel.close();
      historyDialog.close();
    }
    refreshGitMarks(editor.view);
  }
  boot.pane.onGit(gitChanged);
  gitChanged();

  function openHistory(): void {
    const path = session.doc?.path;
    if (path && gitOn()) void historyDialog.open(path);
  }

  /** A version from the history goes on the open buffer as an ordinary edit, as a recovered
   *  journal entry does: its body through the editor as one undoable change, its front matter
   *  into the source editor, then saved by the normal save. The form has no undo, so its unsaved
   *  edits go to disk first. */
  async function restoreVersion(version: GitVersion, commit: GitCommit): Promise<void> {
    const path = session.doc?.path;
    if (!path || session.doc?.readOnlyReason !== null) return;
    if (form.isDirty() && !(await session.settle())) return;
    const doc = session.doc;
    if (!doc || doc.path !== path) return;
    const edits = restoreEdits(version.restore, { frontMatterSource: doc.frontMatterSource, body: editor.text() });
    const fields = version.restore.fields;
    const remove = version.restore.remove ?? [];
    if (edits.frontMatterSource !== null || fields.length > 0 || remove.length > 0) {
      form.apply({ fields, remove, frontMatterSource: edits.frontMatterSource });
    }
    if (edits.body !== null) {
      const change = minimalChange(editor.text(), edits.body);
      // Its own undo step, never merged with typing just before it.
      if (change) editor.view.dispatch({ changes: change, annotations: isolateHistory.of("full"), userEvent: "input.restore" });
    }
    updateDirection(session.doc);
    preview.push({ at: 0 });
    session.edited();
    comparePanel.edited();
    showInfo(restoredMessage(commit, edits, formatShortcut("Mod+Z", /Mac/.test(navigator.platform))));
    editor.view.focus();
  }

  /** The palette's way to any commit: the post's commits, by message, hash or author. */
  async function compareWithCommit(): Promise<void> {
    const path = session.doc?.path;
    if (!path || !gitOn()) return;
    let commits: GitCommit[];
    try {
      commits = await gitHistory(path);
    } catch (e) {
      showNotice(asAppError(e));
      return;
    }
    const now = new Date();
    desk.paletteDialog.open({
      label: "Compare with a commit",
      placeholder: "Type part of a message, a hash or an author",
      empty: commits.length === 0 ? "This post has no commits yet." : "No commit matches.",
      testid: "compare-commit-picker",
      items: () =>
        commits.map((c) => {
          const entry = historyEntry(c, path, now);
          return { id: c.hash, label: entry.subject, detail: entry.meta, keywords: c.hash };
        }),
      choose: (item) => {
        if (session.doc?.path === path) void comparePanel.open(item.id);
      },
    });
  }

  compareButton.addEventListener("click", () => comparePanel.toggleHead());
  $<HTMLButtonElement>("[data-testid=git-history]").addEventListener("click", openHistory);
  actions.register({ id: "git-compare", title: "Compare with the last commit", menu: "View", enabled: gitPostOpen, run: () => comparePanel.open(null) });
  actions.register({ id: "git-compare-commit", title: "Compare with a commit…", menu: "View", enabled: gitPostOpen, run: compareWithCommit });
  actions.register({ id: "git-history", title: "Show this post's history", menu: "View", enabled: gitPostOpen, run: openHistory });

  performance.mark("postdesk:main-end");
  void start();
}
