import type { AgendaBaseItem, ClockItem } from '../../contract/link-records.js';
import { matchItems } from '../meetings/agenda-identity.js';
import type { AgendaItem } from '../meetings/agenda-repository.js';
import type { AgendaItemDraft } from '../meetings/meeting-types.js';

/**
 * Another room's clock items as this room's agenda would hold them: with their ids and
 * speakers. An item of a clock from an earlier release has neither: it takes the id and keeps
 * the speakers of the item it matches here (by title, then place), so such a room moving the
 * clock on loses no one's turn to speak.
 */
export function draftsFromClock(items: readonly ClockItem[], local: readonly AgendaItem[]): AgendaItemDraft[] {
  const matched = matchItems(items, local);
  return items.map((i, n) => {
    const here = local[matched[n] ?? -1];
    const id = i.id ?? here?.id;
    const speakers = i.speakers ?? here?.speakers ?? [];
    return {
      ...(id ? { id } : {}),
      title: i.title,
      minutes: i.minutes,
      ...(i.owner ? { owner: i.owner } : {}),
      ...(speakers.length ? { speakers: speakers.map((s) => ({ name: s.name, minutes: s.minutes })) } : {}),
    };
  });
}

/** Whether this room's agenda already says what the drafts say: ids, titles, minutes, owners and speakers, in order. */
export function agendaSays(local: readonly AgendaItem[], drafts: readonly AgendaItemDraft[]): boolean {
  const said = (i: AgendaItemDraft) => JSON.stringify([i.title, i.owner ?? null, i.minutes, (i.speakers ?? []).map((s) => [s.name, s.minutes])]);
  return local.length === drafts.length && local.every((l, n) => (drafts[n]!.id === undefined || drafts[n]!.id === l.id) && said(l) === said(drafts[n]!));
}

/** Where each of a clock's items stands in this room's agenda (its position), or null for an item this room does not have. */
export function positionsHere(items: readonly ClockItem[], local: readonly AgendaItem[]): (number | null)[] {
  return matchItems(items, local).map((k) => (k === null ? null : local[k]!.position));
}

/** Clock items as an edit found them: without the times they ran. */
export function withoutTimes(items: readonly ClockItem[]): AgendaBaseItem[] {
  return items.map(({ startedAt: _s, endedAt: _e, ...item }) => item);
}

/**
 * What the first clock a room sends of a meeting was made on, while no room has sent one (the
 * rooms exchange a meeting from shortly before check-in opens; its agenda may have been edited in
 * each the day before): the items as they stood before this room's edits no other room has seen
 * (`edited`, the agenda's `editBase`), else the items themselves — no edit here, nothing of it
 * to merge, and the agenda reaches a room that has none. So edits made in two rooms before the
 * exchange are merged, not the earlier lost to the later. Undefined: no agenda here, nothing to send.
 */
export function firstClockBase(edited: readonly AgendaItemDraft[] | null, items: readonly ClockItem[]): AgendaBaseItem[] | undefined {
  if (edited === null) return items.length > 0 ? withoutTimes(items) : undefined;
  return edited.map((i) => ({ ...i, speakers: i.speakers ?? [] }));
}
