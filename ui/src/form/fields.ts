// One front-matter field's row in the form: its label, its remove button, and the input its
// kind calls for: text or long text (with the folder's known values suggested where the field
// has them), a date or datetime as its literal text with a native picker beside it, a switch,
// a number, an image URL with a thumbnail, a raw YAML value checked as typed, a declared
// choice as a select, and a list as chips (chips.ts). Nested maps are drawn as one box of rows.
// What the site's generator declares shows quietly: a "required" marker by the label, a length
// counter against a declared maximum, a declared default as the empty input's placeholder.
// Every input reports the writer's value through `FieldHost.edited`; which input a field gets
// is form/model.ts's decision, and the form (view.ts) owns the values. This module draws and reports, and never keeps or
// changes the form's state itself.
import type { DateStyle, ValueCount } from "../ipc/bindings/Schema";
import { chipInput } from "./chips";
import { applyPicked, dateKindFor, pickerValue } from "./dates";
import { el } from "./dom";
import { thumbnailUrl } from "./image-url";
import { hasDefault, textOf, type FieldSpec, type GroupSpec, type InputValue } from "./model";
import { Suggestions } from "./suggestions";
import { suggest } from "./tags";
import { parseFlow, parseNumber } from "./values";

export interface FieldHost {
  /** The writer changed a field's input. */
  edited(key: string, value: InputValue): void;
  /** The folder's known values for a field's suggestions, read when they are shown. */
  known(which: FieldSpec["suggest"]): ValueCount[];
  /** The folder's date style (the schema's), which the date picker writes. */
  dateStyle(): DateStyle | null;
  /** The open post's path, which site-relative image URLs resolve against; null for none. */
  postPath(): string | null;
  /** Whether a field can be removed (it is in the post, or the writer added it). */
  removable(spec: FieldSpec): boolean;
  remove(key: string): void;
}

/** A thumbnail's frame, and how to show another URL in it. */
type Thumbnail = HTMLElement & { update: (value: string) => void };

const idFor = (key: string) => `fm-${key.replace(/[^\w-]/g, "_")}`;

/** One field's row: its label, its remove button when it can go, and the input its kind calls
 *  for. `input` is what the input shows (the writer's value, or the post's). In a group, an
 *  image URL's thumbnail is the group's, found through the fieldset. */
export function fieldRow(spec: FieldSpec, input: InputValue, host: FieldHost, inGroup = false): HTMLElement {
  const id = idFor(spec.key);
  const row = el("div", { class: `field field-${spec.kind}${spec.key === "title" ? " field-title" : ""}` });
  row.dataset.field = spec.key;
  const label = el("label", { class: "field-label", for: id, title: spec.key }, spec.label);
  const head = el("div", { class: "field-head" }, label);
  if (spec.required) {
    row.dataset.required = "true";
    head.append(requiredMarker(spec.declared?.source ?? ""));
  }
  const counter = lengthCounter(spec, String(input));
  if (counter) {
    head.append(counter);
    row.addEventListener("input", (e) => counter.update((e.target as HTMLInputElement | HTMLTextAreaElement).value));
  }
  if (host.removable(spec)) head.append(removeButton(spec.key, spec.label, (k) => host.remove(k)));
  const notes = el("div", { class: "field-notes", "aria-live": "polite" });
  /** The declared default's text, for a field the post lacks; null when there is none. */
  const fallback = spec.original === undefined && hasDefault(spec.declared) ? textOf(spec.declared.default) : null;
  const defaultTitle = spec.declared ? `Default from ${spec.declared.source}; not written unless you change it` : "";

  const textInput = (multiline: boolean): HTMLInputElement | HTMLTextAreaElement => {
    const control = multiline ? el("textarea", { rows: "2" }) : el("input", { type: "text" });
    control.id = id;
    control.name = spec.key;
    control.dataset.testid = "fm-field";
    control.dataset.key = spec.key;
    control.value = String(input);
    control.spellcheck = spec.kind === "text" || spec.kind === "longtext";
    if (fallback) {
      control.placeholder = fallback;
      control.title = defaultTitle;
    }
    return control;
  };

  switch (spec.kind) {
    case "bool": {
      const box = el("input", { type: "checkbox", role: "switch" });
      box.id = id;
      box.name = spec.key;
      box.dataset.testid = "fm-field";
      box.dataset.key = spec.key;
      box.checked = input === true;
      box.addEventListener("change", () => host.edited(spec.key, box.checked));
      const toggle = el("label", { class: "toggle", for: id }, box, el("span", {}, spec.label));
      const headRow = el("div", { class: "field-head" }, toggle);
      if (spec.required) headRow.append(requiredMarker(spec.declared?.source ?? ""));
      if (fallback) headRow.append(el("span", { class: "default-hint", "data-testid": "default-hint", "data-for": spec.key, title: defaultTitle }, `default: ${fallback}`));
      if (host.removable(spec)) headRow.append(removeButton(spec.key, spec.label, (k) => host.remove(k)));
      row.append(headRow);
      return row;
    }
    case "list": {
      const chips = chipInput(spec, id, input as string[], notes, host);
      const entry = chips.querySelector<HTMLInputElement>(".chip-entry");
      if (fallback && entry) {
        entry.placeholder = `default: ${fallback}`;
        entry.title = defaultTitle;
      }
      row.append(head, chips, notes);
      return row;
    }
    case "select": {
      const select = choiceSelect(spec, id, String(input), fallback);
      select.addEventListener("change", () => host.edited(spec.key, select.value));
      row.append(head, select);
      return row;
    }
    case "date":
    case "datetime": {
      const text = textInput(false) as HTMLInputElement;
      text.classList.add("date-text");
      text.placeholder = fallback || (spec.kind === "date" ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM:SS+HH:MM");
      const pickKind = dateKindFor(text.value, host.dateStyle());
      const picker = el("input", { type: pickKind === "date" ? "date" : "datetime-local", class: "date-picker", "aria-label": `Pick the ${spec.label.toLowerCase()}`, "data-testid": "fm-date-picker", "data-for": spec.key });
      if (pickKind === "datetime") picker.step = "1";
      const supported = picker.type !== "text";
      picker.hidden = !supported;
      picker.value = pickerValue(text.value, pickKind);
      text.addEventListener("input", () => {
        picker.value = pickerValue(text.value, pickKind);
        host.edited(spec.key, text.value);
      });
      picker.addEventListener("change", () => {
        const offset = -new Date(picker.value || Date.now()).getTimezoneOffset();
        text.value = applyPicked(text.value, picker.value, pickKind, host.dateStyle(), offset);
        host.edited(spec.key, text.value);
      });
      row.append(head, el("div", { class: "date-input" }, text, picker));
      return row;
    }
    case "image": {
      const text = textInput(false) as HTMLInputElement;
      text.spellcheck = false;
      if (inGroup) {
        text.addEventListener("input", () => {
          host.edited(spec.key, text.value);
          const thumb = text.closest("fieldset")?.querySelector(".thumb") as Partial<Thumbnail> | null;
          thumb?.update?.(text.value);
        });
        row.append(head, text);
      } else {
        const thumb = thumbnail(text.value, host);
        text.addEventListener("input", () => {
          host.edited(spec.key, text.value);
          thumb.update(text.value);
        });
        row.append(head, el("div", { class: "image-input" }, thumb, text));
      }
      return row;
    }
    case "number": {
      const text = textInput(false) as HTMLInputElement;
      text.inputMode = "decimal";
      const note = () => {
        const value = parseNumber(text.value);
        const d = spec.declared;
        const bound =
          typeof value !== "number" || !d || d.type !== "number"
            ? null
            : d.min !== null && value < d.min
              ? `Below the declared minimum, ${d.min} (${d.source}).`
              : d.max !== null && value > d.max
                ? `Above the declared maximum, ${d.max} (${d.source}).`
                : null;
        notes.replaceChildren(
          ...(typeof value === "string" ? [el("p", { class: "warn" }, "Not a number; it will be saved as text.")] : []),
          ...(bound ? [el("p", { class: "warn", "data-testid": "bound-note" }, bound)] : []),
        );
      };
      return checkedRow(row, head, text, notes, () => host.edited(spec.key, text.value), note);
    }
    case "raw": {
      const text = textInput(false) as HTMLInputElement;
      text.classList.add("raw-value");
      text.title = "A YAML value, such as [a, b] or {url: /x.png}";
      const note = () => {
        const parsed = parseFlow(text.value);
        text.setAttribute("aria-invalid", String(!parsed.ok));
        notes.replaceChildren(...(parsed.ok ? [] : [el("p", { class: "error", "data-testid": "fm-field-error" }, parsed.message)]));
      };
      return checkedRow(row, head, text, notes, () => host.edited(spec.key, text.value), note);
    }
    default: {
      const text = textInput(spec.kind === "longtext");
      if (spec.suggest && text instanceof HTMLInputElement) {
        const list = new Suggestions(text, `${id}-suggestions`, (value) => {
          text.value = value;
          list.hide();
          host.edited(spec.key, value);
        });
        const known = () => host.known(spec.suggest);
        text.addEventListener("input", () => {
          host.edited(spec.key, text.value);
          list.show(suggest(known(), text.value, [text.value]));
        });
        text.addEventListener("focus", () => list.show(suggest(known(), text.value, [text.value])));
        text.addEventListener("blur", () => list.hide());
        text.addEventListener("keydown", (e) => {
          if (list.key(e)) e.preventDefault();
        });
        row.append(head, el("div", { class: "combo" }, text, list.list));
      } else {
        text.addEventListener("input", () => host.edited(spec.key, text.value));
        row.append(head, text);
      }
      return row;
    }
  }
}

/** A nested map's fields in one box (`image.url` and `image.alt` under "Image"), with a
 *  thumbnail when one of them is an image URL. `removable` says whether the map itself is in
 *  the post, so it can be removed whole. */
export function groupBox(group: GroupSpec, specs: FieldSpec[], removable: boolean, inputOf: (spec: FieldSpec) => InputValue, host: FieldHost): HTMLElement {
  const { key, label } = group;
  const legend = el("legend", {}, el("span", { class: "field-label" }, label));
  if (group.required) legend.append(requiredMarker(group.declared?.source ?? ""));
  if (removable) legend.append(removeButton(key, label, (k) => host.remove(k)));
  const box = el("fieldset", { class: "field-group", "data-group": key }, legend);
  const urlSpec = specs.find((s) => s.kind === "image");
  const rows = specs.map((s) => fieldRow(s, inputOf(s), host, true));
  if (urlSpec) {
    const thumb = thumbnail(String(inputOf(urlSpec)), host);
    box.classList.add("with-thumb");
    box.append(thumb, el("div", { class: "group-fields" }, ...rows));
  } else {
    box.append(el("div", { class: "group-fields" }, ...rows));
  }
  return box;
}

/** The image a URL field points at, small, or why it is not shown; `update` follows the
 *  field as the writer types. */
function thumbnail(url: string, host: FieldHost): Thumbnail {
  const frame = el("div", { class: "thumb", "data-testid": "fm-thumbnail" });
  const note = el("span", { class: "thumb-note" });
  const img = el("img", { alt: "", loading: "lazy" });
  const show = (value: string) => {
    const path = host.postPath();
    const src = path !== null ? thumbnailUrl(value.trim(), path) : null;
    frame.classList.remove("missing");
    note.textContent = "";
    if (src) {
      img.hidden = false;
      if (img.getAttribute("src") !== src) img.src = src;
    } else {
      img.hidden = true;
      img.removeAttribute("src");
      note.textContent = value.trim() === "" ? "No image" : "Not shown";
    }
  };
  img.addEventListener("error", () => {
    img.hidden = true;
    frame.classList.add("missing");
    note.textContent = "Not found";
  });
  frame.append(img, note);
  show(url);
  return Object.assign(frame, { update: show });
}

/** The quiet "required" by a label, saying where the generator requires the field. */
function requiredMarker(source: string): HTMLElement {
  const why = source ? `Required by ${source}` : "Required by the site's schema";
  return el("span", { class: "required-marker", "data-testid": "required-marker", title: why, "aria-label": why }, "required");
}

/** `12 / 150` against a text's declared maximum length (as the generator counts: UTF-16 code
 *  units, like JavaScript's `length` and zod's `.max()`), marked when over; null when the
 *  field declares none. */
function lengthCounter(spec: FieldSpec, start: string): (HTMLElement & { update: (value: string) => void }) | null {
  const d = spec.declared;
  if (!d || d.max === null || (d.type !== "text" && d.type !== "longText")) return null;
  if (spec.kind !== "text" && spec.kind !== "longtext" && spec.kind !== "image") return null;
  const max = d.max;
  const counter = el("span", { class: "length-counter", "data-testid": "length-counter", "data-for": spec.key, title: `At most ${max} characters (${d.source})` });
  const update = (value: string) => {
    counter.textContent = `${value.length} / ${max}`;
    counter.dataset.over = String(value.length > max);
  };
  update(start);
  return Object.assign(counter, { update });
}

/** A select of a declared field's options. A value that is not one of them stays, first and
 *  marked, so opening the post never changes it; an empty field offers a blank (showing the
 *  declared default when there is one). */
function choiceSelect(spec: FieldSpec, id: string, current: string, fallback: string | null): HTMLSelectElement {
  const select = el("select", { class: "field-select", "data-testid": "field-select" });
  select.id = id;
  select.name = spec.key;
  select.dataset.key = spec.key;
  const options = spec.declared?.options ?? [];
  if (current === "" && !options.includes("")) {
    select.append(el("option", { value: "", class: "blank" }, fallback ? `default: ${fallback}` : "—"));
  } else if (!options.includes(current)) {
    select.append(el("option", { value: current, "data-stray": "true" }, `${current} (not an option)`));
  }
  select.append(...options.map((o) => el("option", { value: o }, o)));
  select.value = current;
  const mark = () => {
    const stray = select.value !== "" && !options.includes(select.value);
    select.dataset.stray = String(stray);
    select.title = stray ? `Not one of the options ${spec.declared?.source ? `declared in ${spec.declared.source}` : "declared"}` : "";
  };
  mark();
  select.addEventListener("change", mark);
  return select;
}

/** The × that removes a field (or a group) from the front matter. */
function removeButton(key: string, label: string, remove: (key: string) => void): HTMLButtonElement {
  const button = el("button", {
    type: "button",
    class: "field-remove",
    "aria-label": `Remove the field ${label}`,
    title: `Remove “${key}” from the front matter`,
    "data-testid": "fm-remove",
    "data-key": key,
  });
  button.textContent = "×";
  button.addEventListener("click", () => remove(key));
  return button;
}

/** A row whose value is checked as it is typed: each edit is reported, then `check` redraws
 *  the notes under the input (a number that is not one, YAML that does not parse). */
function checkedRow(
  row: HTMLElement,
  head: HTMLElement,
  input: HTMLInputElement,
  notes: HTMLElement,
  edited: () => void,
  check: () => void,
): HTMLElement {
  input.addEventListener("input", () => {
    edited();
    check();
  });
  check();
  row.append(head, input, notes);
  return row;
}
