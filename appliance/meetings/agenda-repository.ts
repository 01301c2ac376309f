import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import { matchItems } from './agenda-identity.js';
import type { AgendaItemDraft, AgendaSpeaker } from './meeting-types.js';

export interface AgendaItem extends AgendaItemDraft {
  /** The item's identity, the same in every linked room: what its times and speakers belong to, wherever it moves. */
  id: string;
  position: number;
  startedAt: string | null;
  endedAt: string | null;
}

interface Row {
  item_id: string;
  position: number;
  title: string;
  owner: string | null;
  minutes: number;
  started_at: string | null;
  ended_at: string | null;
  speakers: string | null;
}

/** Where a meeting's agenda items come from: when they were set, and by which linked room (null: this one). */
interface ItemsOrigin {
  at: string;
  by: string | null;
}

/** Agenda items per meeting, with the times they actually ran. */
export class AgendaRepository {
  constructor(
    private readonly db: Db,
    /** The room's clock: when this room sets the items. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(meetingId: string): AgendaItem[] {
    const rows = this.db.prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position').all(meetingId) as Row[];
    return rows.map((r) => ({
      id: r.item_id,
      position: r.position,
      title: r.title,
      ...(r.owner ? { owner: r.owner } : {}),
      minutes: r.minutes,
      ...(r.speakers ? { speakers: JSON.parse(r.speakers) as AgendaSpeaker[] } : {}),
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
  }

  /** The agenda's revision: 0 before any agenda was written, one more on every change of its items (never on the clock moving through them). */
  revision(meetingId: string): number {
    const row = this.db.prepare('SELECT revision FROM agenda_revisions WHERE meeting_id = ?').get(meetingId) as { revision: number } | undefined;
    return row?.revision ?? 0;
  }

  /** Where the items come from; null before any agenda was written. */
  itemsOrigin(meetingId: string): ItemsOrigin | null {
    const row = this.db.prepare('SELECT items_at AS at, items_by AS by FROM agenda_revisions WHERE meeting_id = ?').get(meetingId) as ItemsOrigin | undefined;
    return row ?? null;
  }

  /**
   * What this room's edits of the agenda not yet seen by another linked room were made on: the
   * items as they stood before the first of them (an empty list: there were none). Null when
   * there is no such edit: none was made, or another room's items were written here since.
   */
  editBase(meetingId: string): AgendaItemDraft[] | null {
    const row = this.db.prepare('SELECT edit_base AS base FROM agenda_revisions WHERE meeting_id = ?').get(meetingId) as { base: string | null } | undefined;
    return row?.base ? (JSON.parse(row.base) as AgendaItemDraft[]) : null;
  }

  /**
   * A person's save here (`replace`), which keeps what it was made on (`editBase`) unless an
   * earlier edit not yet shared keeps it already: linked rooms that exchange the meeting only
   * later (shortly before check-in opens) still merge this edit with one made meanwhile elsewhere.
   */
  edit(meetingId: string, items: readonly AgendaItemDraft[]): number {
    return this.db.transaction(() => {
      const revision = this.revision(meetingId);
      const base = this.editBase(meetingId) ?? this.list(meetingId).map(({ position: _p, startedAt: _s, endedAt: _e, ...item }) => item);
      const now = this.replace(meetingId, items);
      if (now !== revision) this.db.prepare('UPDATE agenda_revisions SET edit_base = ? WHERE meeting_id = ?').run(JSON.stringify(base), meetingId);
      return now;
    })();
  }

  /**
   * Replaces the agenda; items that already ran keep their times wherever they move (an item is
   * matched by its id, else its title, else its place: `matchItems`). An item from another
   * linked room keeps its id; one saved here keeps the id of the item it matches, a new one gets
   * a new id. The same items again change nothing, not even the revision (no one is told of a
   * change that is none); the same items under the ids another room gave them take those ids,
   * still without a new revision. `origin`: items set in another linked room (else: here, now),
   * which every room has seen then: no edit here is unshared any more (`editBase`). Answers the
   * revision the agenda has now.
   */
  replace(meetingId: string, items: readonly AgendaItemDraft[], origin?: ItemsOrigin): number {
    return this.db.transaction(() => {
      const before = this.list(meetingId);
      const matched = matchItems(items, before);
      // Another room's items bring their ids (the rooms come to share one set); a save here keeps the
      // ids its items have here, also for an item sent with an id this room has since replaced by another room's.
      // An id twice in one agenda (a client's mistake) is the first item's; the other gets a new one.
      const used = new Set<string>();
      const ids = items.map((item, n) => {
        const here = before[matched[n] ?? -1]?.id;
        const id = origin ? (item.id ?? here) : here;
        const unique = id === undefined || used.has(id) ? randomUUID() : id;
        used.add(unique);
        return unique;
      });
      if (sameItems(before, items)) {
        if (ids.every((id, n) => id === before[n]!.id)) return this.revision(meetingId);
        const adopt = this.db.prepare('UPDATE agenda_items SET item_id = ? WHERE meeting_id = ? AND position = ?');
        ids.forEach((id, n) => adopt.run(id, meetingId, n + 1));
        this.setOrigin(meetingId, this.revision(meetingId), origin);
        return this.revision(meetingId);
      }
      this.db.prepare('DELETE FROM agenda_items WHERE meeting_id = ?').run(meetingId);
      const insert = this.db.prepare(
        'INSERT INTO agenda_items (meeting_id, item_id, position, title, owner, minutes, speakers, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      items.forEach((item, index) => {
        const was = before[matched[index] ?? -1];
        const speakers = item.speakers?.length ? JSON.stringify(item.speakers) : null;
        insert.run(meetingId, ids[index], index + 1, item.title, item.owner ?? null, item.minutes, speakers, was?.startedAt ?? null, was?.endedAt ?? null);
      });
      const revision = this.revision(meetingId) + 1;
      this.setOrigin(meetingId, revision, origin);
      return revision;
    })();
  }

  private setOrigin(meetingId: string, revision: number, origin: ItemsOrigin | undefined): void {
    this.db
      .prepare(
        `INSERT INTO agenda_revisions (meeting_id, revision, items_at, items_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (meeting_id) DO UPDATE SET revision = excluded.revision, items_at = excluded.items_at, items_by = excluded.items_by,
           edit_base = CASE WHEN excluded.items_by IS NULL THEN agenda_revisions.edit_base END`,
      )
      .run(meetingId, revision, origin?.at ?? this.now().toISOString(), origin?.by ?? null);
  }

  setStarted(meetingId: string, position: number, at: string): void {
    this.db.prepare('UPDATE agenda_items SET started_at = ? WHERE meeting_id = ? AND position = ?').run(at, meetingId, position);
  }

  setEnded(meetingId: string, position: number, at: string): void {
    this.db.prepare('UPDATE agenda_items SET ended_at = ? WHERE meeting_id = ? AND position = ?').run(at, meetingId, position);
  }
}

/** Whether the stored items say the same as the drafts: titles, owners, minutes and speakers, in order. */
function sameItems(stored: readonly AgendaItem[], drafts: readonly AgendaItemDraft[]): boolean {
  const said = (i: AgendaItemDraft) =>
    JSON.stringify([i.title, i.owner ?? null, i.minutes, i.speakers?.length ? i.speakers.map((s) => [s.name, s.minutes]) : null]);
  return stored.length === drafts.length && stored.every((item, n) => said(item) === said(drafts[n]!));
}
