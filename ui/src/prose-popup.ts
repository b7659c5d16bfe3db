// The small popup over an underlined word: the lint's message, up to five suggestions as
// buttons, Ignore, and Add to dictionary for a spelling mistake. It only builds the element and
// reports which button was chosen; what a choice does (the edit, the ignore, the dictionary)
// is prose-lint.ts's. Buttons never take the focus on a mouse press, so the writer's cursor
// stays in the text; from the keyboard (Ctrl+.) the first button is focused and Escape closes.
import type { ProseLint } from "./ipc/bindings/Prose";
import { ruleOf, suggestionLabel, topSuggestions } from "./prose-model";

export interface PopupActions {
  suggest(replacement: string): void;
  ignore(): void;
  /** Null where the word cannot be added (grammar, or no folder). */
  addWord: (() => void) | null;
  close(): void;
}

function button(label: string, testid: string, className: string, run: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.dataset.testid = testid;
  b.textContent = label;
  b.addEventListener("click", (e) => {
    e.preventDefault();
    run();
  });
  return b;
}

/** The popup's element for `lint`; `editable` false leaves the suggestions out (a read-only
 *  buffer is never changed). */
export function buildPopup(lint: ProseLint, editable: boolean, actions: PopupActions): HTMLElement {
  const rule = ruleOf(lint);
  const root = document.createElement("div");
  root.className = `prose-popup prose-popup-${rule}`;
  root.dataset.testid = "prose-popup";
  root.dataset.rule = rule;
  root.setAttribute("role", "dialog");
  root.setAttribute("aria-label", rule === "spelling" ? "Spelling" : "Grammar");

  const message = document.createElement("p");
  message.className = "prose-popup-message";
  message.textContent = lint.message;
  root.append(message);

  const suggestions = editable ? topSuggestions(lint) : [];
  if (suggestions.length > 0) {
    const list = document.createElement("div");
    list.className = "prose-suggestions";
    for (const s of suggestions) {
      const b = button(suggestionLabel(s), "prose-suggestion", "prose-suggestion", () => actions.suggest(s));
      if (s === "") b.title = `Remove “${lint.text}”`;
      else b.title = `Replace “${lint.text}” with “${s}”`;
      list.append(b);
    }
    root.append(list);
  }

  const more = document.createElement("div");
  more.className = "prose-popup-actions";
  const ignore = button("Ignore", "prose-ignore", "prose-quiet", () => actions.ignore());
  ignore.title = `Stop marking “${lint.text}” in this post until Postdesk closes`;
  more.append(ignore);
  if (rule === "spelling" && actions.addWord) {
    const add = button("Add to dictionary", "prose-add-word", "prose-quiet", actions.addWord);
    add.title = `Add “${lint.text}” to this site's words (postdesk.toml)`;
    more.append(add);
  }
  root.append(more);

  // A mouse press on a button keeps the editor's focus and selection.
  root.addEventListener("mousedown", (e) => e.preventDefault());
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      actions.close();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const buttons = [...root.querySelectorAll<HTMLButtonElement>("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : -1;
    buttons[(at + step + buttons.length) % buttons.length].focus();
  });
  return root;
}
