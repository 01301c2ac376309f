import type { AgendaItem } from './agenda-repository.js';

interface AgendaNow {
  current: AgendaItem | null;
  /** ms left of the current item's allotted time; negative when it overruns */
  remainingMs: number | null;
  /** share of the allotted time used, in % */
  usedPercent: number | null;
}

export function agendaNow(items: readonly AgendaItem[], now: Date): AgendaNow {
  const current = items.find((i) => i.startedAt && !i.endedAt) ?? null;
  if (!current) return { current: null, remainingMs: null, usedPercent: null };
  const used = now.getTime() - Date.parse(current.startedAt!);
  const allotted = current.minutes * 60_000;
  return { current, remainingMs: allotted - used, usedPercent: Math.round((used / allotted) * 1000) / 10 };
}

/** Minutes an item ran over its allotted time (0 when on time), once it has run. */
export function overrunMinutes(item: AgendaItem, now?: Date): number | null {
  if (!item.startedAt) return null;
  const end = item.endedAt ? Date.parse(item.endedAt) : now?.getTime();
  if (end === undefined) return null;
  return Math.max(0, Math.round(((end - Date.parse(item.startedAt)) / 60_000 - item.minutes) * 10) / 10);
}

/** An item passed over with "skip": it ended where it began (`advanceAgenda`). */
export function isSkipped(item: Pick<AgendaItem, 'startedAt' | 'endedAt'>): boolean {
  return item.startedAt !== null && item.startedAt === item.endedAt;
}
