import { agendaNow } from './agenda-clock.js';
import { minutesMs, type MeetingContext } from './meeting-context.js';
import { end, type EndContext, release, type ReleaseContext } from './meeting-lifecycle.js';
import { START_MARKS } from './meeting-repository.js';
import type { Meeting } from './meeting-types.js';
import { displayName } from './meeting-types.js';
import { reminderDuty } from './linked-port.js';
import { sendDueMinutes } from './minutes-service.js';
import { selfTestJob } from './selftest-job.js';

/** The rules end and release meetings, send the minutes and run the self-test: what those steps use, and the self-tests. */
type RulesContext = EndContext & ReleaseContext & Pick<MeetingContext, 'selfTests' | 'startScene'>;

/**
 * The meeting rules, evaluated against the clock on every tick. Each rule that acts writes a
 * mark first (meeting_marks), so it acts once even across restarts, and a late tick (the
 * appliance was off) still catches up in order.
 */
export function applyRules(ctx: RulesContext): void {
  const now = ctx.clock.now();
  const t = now.getTime();
  const { rules } = ctx;
  const lookAhead = Math.max(rules.reminderMinutes, rules.selfTestMinutes, rules.checkInOpensMinutes) + 1;
  const from = new Date(t - 86_400_000).toISOString();
  const to = new Date(t + minutesMs(lookAhead)).toISOString();
  for (const m of ctx.meetings.between(from, to, ['booked', 'in_progress'])) {
    try {
      if (m.status === 'booked') bookedRules(ctx, m, t);
      else runningRules(ctx, m, t);
    } catch (err) {
      ctx.log.error({ meeting: m.id, err: (err as Error).message }, 'meeting rule failed');
    }
  }
  try {
    sendDueMinutes(ctx);
  } catch (err) {
    ctx.log.error({ err: (err as Error).message }, 'sending held minutes failed');
  }
}

function bookedRules(ctx: RulesContext, m: Meeting, t: number): void {
  const { rules, meetings } = ctx;
  const start = Date.parse(m.start);
  const endAt = Date.parse(m.end);
  const now = ctx.clock.now();
  if (t >= start - minutesMs(rules.reminderMinutes) && t < start) remind(ctx, m, start, t);
  if (t >= start - minutesMs(rules.selfTestMinutes) && t < endAt && meetings.mark(m.id, START_MARKS.selfTest, now)) {
    ctx.track(selfTestJob(ctx, m));
  }
  if (t >= start - minutesMs(rules.checkInOpensMinutes) && t < endAt && meetings.mark(m.id, START_MARKS.checkInOpen, now)) {
    ctx.changed({ kind: 'checkin-open', meetingId: m.id });
  }
  if (t >= start) rollCall(ctx, m);
  const checkedIn = ctx.checkIns.count(m.id);
  if (checkedIn === 0 && t >= start + minutesMs(rules.autoReleaseMinutes)) {
    release(ctx, m.id, 'rule');
    return;
  }
  // People came but nobody pressed start: the booking still ends at its time.
  if (checkedIn > 0 && t >= endAt + minutesMs(rules.endGraceMinutes)) end(ctx, m.id);
}

/**
 * Before the start: the organiser and the attendees get a reminder (once per start). In a linked
 * meeting one room reminds them, for every room: the room that keeps the time, once it has heard
 * the others — a room an invitation brought in holds the meeting's people its invitation carried,
 * so one handed the time reminds them as the organiser's room would have. Recorded on the link
 * before the mail leaves, so no other room reminds them again.
 */
function remind(ctx: RulesContext, m: Meeting, start: number, t: number): void {
  if (ctx.meetings.hasMark(m.id, START_MARKS.reminder)) return;
  const duty = reminderDuty(m.start);
  const by = ctx.linked?.dutyBy(m.id, duty) ?? 'here';
  if (by === 'wait' || by === 'another-room') return;
  if (!ctx.meetings.mark(m.id, START_MARKS.reminder, ctx.clock.now()) || by === 'done') return;
  ctx.linked?.dutyTaken(m.id, duty);
  const emails = [m.organiser.email, ...m.attendees.map((a) => a.email)].filter((e): e is string => !!e);
  ctx.notifier.notify(ctx.texts.reminder(m, Math.max(1, Math.round((start - t) / 60_000)), false), { emails, groups: false });
  ctx.notifier.notify(ctx.texts.reminder(m, Math.max(1, Math.round((start - t) / 60_000)), true), { emails: [], groups: true });
}

/** At the start: required invitees not checked in get a nudge (once). */
function rollCall(ctx: RulesContext, m: Meeting): void {
  // In a linked meeting one room nudges, once for every room: the room hosting, once it has heard the others. It
  // records that it did before the nudges leave, so no room makes it again (a later host, a room that comes up late).
  // A room that follows asks again on every run until that record comes: a host that goes down before making the
  // roll call leaves it to the room that takes over, not to nobody.
  if (ctx.meetings.hasMark(m.id, 'rollcall')) return;
  const by = ctx.linked?.dutyBy(m.id, 'rollcall') ?? 'here';
  if (by === 'wait' || by === 'another-room') return;
  if (!ctx.meetings.mark(m.id, 'rollcall', ctx.clock.now()) || by === 'done') return;
  ctx.linked?.dutyTaken(m.id, 'rollcall');
  const present = new Set(ctx.checkIns.list(m.id).map((c) => c.personKey));
  const elsewhere = (key: string) => ctx.linked?.checkedInElsewhere(m.id, key) !== undefined;
  for (const a of m.attendees) {
    if (!a.required || !a.email) continue;
    const keys = [`email:${a.email.toLowerCase()}`, ...(a.badge ? [`badge:${a.badge}`] : [])];
    if (keys.some((k) => present.has(k) || elsewhere(k))) continue;
    ctx.notifier.notify(ctx.texts.nudge(m, displayName(a)), { emails: [a.email], groups: false });
  }
}

function runningRules(ctx: RulesContext, m: Meeting, t: number): void {
  const { rules, meetings } = ctx;
  const now = ctx.clock.now();
  const endAt = Date.parse(m.end);
  if (t >= Date.parse(m.start)) rollCall(ctx, m);
  for (const minutes of [...rules.endWarningMinutes].sort((a, b) => b - a)) {
    // Keyed by the end time: an extended meeting is warned again before its new end.
    if (t >= endAt - minutesMs(minutes) && t < endAt && meetings.mark(m.id, `end-warning.${minutes}@${m.end}`, now)) {
      ctx.changed({ kind: 'end-warning', meetingId: m.id, minutesLeft: minutes });
    }
  }
  const agenda = agendaNow(ctx.agenda.list(m.id), now);
  if (agenda.current && agenda.usedPercent !== null) {
    for (const percent of [...rules.agendaWarningPercents].sort((a, b) => a - b)) {
      if (agenda.usedPercent >= percent && meetings.mark(m.id, `agenda.${agenda.current.position}.${percent}@${agenda.current.startedAt}`, now)) {
        ctx.changed({ kind: 'agenda-warning', meetingId: m.id, position: agenda.current.position, percent });
      }
    }
  }
  if (t >= endAt + minutesMs(rules.endGraceMinutes)) end(ctx, m.id);
}
