// The chip input for a list field (tags, categories, any list): one chip per item, a text
// entry to add one (a comma or Enter commits, with the folder's known values suggested), a
// click or Backspace to edit one in place, × to remove one, and under tags the warnings of
// form/tags.ts with a one-click "Use …". It keeps the items while the writer works and reports
// the whole list through `ChipsHost.edited` after every change; the form (view.ts) owns the
// value, and this module never reads the post or the schema except through the host.
import type { ValueCount } from "../ipc/bindings/Schema";
import { el } from "./dom";
import type { FieldSpec } from "./model";
import { Suggestions } from "./suggestions";
import { suggest, tagWarnings } from "./tags";

export interface ChipsHost {
  /** The writer changed the list: the whole list as it now stands. */
  edited(key: string, items: string[]): void;
  /** The folder's known values for the field's suggestions, read at each keystroke (the
   *  schema may arrive after the chips are drawn). */
  known(which: FieldSpec["suggest"]): ValueCount[];
}

/** A chip input: one chip per item, a text input to add (with autocomplete) or edit one. */
export function chipInput(spec: FieldSpec, id: string, start: string[], notes: HTMLElement, host: ChipsHost): HTMLElement {
  let items = [...start];
  /** The chip being edited in the text input, kept in place until the edit is committed. */
  let editing: number | null = null;
  const noun = spec.suggest === "categories" ? "category" : spec.suggest === "tags" ? "tag" : "item";
  const box = el("div", { class: "chips", role: "group", "aria-label": spec.label, "data-testid": "fm-chips", "data-key": spec.key });
  const entry = el("input", { type: "text", class: "chip-entry", placeholder: `Add a ${noun}…`, "aria-label": `Add a ${noun} to ${spec.label}` });
  entry.id = id;
  entry.name = spec.key;
  entry.dataset.testid = "fm-field";
  entry.dataset.key = spec.key;
  entry.spellcheck = false;
  const list = new Suggestions(entry, `${id}-suggestions`, (value) => commit(value));
  const known = () => host.known(spec.suggest);

  const save = () => {
    host.edited(spec.key, [...items]);
    draw();
  };
  const commit = (text: string) => {
    const value = text.trim();
    if (editing !== null) {
      if (value === "") items.splice(editing, 1);
      else if (!items.some((t, i) => t === value && i !== editing)) items[editing] = value;
      else items.splice(editing, 1);
      editing = null;
    } else if (value !== "" && !items.includes(value)) {
      items.push(value);
    }
    entry.value = "";
    list.hide();
    save();
  };
  const draw = () => {
    const chips = items.map((tag, i) => {
      if (i === editing) return null;
      const edit = el("button", { type: "button", class: "chip-text", "aria-label": `Edit the ${noun} ${tag}`, "data-testid": "fm-tag-edit" }, tag);
      edit.addEventListener("click", () => {
        if (editing !== null) commit(entry.value);
        editing = i;
        entry.value = tag;
        draw();
        entry.focus();
        entry.select();
      });
      const remove = el("button", { type: "button", class: "chip-remove", "aria-label": `Remove the ${noun} ${tag}`, "data-testid": "fm-tag-remove" }, "×");
      remove.addEventListener("click", () => {
        items.splice(i, 1);
        if (editing !== null && editing > i) editing--;
        save();
        entry.focus();
      });
      return el("span", { class: "chip", "data-testid": "fm-tag", "data-value": tag }, edit, remove);
    });
    box.replaceChildren(...chips.filter((c): c is HTMLSpanElement => c !== null), entry);
    const warnings = spec.suggest === "tags" ? tagWarnings(items, known()) : [];
    notes.replaceChildren(
      ...warnings.map((w) => {
        const fix = el("button", { type: "button", class: "link", "data-testid": "fm-tag-fix", "data-value": w.use }, `Use “${w.use}”`);
        fix.addEventListener("click", () => {
          const at = items.indexOf(w.tag);
          if (at >= 0) items[at] = w.use;
          items = items.filter((t, i) => items.indexOf(t) === i);
          save();
        });
        return el("p", { class: "warn", "data-testid": "fm-tag-warning", "data-tag": w.tag }, `${w.message} `, fix);
      }),
    );
  };

  entry.addEventListener("input", () => {
    if (entry.value.includes(",")) {
      const parts = entry.value.split(",");
      const rest = parts.pop() ?? "";
      for (const part of parts) commit(part);
      entry.value = rest;
    }
    list.show(suggest(known(), entry.value, items));
  });
  entry.addEventListener("focus", () => {
    if (known().length > 0) list.show(suggest(known(), entry.value, items));
  });
  entry.addEventListener("keydown", (e) => {
    if (list.key(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      commit(entry.value);
    } else if (e.key === "Escape" && editing !== null) {
      e.preventDefault();
      editing = null;
      entry.value = "";
      draw();
    } else if (e.key === "Backspace" && entry.value === "" && editing === null && items.length > 0) {
      // Back into the last chip to edit it, as in a mail client's address field.
      editing = items.length - 1;
      entry.value = items[editing];
      e.preventDefault();
      draw();
    }
  });
  entry.addEventListener("blur", () => {
    list.hide();
    if (entry.value.trim() !== "" || editing !== null) commit(entry.value);
  });
  draw();
  return el("div", { class: "combo" }, box, list.list);
}
