import type { FleetMeeting } from './fleet-api-types.js';
import { queryOne, type FleetSqlTx } from './fleet-sql.js';

const LAST_MEETING_EVENT =
  "SELECT type, at, body FROM fleet_events WHERE site = ? AND room = ? AND type IN ('meeting.started', 'meeting.ended') ORDER BY seq DESC LIMIT 1";

/** The meeting running in a room now: its newest meeting event, when that is a start (read or written in a batch). */
export async function currentMeetingIn(db: Pick<FleetSqlTx, 'query'>, site: string, room: string): Promise<FleetMeeting | null> {
  const row = await queryOne<{ type: string; at: string; body: string }>(db, LAST_MEETING_EVENT, [site, room]);
  if (!row || row.type !== 'meeting.started') return null;
  const body = JSON.parse(row.body) as { meetingId?: unknown; title?: unknown; confidential?: unknown };
  const confidential = body.confidential === true;
  return { meetingId: String(body.meetingId ?? ''), title: !confidential && typeof body.title === 'string' ? body.title : null, confidential, since: row.at };
}
