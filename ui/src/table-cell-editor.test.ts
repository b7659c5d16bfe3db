// @vitest-environment happy-dom
// The one-cell editor on its own: the form's input built under the table's ids, its keys (Enter
// saves a changed value, closes on an unchanged one; Escape and Cancel close), the error line for
// an unreadable value and for a failed write, its busy state, when a click elsewhere may close
// it, and its placement under the cell, kept inside what the table shows. (Editing through the
// grid, and the write itself, are table-view.test.ts's.)
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CellEditor, type CellEditorHost, type CellEditorTarget } from "./table-cell-editor";

let host: CellEditorHost & { save: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> };

beforeEach(() => {
  document.body.replaceChildren();
  host = {
    known: (which) => (which === "tags" ? [{ value: "rust", count: 2 }] : []),
    dateStyle: () => "date",
    save: vi.fn(async () => {}),
    close: vi.fn(),
  };
});

function open(target: Partial<CellEditorTarget> = {}): CellEditor {
  const editor = new CellEditor({ path: "blog/a.md", key: "subtitle", label: "Subtitle", kind: "text", original: "Hello", ...target }, host);
  document.body.append(editor.el);
  editor.focus();
  return editor;
}

const key = (target: Element, k: string, init: KeyboardEventInit = {}) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init }));
const type = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
};
const textInput = (editor: CellEditor) => editor.el.querySelector<HTMLInputElement>("input[type=text], input:not([type])")!;

describe("building", () => {
  it("is a labelled dialog with the test ids, the table's own input ids, and the right hint", () => {
    const editor = open();
    const box = editor.el;
    expect(box.className).toBe("table-editor");
    expect(box.dataset.testid).toBe("table-editor");
    expect(box.getAttribute("role")).toBe("dialog");
    expect(box.getAttribute("aria-label")).toBe("Edit Subtitle");
    expect(box.dataset.key).toBe("subtitle");
    expect(box.dataset.path).toBe("blog/a.md");
    expect(box.querySelector("[data-testid=table-editor-save]")!.textContent).toBe("Save");
    expect(box.querySelector("[data-testid=table-editor-cancel]")!.textContent).toBe("Cancel");
    const error = box.querySelector<HTMLElement>("[data-testid=table-editor-error]")!;
    expect(error.hidden).toBe(true);
    expect(error.getAttribute("role")).toBe("alert");
    expect(box.querySelector(".table-editor-hint")!.textContent).toBe("Enter to save");
    const input = textInput(editor);
    expect(input.value).toBe("Hello");
    expect(input.id.startsWith("table-fm-")).toBe(true);
    expect(box.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect(document.activeElement).toBe(input);
  });

  it("offers chips for tags, saved with Ctrl+Enter", () => {
    const editor = open({ key: "tags", label: "Tags", kind: "list", original: ["rust"] });
    expect(editor.el.querySelector(".table-editor-hint")!.textContent).toBe("Ctrl+Enter to save");
    expect(editor.el.querySelectorAll("[data-testid=fm-tag]")).toHaveLength(1);
  });
});

describe("keys and buttons", () => {
  it("saves a changed value with Enter, and only closes on an unchanged one", async () => {
    const editor = open();
    key(textInput(editor), "Enter");
    await Promise.resolve();
    expect(host.save).not.toHaveBeenCalled();
    expect(host.close).toHaveBeenCalledTimes(1);
    type(textInput(editor), "Hello, world");
    key(textInput(editor), "Enter");
    await Promise.resolve();
    expect(host.save).toHaveBeenCalledWith("Hello, world");
  });

  it("closes with Escape and Cancel, writing nothing", () => {
    const editor = open();
    type(textInput(editor), "changed");
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true });
    textInput(editor).dispatchEvent(escape);
    expect(escape.defaultPrevented).toBe(true);
    editor.el.querySelector<HTMLElement>("[data-testid=table-editor-cancel]")!.click();
    expect(host.close).toHaveBeenCalledTimes(2);
    expect(host.save).not.toHaveBeenCalled();
  });

  it("says why a value cannot be saved, and clears that when the writer types", async () => {
    const editor = open({ key: "extra", label: "Extra", kind: "raw", original: undefined });
    type(textInput(editor), "[a, b");
    editor.el.querySelector<HTMLElement>("[data-testid=table-editor-save]")!.click();
    await Promise.resolve();
    expect(host.save).not.toHaveBeenCalled();
    const error = editor.el.querySelector<HTMLElement>("[data-testid=table-editor-error]")!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).not.toBe("");
    type(textInput(editor), "[a, b]");
    expect(error.hidden).toBe(true);
  });

  it("does nothing more once removed", async () => {
    const editor = open();
    type(textInput(editor), "changed");
    expect(editor.remove()).toBe(true);
    expect(editor.el.isConnected).toBe(false);
    await editor.commit();
    expect(host.save).not.toHaveBeenCalled();
  });
});

describe("saving", () => {
  it("is busy while a write is out, and shows a failed write's message with the value kept", () => {
    const editor = open();
    type(textInput(editor), "changed");
    editor.setSaving(true);
    expect(editor.saving).toBe(true);
    expect(editor.el.classList.contains("saving")).toBe(true);
    expect([...editor.el.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input")].every((c) => c.disabled)).toBe(true);
    editor.setSaving(false);
    expect(editor.el.classList.contains("saving")).toBe(false);
    expect([...editor.el.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input")].some((c) => c.disabled)).toBe(false);
    editor.fail("blog/a.md is read-only");
    const error = editor.el.querySelector<HTMLElement>("[data-testid=table-editor-error]")!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe("blog/a.md is read-only");
    expect(textInput(editor).value).toBe("changed");
    expect(document.activeElement).toBe(textInput(editor));
  });

  it("lets a click elsewhere close it only while untouched and not saving", () => {
    const editor = open();
    const outside = document.createElement("div");
    document.body.append(outside);
    expect(editor.dismissible(outside)).toBe(true);
    expect(editor.dismissible(textInput(editor))).toBe(false);
    editor.setSaving(true);
    expect(editor.dismissible(outside)).toBe(false);
    editor.setSaving(false);
    type(textInput(editor), "changed");
    expect(editor.dismissible(outside)).toBe(false);
  });
});

describe("placement", () => {
  const scroller = (scrollLeft: number, clientWidth: number) => {
    const node = document.createElement("div");
    Object.defineProperty(node, "scrollLeft", { value: scrollLeft });
    Object.defineProperty(node, "clientWidth", { value: clientWidth });
    return node;
  };

  it("opens under its cell, at least 280 and at most 480 pixels wide by the cell's width", () => {
    const editor = open();
    editor.place({ top: 96, left: 136, width: 200 }, scroller(0, 2000));
    expect(editor.el.style.top).toBe("96px");
    expect(editor.el.style.left).toBe("136px");
    expect(editor.el.style.minWidth).toBe("280px");
    editor.place({ top: 96, left: 136, width: 900 }, scroller(0, 2000));
    expect(editor.el.style.minWidth).toBe("480px");
  });

  it("opens leftwards at the window's right edge, and never left of what shows", () => {
    const editor = open();
    editor.place({ top: 64, left: 900, width: 200 }, scroller(0, 1000));
    expect(editor.el.style.left).toBe(`${1000 - 280 - 8}px`);
    editor.place({ top: 64, left: 900, width: 200 }, scroller(500, 200));
    expect(editor.el.style.left).toBe("504px");
    // Before layout (no width yet) the cell's own left stands.
    editor.place({ top: 64, left: 900, width: 200 }, scroller(0, 0));
    expect(editor.el.style.left).toBe("900px");
  });
});
