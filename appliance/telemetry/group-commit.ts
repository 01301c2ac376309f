import type { Db } from '../store/database.js';

/**
 * Group commit: writes deferred during one turn of the event loop are committed together in
 * one transaction (one fsync) right after it. With `synchronous = FULL` a commit costs about
 * a millisecond on a mini-PC's SSD; a burst of 10,000 health changes would otherwise take
 * 30 s of fsyncs. Writes that belong together (a fault row and its event) land in the same
 * commit, so a killed process keeps both or neither. One instance per database (`groupCommitFor`).
 */
/** One deferred write, and what to do with it if its commit fails (without it, the write is lost). */
interface DeferredWrite {
  op: () => void;
  onFailed?: (err: Error) => void;
}

export class GroupCommit {
  private pending: DeferredWrite[] = [];
  private scheduled = false;
  private readonly afterCommit = new Set<() => void>();
  private readonly run;
  /** Writes lost because a commit failed (disk full, database closed under us) and their writer kept nothing of them. */
  failedWrites = 0;
  onError: (err: Error, lost: number) => void = () => undefined;

  constructor(private readonly db: Db) {
    this.run = db.transaction((writes: DeferredWrite[]) => {
      for (const write of writes) write.op();
    });
  }

  /**
   * Runs `op` inside the next group commit. If that commit fails, `onFailed` is called (the
   * writer keeps what it wrote some other way, as the telemetry outbox does in memory).
   */
  defer(op: () => void, onFailed?: (err: Error) => void): void {
    this.pending.push({ op, onFailed });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Called after every commit that wrote something (e.g. the outbox pump). */
  onCommit(listener: () => void): () => void {
    this.afterCommit.add(listener);
    return () => this.afterCommit.delete(listener);
  }

  /** Commits what is pending now (also before the database closes). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const writes = this.pending;
    this.pending = [];
    try {
      if (!this.db.open) throw new Error('the database is closed');
      this.run(writes);
    } catch (err) {
      const lost = writes.filter((w) => !w.onFailed).length;
      for (const write of writes) write.onFailed?.(err as Error);
      this.failedWrites += lost;
      if (lost > 0) this.onError(err as Error, lost);
      return;
    }
    for (const listener of this.afterCommit) listener();
  }
}

const instances = new WeakMap<Db, GroupCommit>();

/** The one group commit of a database, shared by everything that writes through it. */
export function groupCommitFor(db: Db): GroupCommit {
  let instance = instances.get(db);
  if (!instance) instances.set(db, (instance = new GroupCommit(db)));
  return instance;
}
