import { randomUUID } from 'node:crypto';
import { camelCaseRow } from '../store/camel-case-row.js';
import type { Db } from '../store/database.js';

export type EntryKind = 'note' | 'decision';

export interface MinutesEntry {
  id: string;
  kind: EntryKind;
  text: string;
  author: string | null;
  at: string;
}

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionItem {
  id: string;
  meetingId: string;
  text: string;
  owner: string;
  ownerEmail: string | null;
  /** ISO instant, or null when no deadline was set */
  deadline: string | null;
  status: ActionStatus;
  createdAt: string;
  updatedAt: string;
  remindedAt: string | null;
}

interface ActionRow {
  id: string;
  meeting_id: string;
  text: string;
  owner: string;
  owner_email: string | null;
  deadline: string | null;
  status: ActionStatus;
  created_at: string;
  updated_at: string;
  reminded_at: string | null;
}

/** An action item is its row, each column by the naming rule. */
const toAction: (row: ActionRow) => ActionItem = camelCaseRow;

/** Notes, decisions and action items captured during a meeting. */
export class MinutesRepository {
  constructor(private readonly db: Db) {}

  addEntry(meetingId: string, kind: EntryKind, text: string, author: string | undefined, at: Date): MinutesEntry {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO minutes_entries (id, meeting_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, meetingId, kind, text, author ?? null, at.toISOString());
    return { id, kind, text, author: author ?? null, at: at.toISOString() };
  }

  /** An entry with an id of its own making (a closed poll's decision): stored once, however often it is asked for. */
  addEntryOnce(id: string, meetingId: string, kind: EntryKind, text: string, author: string | undefined, at: Date): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO minutes_entries (id, meeting_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, meetingId, kind, text, author ?? null, at.toISOString()).changes === 1
    );
  }

  entries(meetingId: string, kind?: EntryKind): MinutesEntry[] {
    return this.db
      .prepare('SELECT id, kind, text, author, at FROM minutes_entries WHERE meeting_id = ? AND (? IS NULL OR kind = ?) ORDER BY at, rowid')
      .all(meetingId, kind ?? null, kind ?? null) as MinutesEntry[];
  }

  /** Notes and decisions of a meeting (meeting-limits.ts bounds them). */
  entryCount(meetingId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM minutes_entries WHERE meeting_id = ?').pluck().get(meetingId) as number;
  }

  /** Action items of a meeting (meeting-limits.ts bounds them). */
  actionCount(meetingId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM action_items WHERE meeting_id = ?').pluck().get(meetingId) as number;
  }

  entry(id: string): (MinutesEntry & { meetingId: string }) | undefined {
    return this.db.prepare('SELECT id, meeting_id AS meetingId, kind, text, author, at FROM minutes_entries WHERE id = ?').get(id) as
      | (MinutesEntry & { meetingId: string })
      | undefined;
  }

  updateEntry(id: string, text: string): void {
    this.db.prepare('UPDATE minutes_entries SET text = ? WHERE id = ?').run(text, id);
  }

  deleteEntry(id: string): void {
    this.db.prepare('DELETE FROM minutes_entries WHERE id = ?').run(id);
  }

  deleteAction(id: string): void {
    this.db.prepare('DELETE FROM action_items WHERE id = ?').run(id);
  }

  /** Minutes assembled at the end and not sent yet (held for corrections). */
  unsent(): string[] {
    return (this.db.prepare('SELECT meeting_id AS id FROM minutes WHERE sent_at IS NULL').all() as { id: string }[]).map((r) => r.id);
  }

  addAction(meetingId: string, input: { text: string; owner: string; ownerEmail?: string; deadline?: string }, at: Date): ActionItem {
    const id = randomUUID();
    const now = at.toISOString();
    this.db
      .prepare('INSERT INTO action_items (id, meeting_id, text, owner, owner_email, deadline, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, meetingId, input.text, input.owner, input.ownerEmail ?? null, input.deadline ?? null, now, now);
    return this.action(id)!;
  }

  action(id: string): ActionItem | undefined {
    const row = this.db.prepare('SELECT * FROM action_items WHERE id = ?').get(id) as ActionRow | undefined;
    return row && toAction(row);
  }

  actions(meetingId: string): ActionItem[] {
    return (this.db.prepare('SELECT * FROM action_items WHERE meeting_id = ? ORDER BY created_at, rowid').all(meetingId) as ActionRow[]).map(toAction);
  }

  /** Open items whose deadline falls before `until` and that have not been reminded. */
  dueForReminder(until: string): ActionItem[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM action_items WHERE status IN ('open','in_progress') AND deadline IS NOT NULL AND deadline <= ? AND reminded_at IS NULL ORDER BY deadline",
        )
        .all(until) as ActionRow[]
    ).map(toAction);
  }

  update(
    id: string,
    patch: { status?: ActionStatus; deadline?: string | null; owner?: string; ownerEmail?: string | null; text?: string },
    at: Date,
  ): ActionItem | undefined {
    const current = this.action(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    // A new deadline deserves a new reminder.
    const reminded = patch.deadline !== undefined && patch.deadline !== current.deadline ? null : current.remindedAt;
    this.db
      .prepare('UPDATE action_items SET status = ?, deadline = ?, owner = ?, owner_email = ?, text = ?, updated_at = ?, reminded_at = ? WHERE id = ?')
      .run(next.status, next.deadline, next.owner, next.ownerEmail, next.text, at.toISOString(), reminded, id);
    return this.action(id);
  }

  markReminded(id: string, at: Date): void {
    this.db.prepare('UPDATE action_items SET reminded_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  saveMinutes(meetingId: string, body: unknown, at: Date): void {
    this.db
      .prepare(
        'INSERT INTO minutes (meeting_id, body, assembled_at) VALUES (?, ?, ?) ON CONFLICT(meeting_id) DO UPDATE SET body = excluded.body, assembled_at = excluded.assembled_at',
      )
      .run(meetingId, JSON.stringify(body), at.toISOString());
  }

  markMinutesSent(meetingId: string, at: Date): void {
    this.db.prepare('UPDATE minutes SET sent_at = ? WHERE meeting_id = ?').run(at.toISOString(), meetingId);
  }

  storedMinutes(meetingId: string): { body: unknown; assembledAt: string; sentAt: string | null } | undefined {
    const row = this.db.prepare('SELECT body, assembled_at AS assembledAt, sent_at AS sentAt FROM minutes WHERE meeting_id = ?').get(meetingId) as
      | { body: string; assembledAt: string; sentAt: string | null }
      | undefined;
    return row && { body: JSON.parse(row.body) as unknown, assembledAt: row.assembledAt, sentAt: row.sentAt };
  }
}
