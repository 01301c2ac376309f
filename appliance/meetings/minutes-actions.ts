import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import type { Minutes } from './minutes-assemble.js';
import type { ActionItem, ActionStatus, EntryKind, MinutesEntry } from './minutes-repository.js';
import { assertMayRead, currentMinutes, isOrganiser, minutesExports, minutesSentAt, type MinutesReader } from './minutes-service.js';

function meetingFor(ctx: MeetingContext, id: string): Meeting {
  const m = ctx.meetings.get(id);
  if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${id}" in this room`);
  return m;
}

function closed(sentAt: string): RoomctlError {
  return new RoomctlError('ROOMCTL_E_MEETING_STATE', `The minutes were sent at ${sentAt}; only the organiser amends them now, through the personal link in their minutes email`, { minutesSentAt: sentAt });
}

/**
 * May this reader write the meeting's minutes? Until they are sent, whoever may read them;
 * after, only the organiser (proven by their personal link), and it is an amendment: audited
 * as `amend.*`, and the stored minutes are assembled again so every reader sees it.
 */
function writable(ctx: MeetingContext, id: string, reader: MinutesReader): { m: Meeting; amendment: boolean } {
  const m = meetingFor(ctx, id);
  if (m.status === 'released' || m.status === 'cancelled') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} was ${m.status}; it has no minutes`);
  const sentAt = minutesSentAt(ctx, m);
  if (sentAt && !isOrganiser(m, reader)) throw closed(sentAt);
  assertMayRead(ctx, m, reader);
  return { m, amendment: sentAt !== null };
}

function afterAmendment(ctx: MeetingContext, m: Meeting, amendment: boolean): void {
  if (amendment) ctx.minutes.saveMinutes(m.id, currentMinutes(ctx, m), ctx.clock.now());
}

export function addEntry(ctx: MeetingContext, id: string, kind: EntryKind, text: string, author: string | undefined, reader: MinutesReader): MinutesEntry {
  const { m, amendment } = writable(ctx, id, reader);
  const entry = ctx.minutes.addEntry(id, kind, text, author, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: amendment ? `amend.${kind}` : kind, who: reader.who ?? author ?? null, via: reader.via, detail: entry.id }, ctx.clock.now());
  afterAmendment(ctx, m, amendment);
  return entry;
}

export function addActionItem(ctx: MeetingContext, id: string, input: { text: string; owner: string; ownerEmail?: string; deadline?: string }, reader: MinutesReader): ActionItem {
  const { m, amendment } = writable(ctx, id, reader);
  const item = ctx.minutes.addAction(id, input, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: amendment ? 'amend.action.add' : 'action.add', who: reader.who ?? null, via: reader.via, detail: item.id }, ctx.clock.now());
  afterAmendment(ctx, m, amendment);
  return item;
}

type ActionPatch = { status?: ActionStatus; deadline?: string | null; owner?: string; ownerEmail?: string | null; text?: string };

/**
 * Action items live on after the meeting: once the minutes are sent the room's credential
 * (the panel, an integration) may still move their status and deadline; what they say and
 * who owns them is the organiser's to amend; the meeting's code changes nothing any more.
 */
export function updateActionItem(ctx: MeetingContext, actionId: string, patch: ActionPatch, reader: MinutesReader): ActionItem {
  const item = ctx.minutes.action(actionId);
  if (!item) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No action item "${actionId}"`);
  const m = meetingFor(ctx, item.meetingId);
  const sentAt = minutesSentAt(ctx, m);
  const progressOnly = Object.keys(patch).every((k) => k === 'status' || k === 'deadline');
  const amendment = sentAt !== null && isOrganiser(m, reader);
  if (sentAt && !amendment && !(reader.via === 'token' && progressOnly)) throw closed(sentAt);
  assertMayRead(ctx, m, reader);
  const updated = ctx.minutes.update(actionId, patch, ctx.clock.now())!;
  ctx.audit.record({ meetingId: item.meetingId, action: amendment ? 'amend.action.update' : 'action.update', who: reader.who ?? null, via: reader.via, detail: `${actionId}: ${JSON.stringify(patch)}` }, ctx.clock.now());
  return updated;
}

/** The minutes as stored at the end, or as they stand while the meeting runs. Every read is audited. */
export function readMinutes(ctx: MeetingContext, id: string, reader: MinutesReader, format: 'json' | 'markdown' | 'ics' = 'json'): { minutes: Minutes; markdown: string; ics: string; final: boolean } {
  const m = meetingFor(ctx, id);
  assertMayRead(ctx, m, reader);
  const stored = ctx.minutes.storedMinutes(id);
  // Action items keep changing after the meeting (status updates): always the current ones.
  const minutes = stored ? { ...(stored.body as Minutes), actionItems: ctx.minutes.actions(id) } : currentMinutes(ctx, m);
  const files = minutesExports(ctx, minutes);
  ctx.audit.record({ meetingId: id, action: format === 'json' ? 'read' : `export.${format}`, who: reader.who ?? null, via: reader.via, detail: null }, ctx.clock.now());
  return { minutes, markdown: files.markdown, ics: files.ics, final: stored !== undefined };
}
