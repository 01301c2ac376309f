import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingContext } from './meeting-context.js';
import { assertMeetingHolds } from './meeting-limits.js';
import type { Meeting } from './meeting-types.js';
import type { Minutes } from './minutes-assemble.js';
import type { ActionItem, ActionStatus, EntryKind, MinutesEntry } from './minutes-repository.js';
import {
  assertMayRead,
  currentMinutes,
  isOrganiser,
  minutesExports,
  minutesSendAt,
  minutesSentAt,
  storeMinutes,
  type MinutesReader,
} from './minutes-service.js';

/** What this file's functions use of the meeting context. */
type MinutesActionsContext = Pick<
  MeetingContext,
  'agenda' | 'audit' | 'checkIns' | 'clock' | 'conversation' | 'meetings' | 'minutes' | 'notifier' | 'personalMinutesUrl' | 'room' | 'rules' | 'texts'
>;

export function minutesClosed(id: string, sentAt: string): RoomctlError {
  return new RoomctlError(
    'ROOMCTL_E_MINUTES_SENT',
    `The minutes of meeting ${id} were sent at ${sentAt}; only the organiser amends them now, through the personal link in their minutes email`,
    { sentAt },
  );
}

/**
 * Notes, decisions and action items can change until the minutes are sent, by whoever may
 * read them. After, only the organiser (proven by their personal link) changes them, and it
 * is an amendment: audited as `amend.*`; the meeting code and the room's token change nothing.
 */
function writable(ctx: MinutesActionsContext, id: string, reader: MinutesReader): { m: Meeting; amendment: boolean } {
  const m = ctx.meetings.require(id);
  if (m.status === 'released' || m.status === 'cancelled')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} was ${m.status}; it has no minutes`);
  const sentAt = minutesSentAt(ctx, m);
  if (sentAt && !isOrganiser(m, reader)) throw minutesClosed(id, sentAt);
  assertMayRead(ctx, m, reader);
  return { m, amendment: sentAt !== null };
}

/** Stored minutes (held for review, or amended once sent) are assembled again after each change, so every export shows it. */
function afterChange(ctx: MinutesActionsContext, m: Meeting): void {
  if (ctx.minutes.storedMinutes(m.id)) storeMinutes(ctx, ctx.meetings.require(m.id));
}

const audited = (action: string, amendment: boolean) => (amendment ? `amend.${action}` : action);

export function editEntry(
  ctx: MinutesActionsContext,
  meetingId: string,
  kind: EntryKind,
  entryId: string,
  text: string | null,
  reader: MinutesReader,
): MinutesEntry | null {
  const entry = ctx.minutes.entry(entryId);
  if (!entry || entry.meetingId !== meetingId || entry.kind !== kind)
    throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No ${kind} "${entryId}" in meeting ${meetingId}`);
  const { m, amendment } = writable(ctx, meetingId, reader);
  if (text === null) ctx.minutes.deleteEntry(entryId);
  else ctx.minutes.updateEntry(entryId, text);
  ctx.audit.record(
    { meetingId, action: audited(text === null ? `${kind}.delete` : `${kind}.edit`, amendment), who: reader.who ?? null, via: reader.via, detail: entryId },
    ctx.clock.now(),
  );
  afterChange(ctx, m);
  return text === null ? null : stripMeeting(ctx.minutes.entry(entryId)!);
}

function stripMeeting(e: MinutesEntry & { meetingId: string }): MinutesEntry {
  return { id: e.id, kind: e.kind, text: e.text, author: e.author, at: e.at };
}

export function deleteActionItem(ctx: MinutesActionsContext, actionId: string, reader: MinutesReader): void {
  const item = ctx.minutes.action(actionId);
  if (!item) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No action item "${actionId}"`);
  const { m, amendment } = writable(ctx, item.meetingId, reader);
  ctx.minutes.deleteAction(actionId);
  ctx.audit.record(
    { meetingId: item.meetingId, action: audited('action.delete', amendment), who: reader.who ?? null, via: reader.via, detail: actionId },
    ctx.clock.now(),
  );
  afterChange(ctx, m);
}

export function addEntry(
  ctx: MinutesActionsContext,
  id: string,
  kind: EntryKind,
  text: string,
  author: string | undefined,
  reader: MinutesReader,
): MinutesEntry {
  const { m, amendment } = writable(ctx, id, reader);
  assertMeetingHolds(id, 'entries', ctx.minutes.entryCount(id));
  const entry = ctx.minutes.addEntry(id, kind, text, author, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: audited(kind, amendment), who: reader.who ?? author ?? null, via: reader.via, detail: entry.id }, ctx.clock.now());
  afterChange(ctx, m);
  return entry;
}

export function addActionItem(
  ctx: MinutesActionsContext,
  id: string,
  input: { text: string; owner: string; ownerEmail?: string; deadline?: string },
  reader: MinutesReader,
): ActionItem {
  const { m, amendment } = writable(ctx, id, reader);
  assertMeetingHolds(id, 'actionItems', ctx.minutes.actionCount(id));
  const item = ctx.minutes.addAction(id, input, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: audited('action.add', amendment), who: reader.who ?? null, via: reader.via, detail: item.id }, ctx.clock.now());
  afterChange(ctx, m);
  return item;
}

/**
 * Action items live on after the meeting: once the minutes are sent their status and deadline
 * still follow the work — moved by the room's token (the panel, an integration) or a personal
 * link — while what they say and who owns them is the organiser's to amend; the meeting's
 * code changes nothing any more.
 */
export function updateActionItem(
  ctx: MinutesActionsContext,
  actionId: string,
  patch: { status?: ActionStatus; deadline?: string | null; owner?: string; ownerEmail?: string | null; text?: string },
  reader: MinutesReader,
): ActionItem {
  const item = ctx.minutes.action(actionId);
  if (!item) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No action item "${actionId}"`);
  const progressOnly = Object.keys(patch).every((k) => k === 'status' || k === 'deadline');
  const m = ctx.meetings.require(item.meetingId);
  const sentAt = minutesSentAt(ctx, m);
  let amendment = false;
  if (!progressOnly) amendment = writable(ctx, item.meetingId, reader).amendment;
  else if (sentAt && reader.via === 'meeting-code') throw minutesClosed(m.id, sentAt);
  assertMayRead(ctx, m, reader);
  const updated = ctx.minutes.update(actionId, patch, ctx.clock.now())!;
  ctx.audit.record(
    {
      meetingId: item.meetingId,
      action: audited('action.update', amendment),
      who: reader.who ?? null,
      via: reader.via,
      detail: `${actionId}: ${JSON.stringify(patch)}`,
    },
    ctx.clock.now(),
  );
  if (!sentAt || amendment) afterChange(ctx, m);
  return updated;
}

/** The minutes as stored at the end, or as they stand while the meeting runs. Every read is audited (once a minute per reader and format). */
export function readMinutes(
  ctx: MinutesActionsContext,
  id: string,
  reader: MinutesReader,
  format: 'json' | 'markdown' | 'ics' = 'json',
): { minutes: Minutes; markdown: string; ics: string; final: boolean; sentAt: string | null; sendsAt: string | null } {
  const m = ctx.meetings.require(id);
  assertMayRead(ctx, m, reader);
  const stored = ctx.minutes.storedMinutes(id);
  // Action items keep changing after the meeting (status updates): always the current ones.
  const minutes = stored ? { ...(stored.body as Minutes), actionItems: ctx.minutes.actions(id) } : currentMinutes(ctx, m);
  const files = minutesExports(ctx, minutes);
  ctx.audit.recordRead(
    { meetingId: id, action: format === 'json' ? 'read' : `export.${format}`, who: reader.who ?? null, via: reader.via, detail: null },
    ctx.clock.now(),
  );
  const sentAt = stored?.sentAt ?? null;
  return { minutes, markdown: files.markdown, ics: files.ics, final: stored !== undefined, sentAt, sendsAt: stored && !sentAt ? minutesSendAt(ctx, m) : null };
}
