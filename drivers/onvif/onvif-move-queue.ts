/**
 * Joystick traffic for a camera that takes one HTTP request at a time: one move or stop on
 * the wire; while it is out, a newer move replaces the one waiting (the camera only needs
 * the latest speeds), and a stop is never dropped (a lost stop leaves the camera turning).
 */
export type MoveOutcome = 'done' | 'superseded';

interface Queued {
  kind: 'move' | 'stop';
  run(): Promise<void>;
  resolve(outcome: MoveOutcome): void;
  reject(error: unknown): void;
}

export class MoveQueue {
  private readonly waiting: Queued[] = [];
  private busy = false;
  /** Most requests ever on the wire at once; 1 by construction, kept for tests and benchmarks. */
  maxInFlight = 0;
  superseded = 0;

  enqueue(kind: 'move' | 'stop', run: () => Promise<void>): Promise<MoveOutcome> {
    return new Promise((resolve, reject) => {
      if (kind === 'move') {
        // Drop waiting moves back to the last waiting stop; the stop itself stays.
        for (let i = this.waiting.length - 1; i >= 0 && this.waiting[i]!.kind === 'move'; i--) {
          this.superseded++;
          this.waiting.splice(i, 1)[0]!.resolve('superseded');
        }
      }
      this.waiting.push({ kind, run, resolve, reject });
      this.pump();
    });
  }

  /** Fail everything waiting (the link went away). */
  clear(error: unknown): void {
    for (const q of this.waiting.splice(0)) q.reject(error);
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.busy = true;
    this.maxInFlight = Math.max(this.maxInFlight, 1);
    next
      .run()
      .then(() => next.resolve('done'), next.reject)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }
}
