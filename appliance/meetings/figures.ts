import type { Db } from '../store/database.js';

export interface RoomFigures {
  from: string;
  to: string;
  /** booked meetings whose start fell in the period (not cancelled, in the calendar or ahead of time in the room) */
  meetings: number;
  /** share of business hours the room was in use, % */
  utilisationPercent: number;
  /** share of meetings auto-released because nobody checked in, % */
  noShowPercent: number;
  autoReleases: number;
  /** bookings freed by hand once their check-in had opened ("we are not meeting"): not held, but not no-shows */
  freedByHand: number;
  /** share of held meetings started within lateAfter of the booked start, % */
  onTimeStartPercent: number;
  /** average minutes held meetings ran past their booked end */
  averageOverrunMinutes: number;
  /** share of invitees of held meetings who checked in, % */
  attendancePercent: number;
  ratingAverage: number;
  ratings: number;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);

/**
 * The room's figures over [from, to). `businessMinutes` is the business time in the period
 * (the caller knows the room's hours and zone) that utilisation is measured against.
 */
export function roomFigures(db: Db, period: { from: string; to: string; businessMinutes: number; lateAfterMinutes: number; now: Date }): RoomFigures {
  const { from, to, businessMinutes, lateAfterMinutes, now } = period;
  const rows = db
    .prepare(
      // A booking cancelled ahead of time (freed before its check-in opened) counts as little as one cancelled in the calendar.
      "SELECT id, start_at, end_at, status, released_by, started_at, ended_at, attendees FROM meetings WHERE start_at >= ? AND start_at < ? AND status != 'cancelled' AND released_by IS NOT 'ahead-of-time'",
    )
    .all(from, to) as {
    id: string;
    start_at: string;
    end_at: string;
    status: string;
    released_by: string | null;
    started_at: string | null;
    ended_at: string | null;
    attendees: string;
  }[];
  const held = rows.filter((r) => r.started_at);
  const released = rows.filter((r) => r.status === 'released' && r.released_by !== 'by-hand').length;
  const freedByHand = rows.filter((r) => r.status === 'released' && r.released_by === 'by-hand').length;
  let usedMs = 0;
  let overrunMs = 0;
  let onTime = 0;
  let invited = 0;
  let came = 0;
  const checkedIn = db.prepare('SELECT person_key FROM checkins WHERE meeting_id = ? AND walk_in = 0 AND set_aside_for IS NULL');
  for (const r of held) {
    const start = Date.parse(r.started_at!);
    const end = r.ended_at ? Date.parse(r.ended_at) : Math.min(now.getTime(), Date.parse(to));
    usedMs += Math.max(0, Math.min(end, Date.parse(to)) - Math.max(start, Date.parse(from)));
    if (r.ended_at) overrunMs += Math.max(0, Date.parse(r.ended_at) - Date.parse(r.end_at));
    if (start <= Date.parse(r.start_at) + lateAfterMinutes * 60_000) onTime++;
    invited += (JSON.parse(r.attendees) as unknown[]).length;
    came += checkedIn.all(r.id).length;
  }
  const ratings = db.prepare('SELECT COUNT(rating) AS n, AVG(rating) AS avg FROM feedback WHERE at >= ? AND at < ? AND rating IS NOT NULL').get(from, to) as {
    n: number;
    avg: number | null;
  };
  const endedHeld = held.filter((r) => r.ended_at).length;
  return {
    from,
    to,
    meetings: rows.length,
    utilisationPercent: pct(usedMs / 60_000, businessMinutes),
    noShowPercent: pct(released, rows.length),
    autoReleases: released,
    freedByHand,
    onTimeStartPercent: pct(onTime, held.length),
    averageOverrunMinutes: endedHeld === 0 ? 0 : Math.round((overrunMs / 60_000 / endedHeld) * 10) / 10,
    attendancePercent: pct(came, invited),
    ratingAverage: ratings.avg === null ? 0 : Math.round(ratings.avg * 100) / 100,
    ratings: ratings.n,
  };
}
