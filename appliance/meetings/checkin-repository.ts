import type { Db } from '../store/database.js';
import { personKey, type Person } from './meeting-types.js';

const CHECKIN_METHODS = ['badge', 'qr', 'tap', 'walk_in'] as const;
export type CheckInMethod = (typeof CHECKIN_METHODS)[number];

export interface CheckIn extends Person {
  personKey: string;
  method: CheckInMethod;
  walkIn: boolean;
  at: string;
}

interface Row {
  person_key: string;
  name: string | null;
  email: string | null;
  badge: string | null;
  method: CheckInMethod;
  walk_in: number;
  at: string;
}

/**
 * The people checked in to each meeting. Everything read here is who is present at the booking's
 * start: check-ins set aside by a move to another start (`set_aside_for`) stay in the table only.
 */
export class CheckInRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a check-in; a second check-in by the same person keeps the first time. A person whose
   * check-in was set aside (made for the booking's start before it moved) checks in afresh.
   */
  add(meetingId: string, person: Person, method: CheckInMethod, walkIn: boolean, at: Date): { checkIn: CheckIn; first: boolean } {
    const key = personKey(person);
    const changes = this.db
      .prepare(
        `INSERT INTO checkins (meeting_id, person_key, name, email, badge, method, walk_in, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (meeting_id, person_key) DO UPDATE SET name = excluded.name, email = excluded.email, badge = excluded.badge,
             method = excluded.method, walk_in = excluded.walk_in, at = excluded.at, set_aside_for = NULL
           WHERE checkins.set_aside_for IS NOT NULL`,
      )
      .run(meetingId, key, person.name ?? null, person.email ?? null, person.badge ?? null, method, walkIn ? 1 : 0, at.toISOString()).changes;
    // The one row, not the meeting's list: a check-in costs the same with 2 people in as with 200.
    const checkIn = toCheckIn(this.db.prepare('SELECT * FROM checkins WHERE meeting_id = ? AND person_key = ?').get(meetingId, key) as Row);
    return { checkIn, first: changes === 1 };
  }

  /**
   * A booking moved to another start before it began: a check-in counts at the new start when it
   * was made in that start's check-in window (from `countFrom` on) — moved by five minutes, or away
   * and back, those in the room are still there. The others are set aside, under the start they
   * counted at: kept, but nobody at the new time until they check in again.
   */
  moveToStart(meetingId: string, from: string, countFrom: string): void {
    this.db
      .prepare('UPDATE checkins SET set_aside_for = CASE WHEN at >= ? THEN NULL ELSE coalesce(set_aside_for, ?) END WHERE meeting_id = ?')
      .run(countFrom, from, meetingId);
  }

  list(meetingId: string): CheckIn[] {
    const rows = this.db.prepare('SELECT * FROM checkins WHERE meeting_id = ? AND set_aside_for IS NULL ORDER BY at, person_key').all(meetingId) as Row[];
    return rows.map(toCheckIn);
  }

  count(meetingId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM checkins WHERE meeting_id = ? AND set_aside_for IS NULL').pluck().get(meetingId) as number;
  }

  /** The people whose check-in a move of the booking set aside (`moveToStart`): by person key. */
  setAsidePeople(meetingId: string): string[] {
    return this.db.prepare('SELECT person_key FROM checkins WHERE meeting_id = ? AND set_aside_for IS NOT NULL').pluck().all(meetingId) as string[];
  }

  /** Walk-ins checked in to the meeting (meeting-limits.ts bounds them). */
  walkIns(meetingId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM checkins WHERE meeting_id = ? AND walk_in = 1 AND set_aside_for IS NULL').pluck().get(meetingId) as number;
  }

  /** True when this person has checked in to the meeting already. */
  has(meetingId: string, person: Person): boolean {
    return (
      this.db.prepare('SELECT 1 FROM checkins WHERE meeting_id = ? AND person_key = ? AND set_aside_for IS NULL').get(meetingId, personKey(person)) !==
      undefined
    );
  }
}

function toCheckIn(r: Row): CheckIn {
  return {
    personKey: r.person_key,
    ...(r.name ? { name: r.name } : {}),
    ...(r.email ? { email: r.email } : {}),
    ...(r.badge ? { badge: r.badge } : {}),
    method: r.method,
    walkIn: r.walk_in === 1,
    at: r.at,
  };
}
