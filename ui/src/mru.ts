// Recently used posts, most recent first, for Ctrl+Tab and quick open. Ctrl+Tab steps through
// a snapshot of the list while Ctrl is held (the order doesn't shift under the writer), and
// the post landed on becomes the most recent when Ctrl is released. DOM-free.

export class Mru {
  private paths: string[] = [];
  private cycle: { snapshot: string[]; index: number } | null = null;

  constructor(private readonly limit = 30) {}

  list(): readonly string[] {
    return this.paths;
  }

  visit(path: string): void {
    if (this.cycle) return; // committed when the cycle ends
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, this.limit);
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
  }

  rename(from: string, to: string): void {
    this.paths = this.paths.map((p) => (p === from ? to : p));
  }

  clear(): void {
    this.paths = [];
    this.cycle = null;
  }

  /** One Ctrl+Tab (`step` 1) or Ctrl+Shift+Tab (-1) press: the post to show, or null. */
  step(current: string | null, step: 1 | -1): string | null {
    if (!this.cycle) {
      const snapshot = current && !this.paths.includes(current) ? [current, ...this.paths] : [...this.paths];
      const index = current ? Math.max(0, snapshot.indexOf(current)) : -1;
      this.cycle = { snapshot, index };
    }
    const { snapshot } = this.cycle;
    if (snapshot.length === 0) return null;
    this.cycle.index = (((this.cycle.index + step) % snapshot.length) + snapshot.length) % snapshot.length;
    return snapshot[this.cycle.index];
  }

  /** Ctrl released: the post shown becomes the most recent. */
  endCycle(): void {
    const cycle = this.cycle;
    this.cycle = null;
    if (cycle && cycle.index >= 0 && cycle.snapshot[cycle.index]) this.visit(cycle.snapshot[cycle.index]);
  }

  cycling(): boolean {
    return this.cycle !== null;
  }
}
