import type { FleetSql } from './fleet-sql.js';

type Sample = {
  site: string;
  room: string;
  deviceId: string;
  at: number;
  metrics: Record<string, number>;
  /** The device's signal, when it reports one (frame rate, audio level). */
  signal?: { value: number; unit: string } | null;
};
type SampleRow = [
  site: string,
  room: string,
  deviceId: string,
  at: number,
  replyMs: number | null,
  lampHours: number | null,
  signal: number | null,
  signalUnit: string | null,
];

/** Rows per INSERT: 8 parameters each, far below both engines' limit on a statement's parameters. */
const SAMPLE_ROWS_PER_STATEMENT = 500;

/** One `observe` call waiting for its rows: those before `end` (counted since start) are written, or failed. */
interface Waiter {
  start: number;
  end: number;
  error?: unknown;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Records a device's reply time, lamp hours and signal at most once per `everyMs`, so the
 * table grows by the hour, not by the heartbeat. A batch's samples go in one multi-row INSERT, and one
 * write runs at a time: samples that arrive meanwhile join the next. A fleet that registers
 * 100,000 devices at once thus writes a few hundred statements on one connection, not one
 * committed statement per device racing the ingest for the pool and the database's log.
 *
 * Each `observe` resolves once its own rows are written, not when the whole queue is: the
 * fleet holds a batch's acknowledgements until then (a stop that cannot wait for the write
 * leaves those messages to the broker, whose delivery again samples them), and a registration
 * burst must not hold every acknowledgement until its last sample.
 */
export class DeviceSampler {
  private readonly last = new Map<string, number>();
  private pending: SampleRow[] = [];
  private writing: Promise<void> | undefined;
  /** Rows queued and rows written (or failed) since start: a waiter's rows are a range of the first. */
  private queued = 0;
  private done = 0;
  private waiters: Waiter[] = [];

  constructor(
    private readonly sql: FleetSql,
    private readonly everyMs = 5 * 60_000,
  ) {}

  /** Resolves once these samples are stored (rejects if their write failed: samples are a trend, not retried). */
  observe(samples: readonly Sample[]): Promise<void> {
    const start = this.queued;
    for (const s of samples) {
      const reply = s.metrics.replyMs;
      const lamp = s.metrics.lampHours;
      const signal = s.signal ?? null;
      if (reply === undefined && lamp === undefined && signal === null) continue;
      const key = `${s.site}/${s.room}/${s.deviceId}`;
      if (s.at - (this.last.get(key) ?? Number.NEGATIVE_INFINITY) < this.everyMs) continue;
      this.last.set(key, s.at);
      this.pending.push([s.site, s.room, s.deviceId, s.at, reply ?? null, lamp ?? null, signal?.value ?? null, signal?.unit ?? null]);
      this.queued++;
    }
    if (this.queued === start) return Promise.resolve();
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ start, end: this.queued, resolve, reject }));
    this.writing ??= this.write();
    return written;
  }

  /** Resolves when nothing is being written (shutdown waits for it). */
  async idle(): Promise<void> {
    await this.writing?.catch(() => undefined);
  }

  /** Called with rows pending (so it awaits before it ends, and `writing` is set by then). */
  private async write(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const rows = this.pending.splice(0, SAMPLE_ROWS_PER_STATEMENT);
        const from = this.done;
        try {
          await this.sql.run(
            `INSERT INTO fleet_device_samples (site, room, device_id, at, reply_ms, lamp_hours, signal, signal_unit) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
            ON CONFLICT (site, room, device_id, at) DO NOTHING`,
            rows.flat(),
          );
        } catch (err) {
          for (const w of this.waiters) if (w.start < from + rows.length && w.end > from) w.error ??= err;
        }
        this.done = from + rows.length;
        this.settle();
      }
    } finally {
      // In the same turn as the last waiters' settling: a caller they wake that queues more starts a new write.
      this.writing = undefined;
    }
  }

  private settle(): void {
    const waiting: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.end > this.done) waiting.push(w);
      else if (w.error !== undefined) w.reject(w.error);
      else w.resolve();
    }
    this.waiters = waiting;
  }
}
