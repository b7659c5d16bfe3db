// Runs an async job for the latest input only: while one run is in flight, newer inputs replace
// each other, and exactly one more run follows with the newest. The preview uses it so that
// typing never queues a backlog of renders, and the last keystroke is always rendered.
export class Coalescer<T> {
  private running = false;
  private pending: { value: T } | null = null;

  constructor(private readonly job: (value: T) => Promise<void>) {}

  push(value: T): void {
    this.pending = { value };
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending) {
        const { value } = this.pending;
        this.pending = null;
        try {
          await this.job(value);
        } catch (e) {
          console.error("postdesk: background job failed", e);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
