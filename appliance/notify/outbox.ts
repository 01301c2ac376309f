import { camelCaseRow } from '../store/camel-case-row.js';
import type { Db } from '../store/database.js';
import type { NotifyKind } from './notify-config.js';
import type { NotifyMessage } from './notify-message.js';

type OutboxStatus = 'pending' | 'sent' | 'dead';
/** `permanent`: sending again cannot work until a person fixes the channel or the message. */
type FailureKind = 'permanent' | 'temporary';

export interface OutboxEntry {
  id: number;
  channel: string;
  kind: NotifyKind;
  meetingId: string | null;
  recipients: string[];
  message: NotifyMessage;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  failure: FailureKind | null;
  createdAt: string;
  sentAt: string | null;
}

interface Row {
  id: number;
  channel: string;
  kind: NotifyKind;
  meeting_id: string | null;
  recipients: string;
  message: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  failure: FailureKind | null;
  created_at: string;
  sent_at: string | null;
}

/** A stored notification: its columns by the naming rule, the recipients and the message read from their JSON. */
const toEntry = (row: Row): OutboxEntry => ({
  ...camelCaseRow(row),
  recipients: JSON.parse(row.recipients) as string[],
  message: JSON.parse(row.message) as NotifyMessage,
});

/** Every notification is written here before any send, so nothing is lost while the network is down. */
export class Outbox {
  constructor(private readonly db: Db) {}

  enqueue(channel: string, message: NotifyMessage, recipients: readonly string[], now: Date): number {
    const at = now.toISOString();
    return Number(
      this.db
        .prepare('INSERT INTO notify_outbox (channel, kind, meeting_id, recipients, message, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(channel, message.kind, message.meetingId ?? null, JSON.stringify(recipients), JSON.stringify(message), at, at).lastInsertRowid,
    );
  }

  due(now: Date, limit = 20): OutboxEntry[] {
    const rows = this.db
      .prepare("SELECT * FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
      .all(now.toISOString(), limit) as Row[];
    return rows.map(toEntry);
  }

  /** The earliest time a pending entry is due, if any. */
  nextDue(): string | undefined {
    return (this.db.prepare("SELECT MIN(next_attempt_at) FROM notify_outbox WHERE status = 'pending'").pluck().get() as string | null) ?? undefined;
  }

  markSent(id: number, now: Date): void {
    this.db
      .prepare("UPDATE notify_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, failure = NULL WHERE id = ?")
      .run(now.toISOString(), id);
  }

  markFailed(id: number, error: string, nextAttemptAt: Date, dead: boolean, failure: FailureKind = 'temporary'): void {
    this.db
      .prepare('UPDATE notify_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?, failure = ? WHERE id = ?')
      .run(error, nextAttemptAt.toISOString(), dead ? 'dead' : 'pending', failure, id);
  }

  /** Puts a dead (or pending) entry back at the front of the queue. */
  retry(id: number, now: Date): boolean {
    return (
      this.db.prepare("UPDATE notify_outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status != 'sent'").run(now.toISOString(), id)
        .changes === 1
    );
  }

  /** Counts by status, for the admin view. */
  counts(): { pending: number; dead: number } {
    const rows = this.db.prepare("SELECT status, COUNT(*) AS n FROM notify_outbox WHERE status != 'sent' GROUP BY status").all() as {
      status: OutboxStatus;
      n: number;
    }[];
    const of = (status: OutboxStatus) => rows.find((r) => r.status === status)?.n ?? 0;
    return { pending: of('pending'), dead: of('dead') };
  }

  /** The latest entries whose last attempt failed and that are not sent. */
  failing(limit = 10): OutboxEntry[] {
    const rows = this.db.prepare("SELECT * FROM notify_outbox WHERE status != 'sent' AND failure IS NOT NULL ORDER BY id DESC LIMIT ?").all(limit) as Row[];
    return rows.map(toEntry);
  }

  get(id: number): OutboxEntry | undefined {
    const row = this.db.prepare('SELECT * FROM notify_outbox WHERE id = ?').get(id) as Row | undefined;
    return row && toEntry(row);
  }

  list(filter: { status?: OutboxStatus; meetingId?: string; limit?: number } = {}): OutboxEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM notify_outbox WHERE (? IS NULL OR status = ?) AND (? IS NULL OR meeting_id = ?) ORDER BY id DESC LIMIT ?')
      .all(filter.status ?? null, filter.status ?? null, filter.meetingId ?? null, filter.meetingId ?? null, filter.limit ?? 100) as Row[];
    return rows.map(toEntry);
  }
}
