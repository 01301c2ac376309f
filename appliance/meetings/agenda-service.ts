import { RoomctlError } from '../../drivers/core/errors.js';
import type { MeetingContext } from './meeting-context.js';
import { assertAgendaSaveFits } from './meeting-limits.js';
import type { AgendaItemDraft } from './meeting-types.js';
import type { MinutesReader } from './minutes-service.js';

/** What this file's functions use of the meeting context. */
type AgendaContext = Pick<MeetingContext, 'agenda' | 'audit' | 'changed' | 'clock' | 'meetings'>;

/**
 * Replaces the agenda of a meeting that has not ended; a running meeting starts its first item.
 * At most 50 items, or as many as the agenda holds when linked rooms' edits merged made it longer
 * (`assertAgendaSaveFits`).
 * `ifRevision`: the revision the editor started from; when the agenda has moved on since, the
 * save is refused and nothing changes (someone else's edit is not written over unseen).
 */
function setAgenda(ctx: AgendaContext, id: string, items: readonly AgendaItemDraft[], ifRevision?: number): void {
  const m = ctx.meetings.require(id);
  if (m.status !== 'booked' && m.status !== 'in_progress')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; its agenda can no longer change`);
  const revision = ctx.agenda.revision(id);
  if (ifRevision !== undefined && ifRevision !== revision)
    throw new RoomctlError(
      'ROOMCTL_E_AGENDA_CHANGED',
      `The agenda of meeting ${id} is at revision ${revision}; this save started from revision ${ifRevision}`,
      {
        revision,
      },
    );
  assertAgendaSaveFits(id, items.length, ctx.agenda.list(id).length);
  ctx.agenda.edit(id, items);
  const list = ctx.agenda.list(id);
  if (m.status === 'in_progress' && list.length > 0 && !list.some((i) => i.startedAt && !i.endedAt)) {
    const next = list.find((i) => !i.startedAt);
    if (next) ctx.agenda.setStarted(id, next.position, ctx.clock.now().toISOString());
  }
  ctx.changed();
}

/** An agenda replaced by a person (from `ifRevision` when given): replaced, and written into the meeting's audit. */
export function editAgenda(ctx: AgendaContext, id: string, items: readonly AgendaItemDraft[], by: MinutesReader, ifRevision?: number): void {
  setAgenda(ctx, id, items, ifRevision);
  ctx.audit.record({ meetingId: id, action: 'agenda.edit', who: by.who ?? null, via: by.via, detail: `${items.length} items` }, ctx.clock.now());
}

/**
 * Ends the current item (recording its actual time) and starts the next one. `skip`: the current
 * item was passed over, not discussed: it ends where it began (no time of its own, `isSkipped`),
 * so the minutes say "skipped" rather than the seconds it stood on the screen.
 */
export function advanceAgenda(ctx: AgendaContext, id: string, options: { skip?: boolean } = {}): void {
  const m = ctx.meetings.require(id);
  if (m.status !== 'in_progress') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; the agenda moves only while it runs`);
  const now = ctx.clock.now().toISOString();
  const items = ctx.agenda.list(id);
  const current = items.find((i) => i.startedAt && !i.endedAt);
  if (current) ctx.agenda.setEnded(id, current.position, options.skip ? current.startedAt! : now);
  const next = items.find((i) => !i.startedAt && (!current || i.position > current.position));
  if (next) ctx.agenda.setStarted(id, next.position, now);
  ctx.changed();
}
