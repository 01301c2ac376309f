/** One log line as the admin view shows it. */
export interface LogLine {
  at: string;
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  msg: string;
  /** component / device / driver bindings, when the line has them */
  source: string | null;
}

const LEVELS: Record<number, LogLine['level']> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * The last N log lines, for the panel's admin view (IT on site without a shell). A pino
 * destination: it gets the same JSON lines the journal gets, after redaction, so no secret
 * reaches it that the journal would not have. Fixed size: old lines fall off.
 */
export class LogRing {
  private readonly lines: LogLine[] = [];
  private partial = '';

  constructor(readonly capacity = 500) {}

  /** pino DestinationStream. */
  write(chunk: string): boolean {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) this.add(part);
    return true;
  }

  /** Newest last; `limit` from the end. */
  recent(limit = 200): LogLine[] {
    return this.lines.slice(-limit);
  }

  private add(json: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return;
    }
    const source = [record.component, record.device].filter((v) => typeof v === 'string').join(' / ');
    const msg = typeof record.msg === 'string' ? record.msg : '';
    const err = typeof record.err === 'string' ? `: ${record.err}` : '';
    const detail = typeof record.detail === 'string' ? ` (${record.detail})` : '';
    this.lines.push({
      at: new Date(typeof record.time === 'number' ? record.time : Date.now()).toISOString(),
      level: LEVELS[Number(record.level)] ?? 'info',
      msg: `${msg}${err}${detail}`.slice(0, 500),
      source: source || null,
    });
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }
}

/** The process's ring: createLogger tees every logger into it. */
export const processLogRing = new LogRing();
