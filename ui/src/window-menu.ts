// The window's native menu bar (GTK under Linux), built from the action registry and rebuilt
// when actions come and go. Items carry no accelerators on purpose: GTK runs a menu
// accelerator before the web view sees the key, so Ctrl+B, Ctrl+F or Ctrl+Z would be taken from
// the editor and the text fields. Shortcuts are handled in the page (desk.ts) and shown in the
// palette; the menu is reached with the mouse, F10 or Alt plus a menu's underlined letter.
import { Menu } from "@tauri-apps/api/menu";
import type { ActionRegistry } from "./actions";

/** GTK reads `&` as the mnemonic marker; a literal one is doubled. */
function menuText(text: string): string {
  return text.replace(/&/g, "&&");
}

type ItemOptions = { id: string; text: string; action: () => void };
type SubmenuOptions = { text: string; items: Array<ItemOptions | SubmenuOptions> };

export function menuModel(registry: ActionRegistry): SubmenuOptions[] {
  return registry.menus().map(({ menu, actions }) => {
    const items: Array<ItemOptions | SubmenuOptions> = [];
    const submenus = new Map<string, SubmenuOptions>();
    for (const action of actions) {
      const item: ItemOptions = { id: `action:${action.id}`, text: menuText(action.title), action: () => void registry.run(action.id) };
      if (!action.submenu) {
        items.push(item);
        continue;
      }
      let sub = submenus.get(action.submenu);
      if (!sub) {
        sub = { text: menuText(action.submenu), items: [] };
        submenus.set(action.submenu, sub);
        items.push(sub);
      }
      sub.items.push(item);
    }
    return { text: `&${menu}`, items };
  });
}

export function installWindowMenu(registry: ActionRegistry, onError: (e: unknown) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const build = async () => {
    try {
      const menu = await Menu.new({ items: menuModel(registry) });
      await menu.setAsWindowMenu();
    } catch (e) {
      onError(e);
    }
  };
  // Many actions register at start-up: build once they have.
  registry.onChange(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void build(), 50);
  });
  void build();
}
