import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startDemoRoom } from '../../appliance/demo/demo-room.js';
import { createLogger } from '../../appliance/logger.js';
import { waitFor } from '../helpers/test-room.js';

describe('logs', () => {
  it('are JSON lines at the configured level and never contain a token, even at trace', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-logs-'));
    const demo = await startDemoRoom({
      log: createLogger({ level: 'trace', destination: sink }),
      listen: '127.0.0.1:0',
      dataDir: dir,
      mqttPort: 0,
      warmupMs: 50,
    });
    try {
      const post = (token: string) =>
        fetch(`${demo.appliance.url}/api/v1/devices/cam-front/actions/preset.recall`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ preset: 1 }),
        });
      await waitFor(async () => (await post(demo.token)).status === 200, 5000, 'a preset recall to go through');
      await post('a-wrong-token-that-must-not-be-logged');
      await waitFor(() => lines.some((l) => l.includes('"request"')), 3000, 'request logs');
    } finally {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('\n');
    expect(all).not.toContain(demo.token);
    expect(all).not.toContain('a-wrong-token-that-must-not-be-logged');
    expect(all).toContain('"device":"cam-front"');
  });
});
