import type { CheckIn } from './checkin-repository.js';
import { personKey, type Meeting, type Person } from './meeting-types.js';

type AttendanceStatus = 'on_time' | 'late' | 'absent';

export interface AttendanceEntry extends Person {
  personKey: string;
  required: boolean;
  invited: boolean;
  status: AttendanceStatus;
  checkedInAt: string | null;
  method: CheckIn['method'] | null;
  /** The linked room they checked in at, when it was not this one. */
  room?: string;
}

/**
 * Who came, against who was invited: on time (checked in by start + lateAfter), late, or
 * absent. Walk-ins are listed as not invited.
 */
export function attendanceOf(meeting: Meeting, checkIns: readonly CheckIn[], lateAfterMinutes: number): AttendanceEntry[] {
  const lateAt = Date.parse(meeting.start) + lateAfterMinutes * 60_000;
  const byKey = new Map(checkIns.map((c) => [c.personKey, c]));
  const status = (c: CheckIn | undefined): AttendanceStatus => (!c ? 'absent' : Date.parse(c.at) <= lateAt ? 'on_time' : 'late');
  const invited = meeting.attendees.map((a) => {
    const key = personKey(a);
    const c = byKey.get(key);
    byKey.delete(key);
    return { ...a, personKey: key, invited: true, status: status(c), checkedInAt: c?.at ?? null, method: c?.method ?? null };
  });
  const walkIns = [...byKey.values()].map((c) => {
    const person: Person = { ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}), ...(c.badge ? { badge: c.badge } : {}) };
    return { ...person, personKey: c.personKey, required: false, invited: false, status: status(c), checkedInAt: c.at, method: c.method };
  });
  return [...invited, ...walkIns];
}

/** Finds the invitee a badge, email or name belongs to. */
export function findAttendee(meeting: Meeting, who: { badge?: string; email?: string; name?: string }): Meeting['attendees'][number] | undefined {
  const email = who.email?.toLowerCase();
  const name = who.name?.trim().toLowerCase();
  return meeting.attendees.find(
    (a) =>
      (who.badge && a.badge === who.badge) ||
      (email && a.email?.toLowerCase() === email) ||
      (name && !who.badge && !email && a.name?.trim().toLowerCase() === name),
  );
}
