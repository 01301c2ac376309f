import type { AgendaBaseItem, ClockItem } from '../../contract/link-records.js';
import { matchItems } from '../meetings/agenda-identity.js';

/** As many items as an agenda clock carries (contract/link-records.ts). */
const MAX_ITEMS = 100;

/** What a person can change of an item: its title, owner, minutes and speakers (not its id, not the times it ran). */
function said(i: AgendaBaseItem): string {
  return JSON.stringify([i.title, i.owner ?? null, i.minutes, (i.speakers ?? []).map((s) => [s.name, s.minutes])]);
}

/** Whether two agendas say the same, item by item, in order (ids aside: rooms may not have agreed on them yet). */
export function sameAgenda(a: readonly AgendaBaseItem[], b: readonly AgendaBaseItem[]): boolean {
  return a.length === b.length && a.every((item, n) => said(item) === said(b[n]!));
}

/** `matchItems` over lists whose items may lack an id (a room of an earlier release sends none): such an item is known by its title. */
function match(incoming: readonly AgendaBaseItem[], existing: readonly AgendaBaseItem[]): (number | null)[] {
  return matchItems(
    incoming,
    existing.map((e, n) => ({ id: e.id ?? `\u0000${n}`, title: e.title })),
  );
}

/**
 * An edit made in one linked room on `base` (the items as that room had them), folded onto
 * `current` (the items as every room has them from the edits before it): the edit's items, and
 * what other rooms changed meanwhile that the edit did not change — nothing either side did is
 * dropped unseen. Items are the same item by id, else by title (`matchItems`). Per item:
 * - changed on one side only: that side's version; on both: the edit's (it is folded last);
 * - added on either side: kept — one added here only stands after the item it followed here;
 * - removed on one side: gone, unless the other side changed it meanwhile (an edit is not lost
 *   to a removal made without seeing it).
 * The order is the edit's. Every room folds the same edits in the same order (the records'
 * `(at, id)`), so every room comes to the same agenda.
 */
export function mergeAgendaEdit(current: readonly ClockItem[], base: readonly AgendaBaseItem[], edit: readonly ClockItem[]): ClockItem[] {
  if (sameAgenda(current, base)) return [...edit];
  // A room's first clock of a meeting that it did not edit (its agenda as it has it): nothing to change.
  if (sameAgenda(edit, base)) return [...current];
  const editInBase = match(edit, base);
  const editInCurrent = match(edit, current);
  const currentInBase = match(current, base);
  const changed = (item: AgendaBaseItem, inBase: number | null) => inBase === null || said(item) !== said(base[inBase]!);
  const merged: { item: ClockItem; from: number | null }[] = [];
  edit.forEach((item, n) => {
    const k = editInCurrent[n];
    if (k !== null && k !== undefined) {
      const here = current[k]!;
      // The edit left it as it was; another room changed it meanwhile: that change stays.
      const kept = !changed(item, editInBase[n] ?? null) && changed(here, currentInBase[k] ?? null) ? here : item;
      const id = item.id ?? here.id;
      merged.push({ item: id === undefined ? kept : { ...kept, id }, from: k });
    } else if (editInBase[n] === null || changed(item, editInBase[n] ?? null)) {
      // New in the edit, or removed meanwhile elsewhere but changed by the edit: kept.
      merged.push({ item, from: null });
    }
  });
  const taken = new Set(editInCurrent.filter((k): k is number => k !== null));
  let at = 0;
  current.forEach((item, k) => {
    if (taken.has(k)) {
      const placed = merged.findIndex((m) => m.from === k);
      if (placed >= 0) at = placed + 1;
      return;
    }
    // Not in the edit: added meanwhile, or removed by the edit — kept only if changed meanwhile.
    if (!changed(item, currentInBase[k] ?? null)) return;
    merged.splice(at++, 0, { item, from: k });
  });
  return merged.slice(0, MAX_ITEMS).map((m) => m.item);
}
