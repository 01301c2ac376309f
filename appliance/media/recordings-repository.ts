import type { Db } from '../store/database.js';

/** Media migration 1 (media-migrations.ts): recordings and their segment files. */
export const RECORDINGS_SQL = `
  CREATE TABLE recordings (
    id TEXT PRIMARY KEY,
    meeting_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('recording','complete','failed','interrupted')),
    format TEXT NOT NULL CHECK (format IN ('mp4','mkv')),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    detail TEXT
  );
  CREATE INDEX recordings_started ON recordings (started_at);
  CREATE TABLE recording_files (
    recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (recording_id, name)
  );
`;

/** Ids we make ourselves (recording-ids.ts); anything else never names a folder. */
export const RECORDING_ID = /^rec-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/;
export const FILE_NAME = /^part-[0-9]{5}\.(mp4|mkv)$/;

export type RecordingStatus = 'recording' | 'complete' | 'failed' | 'interrupted';

export interface RecordingFile {
  name: string;
  bytes: number;
  /** False while it is being written, or when the media host died before finishing it. */
  complete: boolean;
  openedAt: string;
  closedAt: string | null;
}

export interface Recording {
  id: string;
  meetingId: string | null;
  status: RecordingStatus;
  format: 'mp4' | 'mkv';
  startedAt: string;
  endedAt: string | null;
  detail: string | null;
  bytes: number;
  files: RecordingFile[];
}

interface RecordingRow {
  id: string;
  meeting_id: string | null;
  status: RecordingStatus;
  format: 'mp4' | 'mkv';
  started_at: string;
  ended_at: string | null;
  detail: string | null;
}

interface FileRow {
  name: string;
  bytes: number;
  complete: number;
  opened_at: string;
  closed_at: string | null;
}

export class RecordingsRepository {
  constructor(private readonly db: Db) {}

  create(recording: { id: string; meetingId: string | null; format: 'mp4' | 'mkv'; startedAt: string }): void {
    this.db
      .prepare("INSERT INTO recordings (id, meeting_id, status, format, started_at) VALUES (?, ?, 'recording', ?, ?)")
      .run(recording.id, recording.meetingId, recording.format, recording.startedAt);
  }

  finish(id: string, status: Exclude<RecordingStatus, 'recording'>, endedAt: string, detail: string | null): void {
    this.db.prepare('UPDATE recordings SET status = ?, ended_at = ?, detail = COALESCE(?, detail) WHERE id = ?').run(status, endedAt, detail, id);
  }

  /** Recordings left 'recording' by an appliance that died: their open files are unfinished. */
  markInterrupted(at: string): number {
    return this.db
      .prepare(
        "UPDATE recordings SET status = 'interrupted', ended_at = COALESCE(ended_at, ?), detail = 'The appliance stopped during the recording' WHERE status = 'recording'",
      )
      .run(at).changes;
  }

  fileOpened(id: string, name: string, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO recording_files (recording_id, name, opened_at) VALUES (?, ?, ?)').run(id, name, at);
  }

  fileClosed(id: string, name: string, bytes: number, at: string): void {
    this.db
      .prepare(
        'INSERT INTO recording_files (recording_id, name, bytes, complete, opened_at, closed_at) VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (recording_id, name) DO UPDATE SET bytes = excluded.bytes, complete = 1, closed_at = excluded.closed_at',
      )
      .run(id, name, bytes, at, at);
  }

  /** Size of files the host never closed (it died): known only from the disk. */
  fileSize(id: string, name: string, bytes: number): void {
    this.db.prepare('UPDATE recording_files SET bytes = ? WHERE recording_id = ? AND name = ?').run(bytes, id, name);
  }

  get(id: string): Recording | undefined {
    const row = this.db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as RecordingRow | undefined;
    return row ? this.view(row) : undefined;
  }

  list(limit = 100): Recording[] {
    const rows = this.db.prepare('SELECT * FROM recordings ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as RecordingRow[];
    return rows.map((r) => this.view(r));
  }

  /** Oldest first, with sizes: what the retention rule walks. */
  oldestFirst(): { id: string; startedAt: string; status: RecordingStatus; bytes: number }[] {
    return this.db
      .prepare(
        'SELECT r.id, r.started_at AS startedAt, r.status, COALESCE(SUM(f.bytes), 0) AS bytes FROM recordings r LEFT JOIN recording_files f ON f.recording_id = r.id GROUP BY r.id ORDER BY r.started_at, r.id',
      )
      .all() as { id: string; startedAt: string; status: RecordingStatus; bytes: number }[];
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
  }

  private view(row: RecordingRow): Recording {
    const files = (
      this.db.prepare('SELECT name, bytes, complete, opened_at, closed_at FROM recording_files WHERE recording_id = ? ORDER BY name').all(row.id) as FileRow[]
    ).map((f) => ({
      name: f.name,
      bytes: f.bytes,
      complete: f.complete === 1,
      openedAt: f.opened_at,
      closedAt: f.closed_at,
    }));
    return {
      id: row.id,
      meetingId: row.meeting_id,
      status: row.status,
      format: row.format,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      detail: row.detail,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      files,
    };
  }
}
