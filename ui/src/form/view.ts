// The front-matter form in the window: keeps what the writer typed in the fields that
// form/model.ts chooses, draws them (one row per field from fields.ts, chips from chips.ts, the
// "Add field" row and the removed-keys note here), and runs the raw front-matter editor beside
// them. It owns the form's DOM and state and nothing else: saving, merging and the preview are
// the post session's (post-session.ts), which asks for `edits()` and hands back `saved()`,
// `rebase()` and `apply()`. Logic worth testing lives in the DOM-free modules (form/model,
// form/dates, form/tags, form/values, form/image-url).
import type { Diagnostic } from "../ipc/bindings/Diagnostic";
import type { FieldEdit } from "../ipc/bindings/FieldEdit";
import type { FrontMatterKind } from "../ipc/bindings/FrontMatterKind";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { Schema, ValueCount } from "../ipc/bindings/Schema";
import type { SourceCheck } from "../ipc/bindings/SourceCheck";
import {
  addKeyProblem,
  addableFields,
  addedSpec,
  changedFields,
  currentFrontMatter,
  emptyInput,
  fieldCount,
  fieldErrors,
  fieldsFor,
  FORM_FIELD_LIMIT,
  groupsOf,
  inputFor,
  kindFor,
  removedKeys,
  valueAt,
  type FieldKind,
  type FieldSpec,
  type FormEdits,
  type InputValue,
} from "./model";
import { nowLiteral } from "./dates";
import { el } from "./dom";
import { fieldRow, groupBox, type FieldHost } from "./fields";
import { Suggestions } from "./suggestions";

export interface FormElements {
  form: HTMLFormElement;
  rawPanel: HTMLDetailsElement;
  raw: HTMLTextAreaElement;
  rawProblems: HTMLElement;
}

const KIND_NAMES: [FieldKind, string][] = [
  ["text", "Text"],
  ["longtext", "Long text"],
  ["date", "Date"],
  ["datetime", "Date and time"],
  ["bool", "Yes / no"],
  ["number", "Number"],
  ["list", "List"],
  ["raw", "Raw YAML value"],
];

const lf = (s: string) => s.replace(/\r\n?/g, "\n");

export class FrontMatterForm {
  private doc: PostDocument | null = null;
  private schema: Schema | null = null;
  /** The values the form shows: the post's, or the raw text's while that is edited and valid. */
  private base: Record<string, unknown> = {};
  private specs: FieldSpec[] = [];
  private inputs = new Map<string, InputValue>();
  /** Inputs the writer set; the others follow the base when it changes. */
  private touched = new Set<string>();
  private removed = new Set<string>();
  private added = new Map<string, FieldKind>();
  private rawCheck: SourceCheck | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checking: Promise<void> | null = null;
  private addOpen = false;
  /** What the DOM shows (fields, kinds, removals, read-only state), to skip needless redraws. */
  private drawn = "";

  constructor(
    private els: FormElements,
    private changed: () => void,
    private check: (kind: FrontMatterKind, source: string) => Promise<SourceCheck>,
  ) {
    els.form.addEventListener("submit", (e) => e.preventDefault());
    els.raw.addEventListener("input", () => {
      this.changed();
      this.scheduleCheck();
    });
    els.rawPanel.addEventListener("toggle", () => {
      if (els.rawPanel.open && this.doc) els.raw.focus();
    });
    window.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "m") {
        event.preventDefault();
        this.toggleRaw();
      }
    });
  }

  // ---- state in -------------------------------------------------------------------------

  setSchema(schema: Schema | null): void {
    this.schema = schema;
    // Redraw only when the fields change, and never under the writer's cursor: an input that
    // is replaced loses its caret and selection.
    if (this.doc && !this.els.form.contains(document.activeElement)) this.refresh();
  }

  /** A post was opened: the form starts clean. */
  load(doc: PostDocument): void {
    this.doc = doc;
    this.inputs.clear();
    this.touched.clear();
    this.removed.clear();
    this.added.clear();
    this.addOpen = false;
    this.base = doc.frontMatter;
    this.rawCheck = null;
    this.els.raw.value = lf(doc.frontMatterSource);
    this.els.raw.readOnly = doc.readOnlyReason !== null;
    this.showRawProblems([]);
    if (doc.diagnostics.some((d) => d.severity === "error")) {
      // The writer's way out of a broken front matter is its text.
      this.els.rawPanel.open = true;
      void this.runCheck();
    } else if (this.tooMany() !== null) {
      this.els.rawPanel.open = true;
    }
    this.render();
  }

  /** The buffer moves onto `doc` (the file as now on disk) and `keep` goes back on top. */
  rebase(doc: PostDocument, keep: FormEdits): void {
    this.load(doc);
    this.apply(keep);
  }

  /** A save landed: the post is now `doc`. Anything typed while it was saving stays. */
  saved(doc: PostDocument, sent: FormEdits): void {
    const rawNow = this.els.raw.value;
    // The raw text follows the file unless the writer typed in it after it was sent (or typed
    // in it during a save that did not carry it); compared before the document moves on.
    const rawTyped = sent.frontMatterSource != null ? rawNow !== sent.frontMatterSource : this.rawSource() !== null;
    this.doc = doc;
    this.base = doc.frontMatter;
    for (const key of sent.remove ?? []) this.removed.delete(key);
    for (const key of [...this.added.keys()]) if (valueAt(doc.frontMatter, key) !== undefined) this.added.delete(key);
    if (rawTyped) {
      void this.runCheck();
    } else {
      this.els.raw.value = lf(doc.frontMatterSource);
      this.rawCheck = null;
      this.showRawProblems([]);
    }
    this.refresh();
    // Inputs that now match the file follow it again.
    for (const spec of this.specs) {
      if (this.touched.has(spec.key) && JSON.stringify(inputFor(spec)) === JSON.stringify(this.inputs.get(spec.key))) {
        this.touched.delete(spec.key);
      }
    }
  }

  /** Puts unsaved edits back (a merge, a recovery). */
  apply(edits: FormEdits): void {
    if (edits.frontMatterSource != null && this.doc) {
      this.els.raw.value = edits.frontMatterSource;
      this.els.rawPanel.open = true;
      void this.runCheck();
    }
    for (const key of edits.remove ?? []) this.removed.add(key);
    this.setFieldInputs(edits.fields);
  }

  /** Shows `edits` in the form's inputs. A key the form has no field for becomes an added one. */
  setFieldInputs(edits: FieldEdit[]): void {
    for (const edit of edits) {
      let spec = this.specs.find((s) => s.key === edit.key);
      if (!spec) {
        this.added.set(edit.key, kindFor(edit.key, edit.value, null));
        this.render();
        spec = this.specs.find((s) => s.key === edit.key);
        if (!spec) continue;
      }
      this.inputs.set(spec.key, inputFor({ ...spec, original: edit.value }));
      this.touched.add(spec.key);
    }
    this.render();
  }

  // ---- state out ------------------------------------------------------------------------

  private visibleSpecs(): FieldSpec[] {
    return this.specs.filter((s) => !this.isRemoved(s.key));
  }

  private isRemoved(key: string): boolean {
    return [...this.removed].some((r) => key === r || key.startsWith(`${r}.`));
  }

  changedFields(): FieldEdit[] {
    return changedFields(this.visibleSpecs(), this.inputs);
  }

  removals(): string[] {
    return removedKeys(this.base, this.removed);
  }

  private rawDirtyText(text: string): boolean {
    return this.doc !== null && lf(text) !== lf(this.doc.frontMatterSource);
  }

  /** The raw editor's text when the writer changed it, else null. */
  rawSource(): string | null {
    return this.rawDirtyText(this.els.raw.value) ? this.els.raw.value : null;
  }

  edits(): FormEdits {
    return { fields: this.changedFields(), remove: this.removals(), frontMatterSource: this.rawSource() };
  }

  isDirty(): boolean {
    return this.changedFields().length > 0 || this.removals().length > 0 || this.rawSource() !== null;
  }

  /** The front matter as the form now stands, for the live preview. */
  currentFrontMatter(): Record<string, unknown> {
    return currentFrontMatter(this.base, this.visibleSpecs(), this.inputs, this.removed);
  }

  /** Waits for the raw text's check, then says why the form cannot be saved, or null. */
  async problem(): Promise<string | null> {
    if (this.checkTimer !== undefined) {
      clearTimeout(this.checkTimer);
      this.checkTimer = undefined;
      await this.runCheck();
    }
    if (this.checking) await this.checking;
    const raw = this.rawSource();
    if (raw !== null && this.rawCheck && !this.rawCheck.valid) {
      const d = this.rawCheck.diagnostics.find((x) => x.severity === "error");
      const where = d ? ` at line ${d.line}, column ${d.column}: ${d.message}` : "";
      return `Not saved: the front matter source has an error${where}. Fix it in the source (Ctrl+Shift+M) and save again.`;
    }
    const bad = fieldErrors(this.visibleSpecs(), this.inputs)[0];
    if (bad) return `Not saved: “${bad.key}” is not a valid YAML value (${bad.message}).`;
    return null;
  }

  // ---- raw editor -----------------------------------------------------------------------

  toggleRaw(open = !this.els.rawPanel.open): void {
    if (!this.doc) return;
    this.els.rawPanel.open = open;
    if (open) this.els.raw.focus();
    else this.els.form.querySelector<HTMLElement>("[data-testid=fm-field]")?.focus();
  }

  private scheduleCheck(): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      void this.runCheck();
    }, 120);
  }

  private runCheck(): Promise<void> {
    const doc = this.doc;
    if (!doc) return Promise.resolve();
    const text = this.els.raw.value;
    const run = this.check(doc.kind, text)
      .then((result) => {
        if (this.doc !== doc || this.els.raw.value !== text) return; // A newer text is on its way.
        this.rawCheck = result;
        this.showRawProblems(result.diagnostics);
        if (result.valid) this.base = this.rawDirtyText(text) ? result.values : doc.frontMatter;
        this.render();
        this.changed();
      })
      .catch((e: unknown) => {
        this.showRawProblems([{ severity: "error", message: String(e), line: 1, column: 1 }]);
      })
      .finally(() => {
        if (this.checking === run) this.checking = null;
      });
    this.checking = run;
    return run;
  }

  private showRawProblems(diagnostics: Diagnostic[]): void {
    const invalid = diagnostics.some((d) => d.severity === "error");
    this.els.raw.setAttribute("aria-invalid", String(invalid));
    this.els.rawProblems.replaceChildren(
      ...diagnostics.map((d) =>
        el(
          "div",
          { class: `raw-problem ${d.severity}`, "data-testid": "fm-raw-problem", "data-line": String(d.line), "data-column": String(d.column) },
          `Line ${d.line}, column ${d.column}: ${d.message}`,
        ),
      ),
    );
  }

  /** The form can't be edited: the file is read-only, or its front matter does not parse. */
  private readOnly(): string | null {
    if (!this.doc) return "";
    if (this.doc.readOnlyReason) return this.doc.readOnlyReason;
    const rawDirty = this.rawSource() !== null;
    if (rawDirty && this.rawCheck && !this.rawCheck.valid) {
      return "The front matter source below has an error, so the fields are read-only until it is fixed.";
    }
    const broken = this.doc.diagnostics.some((d) => d.severity === "error");
    if (broken && !(rawDirty && this.rawCheck?.valid)) {
      return "This front matter does not parse, so the fields are read-only. Fix it in the source below.";
    }
    const many = this.tooMany();
    if (many !== null) {
      return `This front matter has ${many.toLocaleString()} fields, more than the form shows (${FORM_FIELD_LIMIT}). Edit it in the source below.`;
    }
    return null;
  }

  /** The number of fields, when there are too many to draw; else null. */
  private tooMany(): number | null {
    const count = fieldCount(this.base);
    return count > FORM_FIELD_LIMIT ? count : null;
  }

  // ---- rendering ------------------------------------------------------------------------

  private computeSpecs(doc: PostDocument): FieldSpec[] {
    if (this.tooMany() !== null) return []; // Only the note and the source: see FORM_FIELD_LIMIT.
    const specs = fieldsFor(doc, this.schema, this.base);
    for (const [key, kind] of this.added) {
      const existing = specs.find((s) => s.key === key);
      if (existing) {
        existing.added = true;
        continue;
      }
      const spec = addedSpec(key, kind, this.base, this.schema);
      const group = spec.group;
      const lastOfGroup = group ? specs.map((s) => s.group).lastIndexOf(group) : -1;
      if (lastOfGroup >= 0) specs.splice(lastOfGroup + 1, 0, spec);
      else specs.push(spec);
    }
    return specs;
  }

  private signature(specs: FieldSpec[]): string {
    const fields = specs.map((s) => `${s.key}:${s.kind}:${s.added ? 1 : 0}:${this.isRemoved(s.key) ? 1 : 0}:${this.removable(s) ? 1 : 0}:${s.required ? 1 : 0}`);
    // A new declaration (options, bounds, a default) redraws too.
    const declared = JSON.stringify(this.schema?.declared ?? null);
    return JSON.stringify([fields, declared, this.readOnly(), this.addOpen, this.removals()]);
  }

  /** Takes a new base or schema in; redraws only if what the form shows changed shape (the
   *  values of untouched inputs are the same whenever the shape is, on these paths). */
  private refresh(): void {
    if (!this.doc) return;
    const specs = this.computeSpecs(this.doc);
    if (this.signature(specs) !== this.drawn) {
      this.render();
      return;
    }
    this.specs = specs;
    for (const spec of specs) {
      if (!this.touched.has(spec.key) || !this.inputs.has(spec.key)) this.inputs.set(spec.key, inputFor(spec));
    }
  }

  /** Rebuilds the fields from the base, the schema and the writer's edits. */
  render(): void {
    const doc = this.doc;
    const form = this.els.form;
    if (!doc) {
      form.replaceChildren();
      this.drawn = "";
      return;
    }
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    const specs = this.computeSpecs(doc);
    this.specs = specs;
    for (const spec of specs) {
      if (!this.touched.has(spec.key) || !this.inputs.has(spec.key)) this.inputs.set(spec.key, inputFor(spec));
    }
    this.drawn = this.signature(specs);

    const reason = this.readOnly();
    const children: HTMLElement[] = [];
    if (reason) children.push(el("p", { class: "form-note", role: "status", "data-testid": "fm-readonly" }, reason));
    const groups = groupsOf(specs, this.base, this.schema);
    const done = new Set<string>();
    for (const spec of specs) {
      if (this.isRemoved(spec.key)) continue;
      if (spec.group) {
        if (done.has(spec.group)) continue;
        done.add(spec.group);
        const group = groups.find((g) => g.key === spec.group)!;
        const members = specs.filter((s) => s.group === group.key && !this.isRemoved(s.key));
        children.push(groupBox(group, members, valueAt(this.base, group.key) !== undefined, this.inputOf, this.fieldHost));
      } else {
        children.push(fieldRow(spec, this.inputOf(spec), this.fieldHost));
      }
    }
    children.push(this.addRow(), this.removedNote());
    form.replaceChildren(...children);
    form.classList.toggle("read-only", reason !== null);
    if (reason !== null) {
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, button, select")) {
        control.disabled = true;
      }
    }
    if (focusKey) form.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  private edited(key: string, value: InputValue): void {
    this.inputs.set(key, value);
    this.touched.add(key);
    this.changed();
  }

  private removable(spec: FieldSpec): boolean {
    return spec.original !== undefined || spec.added === true;
  }

  private remove(key: string): void {
    const spec = this.specs.find((s) => s.key === key);
    if (this.added.has(key) && (spec === undefined || spec.original === undefined)) {
      this.added.delete(key);
      this.inputs.delete(key);
      this.touched.delete(key);
    } else {
      this.removed.add(key);
      this.added.delete(key);
    }
    const next = this.specs.slice(this.specs.findIndex((s) => s.key === key) + 1).find((s) => !this.isRemoved(s.key) && s.key !== key);
    this.render();
    const target = next
      ? this.els.form.querySelector<HTMLElement>(`[data-key="${CSS.escape(next.key)}"]`)
      : this.els.form.querySelector<HTMLElement>("[data-testid=fm-add]");
    target?.focus();
    this.changed();
  }

  private known(which: FieldSpec["suggest"]): ValueCount[] {
    if (!this.schema || !which) return [];
    return which === "tags" ? this.schema.tags : this.schema.categories;
  }

  /** What a field's input shows: the writer's value, else the post's. */
  private readonly inputOf = (spec: FieldSpec): InputValue => this.inputs.get(spec.key) ?? inputFor(spec);

  /** What the field rows (fields.ts, chips.ts) may do to the form. */
  private readonly fieldHost: FieldHost = {
    edited: (key, value) => this.edited(key, value),
    known: (which) => this.known(which),
    dateStyle: () => this.schema?.dateStyle ?? null,
    postPath: () => this.doc?.path ?? null,
    removable: (spec) => this.removable(spec),
    remove: (key) => this.remove(key),
  };

  private addRow(): HTMLElement {
    const row = el("div", { class: "add-field" });
    const open = el("button", { type: "button", class: "link", "data-testid": "fm-add", "aria-expanded": String(this.addOpen) }, "+ Add field");
    open.addEventListener("click", () => {
      this.addOpen = !this.addOpen;
      this.render();
      this.els.form.querySelector<HTMLElement>(this.addOpen ? "[data-testid=fm-add-key]" : "[data-testid=fm-add]")?.focus();
    });
    row.append(open);
    if (!this.addOpen) return row;
    const values = this.currentFrontMatter();
    const addable = addableFields(this.schema, values);
    const key = el("input", { type: "text", placeholder: "Field name", "aria-label": "New field name", "data-testid": "fm-add-key", spellcheck: "false" });
    const type = el("select", { "aria-label": "New field type", "data-testid": "fm-add-type" });
    type.append(...KIND_NAMES.map(([kind, name]) => el("option", { value: kind }, name)));
    const problem = el("span", { class: "add-problem", role: "alert" });
    const list = new Suggestions(
      key,
      "fm-add-suggestions",
      (value) => {
        key.value = value;
        list.hide();
        sync();
      },
      (value) => {
        const f = addable.find((a) => a.key === value);
        if (!f) return value;
        const used = f.present > 0 ? `${f.present} posts` : "declared";
        const kind = f.kind === "select" ? "One of its options" : (KIND_NAMES.find(([k]) => k === f.kind)?.[1] ?? f.kind);
        return `${value} · ${kind} · ${used}`;
      },
    );
    const sync = () => {
      const known = addable.find((a) => a.key === key.value.trim());
      // An image URL and a declared choice are text to the picker; the declaration gives them their input.
      if (known) type.value = known.kind === "image" || known.kind === "select" ? "text" : known.kind;
      problem.textContent = "";
    };
    const confirm = el("button", { type: "button", class: "quiet", "data-testid": "fm-add-confirm" }, "Add");
    const cancel = el("button", { type: "button", class: "link" }, "Cancel");
    const add = () => {
      const name = key.value.trim();
      const why = addKeyProblem(name, values);
      if (why) {
        problem.textContent = why;
        key.focus();
        return;
      }
      const kind = type.value as FieldKind;
      this.added.set(name, kind);
      this.removed.delete(name);
      const style = this.schema?.dateStyle ?? null;
      const start =
        kind === "date" || kind === "datetime" ? nowLiteral(kind === "date" && (style === "datetime" || style === "quotedDatetime") ? "datetime" : kind, new Date()) : emptyInput(kind);
      this.inputs.set(name, start);
      this.touched.add(name);
      this.addOpen = false;
      this.render();
      this.els.form.querySelector<HTMLElement>(`[data-key="${CSS.escape(name)}"]`)?.focus();
      this.changed();
    };
    const names = () => addable.map((a) => a.key).filter((k) => k.toLowerCase().includes(key.value.trim().toLowerCase()));
    key.addEventListener("input", () => {
      sync();
      list.show(names());
    });
    key.addEventListener("focus", () => list.show(names()));
    key.addEventListener("blur", () => list.hide());
    key.addEventListener("keydown", (e) => {
      if (list.key(e)) {
        e.preventDefault();
      } else if (e.key === "Enter") {
        e.preventDefault();
        add();
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.addOpen = false;
        this.render();
        this.els.form.querySelector<HTMLElement>("[data-testid=fm-add]")?.focus();
      }
    });
    confirm.addEventListener("click", add);
    cancel.addEventListener("click", () => {
      this.addOpen = false;
      this.render();
      this.els.form.querySelector<HTMLElement>("[data-testid=fm-add]")?.focus();
    });
    row.append(el("div", { class: "combo" }, key, list.list), type, confirm, cancel, problem);
    return row;
  }

  private removedNote(): HTMLElement {
    const keys = this.removals();
    const note = el("div", { class: "removed-note", "data-testid": "fm-removed", role: "status" });
    note.hidden = keys.length === 0;
    if (keys.length === 0) return note;
    note.append("Removed when you save: ");
    keys.forEach((key, i) => {
      const undo = el("button", { type: "button", class: "link", "aria-label": `Keep ${key}`, "data-testid": "fm-undo-remove", "data-key": key }, "undo");
      undo.addEventListener("click", () => {
        this.removed.delete(key);
        this.render();
        this.changed();
      });
      note.append(el("code", {}, key), " (", undo, ")", i < keys.length - 1 ? ", " : "");
    });
    return note;
  }
}
