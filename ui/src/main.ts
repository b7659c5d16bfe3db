// Wires the window together: library, form, editor, preview and saving. Behaviour with logic
// worth testing lives in the DOM-free modules (form-model, coalesce); this file is glue.
import "./styles.css";
import { asAppError, openPost, openStartupFolder, pickFolder, renderPreview, savePost } from "./ipc/commands";
import { onLibraryChanged, onOpenPostLink } from "./ipc/events";
import type { AppError } from "./ipc/bindings/AppError";
import type { Library } from "./ipc/bindings/Library";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import { Coalescer } from "./coalesce";
import { createEditor } from "./editor";
import { changedFields, countWords, currentFrontMatter, displayValue, fieldsFor, type FieldSpec } from "./form-model";
import { LibraryList } from "./library";
import { afterPaint, metrics, record } from "./metrics";
import { PreviewFrame } from "./preview";

window.postdeskMetrics = metrics;

type SaveState = "saved" | "unsaved" | "saving" | "conflict" | "error";

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const els = {
  folder: $("#folder-name"),
  openFolder: $<HTMLButtonElement>("[data-testid=open-folder]"),
  notice: $("#notice"),
  conflict: $("[data-testid=conflict-banner]"),
  keepMine: $<HTMLButtonElement>("[data-testid=conflict-keep-mine]"),
  takeTheirs: $<HTMLButtonElement>("[data-testid=conflict-take-theirs]"),
  empty: $("#empty"),
  post: $("#post"),
  fields: $<HTMLFormElement>("#fields"),
  raw: $<HTMLTextAreaElement>("[data-testid=fm-raw]"),
  previewFrame: $<HTMLIFrameElement>("[data-testid=preview]"),
  saveState: $("[data-testid=save-state]"),
  postPath: $("#post-path"),
  wordCount: $("#word-count"),
};

let doc: PostDocument | null = null;
let specs: FieldSpec[] = [];
const inputs = new Map<string, string | boolean>();
let saveState: SaveState = "saved";

function setSaveState(state: SaveState): void {
  saveState = state;
  els.saveState.textContent = state;
  els.saveState.dataset.state = state;
}

function showNotice(error: AppError | null): void {
  els.notice.hidden = error === null;
  els.notice.textContent = error ? error.message : "";
}

const library = new LibraryList($("[data-testid=post-list]"), $<HTMLInputElement>("[data-testid=search-input]"), (path) => {
  void open(path);
});

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

const preview = new Coalescer<{ text: string; at: number }>(async ({ text, at }) => {
  if (!doc) return;
  const patch = await renderPreview(doc.path, currentFrontMatter(doc, specs, inputs), text, frame.generation);
  await frame.apply(patch);
  if (at > 0) record(metrics.inputToPreviewDom, performance.now() - at);
  await afterPaint();
  if (at > 0) record(metrics.inputToPreview, performance.now() - at);
});

const editor = createEditor($("[data-testid=body-editor]"), (text, at) => {
  preview.push({ text, at });
  updateWordCount(text);
  refreshDirty(text);
});

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
  return text !== doc.body || changedFields(specs, inputs).length > 0;
}

function refreshDirty(text?: string): void {
  if (saveState === "conflict" || saveState === "saving") return;
  setSaveState(isDirty(text) ? "unsaved" : "saved");
}

function renderFields(): void {
  els.fields.replaceChildren();
  inputs.clear();
  if (!doc) return;
  const readOnly = doc.readOnlyReason !== null || doc.diagnostics.some((d) => d.severity === "error");
  for (const spec of specs) {
    const row = document.createElement("label");
    row.className = `field field-${spec.kind}`;
    const label = document.createElement("span");
    label.className = "field-label";
    label.textContent = spec.label;
    let input: HTMLInputElement | HTMLTextAreaElement;
    if (spec.kind === "longtext") {
      input = document.createElement("textarea");
      input.rows = 2;
    } else {
      input = document.createElement("input");
      input.type = spec.kind === "bool" ? "checkbox" : "text";
    }
    input.dataset.testid = "fm-field";
    input.dataset.key = spec.key;
    input.name = spec.key;
    input.disabled = readOnly;
    if (input instanceof HTMLInputElement && spec.kind === "bool") {
      input.checked = spec.original === true;
      inputs.set(spec.key, input.checked);
    } else {
      input.value = displayValue(spec);
      inputs.set(spec.key, input.value);
    }
    input.addEventListener("input", () => {
      inputs.set(spec.key, input instanceof HTMLInputElement && spec.kind === "bool" ? input.checked : input.value);
      refreshDirty();
      preview.push({ text: editor.text(), at: 0 });
    });
    row.append(label, input);
    els.fields.append(row);
  }
}

function show(next: PostDocument): void {
  doc = next;
  specs = fieldsFor(next);
  els.empty.hidden = true;
  els.post.hidden = false;
  els.conflict.hidden = true;
  els.raw.value = next.frontMatterSource;
  els.postPath.textContent = next.path;
  const problems = [next.readOnlyReason, ...next.diagnostics.map((d) => `Line ${d.line}, column ${d.column}: ${d.message}`)];
  const message = problems.filter((p): p is string => !!p).join("\n");
  showNotice(message ? { kind: "edit", message, path: next.path } : null);
  renderFields();
  editor.load(next.body, next.readOnlyReason !== null);
  updateWordCount(next.body);
  preview.push({ text: next.body, at: 0 });
  library.setActive(next.path);
  setSaveState("saved");
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
  if (!doc || doc.readOnlyReason) return false;
  const fields = changedFields(specs, inputs);
  const body = editor.text();
  const bodyChanged = body !== doc.body;
  if (fields.length === 0 && !bodyChanged) {
    setSaveState("saved");
    return true;
  }
  setSaveState("saving");
  try {
    const saved = await savePost({ path: doc.path, baseHash: doc.baseHash, fields, body: bodyChanged ? body : null });
    // The base moves forward; anything typed while saving stays in the editor and shows as
    // unsaved, because it differs from the saved body.
    doc = saved;
    specs = fieldsFor(saved);
    els.raw.value = saved.frontMatterSource;
    showNotice(null);
    setSaveState("saved");
    refreshDirty();
    return true;
  } catch (e) {
    const error = asAppError(e);
    if (error.kind === "conflict") {
      setSaveState("conflict");
      els.conflict.hidden = false;
    } else {
      setSaveState("error");
      showNotice(error);
    }
    return false;
  }
}

/** The file changed on disk: reload a clean buffer silently, flag a dirty one. */
async function externalChange(path: string): Promise<void> {
  if (!doc || doc.path !== path || saveState === "saving") return;
  let onDisk: PostDocument;
  try {
    onDisk = await openPost(path);
  } catch {
    return; // Gone or unreadable; the list already shows it.
  }
  if (onDisk.baseHash === doc.baseHash) return; // Our own write.
  if (isDirty()) {
    setSaveState("conflict");
    els.conflict.hidden = false;
  } else {
    const selection = editor.view.state.selection.main.head;
    show(onDisk);
    editor.view.dispatch({ selection: { anchor: Math.min(selection, onDisk.body.length) } });
  }
}

function showLibrary(lib: Library): void {
  const name = lib.root.split("/").filter(Boolean).pop() ?? lib.root;
  els.folder.textContent = name;
  els.folder.title = lib.root;
  library.replaceAll(lib.posts);
  doc = null;
  els.post.hidden = true;
  els.empty.hidden = false;
  void frame.clear();
  els.postPath.textContent = "";
  setSaveState("saved");
}

els.keepMine.addEventListener("click", async () => {
  if (!doc) return;
  try {
    const onDisk = await openPost(doc.path);
    doc = { ...doc, baseHash: onDisk.baseHash };
    els.conflict.hidden = true;
    setSaveState("unsaved");
    await save();
  } catch (e) {
    showNotice(asAppError(e));
  }
});

els.takeTheirs.addEventListener("click", async () => {
  if (!doc) return;
  try {
    show(await openPost(doc.path));
  } catch (e) {
    showNotice(asAppError(e));
  }
});

els.openFolder.addEventListener("click", async () => {
  try {
    const lib = await pickFolder();
    if (lib) showLibrary(lib);
  } catch (e) {
    showNotice(asAppError(e));
  }
});

els.fields.addEventListener("submit", (e) => e.preventDefault());

window.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
    event.preventDefault();
    void save();
  }
});

void onOpenPostLink((path) => {
  if (library.has(path)) void open(path);
  else showNotice({ kind: "badPath", message: `The link points to ${path}, which is not in this folder.`, path });
});

void onLibraryChanged((delta) => {
  library.apply(delta);
  void afterPaint().then(() => record(metrics.externalChangeToUi, Date.now() - delta.detectedAtMs));
  for (const post of delta.upserted) void externalChange(post.path);
});

openStartupFolder()
  .then(showLibrary)
  .catch((e) => showNotice(asAppError(e)));
