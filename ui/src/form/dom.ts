// The DOM helpers the form's modules share: an element with attributes and children, built
// with `textContent` and `setAttribute` only, so a post's values (titles, tags, URLs) are always
// text on the page and never markup; and prefixed ids for a copy of a field drawn elsewhere.

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** Gives every id under `root` a prefix and points its labels (`for`) and `aria-controls` at
 *  the new ids. A field's inputs take ids from their keys (`fm-title`); a copy of one drawn in
 *  the table's editor or the bulk bar takes a prefix, so the desk's form keeps its own. */
export function prefixIds(root: HTMLElement, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const node of root.querySelectorAll<HTMLElement>("[id]")) {
    renamed.set(node.id, prefix + node.id);
    node.id = prefix + node.id;
  }
  for (const attr of ["for", "aria-controls"]) {
    for (const node of root.querySelectorAll<HTMLElement>(`[${attr}]`)) {
      const to = renamed.get(node.getAttribute(attr)!);
      if (to) node.setAttribute(attr, to);
    }
  }
}
