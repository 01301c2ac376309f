/**
 * One deadline for a whole stop. Each part of the fleet is awaited until it and no longer: a
 * database that stopped answering (a lock held elsewhere, a paused server) must not keep a
 * stopping process alive for ever. What is still running at the deadline is named, so the
 * stop can say what it abandoned and cut the database connections those parts wait on.
 */
/**
 * Past the deadline a part still gets this long: one that was about to finish (a poll between
 * two statements, a server closing its socket) is not called abandoned. Waits run side by side.
 */
const GRACE_MS = 250;

export class StopDeadline {
  private readonly abandoned: string[] = [];
  private readonly at: number;

  constructor(readonly withinMs: number) {
    // The wall clock, not the fleet's (tests give the fleet a clock of their own): the timers here are real.
    this.at = Date.now() + withinMs;
  }

  get remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** Waits for `work` until the deadline (or a short grace past it): true once it settled (a failure is its owner's to log), false when it was abandoned. */
  async within(part: string, work: Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(GRACE_MS, this.remainingMs))));
    const settled = work.then(
      () => true as const,
      () => true as const,
    );
    const finished = await Promise.race([settled, late]);
    clearTimeout(timer);
    if (!finished) this.abandoned.push(part);
    return finished;
  }

  /** A part that kept its own deadline and gave up on something there. */
  gaveUp(part: string): void {
    this.abandoned.push(part);
  }

  /** The parts still running when the deadline came, in the order they were given up. */
  get unfinished(): readonly string[] {
    return this.abandoned;
  }
}
