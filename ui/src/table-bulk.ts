// The bulk bar under the table: what can be done to the selected posts at once (set a field,
// add, remove or rename a tag, find and replace in a field, mark as draft or published, apply
// every safe fix), the batch's progress with a Cancel, then what it did, file by file, with a
// one-click Undo. It owns the bar's DOM and the small forms; the writes are the host's (the
// app's bulk_edit, bulk_fix, bulk_cancel and bulk_undo), each a batch the backend makes
// lossless and undoable. A value is typed by the same input the form gives the field
// (form/fields.ts, read back by form/model.ts), so "Set draft" offers a switch and "Set
// pubDate" a date. Nothing the backend says is thrown away: every error and every skipped file
// is shown with its reason.
import "./table.css";
import { prefixIds } from "./form/dom";
import { fieldRow, type FieldHost } from "./form/fields";
import { addKeyProblem, emptyInput, fieldErrors, parseList, valueOf, type FieldKind, type FieldSpec, type InputValue } from "./form/model";
import { Suggestions } from "./form/suggestions";
import { suggest } from "./form/tags";
import { asAppError } from "./ipc/errors";
import type { AppError } from "./ipc/bindings/AppError";
import type { BulkOp, BulkReport, UndoReport } from "./ipc/bindings/Bulk";
import type { DeclaredField } from "./ipc/bindings/DeclaredSchema";
import type { ValueCount } from "./ipc/bindings/Schema";

export type BulkRunRequest = { paths: string[]; op: BulkOp } | { paths: string[]; fix: true };

export interface BulkHost {
  /** The app calls bulkEdit (an op) or bulkFix (fix: true). */
  run(request: BulkRunRequest): Promise<BulkReport>;
  cancel(): void;
  undo(batch: number): Promise<UndoReport>;
  known(which: "tags" | "categories"): ValueCount[];
  /** Settable fields (the schema's), for the Set field picker; a declared enum's options come
   *  with its declaration. */
  fieldKeys(): { key: string; kind: FieldKind; declared?: DeclaredField }[];
  /** "draft" usually; "published" where the folder says it the other way round. */
  draftKey(): string;
  tagsKey(): string;
  categoryKey(): string | null;
  /** A batch finished or was undone: the app refreshes the table. */
  done(): void;
}

type FormName = "set" | "add" | "remove" | "rename" | "replace";

/** An open form: its element, and what Apply sends (or why it cannot). */
type Form = { name: FormName; el: HTMLElement; request(): { op: BulkOp; what: string } | string };

type Finished = { what: string; report: BulkReport; undo: UndoReport | null; undoing: boolean; undoError: AppError | null };

const NEW_KEY = "\u0000new";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const files = (n: number) => `${n.toLocaleString()} file${n === 1 ? "" : "s"}`;

/** "12 changed · 3 unchanged · 1 skipped", and "cancelled" when it was. */
export function reportText(report: BulkReport): string {
  const parts = [`${report.changed.length.toLocaleString()} changed`, `${report.unchanged.length.toLocaleString()} unchanged`, `${report.skipped.length.toLocaleString()} skipped`];
  if (report.cancelled) parts.push("cancelled");
  return parts.join(" · ");
}

/** The inputs a bulk value can take: the form's, less those that need one post (an image's
 *  thumbnail) or a declaration the field does not bring (a select without options). */
function bulkKind(kind: FieldKind, declared: DeclaredField | undefined): FieldKind {
  if (kind === "image") return "text";
  if (kind === "select" && !(declared && declared.options.length > 0)) return "text";
  return kind;
}

export class BulkBar {
  private readonly main: HTMLElement;
  private readonly countEl: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly formSlot: HTMLElement;
  private readonly status: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private paths: string[] = [];
  private form: Form | null = null;
  private running: { total: number; done: number; cancelling: boolean; what: string } | null = null;
  private finished: Finished | null = null;
  private error: { what: string; error: AppError } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: BulkHost,
  ) {
    root.replaceChildren();
    root.classList.add("bulk-bar");
    root.dataset.testid = "bulk-bar";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Edit the selected posts");
    this.main = el("div", "bulk-main");
    this.countEl = el("span", "bulk-count", { "data-testid": "bulk-count", "aria-live": "polite" });
    this.actions = el("div", "bulk-actions", { role: "toolbar", "aria-label": "Bulk actions" });
    const action = (testid: string, label: string, title: string, onClick: () => void, form?: FormName) => {
      const b = el("button", "quiet", { type: "button", "data-testid": testid, title }, label);
      if (form) b.setAttribute("aria-expanded", "false");
      b.addEventListener("click", onClick);
      this.buttons.set(testid, b);
      this.actions.append(b);
    };
    action("bulk-set-field", "Set field…", "Set one field to the same value in every selected post", () => this.toggleForm("set"), "set");
    action("bulk-add-tag", "Add tag…", "Add a tag to every selected post", () => this.toggleForm("add"), "add");
    action("bulk-remove-tag", "Remove tag…", "Remove a tag from every selected post", () => this.toggleForm("remove"), "remove");
    action("bulk-rename", "Rename tag…", "Rename a tag or a category in the selected posts", () => this.toggleForm("rename"), "rename");
    action("bulk-replace", "Find and replace…", "Replace text within one field of the selected posts", () => this.toggleForm("replace"), "replace");
    action("bulk-draft", "Mark as draft", "Set the selected posts as drafts", () => this.setDraft(true));
    action("bulk-publish", "Publish", "Set the selected posts as not drafts", () => this.setDraft(false));
    action("bulk-fix", "Fix all safe", "Apply every safe fix the checks offer, in every selected post", () => void this.run({ paths: [...this.paths], fix: true }, "Fix all safe"));
    this.main.append(this.countEl, this.actions);
    this.formSlot = el("div", "bulk-form-slot");
    this.status = el("div", "bulk-status");
    root.append(this.main, this.formSlot, this.status);
    root.addEventListener("keydown", (e) => this.onKey(e), true);
    root.addEventListener("keydown", (e) => this.onKeyAfter(e));
    this.draw();
  }

  /** The table's selection changed. An open form stays (it applies to whatever is selected
   *  when Apply is pressed); with nothing selected it closes. */
  setSelection(paths: string[]): void {
    this.paths = [...paths];
    if (this.paths.length === 0) this.closeForm();
    this.draw();
  }

  /** The running batch's progress (the app feeds bulk-progress events). */
  progress(done: number, total: number): void {
    if (!this.running) return;
    this.running.done = done;
    this.running.total = total;
    this.drawStatus();
  }

  isRunning(): boolean {
    return this.running !== null;
  }

  destroy(): void {
    this.root.replaceChildren();
  }

  // ---- Drawing ----

  private draw(): void {
    const n = this.paths.length;
    this.countEl.textContent = `${n.toLocaleString()} selected`;
    this.root.hidden = n === 0 && !this.running && !this.finished && !this.error;
    this.main.hidden = n === 0;
    const busy = this.running !== null;
    for (const [testid, b] of this.buttons) {
      b.disabled = busy || n === 0;
      const form = b.getAttribute("aria-expanded");
      if (form !== null) b.setAttribute("aria-expanded", String(this.form !== null && this.buttonFor(this.form.name) === testid));
    }
    this.buttons.get("bulk-rename")!.textContent = this.host.categoryKey() !== null ? "Rename tag or category…" : "Rename tag…";
    this.drawStatus();
  }

  private buttonFor(form: FormName): string {
    return { set: "bulk-set-field", add: "bulk-add-tag", remove: "bulk-remove-tag", rename: "bulk-rename", replace: "bulk-replace" }[form];
  }

  private drawStatus(): void {
    const parts: HTMLElement[] = [];
    if (this.running) parts.push(this.progressEl(this.running));
    if (this.error) {
      const p = el("p", "bulk-error", { "data-testid": "bulk-error", role: "alert" });
      const e = this.error.error;
      p.textContent = `${this.error.what} failed: ${e.message}${e.path && !e.message.includes(e.path) ? ` (${e.path})` : ""}`;
      parts.push(p);
    }
    if (this.finished) parts.push(this.reportEl(this.finished));
    if (this.error && !this.finished) parts.push(this.closeButton());
    this.status.replaceChildren(...parts);
  }

  private progressEl(running: NonNullable<BulkBar["running"]>): HTMLElement {
    const { done, total } = running;
    const box = el("div", "bulk-progress", { "data-testid": "bulk-progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(total), "aria-valuenow": String(done), "aria-label": running.what });
    const text = el("span", "bulk-progress-text", {}, `${running.what}: ${done.toLocaleString()} of ${total.toLocaleString()}`);
    const track = el("div", "bulk-progress-track");
    const fill = el("div", "bulk-progress-fill");
    fill.style.setProperty("--progress", `${total > 0 ? Math.min(100, (100 * done) / total).toFixed(1) : 0}%`);
    track.append(fill);
    const cancel = el("button", "quiet", { type: "button", "data-testid": "bulk-cancel" }, running.cancelling ? "Cancelling…" : "Cancel");
    cancel.disabled = running.cancelling;
    cancel.title = "Stop after the file being written; what was written stays, and Undo puts it back";
    cancel.addEventListener("click", () => {
      if (!this.running || this.running.cancelling) return;
      this.running.cancelling = true;
      this.host.cancel();
      this.drawStatus();
    });
    box.append(text, track, cancel);
    return box;
  }

  private reportEl(f: Finished): HTMLElement {
    const { report } = f;
    const box = el("div", "bulk-report", { "data-testid": "bulk-report", role: "status" });
    const line = el("div", "bulk-report-line");
    line.append(el("span", "bulk-report-what", {}, `${f.what}:`), el("span", "bulk-report-counts", { "data-testid": "bulk-report-counts" }, reportText(report)));
    if (report.batch > 0 && f.undo === null) {
      const undo = el("button", "quiet", { type: "button", "data-testid": "bulk-undo", title: "Put back every file this batch changed (files changed since are left alone)" }, f.undoing ? "Undoing…" : "Undo");
      undo.disabled = f.undoing;
      undo.addEventListener("click", () => void this.undo(f));
      line.append(undo);
    }
    line.append(this.closeButton());
    box.append(line);
    if (report.skipped.length > 0) box.append(skippedList(`${files(report.skipped.length)} skipped`, report.skipped, "bulk-skipped", ""));
    if (f.undoError) box.append(el("p", "bulk-error", { "data-testid": "bulk-error", role: "alert" }, `Undo failed: ${f.undoError.message}`));
    if (f.undo) {
      box.append(el("p", "bulk-undo-report", { "data-testid": "bulk-undo-report" }, `Restored ${files(f.undo.restored.length)}`));
      if (f.undo.skipped.length > 0) {
        const list = el("ul", "bulk-left-alone");
        for (const s of f.undo.skipped) {
          const li = el("li", "", { "data-testid": "bulk-left-alone", "data-path": s.path });
          li.append("left alone: ", el("span", "bulk-path", {}, s.path), el("span", "bulk-reason", {}, ` — ${s.reason}`));
          list.append(li);
        }
        box.append(list);
      }
    }
    return box;
  }

  private closeButton(): HTMLElement {
    const close = el("button", "bulk-close", { type: "button", "data-testid": "bulk-close", "aria-label": "Dismiss", title: "Dismiss" }, "×");
    close.addEventListener("click", () => {
      this.finished = null;
      this.error = null;
      this.draw();
    });
    return close;
  }

  // ---- Forms ----

  private toggleForm(name: FormName): void {
    if (this.form?.name === name) {
      this.closeForm();
      this.draw();
      return;
    }
    const form = this.buildForm(name);
    this.form = form;
    this.formSlot.replaceChildren(form.el);
    this.draw();
    form.el.querySelector<HTMLElement>("select, input")?.focus();
  }

  private closeForm(): void {
    this.form = null;
    this.formSlot.replaceChildren();
  }

  private buildForm(name: FormName): Form {
    switch (name) {
      case "set":
        return this.setForm();
      case "add":
      case "remove":
        return this.itemForm(name);
      case "rename":
        return this.renameForm();
      case "replace":
        return this.replaceForm();
    }
  }

  /** The frame every form shares: its fields, a message line, Cancel and Apply. */
  private frame(name: FormName, label: string, fields: HTMLElement[], request: Form["request"]): Form {
    const box = el("div", "bulk-form", { "data-form": name, role: "group", "aria-label": label });
    const message = el("p", "bulk-error", { "data-testid": "bulk-form-error", role: "alert" });
    message.hidden = true;
    const cancel = el("button", "quiet", { type: "button", "data-testid": "bulk-form-cancel" }, "Cancel");
    const apply = el("button", "quiet primary", { type: "button", "data-testid": "bulk-apply" }, "Apply");
    cancel.addEventListener("click", () => {
      this.closeForm();
      this.draw();
    });
    const form: Form = { name, el: box, request };
    apply.addEventListener("click", () => this.apply(form, message));
    const buttons = el("div", "bulk-form-buttons");
    buttons.append(cancel, apply);
    box.append(...fields, buttons, message);
    return form;
  }

  private apply(form: Form, message: HTMLElement): void {
    if (this.running || this.paths.length === 0) return;
    const made = form.request();
    if (typeof made === "string") {
      message.textContent = made;
      message.hidden = false;
      return;
    }
    void this.run({ paths: [...this.paths], op: made.op }, made.what);
  }

  private labelled(text: string, control: HTMLElement): HTMLElement {
    const label = el("label", "bulk-field");
    label.append(el("span", "", {}, text), control);
    return label;
  }

  private fieldSelect(testid: string, keys: { key: string }[], withNew: boolean): HTMLSelectElement {
    const select = el("select", "", { "data-testid": testid });
    select.append(el("option", "", { value: "" }, "Choose a field…"));
    for (const { key } of keys) select.append(el("option", "", { value: key }, key));
    if (withNew) select.append(el("option", "", { value: NEW_KEY }, "Another field…"));
    return select;
  }

  /** Set field: a key (the folder's, or a new one) and a value in the input its kind takes. */
  private setForm(): Form {
    const fields = this.host.fieldKeys();
    const select = this.fieldSelect("bulk-key", fields, true);
    const newKey = el("input", "", { type: "text", "data-testid": "bulk-new-key", placeholder: "field name", spellcheck: "false", "aria-label": "New field's name" });
    const newKind = el("select", "", { "data-testid": "bulk-new-kind", "aria-label": "New field's kind" });
    for (const [kind, label] of [["text", "Text"], ["bool", "Yes / no"], ["date", "Date"], ["number", "Number"], ["list", "List"]] as const) newKind.append(el("option", "", { value: kind }, label));
    const newLabel = this.labelled("Name", newKey);
    const kindLabel = this.labelled("Kind", newKind);
    const valueBox = el("div", "bulk-value", { "data-testid": "bulk-value" });
    let spec: FieldSpec | null = null;
    let input: InputValue = "";
    const fieldHost: FieldHost = {
      edited: (_key, value) => {
        input = value;
      },
      known: (which) => (which ? this.host.known(which) : []),
      dateStyle: () => null,
      postPath: () => null,
      removable: () => false,
      remove: () => {},
    };
    const draw = () => {
      const isNew = select.value === NEW_KEY;
      newLabel.hidden = !isNew;
      kindLabel.hidden = !isNew;
      const key = isNew ? newKey.value.trim() : select.value;
      if (select.value === "") {
        spec = null;
        valueBox.replaceChildren(el("span", "bulk-note", {}, "Choose a field first."));
        return;
      }
      const known = fields.find((f) => f.key === select.value);
      const kind = isNew ? (newKind.value as FieldKind) : bulkKind(known!.kind, known!.declared);
      spec = { key: key || "value", label: "Value", kind, original: undefined };
      if (known?.declared) spec.declared = known.declared;
      const bare = (key || "").split(".").pop();
      if (bare === "tags") spec.suggest = "tags";
      else if (bare === "categories" || bare === "category") spec.suggest = "categories";
      input = emptyInput(kind);
      const row = fieldRow(spec, input, fieldHost);
      prefixIds(row, "bulk-");
      valueBox.replaceChildren(row);
    };
    select.addEventListener("change", draw);
    newKind.addEventListener("change", draw);
    newKey.addEventListener("input", () => {
      if (spec) spec.key = newKey.value.trim() || "value";
    });
    draw();
    return this.frame("set", "Set field", [this.labelled("Field", select), newLabel, kindLabel, valueBox], () => {
      if (select.value === "" || !spec) return "Choose a field.";
      const key = select.value === NEW_KEY ? newKey.value.trim() : select.value;
      if (select.value === NEW_KEY) {
        const problem = addKeyProblem(key, {});
        if (problem) return problem;
      }
      let value: InputValue = input;
      if (spec.kind === "list") {
        const entry = valueBox.querySelector<HTMLInputElement>(".chip-entry");
        const items = Array.isArray(value) ? value : [];
        const typed = entry ? parseList(entry.value) : [];
        value = [...items, ...typed.filter((t) => !items.includes(t))];
      }
      const problems = fieldErrors([spec], new Map([[spec.key, value]]));
      if (problems.length > 0) return problems[0].message;
      const typed = valueOf(spec, value);
      if (typed === undefined) return "This value cannot be read.";
      return { op: { op: "set", key, value: typed }, what: `Set ${key}` };
    });
  }

  /** Add or remove one tag, with the folder's tags suggested. */
  private itemForm(name: "add" | "remove"): Form {
    const item = el("input", "", { type: "text", "data-testid": "bulk-item", placeholder: "tag", spellcheck: "false", autocomplete: "off" });
    const list = new Suggestions(item, `bulk-item-suggestions`, (value) => {
      item.value = value;
      list.hide();
    });
    const show = () => list.show(suggest(this.host.known("tags"), item.value, []));
    item.addEventListener("input", show);
    item.addEventListener("focus", show);
    item.addEventListener("blur", () => list.hide());
    item.addEventListener("keydown", (e) => {
      if (list.key(e)) e.preventDefault();
    });
    const combo = el("div", "combo");
    combo.append(item, list.list);
    const label = name === "add" ? "Add tag" : "Remove tag";
    return this.frame(name, label, [this.labelled("Tag", combo)], () => {
      const tag = item.value.trim();
      if (tag === "") return "Type a tag.";
      const key = this.host.tagsKey();
      return name === "add" ? { op: { op: "addItem", key, item: tag }, what: `Add tag “${tag}”` } : { op: { op: "removeItem", key, item: tag }, what: `Remove tag “${tag}”` };
    });
  }

  /** Rename a tag or a category: from one of the folder's values (with its count) to a new one. */
  private renameForm(): Form {
    const categoryKey = this.host.categoryKey();
    const which = el("select", "", { "data-testid": "bulk-rename-which" });
    which.append(el("option", "", { value: "tags" }, "Tag"));
    if (categoryKey !== null) which.append(el("option", "", { value: "categories" }, "Category"));
    const from = el("select", "", { "data-testid": "bulk-from" });
    const to = el("input", "", { type: "text", "data-testid": "bulk-to", placeholder: "new name", spellcheck: "false", autocomplete: "off" });
    const fill = () => {
      const known = this.host.known(which.value as "tags" | "categories");
      from.replaceChildren(...known.map((k) => el("option", "", { value: k.value }, `${k.value} (${k.count.toLocaleString()})`)));
      from.disabled = known.length === 0;
      if (known.length === 0) from.append(el("option", "", { value: "" }, "none in this folder"));
    };
    which.addEventListener("change", fill);
    fill();
    const whichLabel = this.labelled("Rename", which);
    whichLabel.hidden = categoryKey === null;
    return this.frame("rename", "Rename", [whichLabel, this.labelled("From", from), this.labelled("To", to)], () => {
      const isTags = which.value === "tags";
      const key = isTags ? this.host.tagsKey() : categoryKey;
      if (key === null) return "This folder has no categories.";
      const was = from.value;
      const now = to.value.trim();
      if (was === "") return `Choose the ${isTags ? "tag" : "category"} to rename.`;
      if (now === "") return "Type the new name.";
      if (now === was) return "The new name is the same as the old one.";
      return { op: { op: "renameItem", key, from: was, to: now }, what: `Rename ${isTags ? "tag" : "category"} “${was}” to “${now}”` };
    });
  }

  /** Find and replace within one field's text. */
  private replaceForm(): Form {
    const fields = this.host.fieldKeys().filter((f) => f.kind !== "bool");
    const select = this.fieldSelect("bulk-key", fields, false);
    const find = el("input", "", { type: "text", "data-testid": "bulk-find", spellcheck: "false", autocomplete: "off" });
    const replace = el("input", "", { type: "text", "data-testid": "bulk-replace-with", spellcheck: "false", autocomplete: "off" });
    return this.frame("replace", "Find and replace", [this.labelled("Field", select), this.labelled("Find", find), this.labelled("Replace with", replace)], () => {
      const key = select.value;
      if (key === "") return "Choose a field.";
      if (find.value === "") return "Type the text to find.";
      return { op: { op: "replace", key, find: find.value, replace: replace.value }, what: `Replace “${find.value}” in ${key}` };
    });
  }

  private setDraft(draft: boolean): void {
    const key = this.host.draftKey();
    // A folder that writes `published: true` says the opposite of `draft: true`.
    const value = key === "published" ? !draft : draft;
    void this.run({ paths: [...this.paths], op: { op: "set", key, value } }, draft ? "Mark as draft" : "Publish");
  }

  // ---- Running ----

  private async run(request: BulkRunRequest, what: string): Promise<void> {
    if (this.running || request.paths.length === 0) return;
    this.closeForm();
    this.finished = null;
    this.error = null;
    this.running = { total: request.paths.length, done: 0, cancelling: false, what };
    this.draw();
    try {
      const report = await this.host.run(request);
      this.finished = { what, report, undo: null, undoing: false, undoError: null };
    } catch (e) {
      this.error = { what, error: asAppError(e) };
    }
    this.running = null;
    this.draw();
    // Even a failed batch may have written some files before it stopped: the table re-reads.
    this.host.done();
  }

  private async undo(f: Finished): Promise<void> {
    if (f.undoing || f.undo !== null || f.report.batch <= 0) return;
    f.undoing = true;
    f.undoError = null;
    this.drawStatus();
    try {
      f.undo = await this.host.undo(f.report.batch);
    } catch (e) {
      f.undoError = asAppError(e);
    }
    f.undoing = false;
    this.drawStatus();
    if (f.undo) this.host.done();
  }

  // ---- Keyboard ----

  /** Ctrl+Enter applies the open form from any of its inputs (a chip entry takes plain Enter). */
  private onKey(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.isComposing || !(event.ctrlKey || event.metaKey)) return;
    const form = this.form;
    if (!form || !form.el.contains(event.target as Node)) return;
    event.preventDefault();
    event.stopPropagation();
    form.el.querySelector<HTMLButtonElement>("[data-testid=bulk-apply]")!.click();
  }

  /** Enter in a one-line input applies; Escape closes the form. */
  private onKeyAfter(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const form = this.form;
    const t = event.target as HTMLElement;
    if (!form || !form.el.contains(t)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.closeForm();
      this.draw();
      this.buttons.get(this.buttonFor(form.name))?.focus();
    } else if (event.key === "Enter" && t instanceof HTMLInputElement && t.type === "text" && !t.classList.contains("chip-entry")) {
      event.preventDefault();
      form.el.querySelector<HTMLButtonElement>("[data-testid=bulk-apply]")!.click();
    }
  }
}

/** Skipped files under a fold: each path and why, the path first so every reason names its file. */
function skippedList(summary: string, skipped: readonly { path: string; reason: string }[], testid: string, prefix: string): HTMLElement {
  const details = el("details", "bulk-skipped-list");
  details.append(el("summary", "", {}, summary));
  const list = el("ul");
  for (const s of skipped) {
    const li = el("li", "", { "data-testid": testid, "data-path": s.path });
    if (prefix) li.append(prefix);
    li.append(el("span", "bulk-path", {}, s.path), el("span", "bulk-reason", {}, ` — ${s.reason}`));
    list.append(li);
  }
  details.append(list);
  return details;
}

