// @vitest-environment happy-dom
// The popup's element: what it offers for spelling and grammar, and its keys.
import { describe, expect, it } from "vitest";
import type { ProseLint } from "./ipc/bindings/Prose";
import { buildPopup, type PopupActions } from "./prose-popup";

const lint = (rule: string, suggestions: string[]): ProseLint => ({ rule, start: 0, end: 3, text: "teh", message: "Did you mean “the”?", suggestions });

function actions(): PopupActions & { log: string[] } {
  const log: string[] = [];
  return { log, suggest: (s) => log.push(`suggest:${s}`), ignore: () => log.push("ignore"), addWord: () => log.push("add"), close: () => log.push("close") };
}

describe("the prose popup", () => {
  it("shows the message, the suggestions, Ignore and Add to dictionary for spelling", () => {
    const a = actions();
    const el = buildPopup(lint("spelling", ["the", "", "tea"]), true, a);
    expect(el.dataset.testid).toBe("prose-popup");
    expect(el.querySelector(".prose-popup-message")!.textContent).toBe("Did you mean “the”?");
    const buttons = [...el.querySelectorAll<HTMLButtonElement>("[data-testid=prose-suggestion]")];
    expect(buttons.map((b) => b.textContent)).toEqual(["the", "Remove", "tea"]);
    buttons[1].click();
    el.querySelector<HTMLButtonElement>("[data-testid=prose-ignore]")!.click();
    el.querySelector<HTMLButtonElement>("[data-testid=prose-add-word]")!.click();
    expect(a.log).toEqual(["suggest:", "ignore", "add"]);
  });

  it("has no Add to dictionary for grammar, and no suggestions in a read-only post", () => {
    const grammar = buildPopup(lint("grammar", ["the"]), true, actions());
    expect(grammar.querySelector("[data-testid=prose-add-word]")).toBeNull();
    const readOnly = buildPopup(lint("spelling", ["the"]), false, actions());
    expect(readOnly.querySelector("[data-testid=prose-suggestion]")).toBeNull();
    expect(readOnly.querySelector("[data-testid=prose-ignore]")).not.toBeNull();
  });

  it("keeps the focus where it is on a mouse press, closes on Escape, and moves with the arrows", () => {
    const a = actions();
    const el = buildPopup(lint("spelling", ["the", "tea"]), true, a);
    document.body.append(el);
    const press = new MouseEvent("mousedown", { bubbles: true, cancelable: true });
    el.querySelector("button")!.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    const buttons = [...el.querySelectorAll<HTMLButtonElement>("button")];
    buttons[0].focus();
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    expect(document.activeElement).toBe(buttons[1]);
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expect(document.activeElement).toBe(buttons[buttons.length - 1]);
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(a.log).toEqual(["close"]);
    el.remove();
  });
});
