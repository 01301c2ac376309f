import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import type { Minutes } from './minutes-assemble.js';
import type { ActionItem, ActionStatus, EntryKind, MinutesEntry } from './minutes-repository.js';
import { assertMayRead, currentMinutes, minutesExports, type MinutesReader } from './minutes-service.js';

function meetingFor(ctx: MeetingContext, id: string): Meeting {
  const m = ctx.meetings.get(id);
  if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${id}" in this room`);
  return m;
}

function writable(ctx: MeetingContext, id: string, reader: MinutesReader): Meeting {
  const m = meetingFor(ctx, id);
  if (m.status === 'released' || m.status === 'cancelled') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} was ${m.status}; it has no minutes`);
  assertMayRead(ctx, m, reader);
  return m;
}

export function addEntry(ctx: MeetingContext, id: string, kind: EntryKind, text: string, author: string | undefined, reader: MinutesReader): MinutesEntry {
  writable(ctx, id, reader);
  const entry = ctx.minutes.addEntry(id, kind, text, author, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: kind, who: reader.who ?? author ?? null, via: reader.via, detail: entry.id }, ctx.clock.now());
  return entry;
}

export function addActionItem(ctx: MeetingContext, id: string, input: { text: string; owner: string; ownerEmail?: string; deadline?: string }, reader: MinutesReader): ActionItem {
  writable(ctx, id, reader);
  const item = ctx.minutes.addAction(id, input, ctx.clock.now());
  ctx.audit.record({ meetingId: id, action: 'action.add', who: reader.who ?? null, via: reader.via, detail: item.id }, ctx.clock.now());
  return item;
}

export function updateActionItem(ctx: MeetingContext, actionId: string, patch: { status?: ActionStatus; deadline?: string | null; owner?: string; ownerEmail?: string | null; text?: string }, reader: MinutesReader): ActionItem {
  const item = ctx.minutes.action(actionId);
  if (!item) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No action item "${actionId}"`);
  assertMayRead(ctx, meetingFor(ctx, item.meetingId), reader);
  const updated = ctx.minutes.update(actionId, patch, ctx.clock.now())!;
  ctx.audit.record({ meetingId: item.meetingId, action: 'action.update', who: reader.who ?? null, via: reader.via, detail: `${actionId}: ${JSON.stringify(patch)}` }, ctx.clock.now());
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
