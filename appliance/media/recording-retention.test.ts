import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { newRecordingId } from './recording-control.js';
import { purgeRecordings } from './recording-retention.js';
import { RecordingsRepository } from './recordings-repository.js';

let dir: string;
let db: Db;
let repo: RecordingsRepository;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-retention-'));
  db = openDatabase(dir, ROOM_MIGRATIONS);
  repo = new RecordingsRepository(db);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** A finished recording of `mb` megabytes started at `at`, with its file on disk. */
async function recording(at: string, mb: number, status: 'complete' | 'recording' = 'complete'): Promise<string> {
  const id = newRecordingId(new Date(at));
  repo.create({ id, meetingId: null, format: 'mp4', startedAt: at });
  await mkdir(join(dir, 'recordings', id), { recursive: true });
  await writeFile(join(dir, 'recordings', id, 'part-00000.mp4'), Buffer.alloc(1024));
  repo.fileClosed(id, 'part-00000.mp4', mb * 2 ** 20, at);
  if (status === 'complete') repo.finish(id, 'complete', at, null);
  return id;
}

describe('purgeRecordings', () => {
  const now = new Date('2026-03-31T12:00:00Z');

  it('deletes recordings older than the retention time, files and rows', async () => {
    const old = await recording('2026-02-27T09:00:00Z', 10);
    const kept = await recording('2026-03-02T09:00:00Z', 10);
    const result = await purgeRecordings(repo, join(dir, 'recordings'), { retentionDays: 30, maxTotalMB: 1000 }, now, null);
    expect(result.deleted).toEqual([old]);
    expect(repo.list().map((r) => r.id)).toEqual([kept]);
    expect(await readdir(join(dir, 'recordings'))).toEqual([kept]);
  });

  it('deletes the oldest until the rest fits the disk budget, never the one recording', async () => {
    const a = await recording('2026-03-28T09:00:00Z', 40);
    const b = await recording('2026-03-29T09:00:00Z', 40);
    const c = await recording('2026-03-30T09:00:00Z', 40);
    const live = await recording('2026-03-31T09:00:00Z', 40, 'recording');
    const result = await purgeRecordings(repo, join(dir, 'recordings'), { retentionDays: 30, maxTotalMB: 100 }, now, live);
    expect(result.deleted).toEqual([a, b]);
    expect(
      repo
        .list()
        .map((r) => r.id)
        .sort(),
    ).toEqual([c, live].sort());
    expect(result.keptBytes).toBe(80 * 2 ** 20);
  });

  it('leaves a room within its rules alone', async () => {
    await recording('2026-03-30T09:00:00Z', 1);
    expect((await purgeRecordings(repo, join(dir, 'recordings'), { retentionDays: 30, maxTotalMB: 100 }, now, null)).deleted).toEqual([]);
  });
});
