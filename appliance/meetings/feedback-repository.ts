import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';

export const PROBLEM_CATEGORIES = ['camera', 'audio', 'display', 'network', 'cleanliness', 'other'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

export interface FeedbackRecord {
  id: string;
  meetingId: string | null;
  rating: number | null;
  categories: ProblemCategory[];
  comment: string | null;
  deviceHealth: Record<string, unknown> | null;
  /** The email of the personal link it came with (a phone); null: the room's panel. */
  givenBy: string | null;
  at: string;
}

export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  add(input: Omit<FeedbackRecord, 'id'>): FeedbackRecord {
    const record = { id: randomUUID(), ...input };
    this.db
      .prepare('INSERT INTO feedback (id, meeting_id, rating, categories, comment, device_health, given_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        record.id,
        record.meetingId,
        record.rating,
        JSON.stringify(record.categories),
        record.comment,
        record.deviceHealth ? JSON.stringify(record.deviceHealth) : null,
        record.givenBy,
        record.at,
      );
    return record;
  }

  /** Whether the room's panel has rated the meeting already (people's ratings from their phones are theirs). */
  rated(meetingId: string): boolean {
    return this.db.prepare('SELECT 1 FROM feedback WHERE meeting_id = ? AND rating IS NOT NULL AND given_by IS NULL LIMIT 1').get(meetingId) !== undefined;
  }

  /** What this person (by the email of their personal link) gave the meeting, if they have: their rating (null: a problem report alone) and when. */
  givenBy(meetingId: string, email: string): { rating: number | null; at: string } | undefined {
    return this.db.prepare('SELECT rating, at FROM feedback WHERE meeting_id = ? AND given_by = ?').get(meetingId, email) as
      | { rating: number | null; at: string }
      | undefined;
  }

  /** How many people have given the meeting their feedback from their phones. */
  givenByPeople(meetingId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM feedback WHERE meeting_id = ? AND given_by IS NOT NULL').get(meetingId) as { n: number }).n;
  }

  forMeeting(meetingId: string): FeedbackRecord[] {
    const rows = this.db.prepare('SELECT * FROM feedback WHERE meeting_id = ? ORDER BY at').all(meetingId) as {
      id: string;
      meeting_id: string | null;
      rating: number | null;
      categories: string;
      comment: string | null;
      device_health: string | null;
      given_by: string | null;
      at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      rating: r.rating,
      categories: JSON.parse(r.categories) as ProblemCategory[],
      comment: r.comment,
      deviceHealth: r.device_health ? (JSON.parse(r.device_health) as Record<string, unknown>) : null,
      givenBy: r.given_by,
      at: r.at,
    }));
  }
}
