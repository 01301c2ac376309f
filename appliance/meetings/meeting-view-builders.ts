import { onlineOfBooking, onlineView } from '../calls/online-meeting-view.js';
import { agendaNow, overrunMinutes } from './agenda-clock.js';
import { minutesMs, type MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import { agendaSaveLimit } from './meeting-limits.js';
import type { AgendaNowView, MeetingView, RoomNowView } from './meeting-views.js';
import type { RoomStateView } from './room-state.js';
import type { ShownEvent } from '../schedule/ics-expand.js';
import { endOfLocalDay } from '../schedule/zoned-time.js';

/** What this file's functions use of the meeting context. */
type ViewContext = Pick<MeetingContext, 'agenda' | 'checkIns' | 'clock' | 'conversation' | 'db' | 'linked' | 'room' | 'rules' | 'selfTests'> &
  Partial<Pick<MeetingContext, 'linkPolicy'>>;

/** A meeting as the API shows it; confidential details only for authorised readers. */
export function meetingView(ctx: ViewContext, m: Meeting, authorised: boolean): MeetingView {
  const hidden = m.confidentiality === 'confidential' && !authorised;
  const conversation = ctx.conversation.view(m.id, hidden);
  return {
    id: m.id,
    source: m.source,
    seriesKey: m.seriesKey,
    title: hidden ? null : m.title,
    hidden,
    organiser: hidden ? null : m.organiser,
    attendees: hidden ? [] : m.attendees,
    description: hidden ? '' : m.description,
    start: m.start,
    end: m.end,
    status: m.status,
    confidentiality: m.confidentiality,
    startedAt: m.startedAt,
    endedAt: m.endedAt,
    releasedAt: m.releasedAt,
    releasedBy: m.releasedBy,
    releasedVia: m.releasedVia,
    checkInOpensAt: new Date(Date.parse(m.start) - minutesMs(ctx.rules.checkInOpensMinutes)).toISOString(),
    autoReleaseAt: new Date(Date.parse(m.start) + minutesMs(ctx.rules.autoReleaseMinutes)).toISOString(),
    checkIns: ctx.checkIns.count(m.id),
    seriesFlagged:
      m.seriesKey !== null && ctx.db.prepare('SELECT 1 FROM series_misses WHERE series_key = ? AND flagged_at IS NOT NULL').get(m.seriesKey) !== undefined,
    rooms: ctx.linked?.rooms(m.id) ?? [],
    ...(ctx.linked ? { linksRooms: ctx.linked.linksRooms(m.id), handsTimeOver: ctx.linked.handsTimeOver(m.id) } : {}),
    online: onlineView(onlineOfBooking(m, ctx.linkPolicy ?? {}), hidden),
    floor: conversation.floor,
    polls: conversation.polls,
  };
}

export function agendaView(ctx: ViewContext, meetingId: string): AgendaNowView {
  const items = ctx.agenda.list(meetingId);
  const now = agendaNow(items, ctx.clock.now());
  return {
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      owner: i.owner ?? null,
      minutes: i.minutes,
      speakers: i.speakers ?? [],
      startedAt: i.startedAt,
      endedAt: i.endedAt,
      overrunMinutes: overrunMinutes(i, ctx.clock.now()),
    })),
    currentPosition: now.current?.position ?? null,
    remainingSeconds: now.remainingMs === null ? null : Math.round(now.remainingMs / 1000),
    usedPercent: now.usedPercent,
    revision: ctx.agenda.revision(meetingId),
    maxItems: agendaSaveLimit(items.length),
  };
}

/** What the door and table panels show now. The stream is public, so confidential stays hidden. */
export function roomNowView(ctx: ViewContext, state: RoomStateView, authorised: boolean, shown: readonly ShownEvent[] = []): RoomNowView {
  const current = state.current;
  const now = ctx.clock.now();
  const dayEnd = endOfLocalDay(now, ctx.room.timezone).toISOString();
  const alsoToday = shown
    .filter((s) => s.end > now.toISOString() && s.start < dayEnd)
    .map((s) => ({ title: s.confidential && !authorised ? null : s.title, start: s.start, end: s.end, allDay: s.allDay }));
  const test = current ? ctx.selfTests.latest(current.id) : undefined;
  return {
    state: state.state,
    current: current ? meetingView(ctx, current, authorised) : null,
    next: state.next ? meetingView(ctx, state.next, authorised) : null,
    agenda: current && (current.confidentiality === 'normal' || authorised) ? agendaView(ctx, current.id) : null,
    selfTest: test ? { id: test.id, at: test.at, passed: test.passed, failed: [...new Set(test.results.filter((r) => !r.ok).map((r) => r.deviceId))] } : null,
    bookNowMinutes: state.state === 'idle' ? [...ctx.rules.adHocMinutes] : [],
    alsoToday,
    ...(ctx.linked ? { linkable: true } : {}),
    time: now.toISOString(),
  };
}
