// A `Storage` kept in memory, for the tests of modules that remember choices in localStorage
// (the table's columns): each test gets a fresh, inspectable one.
export class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
}
