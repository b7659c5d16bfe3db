// The table view: a collection's posts as rows and their front-matter fields as columns, to scan
// and edit many posts without opening each. It owns the table's DOM (a virtual grid, so 10,000
// rows cost what 50 do), its header (sort, filters, column widths), the selection the bulk bar
// acts on, the keyboard, and the wiring: a switch written in place, a cell's write through the
// host (the app's bulk_edit) with the cell pending until it settles, and a failed switch's
// message on the status line. What shows, in what order and what is selected is table-model.ts's
// decision; the one-cell editor is table-cell-editor.ts (the form's own input, under its cell),
// and the Columns… popover is table-columns.ts. Post data goes in as text nodes only, never as
// markup.
import "./table.css";
import { metrics, record } from "./metrics";
import { asAppError } from "./ipc/errors";
import type { DateStyle, Schema, ValueCount } from "./ipc/bindings/Schema";
import { CellEditor } from "./table-cell-editor";
import { ColumnChooser } from "./table-columns";
import {
  TableSelection,
  alignRows,
  availableColumns,
  cellKind,
  cellText,
  cellValue,
  columnSpecs,
  countText,
  defaultColumns,
  defaultWidth,
  isPseudo,
  loadPrefs,
  nextSort,
  revealScrollTop,
  saveColumns,
  titleKey,
  visibleRange,
  visibleRows,
  MIN_WIDTH,
  type Column,
  type StorageLike,
  type TableRow,
  type TableSort,
} from "./table-model";

export interface TableHost {
  /** The writer edited one cell: write it (the app sends bulkEdit({paths:[path], op:{op:"set",
   *  key, value}})). Resolves when written; rejects with an AppError-like {message}. */
  editCell(path: string, key: string, value: unknown): Promise<void>;
  /** Open the post in the desk (double-click a row's title, or Enter on a row). */
  openPost(path: string): void;
  /** The selection changed (the bulk bar listens). */
  selectionChanged(paths: string[]): void;
  /** The folder's known tags / categories for chip suggestions. */
  known(which: "tags" | "categories"): ValueCount[];
  /** The folder's date style, which the date picker writes. */
  dateStyle(): DateStyle | null;
  /** Column choice changed; the app re-asks the backend for the values of these keys. */
  columnsChanged(keys: string[]): void;
}

/** Every row is this tall (table.css reads it from --table-row-height): the window math needs it. */
export const ROW_HEIGHT = 32;
/** Rows drawn above and below the viewport, so a fast scroll does not show blank space. */
const OVERSCAN = 10;
/** Before the table is laid out (no height yet): enough rows for a tall window. */
const FALLBACK_VIEWPORT = 800;
/** The leading column of row checkboxes. */
const SELECT_WIDTH = 36;
/** Chips drawn in a list cell; the rest is "+n" (the cell is one line anyway). */
const CHIPS_SHOWN = 6;

const cellId = (path: string, key: string) => `${path}\u0000${key}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

type Drawn = { el: HTMLElement; row: TableRow; version: number };

export class TableView {
  private readonly scroller: HTMLElement;
  private readonly header: HTMLElement;
  private readonly headRow: HTMLElement;
  private readonly filterRow: HTMLElement;
  private readonly body: HTMLElement;
  private readonly countEl: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly columnChooser: ColumnChooser;
  private readonly selectAllBox: HTMLInputElement;
  private readonly storage: StorageLike | null;

  private schema: Schema | null = null;
  private site = "";
  private collection = "";
  private columns: Column[] = [];
  private widths: Record<string, number> = {};
  /** Every row given, values aligned with `columns`. */
  private rows: TableRow[] = [];
  /** The rows shown, filtered and sorted. */
  private visible: TableRow[] = [];
  private indexByPath = new Map<string, number>();
  private filters: Record<string, string> = {};
  private sort: TableSort | null = null;
  private readonly sel = new TableSelection();
  private reportedSelection = "";
  /** The cursor's column: null when the row itself has the keyboard. */
  private cursorKey: string | null = null;
  private drawn = new Map<string, Drawn>();
  /** Bumped when the columns change, so drawn rows are rebuilt with the new cells. */
  private version = 0;
  private frame = 0;
  private editor: CellEditor | null = null;
  /** Cells being written, by path and key: drawn as pending until the write settles. */
  private pending = new Set<string>();
  private headerHeight = 0;
  private destroyed = false;
  private resizeObserver: ResizeObserver | null = null;
  /** The title's key in this collection (`title`): its cells open the post on a double-click. */
  private titleKey = "title";
  private readonly onDocumentPointer = (event: Event) => this.outsidePointer(event);

  constructor(
    private readonly root: HTMLElement,
    private readonly host: TableHost,
    storage: StorageLike | null = globalThis.localStorage ?? null,
  ) {
    this.storage = storage;
    root.replaceChildren();
    root.classList.add("table-view");
    root.dataset.testid = "table-view";
    root.style.setProperty("--table-row-height", `${ROW_HEIGHT}px`);

    const bar = el("div", "table-bar");
    this.countEl = el("span", "table-count", { "data-testid": "table-count", "aria-live": "polite" });
    this.statusEl = el("span", "table-status", { "data-testid": "table-error", role: "alert" });
    this.statusEl.hidden = true;
    this.columnChooser = new ColumnChooser({
      keys: () => this.keys(),
      schema: () => this.schema,
      setKeys: (keys) => this.setColumnKeys(keys, true),
      reset: () => this.resetColumns(),
    });
    const grow = el("span", "table-grow");
    bar.append(this.countEl, this.statusEl, grow, this.columnChooser.button, this.columnChooser.popover);

    this.scroller = el("div", "table-scroll", { role: "grid", "aria-multiselectable": "true", "aria-label": "Posts" });
    this.header = el("div", "table-header", { role: "rowgroup" });
    this.headRow = el("div", "table-head-row", { role: "row", "aria-rowindex": "1" });
    this.filterRow = el("div", "table-filter-row", { role: "row", "aria-rowindex": "2" });
    this.header.append(this.headRow, this.filterRow);
    this.body = el("div", "table-body", { role: "rowgroup" });
    this.scroller.append(this.header, this.body);
    root.append(bar, this.scroller);

    this.selectAllBox = el("input", "table-check", { type: "checkbox", "data-testid": "table-select-all", "aria-label": "Select all shown posts" });

    this.scroller.addEventListener("scroll", () => this.schedule(), { passive: true });
    this.scroller.addEventListener("keydown", (e) => this.onKey(e));
    this.body.addEventListener("mousedown", (e) => {
      // Shift-click selects rows, not the text between two clicks.
      if (e.shiftKey && !(e.target as Element).closest("input, .table-editor")) e.preventDefault();
    });
    this.body.addEventListener("click", (e) => this.onBodyClick(e));
    this.body.addEventListener("dblclick", (e) => this.onBodyDoubleClick(e));
    this.body.addEventListener("change", (e) => this.onBodyChange(e));
    this.headRow.addEventListener("click", (e) => this.onHeadClick(e));
    this.selectAllBox.addEventListener("change", () => {
      if (this.selectAllBox.checked) this.selectAllVisible();
      else {
        this.sel.clear();
        this.afterSelection();
      }
    });
    this.filterRow.addEventListener("input", (e) => {
      const input = e.target as HTMLInputElement;
      const key = input.dataset.key;
      if (!key) return;
      if (input.value.trim() === "") delete this.filters[key];
      else this.filters[key] = input.value;
      this.scroller.scrollTop = 0;
      this.refresh();
    });
    this.filterRow.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && (e.target as HTMLInputElement).value !== "") {
        e.preventDefault();
        e.stopPropagation();
        const input = e.target as HTMLInputElement;
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      } else if (e.key === "ArrowDown") {
        // From a filter down into the rows, as from the library's search box.
        e.preventDefault();
        e.stopPropagation();
        this.focus();
      }
    });
    document.addEventListener("pointerdown", this.onDocumentPointer, true);
    document.addEventListener("mousedown", this.onDocumentPointer, true);
    if (typeof ResizeObserver !== "undefined") {
      this.resizeObserver = new ResizeObserver(() => {
        this.headerHeight = 0;
        this.schedule();
      });
      this.resizeObserver.observe(this.scroller);
    }
    this.renderCount();
  }

  // ---- The app's API ----

  /** A collection's schema: its remembered columns (or the defaults) for a new collection; the
   *  same collection keeps the writer's columns, filters and sort. The app then asks the
   *  backend for `keys()` and calls `setRows`. */
  setSchema(schema: Schema, site: string, collection: string | null): void {
    const same = this.schema !== null && this.site === site && this.collection === (collection ?? "");
    this.schema = schema;
    this.titleKey = titleKey(schema);
    this.site = site;
    this.collection = collection ?? "";
    let keys: string[];
    if (same) keys = this.keys();
    else {
      const prefs = loadPrefs(this.storage, site, collection);
      const offered = new Set(availableColumns(schema));
      const remembered = prefs?.keys.filter((k) => offered.has(k)) ?? [];
      keys = remembered.length > 0 ? remembered : defaultColumns(schema);
      this.widths = prefs?.widths ?? {};
      this.filters = {};
      this.sort = null;
      this.rows = [];
      this.sel.clear();
      this.sel.anchor = null;
      this.sel.cursor = null;
      this.cursorKey = null;
      this.scroller.scrollTop = 0;
      this.closeEditor();
    }
    this.setColumnKeys(keys, false);
  }

  /** The posts, in the library's order (its search, filters and sort). `keys` are the keys
   *  their values were read for (TableRows.keys), when they may differ from `keys()`: a reply
   *  that raced a column change is realigned rather than shown in the wrong columns. Scroll,
   *  selection, the cursor and focus stay. */
  setRows(rows: TableRow[], keys: readonly string[] = this.keys()): void {
    this.rows = alignRows(rows, keys, this.keys());
    this.refresh();
  }

  /** Whether the rows' order or membership depends on their values (a sort or a filter), so
   *  the values of the rows in view cannot be known before all the values are. */
  ordersByValues(): boolean {
    return this.sort !== null || Object.values(this.filters).some((f) => f.trim() !== "");
  }

  /** The current column keys, pseudo-columns included (`@problems`, `@git`): what to ask the
   *  backend's tableRows for (it has no value for those, which the table reads from the post). */
  keys(): string[] {
    return this.columns.map((c) => c.key);
  }

  /** The current columns (key, label, kind, width). */
  columnList(): Column[] {
    return this.columns.map((c) => ({ ...c }));
  }

  /** Selected paths, in the order shown. */
  selection(): string[] {
    return this.sel.paths();
  }

  /** The column keys that are front-matter keys (without `@problems`, `@git`, `@path`), if
   *  the app prefers to ask the backend for those only; `setRows(rows, keys)` realigns. */
  fieldKeys(): string[] {
    return this.keys().filter((k) => !isPseudo(k));
  }

  selectAllVisible(): void {
    this.sel.selectAll(this.visible.map((r) => r.path));
    this.afterSelection();
  }

  clearSelection(): void {
    this.sel.clear();
    this.afterSelection();
  }

  /** Rows in the DOM now (the virtual window), for tests and the perf check. */
  renderedRowCount(): number {
    return this.body.childElementCount;
  }

  /** Rows shown (after the column filters). */
  shownCount(): number {
    return this.visible.length;
  }

  /** The keyboard into the table: the cursor's row or cell, else the first row. */
  focus(): void {
    if (this.sel.cursor === null && this.visible.length > 0) this.sel.cursor = this.visible[0].path;
    this.render();
    this.cursorElement()?.focus({ preventScroll: true });
  }

  destroy(): void {
    this.destroyed = true;
    if (this.frame) cancelFrame(this.frame);
    this.frame = 0;
    document.removeEventListener("pointerdown", this.onDocumentPointer, true);
    document.removeEventListener("mousedown", this.onDocumentPointer, true);
    this.resizeObserver?.disconnect();
    this.root.replaceChildren();
    this.drawn.clear();
  }

  // ---- Columns ----

  private setColumnKeys(keys: readonly string[], notify: boolean): void {
    const before = this.keys();
    this.columns = columnSpecs(keys, this.schema, this.widths);
    const after = this.keys();
    this.rows = alignRows(this.rows, before, after);
    for (const key of Object.keys(this.filters)) if (!after.includes(key)) delete this.filters[key];
    if (this.sort && !after.includes(this.sort.key)) this.sort = null;
    if (this.cursorKey !== null && !after.includes(this.cursorKey)) this.cursorKey = null;
    if (this.editor && !after.includes(this.editor.key)) this.closeEditor();
    this.version++;
    this.buildHeader();
    this.refresh();
    if (notify) {
      saveColumns(this.storage, this.site, this.collection, after, this.widths);
      this.host.columnsChanged(after);
    }
    this.columnChooser.redraw();
  }

  /** The Columns… popover's Reset: the collection's usual columns, at their usual widths. */
  private resetColumns(): void {
    if (!this.schema) return;
    this.widths = {};
    this.setColumnKeys(defaultColumns(this.schema), true);
  }

  private applyWidths(): void {
    const tracks = [`${SELECT_WIDTH}px`, ...this.columns.map((c) => `${c.width}px`)].join(" ");
    const total = SELECT_WIDTH + this.columns.reduce((sum, c) => sum + c.width, 0);
    this.root.style.setProperty("--table-columns", tracks);
    this.root.style.setProperty("--table-width", `${total}px`);
  }

  private buildHeader(): void {
    this.applyWidths();
    const selectHead = el("div", "table-head-cell table-select", { role: "columnheader", "aria-label": "Selection" });
    selectHead.append(this.selectAllBox);
    const heads = this.columns.map((column, i) => {
      const head = el("div", "table-head-cell", { role: "columnheader", "data-testid": "table-head", "data-key": column.key, "data-kind": column.kind, "aria-colindex": String(i + 2), tabindex: "0" });
      head.title = isPseudo(column.key) ? column.label : `${column.key} — click to sort`;
      const label = el("span", "table-head-label");
      label.textContent = column.label;
      const arrow = el("span", "table-sort-arrow", { "aria-hidden": "true" });
      const resize = el("span", "table-resize", { "aria-hidden": "true", "data-key": column.key, title: "Drag to resize; double-click for the usual width" });
      resize.addEventListener("pointerdown", (e) => this.startResize(e, column.key));
      resize.addEventListener("dblclick", (e) => {
        e.stopPropagation();
        this.setWidth(column.key, defaultWidth(column.key, column.kind, this.schema), true);
      });
      resize.addEventListener("click", (e) => e.stopPropagation());
      head.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          this.cycleSort(column.key);
        }
      });
      head.append(label, arrow, resize);
      return head;
    });
    this.headRow.replaceChildren(selectHead, ...heads);

    const focused = document.activeElement instanceof HTMLInputElement && this.filterRow.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    const filterCells = this.columns.map((column) => {
      const cell = el("div", "table-filter-cell", { role: "gridcell" });
      const input = el("input", "table-filter", {
        type: "search",
        "data-testid": "table-filter",
        "data-key": column.key,
        "aria-label": `Filter ${column.label}`,
        placeholder: filterPlaceholder(column),
        title: filterHelp(column),
        spellcheck: "false",
        autocomplete: "off",
      });
      input.value = this.filters[column.key] ?? "";
      cell.append(input);
      return cell;
    });
    this.filterRow.replaceChildren(el("div", "table-filter-cell table-select", { role: "gridcell" }), ...filterCells);
    if (focused) this.filterRow.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(focused)}"]`)?.focus();
    this.headerHeight = 0;
    this.syncHeader();
  }

  private syncHeader(): void {
    for (const head of this.headRow.querySelectorAll<HTMLElement>("[data-testid=table-head]")) {
      const key = head.dataset.key!;
      const dir = this.sort?.key === key ? this.sort.direction : null;
      head.setAttribute("aria-sort", dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none");
      head.querySelector(".table-sort-arrow")!.textContent = dir === "asc" ? "↑" : dir === "desc" ? "↓" : "";
      head.classList.toggle("sorted", dir !== null);
      head.classList.toggle("filtered", (this.filters[key] ?? "").trim() !== "");
    }
  }

  private cycleSort(key: string): void {
    this.sort = nextSort(this.sort, key);
    this.scroller.scrollTop = 0;
    this.refresh();
  }

  private onHeadClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    if (target.closest(".table-resize, .table-select")) return;
    const head = target.closest<HTMLElement>("[data-testid=table-head]");
    if (head?.dataset.key) this.cycleSort(head.dataset.key);
  }

  private setWidth(key: string, width: number, save: boolean): void {
    const column = this.columns.find((c) => c.key === key);
    if (!column) return;
    column.width = Math.max(MIN_WIDTH, Math.round(width));
    this.widths[key] = column.width;
    this.applyWidths();
    if (save) saveColumns(this.storage, this.site, this.collection, this.keys(), this.widths);
  }

  private startResize(event: PointerEvent, key: string): void {
    const column = this.columns.find((c) => c.key === key);
    if (!column || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = column.width;
    const handle = event.target as HTMLElement;
    handle.classList.add("dragging");
    document.body.classList.add("table-resizing");
    const move = (e: PointerEvent) => this.setWidth(key, startWidth + e.clientX - startX, false);
    const up = () => {
      document.removeEventListener("pointermove", move);
      document.removeEventListener("pointerup", up);
      handle.classList.remove("dragging");
      document.body.classList.remove("table-resizing");
      this.setWidth(key, column.width, true);
    };
    document.addEventListener("pointermove", move);
    document.addEventListener("pointerup", up);
  }

  // ---- Rows ----

  /** Filters and sorts again, keeps the selection to the rows shown, and draws. */
  private refresh(): void {
    this.visible = visibleRows(this.rows, this.columns, this.filters, this.sort);
    const paths = this.visible.map((r) => r.path);
    this.indexByPath = new Map(paths.map((p, i) => [p, i]));
    this.sel.setOrder(paths);
    // What is selected is what is shown: a bulk edit never reaches a row a filter hides.
    this.sel.retain(this.indexByPath);
    if (this.editor && !this.indexByPath.has(this.editor.path)) this.closeEditor();
    this.syncHeader();
    this.renderCount();
    this.render();
    this.reportSelection();
  }

  private renderCount(): void {
    this.countEl.textContent = countText(this.visible.length, this.rows.length);
  }

  private schedule(): void {
    if (this.frame || this.destroyed) return;
    this.frame = requestFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the rows in the scroll window, reusing those already drawn. One layout read (the
   *  header's height, cached) and none per row. */
  render(): void {
    if (this.destroyed) return;
    const started = performance.now();
    this.draw();
    record(metrics.tableRender, performance.now() - started);
  }

  private draw(): void {
    const count = this.visible.length;
    this.body.style.height = `${count * ROW_HEIGHT}px`;
    this.scroller.setAttribute("aria-rowcount", String(count + 2));
    if (this.headerHeight === 0) this.headerHeight = this.header.offsetHeight;
    const viewport = Math.max(ROW_HEIGHT, (this.scroller.clientHeight || FALLBACK_VIEWPORT) - this.headerHeight);
    // The header is sticky and in the flow: with the content scrolled by s, the body's rows in
    // view start s pixels into the body.
    const { start, end } = visibleRange(this.scroller.scrollTop, viewport, ROW_HEIGHT, count, OVERSCAN);
    const focusWasInside = this.body.contains(document.activeElement);
    const indexes: number[] = [];
    for (let i = start; i < end; i++) indexes.push(i);
    // The cursor's row stays in the DOM while scrolled away, or focus would drop to the body.
    const cursorIndex = this.sel.cursor === null ? -1 : (this.indexByPath.get(this.sel.cursor) ?? -1);
    if (focusWasInside && cursorIndex >= 0 && (cursorIndex < start || cursorIndex >= end)) {
      if (cursorIndex < start) indexes.unshift(cursorIndex);
      else indexes.push(cursorIndex);
    }
    const tabbablePath = cursorIndex >= 0 && indexes.includes(cursorIndex) ? this.sel.cursor : indexes.length > 0 ? this.visible[indexes[0]].path : null;

    const next = new Map<string, Drawn>();
    const ordered: HTMLElement[] = [];
    for (const i of indexes) {
      const row = this.visible[i];
      let drawn = this.drawn.get(row.path);
      if (!drawn || drawn.row !== row || drawn.version !== this.version) drawn = { el: this.buildRow(row), row, version: this.version };
      const rowEl = drawn.el;
      rowEl.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      rowEl.setAttribute("aria-rowindex", String(i + 3));
      const selected = this.sel.has(row.path);
      rowEl.setAttribute("aria-selected", String(selected));
      const check = rowEl.firstElementChild?.firstElementChild as HTMLInputElement | null;
      if (check) check.checked = selected;
      const isCursor = row.path === this.sel.cursor;
      rowEl.classList.toggle("cursor", isCursor);
      rowEl.tabIndex = row.path === tabbablePath && (this.cursorKey === null || !isCursor) ? 0 : -1;
      for (const cell of rowEl.querySelectorAll<HTMLElement>("[data-testid=table-cell]")) {
        const key = cell.dataset.key!;
        cell.tabIndex = isCursor && key === this.cursorKey ? 0 : -1;
        const pending = this.pending.has(cellId(row.path, key));
        if (pending) cell.dataset.pending = "true";
        else delete cell.dataset.pending;
        cell.setAttribute("aria-busy", String(pending));
      }
      next.set(row.path, drawn);
      ordered.push(rowEl);
    }
    for (const [path, drawn] of this.drawn) if (next.get(path) !== drawn) drawn.el.remove();
    // DOM order follows the table's order, for assistive tech and for anyone reading the DOM.
    ordered.forEach((rowEl, i) => {
      if (this.body.children[i] !== rowEl) this.body.insertBefore(rowEl, this.body.children[i] ?? null);
    });
    this.drawn = next;
    if (focusWasInside && !this.body.contains(document.activeElement)) this.cursorElement()?.focus({ preventScroll: true });
    this.syncSelectAll();
    this.placeEditor();
  }

  private syncSelectAll(): void {
    const n = this.sel.size;
    this.selectAllBox.checked = n > 0 && n === this.visible.length;
    this.selectAllBox.indeterminate = n > 0 && n < this.visible.length;
    this.selectAllBox.disabled = this.visible.length === 0;
  }

  private buildRow(row: TableRow): HTMLElement {
    const rowEl = el("div", "table-row", { role: "row", "data-testid": "table-row", "data-path": row.path, "aria-selected": "false" });
    rowEl.title = row.path;
    if (row.git) rowEl.dataset.git = row.git;
    const selectCell = el("div", "table-cell table-select", { role: "gridcell", "data-testid": "table-select" });
    const check = el("input", "table-check", { type: "checkbox", tabindex: "-1", "aria-label": `Select ${row.summary.title || row.path}` });
    selectCell.append(check);
    rowEl.append(selectCell);
    this.columns.forEach((column, index) => rowEl.append(this.buildCell(row, column, index)));
    return rowEl;
  }

  private buildCell(row: TableRow, column: Column, index: number): HTMLElement {
    const value = cellValue(row, column, index);
    const kind = cellKind(column, value);
    const cell = el("div", "table-cell", { role: "gridcell", "data-testid": "table-cell", "data-key": column.key, "data-kind": kind, tabindex: "-1" });
    switch (kind) {
      case "bool": {
        const on = value === true || ((value === null || value === undefined) && column.declared?.default === true);
        const box = el("input", "table-switch", { type: "checkbox", role: "switch", tabindex: "-1", "aria-label": `${column.label} of ${row.summary.title || row.path}` });
        box.checked = on;
        if (value === null || value === undefined) cell.classList.add("absent");
        cell.append(box);
        break;
      }
      case "list": {
        const items = Array.isArray(value) ? value.map((v) => String(v)) : value === null || value === undefined || value === "" ? [] : [String(value)];
        for (const item of items.slice(0, CHIPS_SHOWN)) {
          const chip = el("span", "table-chip");
          chip.textContent = item;
          cell.append(chip);
        }
        if (items.length > CHIPS_SHOWN) {
          const more = el("span", "table-more");
          more.textContent = `+${items.length - CHIPS_SHOWN}`;
          cell.append(more);
        }
        if (items.length > 0) cell.title = items.join(", ");
        break;
      }
      case "problems": {
        const s = row.summary;
        const n = Number(value);
        const badge = el("span", "table-problems", { "data-level": s.errors > 0 ? "error" : n > 0 ? "problem" : "none" });
        badge.textContent = String(n);
        const parts = [s.errors > 0 ? `${s.errors} error${s.errors === 1 ? "" : "s"}` : "", s.problems > 0 ? `${s.problems} problem${s.problems === 1 ? "" : "s"}` : ""].filter(Boolean);
        cell.title = parts.length ? parts.join(", ") : "No problems";
        cell.append(badge);
        break;
      }
      case "git": {
        if (row.git) {
          const badge = el("span", "badge git", { "data-state": row.git });
          badge.textContent = row.git;
          cell.title = `Git: ${row.git}`;
          cell.append(badge);
        }
        break;
      }
      default: {
        const text = cellText(value, kind);
        const span = el("span", "table-text");
        if (text === "" && column.key === this.titleKey) {
          // An untitled post still has a name the writer knows: its file's.
          span.classList.add("placeholder");
          span.textContent = row.path.split("/").pop() ?? row.path;
        } else span.textContent = text.length > 400 ? `${text.slice(0, 400)}…` : text;
        if (text.length > 30) cell.title = text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
        cell.append(span);
        if (column.key === this.titleKey) {
          const open = el("button", "table-open", { type: "button", tabindex: "-1", "data-testid": "table-open", "aria-label": "Open in the desk", title: "Open in the desk" });
          open.textContent = "↗";
          cell.append(open);
        }
      }
    }
    return cell;
  }

  // ---- Mouse ----

  private target(event: Event): { path: string; key: string | null; cell: HTMLElement | null } | null {
    const t = event.target as Element | null;
    const rowEl = t?.closest<HTMLElement>("[data-testid=table-row]");
    if (!rowEl || !this.body.contains(rowEl)) return null;
    const cell = t!.closest<HTMLElement>("[data-testid=table-cell]");
    return { path: rowEl.dataset.path!, key: cell?.dataset.key ?? null, cell };
  }

  private onBodyClick(event: MouseEvent): void {
    const hit = this.target(event);
    if (!hit) return;
    const t = event.target as HTMLElement;
    if (t.closest(".table-switch")) return; // The switch writes on change; it is not a selection.
    if (t.closest(".table-open")) {
      this.host.openPost(hit.path);
      return;
    }
    const toggle = event.ctrlKey || event.metaKey || t.closest(".table-check") !== null;
    this.sel.click(hit.path, { shift: event.shiftKey, toggle });
    this.cursorKey = hit.key;
    this.render();
    this.cursorElement()?.focus({ preventScroll: true });
    this.reportSelection();
  }

  private onBodyDoubleClick(event: MouseEvent): void {
    const hit = this.target(event);
    if (!hit || (event.target as Element).closest("input, button") || hit.cell?.dataset.kind === "bool") return;
    if (hit.key === null || hit.key === this.titleKey || isPseudo(hit.key)) {
      this.host.openPost(hit.path);
      return;
    }
    this.edit(hit.path, hit.key);
  }

  private onBodyChange(event: Event): void {
    const box = event.target as HTMLInputElement;
    if (!box.classList.contains("table-switch")) return;
    const hit = this.target(event);
    if (!hit || hit.key === null) return;
    void this.write(hit.path, hit.key, box.checked, null);
  }

  /** A click elsewhere closes the Columns popover, and an editor the writer has not touched
   *  (one holding changes waits for Save or Escape). */
  private outsidePointer(event: Event): void {
    const t = event.target as Node | null;
    if (!t) return;
    this.columnChooser.pointerDown(t);
    if (this.editor?.dismissible(t)) this.closeEditor(false);
  }

  // ---- Keyboard ----

  private onKey(event: KeyboardEvent): void {
    const t = event.target as HTMLElement;
    if (t.closest(".table-editor, .table-filter-row, .table-head-row")) return;
    // A focused switch or checkbox takes Space itself.
    if (t instanceof HTMLInputElement && event.key === " ") return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && event.key.toLowerCase() === "a") {
      event.preventDefault();
      this.selectAllVisible();
      return;
    }
    const path = this.sel.cursor;
    const page = Math.max(1, Math.floor(((this.scroller.clientHeight || FALLBACK_VIEWPORT) - this.headerHeight) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        this.moveCursor(event.key === "ArrowDown" ? 1 : -1, event.shiftKey);
        return;
      case "PageDown":
      case "PageUp":
        event.preventDefault();
        this.moveCursor(event.key === "PageDown" ? page : -page, event.shiftKey);
        return;
      case "Home":
      case "End":
        if (!mod && this.cursorKey !== null) {
          event.preventDefault();
          this.cursorKey = event.key === "Home" ? null : (this.columns[this.columns.length - 1]?.key ?? null);
          this.render();
          this.cursorElement()?.focus({ preventScroll: true });
          return;
        }
        event.preventDefault();
        this.moveCursor(event.key === "Home" ? -this.visible.length : this.visible.length, event.shiftKey);
        return;
      case "ArrowLeft":
      case "ArrowRight": {
        event.preventDefault();
        const keys = [null, ...this.keys()];
        const at = keys.indexOf(this.cursorKey);
        const next = Math.min(keys.length - 1, Math.max(0, at + (event.key === "ArrowRight" ? 1 : -1)));
        this.cursorKey = keys[next];
        if (path === null && this.visible.length > 0) this.sel.cursor = this.visible[0].path;
        this.render();
        this.cursorElement()?.focus({ preventScroll: true });
        return;
      }
      case "Enter":
      case "F2": {
        if (path === null || event.isComposing) return;
        event.preventDefault();
        const key = this.cursorKey;
        if (mod || key === null || isPseudo(key)) {
          if (event.key === "Enter") this.host.openPost(path);
          return;
        }
        const column = this.columns.find((c) => c.key === key);
        const row = this.visible[this.indexByPath.get(path) ?? -1];
        if (column && row && cellKind(column, cellValue(row, column, this.columns.indexOf(column))) === "bool") this.toggleSwitch(path, key);
        else this.edit(path, key);
        return;
      }
      case " ": {
        if (path === null) return;
        event.preventDefault();
        const key = this.cursorKey;
        const column = key === null ? null : this.columns.find((c) => c.key === key);
        const row = this.visible[this.indexByPath.get(path) ?? -1];
        if (column && row && cellKind(column, cellValue(row, column, this.columns.indexOf(column))) === "bool") this.toggleSwitch(path, column.key);
        else {
          this.sel.toggle(path);
          this.afterSelection();
        }
        return;
      }
      case "Escape":
        if (this.sel.size > 0) {
          event.preventDefault();
          this.sel.clear();
          this.afterSelection();
        }
        return;
    }
  }

  private moveCursor(step: number, extend: boolean): void {
    const path = this.sel.move(step, extend);
    if (path === null) return;
    const index = this.indexByPath.get(path)!;
    const viewport = this.scroller.clientHeight - this.headerHeight;
    if (viewport > 0) this.scroller.scrollTop = revealScrollTop(index, ROW_HEIGHT, this.scroller.scrollTop, viewport);
    this.render();
    this.cursorElement()?.focus({ preventScroll: true });
    this.reportSelection();
  }

  private cursorElement(): HTMLElement | null {
    const path = this.sel.cursor;
    const rowEl = path === null ? (this.body.firstElementChild as HTMLElement | null) : (this.drawn.get(path)?.el ?? null);
    if (!rowEl) return null;
    if (path !== null && this.cursorKey !== null) return rowEl.querySelector<HTMLElement>(`[data-testid=table-cell][data-key="${CSS.escape(this.cursorKey)}"]`) ?? rowEl;
    return rowEl;
  }

  private afterSelection(): void {
    this.render();
    this.reportSelection();
  }

  private reportSelection(): void {
    const paths = this.sel.paths();
    const signature = paths.join("\u0000");
    if (signature === this.reportedSelection) return;
    this.reportedSelection = signature;
    this.host.selectionChanged(paths);
  }

  // ---- Editing ----

  private toggleSwitch(path: string, key: string): void {
    const box = this.drawn.get(path)?.el.querySelector<HTMLInputElement>(`[data-testid=table-cell][data-key="${CSS.escape(key)}"] .table-switch`);
    if (!box || this.pending.has(cellId(path, key))) return;
    box.checked = !box.checked;
    void this.write(path, key, box.checked, null);
  }

  /** Opens the form's own input for one cell, under it (table-cell-editor.ts); a switch's
   *  cell toggles instead. */
  edit(path: string, key: string): void {
    const index = this.indexByPath.get(path);
    const column = this.columns.find((c) => c.key === key);
    if (index === undefined || !column || isPseudo(key)) return;
    this.closeEditor(false);
    const row = this.visible[index];
    const raw = cellValue(row, column, this.columns.indexOf(column));
    const original = raw === null ? undefined : raw;
    const kind = cellKind(column, original);
    if (kind === "bool") {
      this.toggleSwitch(path, key);
      return;
    }
    const editor: CellEditor = new CellEditor(
      { path, key, label: column.label, kind, original, declared: column.declared },
      {
        known: (which) => this.host.known(which),
        dateStyle: () => this.host.dateStyle(),
        save: (value) => this.write(path, key, value, editor),
        close: () => this.closeEditor(),
      },
    );
    this.editor = editor;
    this.sel.cursor = path;
    this.cursorKey = key;
    this.scroller.append(editor.el);
    this.placeEditor();
    this.render();
    editor.focus();
  }

  /** Keeps the open editor under its cell: the cell's place is the grid's arithmetic. */
  private placeEditor(): void {
    const ed = this.editor;
    if (!ed) return;
    const index = this.indexByPath.get(ed.path);
    const at = this.columns.findIndex((c) => c.key === ed.key);
    if (index === undefined || at < 0) return;
    const left = SELECT_WIDTH + this.columns.slice(0, at).reduce((sum, c) => sum + c.width, 0);
    ed.place({ top: this.headerHeight + (index + 1) * ROW_HEIGHT, left, width: this.columns[at].width }, this.scroller);
  }

  /** Writes one cell through the host: the cell shows as pending; a success shows the value
   *  at once (the app's refresh follows), a failure says why and keeps the editor open. */
  private async write(path: string, key: string, value: unknown, editor: CellEditor | null): Promise<void> {
    const id = cellId(path, key);
    if (this.pending.has(id)) return;
    this.pending.add(id);
    this.statusEl.hidden = true;
    editor?.setSaving(true);
    this.render();
    let failed: string | null = null;
    try {
      await this.host.editCell(path, key, value);
    } catch (e) {
      failed = asAppError(e).message;
    }
    this.pending.delete(id);
    if (this.destroyed) return;
    editor?.setSaving(false);
    if (failed !== null) {
      if (editor && editor === this.editor) editor.fail(failed);
      else {
        this.statusEl.textContent = `${key} of ${path} was not saved: ${failed}`;
        this.statusEl.hidden = false;
      }
      // The switch goes back to what the file holds.
      this.version++;
      this.render();
      return;
    }
    this.applyLocal(path, key, value);
    if (editor && editor === this.editor) this.closeEditor();
  }

  /** Shows a written value before the app's refresh brings the row back. */
  private applyLocal(path: string, key: string, value: unknown): void {
    const at = this.columns.findIndex((c) => c.key === key);
    const i = this.rows.findIndex((r) => r.path === path);
    if (at < 0 || i < 0) return;
    const values = this.rows[i].values.slice();
    values[at] = value;
    this.rows[i] = { ...this.rows[i], values };
    this.refresh();
  }

  private closeEditor(refocus = true): void {
    const ed = this.editor;
    if (!ed) return;
    this.editor = null;
    // Saving disables the editor's inputs, which can drop focus to the page: it comes back to
    // the cell either way.
    const hadFocus = ed.remove();
    if (refocus && hadFocus) this.cursorElement()?.focus({ preventScroll: true });
  }

  /** Whether a cell editor is open (the app leaves Escape and shortcuts to it). */
  isEditing(): boolean {
    return this.editor !== null;
  }
}

/** Filter placeholders say what each column's filter takes. */
function filterPlaceholder(column: Column): string {
  switch (column.kind) {
    case "bool":
      return "yes / no";
    case "problems":
      return ">0";
    default:
      return "Filter";
  }
}

function filterHelp(column: Column): string {
  const base = "text: contains · =text: is · = : empty · !text: does not contain · ! : not empty";
  if (column.kind === "bool") return `yes or no · ${base}`;
  if (column.kind === "problems") return ">0, 0, >2, <3";
  if (column.kind === "number") return `>2, <10, >=1 · ${base}`;
  return base;
}

const requestFrame = (fn: () => void): number =>
  typeof requestAnimationFrame === "function" ? requestAnimationFrame(fn) : (setTimeout(fn, 16) as unknown as number);
const cancelFrame = (id: number): void => {
  if (typeof cancelAnimationFrame === "function") cancelAnimationFrame(id);
  else clearTimeout(id);
};
