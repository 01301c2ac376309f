/**
 * Runs an outbox's delivery round in the background, one pass at a time: a call while a pass
 * runs shares that pass and asks for one more round after it (something new was queued), so
 * nothing waits for the next poll and no two passes ever send the same row.
 */
export class DrainRunner {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  /** `round` delivers what is due; it returns true when it knows more is waiting (a full batch). */
  constructor(private readonly round: (isStopped: () => boolean) => Promise<boolean | void>) {}

  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (await this.round(() => this.stopped)) this.again = true;
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** No new pass starts; resolves (or rejects) with the pass still running, if any. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.running ?? Promise.resolve();
  }
}
