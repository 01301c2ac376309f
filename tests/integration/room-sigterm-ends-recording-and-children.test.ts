/**
 * `systemctl stop roomctl` sends SIGTERM to the room alone (the unit's KillMode=mixed): the room
 * itself ends the recording (its last file finished, so it plays), asks its media host to leave
 * and waits for it, then exits 0. Whatever it left running would get SIGKILL from systemd; the
 * media host is gone already. A real `roomctl start`, a real media host, real GStreamer.
 */
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { playBack } from '../helpers/media-playback.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { until } from '../helpers/until.js';
import { processAlive } from '../helpers/process-alive.js';

const TOKEN = 'sigterm-test-token-0123456789';
let dir: string;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

it('a room told SIGTERM ends its recording, stops its media host and exits 0', async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-sigterm-'));
  const dataDir = join(dir, 'data');
  const configPath = join(dir, 'room.yaml');
  await writeFile(
    configPath,
    JSON.stringify({
      room: { id: 'studio', name: 'Studio', site: 'hq', timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
      storage: { dir: dataDir },
      devices: [],
      media: {
        video: { source: { type: 'test' }, ...SMALL_VIDEO },
        audio: { type: 'test', wave: 'sine' },
        recording: { allowed: true, format: 'mp4', segmentSeconds: 5, bitrateKbps: 500 },
      },
    }),
  );
  const room = spawnCli(['start', '--config', configPath, '--log-format', 'json']);
  const exited = once(room, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let out = '';
  room.stdout!.on('data', (d) => (out += d));
  const url = await until(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"room ready"/.exec(out)?.[1], 60_000, 'the room to start', 50);
  const api = async <T>(path: string, post?: object): Promise<T> => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const answer = await fetch(`${url}${path}`, post ? { method: 'POST', headers, body: JSON.stringify(post) } : { headers });
    expect(answer.ok).toBe(true);
    return (await answer.json()) as T;
  };
  type Media = { host: { state: string; pid: number | null }; recording: { active: { files: unknown[] } | null } };
  await until(async () => (await api<Media>('/api/v1/media')).host.state === 'running', 30_000, 'the media host', 100);
  const started = await api<{ id: string }>('/api/v1/media/recording/start', {});
  // A finished segment and one being written when the signal comes.
  const media = await until(
    async () => {
      const m = await api<Media>('/api/v1/media');
      return (m.recording.active?.files.length ?? 0) >= 2 && m;
    },
    30_000,
    'a second file',
    100,
  );
  const hostPid = media.host.pid!;

  room.kill('SIGTERM');

  expect(await exited).toEqual([0, null]);
  expect(processAlive(hostPid)).toBe(false);
  const db = new Database(join(dataDir, 'roomctl.sqlite'), { readonly: true });
  try {
    expect(db.prepare('SELECT status FROM recordings WHERE id = ?').get(started.id)).toEqual({ status: 'complete' });
    const files = db.prepare('SELECT name, complete FROM recording_files WHERE recording_id = ? ORDER BY name').all(started.id) as {
      name: string;
      complete: number;
    }[];
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.every((f) => f.complete === 1)).toBe(true);
    // The file being written when the signal came was finished: it plays.
    const last = await playBack(join(dataDir, 'recordings', started.id, files.at(-1)!.name), 'mp4', true);
    expect(last.frames).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}, 120_000);
