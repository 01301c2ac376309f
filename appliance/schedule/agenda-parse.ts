import type { AgendaItemDraft } from '../meetings/meeting-types.js';

/**
 * Agenda items from an invite's description, when it holds a simple numbered list with
 * durations:
 *
 *     1. Welcome (5 min) - Alice
 *     2) Budget review 20 min @Bob
 *     3. Decisions [10m]
 *     4、决策（10分钟）：王芳
 *
 * Anything else — a list with a line missing its duration, numbers out of order — is a
 * plain description: `null`, and the invite text is kept as it is.
 */
const NUMBERED = /^\s*(\d{1,2})(?:[.)]\s+|[、．）]\s*)(.*)$/;
const ITEM = /^(.+?)\s*[([（【]?\s*(\d{1,3})\s*(?:min|mins|minutes|minute|m|分钟|分)\s*[)\]）】]?\s*(?:(?:[-–—:：|@]|by)\s*@?(.+?))?\s*$/i;

export function parseAgenda(description: string): AgendaItemDraft[] | null {
  const items: AgendaItemDraft[] = [];
  for (const line of description.split(/\r?\n/)) {
    const numbered = NUMBERED.exec(line);
    if (!numbered) continue;
    if (Number(numbered[1]) !== items.length + 1) return null;
    const item = ITEM.exec(numbered[2]!);
    if (!item) return null;
    const minutes = Number(item[2]);
    const title = item[1]!.replace(/[\s\-–—:：|,，]+$/, '').trim();
    if (minutes < 1 || minutes > 480 || !title) return null;
    const owner = item[3]?.trim();
    items.push(owner ? { title, owner, minutes } : { title, minutes });
  }
  return items.length > 0 ? items : null;
}
