// The table view's place in the window: Ctrl+T (or the status bar's Table button) puts the
// table where the editor and the preview were, beside the library, whose search and filters
// narrow it. This module feeds the table the library's shown posts joined with their values
// from the index (`tableRows`, read again shortly after the folder changes), writes a cell as
// a one-post batch (the lossless edit `postdesk set` makes), and runs the bulk bar's batches
// with their progress, cancel and Undo. A batch's writes reach open buffers as changes on
// disk, through the watcher and the 3-way merge, so nothing unsaved is lost. The table's own
// behaviour is table-view.ts and table-model.ts; the bar's is table-bulk.ts.
import type { AppError } from "./ipc/bindings/AppError";
import type { Schema } from "./ipc/bindings/Schema";
import type { TableRows } from "./ipc/bindings/Table";
import { bulkCancel, bulkEdit, bulkFix, bulkUndo, getSchema, tableRows } from "./ipc/commands";
import { onBulkProgress } from "./ipc/events";
import type { LibraryList } from "./library";
import { afterPaint, metrics, record } from "./metrics";
import { BulkBar } from "./table-bulk";
import { isPseudo, joinRows, mergeDeclared, roleKey, settableFields } from "./table-model";
import { TableView } from "./table-view";

export interface TableModeHost {
  library: LibraryList;
  /** The open folder's root, which the remembered columns are kept under. */
  site(): string;
  /** Opens a post in the desk (the table gives way to it). */
  openPost(path: string): void;
  /** Shows a failure the table could not show itself. */
  notice(error: AppError): void;
}

/** How long after the folder changes the table asks for its values again: a batch of fifty
 *  writes arrives as a few deltas, and one read covers them. */
const REFRESH_DELAY_MS = 120;

/** Rows whose values are read before the rest when the table opens: more than a tall window
 *  shows at 32 px a row. */
const FIRST_ROWS = 100;

export class TableMode {
  private readonly view: TableView;
  private readonly bar: BulkBar;
  private schema: Schema | null = null;
  private data: TableRows = { keys: [], rows: [] };
  private shownCollection: string | null | undefined = undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Posts changed since the values were last read, read again together. */
  private readonly changed = new Set<string>();
  /** Bumped by every whole read of the values, so an older reply never replaces a newer one. */
  private generation = 0;
  /** The whole read in flight, if any. */
  private fullRead: Promise<void> | null = null;

  constructor(
    private readonly app: HTMLElement,
    private readonly pane: HTMLElement,
    private readonly toggleButton: HTMLButtonElement,
    private readonly host: TableModeHost,
  ) {
    const tableHost = pane.querySelector<HTMLElement>("#table-host")!;
    const barHost = pane.querySelector<HTMLElement>("#bulk-host")!;
    this.view = new TableView(tableHost, {
      editCell: (path, key, value) => this.writeCell(path, key, value),
      openPost: (path) => host.openPost(path),
      selectionChanged: (paths) => this.bar.setSelection(paths),
      known: (which) => (which === "tags" ? this.schema?.tags : this.schema?.categories) ?? [],
      dateStyle: () => this.schema?.dateStyle ?? null,
      columnsChanged: () => void this.readValues(),
    });
    this.bar = new BulkBar(barHost, {
      run: (request) => ("fix" in request ? bulkFix(request.paths) : bulkEdit(request)),
      cancel: () => void bulkCancel(),
      undo: (batch) => bulkUndo(batch),
      known: (which) => (which === "tags" ? this.schema?.tags : this.schema?.categories) ?? [],
      fieldKeys: () => (this.schema ? settableFields(this.schema) : []),
      draftKey: () => roleKey(this.schema, "draft") ?? "draft",
      tagsKey: () => roleKey(this.schema, "tags") ?? "tags",
      categoryKey: () => roleKey(this.schema, "category"),
      done: () => void this.readValues(),
    });
    void onBulkProgress((p) => this.bar.progress(p.done, p.total));
    toggleButton.addEventListener("click", () => this.toggle());
    host.library.onShownChange(() => this.libraryShownChanged());
  }

  get shown(): boolean {
    return !this.pane.hidden;
  }

  toggle(): void {
    if (this.shown) this.leave();
    else void this.enter();
  }

  /** Shows the table and fills it; records how long the first rows took to paint. */
  async enter(): Promise<void> {
    if (this.shown) return;
    const started = performance.now();
    this.pane.hidden = false;
    this.app.classList.add("table-mode");
    this.toggleButton.setAttribute("aria-pressed", "true");
    this.toggleButton.title = "Back to the editor (Ctrl+T)";
    if (this.schema !== null && this.host.library.collection() === this.shownCollection) {
      // The columns are known: the rows are drawn with their values while a fresh schema
      // (new keys, new tags for the chips) is read beside them.
      void this.loadSchema();
      await this.readValues();
    } else {
      await this.loadSchema();
      await this.readValues();
    }
    this.view.focus();
    await afterPaint();
    record(metrics.tableOpenToPaint, performance.now() - started);
  }

  /** Back to the editor and the preview. */
  leave(): void {
    if (!this.shown) return;
    this.pane.hidden = true;
    this.app.classList.remove("table-mode");
    this.toggleButton.setAttribute("aria-pressed", "false");
    this.toggleButton.title = "Show the posts as a table (Ctrl+T)";
  }

  /** The folder changed (a delta): the changed posts' values are read again shortly, and the
   *  schema with them (a new key, a new tag). */
  folderChanged(changed: readonly string[]): void {
    if (!this.shown) return;
    for (const path of changed) this.changed.add(path);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      const paths = [...this.changed];
      this.changed.clear();
      void this.loadSchema().then(() => this.readValues(paths));
    }, REFRESH_DELAY_MS);
  }

  /** The schema of what the table shows (typed columns, what the generator declares): the
   *  collection the library's switcher shows, found through one of its posts; for all
   *  collections, the site's, carrying what each shown collection declares. */
  private async loadSchema(): Promise<void> {
    const collection = this.host.library.collection();
    try {
      this.schema = await this.schemaOf(collection);
    } catch (e) {
      this.host.notice(e as AppError);
      return;
    }
    this.shownCollection = collection;
    this.view.setSchema(this.schema, this.host.site(), collection);
  }

  private async schemaOf(collection: string | null): Promise<Schema> {
    const members = new Map<string, { path: string; count: number }>();
    for (const { post } of this.host.library.shown()) {
      if (post.collection === null || (collection !== null && post.collection !== collection)) continue;
      const seen = members.get(post.collection);
      if (seen) seen.count += 1;
      else members.set(post.collection, { path: post.path, count: 1 });
    }
    if (members.size === 1) return getSchema([...members.values()][0].path);
    const [site, ...each] = await Promise.all([
      getSchema(null),
      ...[...members.values()].map(async ({ path, count }) => ({ count, schema: await getSchema(path) })),
    ]);
    return mergeDeclared(site as Schema, each as { count: number; schema: Schema }[]);
  }

  /** Asks the index for the columns' values and redraws: only `changed` posts' when given
   *  (after a delta), else the rows in view first and then every row, so the first paint waits
   *  for a hundred rows' values rather than ten thousand (sorting and filtering need them all,
   *  and have them a moment later). */
  private async readValues(changed: readonly string[] | null = null): Promise<void> {
    try {
      if (changed !== null) await this.readChanged(changed);
      else await this.readAll();
    } catch (e) {
      this.host.notice(e as AppError);
    }
  }

  /** Resolves once the first rows are drawn with their values; the whole read goes on, and
   *  `fullRead` is it while it runs. */
  private readAll(): Promise<void> {
    const generation = ++this.generation;
    const keys = this.view.keys().filter((k) => !isPseudo(k));
    let drawn: () => void = () => undefined;
    const firstDrawn = new Promise<void>((resolve) => (drawn = resolve));
    const reading = (async () => {
      if (!this.view.ordersByValues()) {
        const first = this.host.library.shown().slice(0, FIRST_ROWS).map((e) => e.post.path);
        const some = await tableRows(keys, first);
        if (generation !== this.generation) return;
        this.data = some;
        this.redraw();
        drawn();
        // The rest after the first rows are on screen: parsing every row's values would
        // otherwise hold up that paint.
        await afterPaint();
        if (generation !== this.generation) return;
      }
      const all = await tableRows(keys);
      if (generation !== this.generation) return;
      this.data = all;
      this.redraw();
    })();
    this.fullRead = reading;
    reading
      .catch((e) => this.host.notice(e as AppError))
      .finally(() => {
        drawn();
        if (this.fullRead === reading) this.fullRead = null;
      });
    return firstDrawn;
  }

  /** The changed posts' values, merged into the rest. A whole read in flight is waited for
   *  first (it may have been served before the change); a whole read started meanwhile makes
   *  this one moot. */
  private async readChanged(changed: readonly string[]): Promise<void> {
    if (changed.length === 0) return;
    if (this.fullRead) await this.fullRead.catch(() => undefined);
    const keys = this.view.keys().filter((k) => !isPseudo(k));
    const sameKeys = keys.length === this.data.keys.length && keys.every((k, i) => k === this.data.keys[i]);
    if (!sameKeys) return this.readAll();
    const generation = this.generation;
    const fresh = await tableRows(keys, [...changed]);
    if (generation !== this.generation || this.fullRead) return;
    const byPath = new Map(fresh.rows.map((r) => [r.path, r]));
    const rows = this.data.rows.map((r) => {
      const updated = byPath.get(r.path);
      byPath.delete(r.path);
      return updated ?? r;
    });
    rows.push(...byPath.values());
    this.data = { keys, rows };
    this.redraw();
  }

  /** The library's search, filters or posts changed: the table shows the same posts. */
  private libraryShownChanged(): void {
    if (!this.shown) return;
    if (this.host.library.collection() !== this.shownCollection) {
      void this.loadSchema().then(() => this.readValues());
      return;
    }
    this.redraw();
  }

  private redraw(): void {
    const library = this.host.library;
    const posts = library.shown().map((entry) => entry.post);
    this.view.setRows(
      joinRows(posts, this.data, (path) => library.gitState(path)),
      this.data.keys,
    );
  }

  /** One cell, written as a batch of one post; a post the edit cannot reach says why. A post
   *  that writes the column's role under another alias (`date` in a `pubDate` column) has
   *  that key changed, not a second one added. */
  private async writeCell(path: string, column: string, value: unknown): Promise<void> {
    const key = this.data.rows.find((r) => r.path === path)?.from?.[column] ?? column;
    const report = await bulkEdit({ paths: [path], op: { op: "set", key, value } });
    const skipped = report.skipped.find((s) => s.path === path);
    if (skipped) throw { kind: "edit", message: `${path}: ${skipped.reason}`, path } satisfies AppError;
    this.folderChanged([path]);
  }
}
