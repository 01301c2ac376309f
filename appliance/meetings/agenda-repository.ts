import type { Db } from '../store/database.js';
import type { AgendaItemDraft, AgendaSpeaker } from './meeting-types.js';

export interface AgendaItem extends AgendaItemDraft {
  position: number;
  startedAt: string | null;
  endedAt: string | null;
}

interface Row {
  position: number;
  title: string;
  owner: string | null;
  minutes: number;
  started_at: string | null;
  ended_at: string | null;
  speakers: string | null;
}

/** Agenda items per meeting, with the times they actually ran. */
export class AgendaRepository {
  constructor(private readonly db: Db) {}

  list(meetingId: string): AgendaItem[] {
    const rows = this.db.prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position').all(meetingId) as Row[];
    return rows.map((r) => ({
      position: r.position,
      title: r.title,
      ...(r.owner ? { owner: r.owner } : {}),
      minutes: r.minutes,
      ...(r.speakers ? { speakers: JSON.parse(r.speakers) as AgendaSpeaker[] } : {}),
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
  }

  /** Replaces the agenda; items that already ran keep their times when their position stays. */
  replace(meetingId: string, items: readonly AgendaItemDraft[]): void {
    const old = new Map(this.list(meetingId).map((i) => [i.position, i]));
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM agenda_items WHERE meeting_id = ?').run(meetingId);
      const insert = this.db.prepare(
        'INSERT INTO agenda_items (meeting_id, position, title, owner, minutes, speakers, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      items.forEach((item, index) => {
        const was = old.get(index + 1);
        const speakers = item.speakers?.length ? JSON.stringify(item.speakers) : null;
        insert.run(meetingId, index + 1, item.title, item.owner ?? null, item.minutes, speakers, was?.startedAt ?? null, was?.endedAt ?? null);
      });
    })();
  }

  setStarted(meetingId: string, position: number, at: string): void {
    this.db.prepare('UPDATE agenda_items SET started_at = ? WHERE meeting_id = ? AND position = ?').run(at, meetingId, position);
  }

  setEnded(meetingId: string, position: number, at: string): void {
    this.db.prepare('UPDATE agenda_items SET ended_at = ? WHERE meeting_id = ? AND position = ?').run(at, meetingId, position);
  }
}
