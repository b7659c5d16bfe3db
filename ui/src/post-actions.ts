// Post actions: new post, rename, duplicate, move to the trash. Each is a plain async function
// (ids `new-post`, `rename-post`, `duplicate-post`, `delete-post` in POST_ACTIONS) so the
// buttons, a menu or the command palette run the same code. The backend decides names and
// templates and never overwrites or hard-deletes; this module asks the writer (small native
// <dialog>s) and hands the result to the window through the host main.ts installs.
import { asAppError, duplicatePost, newPost, newTranslation, renamePost, trashPost } from "./ipc/commands";
import type { AppError } from "./ipc/bindings/AppError";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import { folderOf, stemOf } from "./post-paths";

export interface PostActionsHost {
  /** The open post as last read or saved, or null. */
  current(): PostDocument | null;
  /** True when the open post has unsaved changes. */
  dirty(): boolean;
  /** Saves the open post if it has unsaved changes; false when it could not. */
  settle(): Promise<boolean>;
  /** Shows a post an action just wrote, as if it had been opened from the list. */
  show(doc: PostDocument): void;
  /** Closes the open post (it was moved to the trash). */
  close(): void;
  notice(error: AppError | null): void;
  info(message: string): void;
}

let host: PostActionsHost | null = null;

/** The writer's local time as RFC 3339 with its offset: the backend's "today". */
export function localNow(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? "Z" : `${offset > 0 ? "+" : "-"}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`
  );
}

interface FieldSpec {
  name: string;
  label: string;
  kind: "text" | "checkbox";
  value: string | boolean;
  placeholder?: string;
  hint?: string;
}

interface DialogSpec {
  /** Test ids derive from it: `${id}-dialog`, `${id}-${field}`, `${id}-confirm`, `${id}-cancel`. */
  id: string;
  heading: string;
  note?: string;
  fields: FieldSpec[];
  confirm: string;
  danger?: boolean;
  /** The first text field must not be empty. */
  required?: boolean;
}

type Answers = Record<string, string | boolean>;

/** Shows a modal dialog and resolves with the answers, or null when the writer cancels (the
 *  Cancel button or Escape). Enter in a text field confirms. */
function ask(spec: DialogSpec): Promise<Answers | null> {
  const dialog = document.createElement("dialog");
  dialog.className = "action-dialog";
  dialog.dataset.testid = `${spec.id}-dialog`;
  const form = document.createElement("form");
  form.method = "dialog";
  const heading = document.createElement("h2");
  heading.id = `${spec.id}-heading`;
  heading.textContent = spec.heading;
  dialog.setAttribute("aria-labelledby", heading.id);
  form.append(heading);
  if (spec.note) {
    const note = document.createElement("p");
    note.className = "dialog-note";
    note.id = `${spec.id}-note`;
    note.textContent = spec.note;
    dialog.setAttribute("aria-describedby", note.id);
    form.append(note);
  }
  const inputs = new Map<string, HTMLInputElement>();
  for (const field of spec.fields) {
    const row = document.createElement("label");
    row.className = `dialog-field dialog-${field.kind}`;
    const input = document.createElement("input");
    input.type = field.kind;
    input.name = field.name;
    input.dataset.testid = `${spec.id}-${field.name}`;
    if (field.kind === "checkbox") input.checked = field.value === true;
    else {
      input.value = String(field.value);
      input.spellcheck = false;
      input.autocomplete = "off";
      if (field.placeholder) input.placeholder = field.placeholder;
    }
    const label = document.createElement("span");
    label.textContent = field.label;
    row.append(...(field.kind === "checkbox" ? [input, label] : [label, input]));
    if (field.hint) {
      const hint = document.createElement("small");
      hint.textContent = field.hint;
      row.append(hint);
    }
    inputs.set(field.name, input);
    form.append(row);
  }
  const buttons = document.createElement("div");
  buttons.className = "dialog-buttons";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.textContent = "Cancel";
  cancel.dataset.testid = `${spec.id}-cancel`;
  const confirm = document.createElement("button");
  confirm.type = "submit";
  confirm.value = "ok";
  confirm.className = spec.danger ? "danger" : "primary";
  confirm.textContent = spec.confirm;
  confirm.dataset.testid = `${spec.id}-confirm`;
  buttons.append(cancel, confirm);
  form.append(buttons);
  dialog.append(form);
  document.body.append(dialog);

  const first = spec.fields.find((f) => f.kind === "text");
  const firstInput = first ? inputs.get(first.name)! : null;
  if (spec.required && firstInput) {
    const update = () => (confirm.disabled = firstInput.value.trim() === "");
    firstInput.addEventListener("input", update);
    update();
  }
  return new Promise((resolve) => {
    cancel.addEventListener("click", () => dialog.close("cancel"));
    dialog.addEventListener("close", () => {
      const answers: Answers = {};
      for (const [name, input] of inputs) answers[name] = input.type === "checkbox" ? input.checked : input.value;
      dialog.remove();
      resolve(dialog.returnValue === "ok" ? answers : null);
    });
    dialog.showModal();
    // A text field gets the focus with its text selected; a confirmation focuses Cancel, so a
    // stray Enter never moves a post to the trash.
    if (firstInput) {
      firstInput.focus();
      firstInput.select();
    } else {
      cancel.focus();
    }
  });
}

function requireHost(): PostActionsHost {
  if (!host) throw new Error("post actions are not installed");
  return host;
}

async function run<T>(work: () => Promise<T>): Promise<T | null> {
  const h = requireHost();
  try {
    return await work();
  } catch (e) {
    h.notice(asAppError(e));
    return null;
  }
}

/** Focuses the open post's title field, its text selected, for typing over the new title. */
function focusTitle(doc: PostDocument): void {
  const key = doc.roles.title ?? "title";
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `[data-testid=fm-field][data-key="${CSS.escape(key)}"]`,
  );
  input?.focus();
  input?.select();
}

/** Asks for a title (and optionally a folder) and creates the post from the folder's template. */
export async function createPost(): Promise<void> {
  const h = requireHost();
  const open = h.current();
  const answers = await ask({
    id: "new-post",
    heading: "New post",
    note: "The file name comes from the title. The post starts as the folder's usual front matter, dated today.",
    fields: [
      { name: "title", label: "Title", kind: "text", value: "", placeholder: "What is it about?" },
      {
        name: "folder",
        label: "Folder (optional)",
        kind: "text",
        value: open ? folderOf(open.path) : "",
        placeholder: "the posts folder itself",
        hint: "A folder inside the posts folder, such as 2025/notes.",
      },
    ],
    confirm: "Create",
    required: true,
  });
  if (!answers) return;
  if (!(await h.settle())) return;
  const doc = await run(() =>
    newPost({ title: String(answers.title), folder: String(answers.folder) || null, now: localNow(new Date()) }),
  );
  if (!doc) return;
  h.notice(null);
  h.show(doc);
  focusTitle(doc);
}

/** Renames the open post's file, and its `slug` key when it has one and the writer agrees. */
export async function renameOpenPost(): Promise<void> {
  const h = requireHost();
  const open = h.current();
  if (!open) return;
  const hasSlug = typeof open.frontMatter.slug === "string";
  const fields: FieldSpec[] = [
    { name: "name", label: "New file name", kind: "text", value: stemOf(open.path), hint: "Written as a slug; the extension and folder stay." },
  ];
  if (hasSlug) fields.push({ name: "slug", label: "Also change the slug field", kind: "checkbox", value: true });
  const answers = await ask({ id: "rename", heading: "Rename post", note: open.path, fields, confirm: "Rename", required: true });
  if (!answers) return;
  if (!(await h.settle())) return;
  const saved = h.current();
  if (!saved || saved.path !== open.path) return;
  const doc = await run(() =>
    renamePost({ path: saved.path, baseHash: saved.baseHash, newName: String(answers.name), setSlug: answers.slug === true }),
  );
  if (!doc) return;
  h.notice(null);
  h.show(doc);
}

/** Copies the open post beside itself and opens the copy. */
export async function duplicateOpenPost(): Promise<void> {
  const h = requireHost();
  const open = h.current();
  if (!open) return;
  if (!(await h.settle())) return;
  const doc = await run(() => duplicatePost(open.path));
  if (!doc) return;
  h.notice(null);
  h.show(doc);
  h.info(`Copied ${open.path} to ${doc.path}.`);
}

/** Writes the open post's translation into `lang` (its front matter, an empty body) and opens
 *  it, as a new post opens; the open post is saved first. */
export async function translateOpenPost(lang: string): Promise<void> {
  const h = requireHost();
  const open = h.current();
  if (!open) return;
  if (!(await h.settle())) return;
  const doc = await run(() => newTranslation({ path: open.path, lang }));
  if (!doc) return;
  h.notice(null);
  h.show(doc);
  h.info(`Started the ${lang} translation of ${open.path} as ${doc.path}.`);
}

/** After a confirmation, moves the open post to the system trash and closes it. */
export async function deleteOpenPost(): Promise<void> {
  const h = requireHost();
  const open = h.current();
  if (!open) return;
  const title = typeof open.frontMatter[open.roles.title ?? "title"] === "string" ? String(open.frontMatter[open.roles.title ?? "title"]) : open.path;
  const unsaved = h.dirty() ? " Its unsaved changes will be lost." : "";
  const answers = await ask({
    id: "delete",
    heading: `Move “${title}” to the trash?`,
    note: `${open.path} goes to the system trash, where you can restore it.${unsaved}`,
    fields: [],
    confirm: "Move to trash",
    danger: true,
  });
  if (!answers) return;
  const done = await run(async () => {
    await trashPost(open.path);
    return true;
  });
  if (!done) return;
  h.notice(null);
  h.close();
  h.info(`${open.path} was moved to the trash.`);
}

export interface PostAction {
  id: "new-post" | "rename-post" | "duplicate-post" | "delete-post";
  label: string;
  /** False when the action needs an open post and none is open. */
  enabled(): boolean;
  run(): Promise<void>;
}

/** The actions, for a command palette or a menu. */
export const POST_ACTIONS: PostAction[] = [
  { id: "new-post", label: "New post…", enabled: () => host !== null, run: createPost },
  { id: "rename-post", label: "Rename post…", enabled: () => host?.current() != null, run: renameOpenPost },
  { id: "duplicate-post", label: "Duplicate post", enabled: () => host?.current() != null, run: duplicateOpenPost },
  { id: "delete-post", label: "Move post to trash…", enabled: () => host?.current() != null, run: deleteOpenPost },
];

/** Connects the actions to the window and their buttons (`data-testid` = the action's id). */
export function installPostActions(h: PostActionsHost): void {
  host = h;
  for (const action of POST_ACTIONS) {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid=${action.id}]`);
    button?.addEventListener("click", () => void action.run());
  }
}
