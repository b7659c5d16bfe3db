// @vitest-environment happy-dom
// The spelling and grammar switch: on by default, kept in localStorage, heard by listeners, and
// shown in the Settings dialog.
import { afterEach, describe, expect, it } from "vitest";
import { onProseLintChange, proseLintEnabled, resetProseLintSetting, setProseLintEnabled } from "./prose-setting";
import { SettingsDialog } from "./settings-dialog";

afterEach(() => {
  localStorage.clear();
  resetProseLintSetting();
  document.body.replaceChildren();
});

describe("the spelling and grammar setting", () => {
  it("is on unless turned off, and remembered", () => {
    expect(proseLintEnabled()).toBe(true);
    const heard: boolean[] = [];
    onProseLintChange((on) => heard.push(on));
    setProseLintEnabled(false);
    setProseLintEnabled(false);
    expect(heard).toEqual([false]);
    expect(localStorage.getItem("postdesk.proseLint")).toBe("off");
    resetProseLintSetting();
    expect(proseLintEnabled()).toBe(false);
  });

  it("is the Settings dialog's checkbox", () => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    const dialog = new SettingsDialog(() => undefined);
    dialog.open({ autosave: true, theme: "system", fontSize: 15 });
    const box = document.querySelector<HTMLInputElement>("[data-testid=prose-lint-toggle]")!;
    expect(box.checked).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect(proseLintEnabled()).toBe(false);
    expect(localStorage.getItem("postdesk.proseLint")).toBe("off");
  });
});
