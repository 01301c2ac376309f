import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alert-rules.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import { openFleetSql } from './fleet-database.js';
import { FleetStore } from './fleet-store.js';

/**
 * A device refusing the room's password reaches the fleet as `auth-failed`: counted on its
 * own, colouring the room just short of offline, filterable, and raising the same alert as a
 * dead device (its detail says "wrong password"). Before, the fleet refused the payload.
 */
const msg = (topic: string, body: unknown): FleetMessage => {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('auth-failed is its own count, the room is coloured by it, and it alerts like an offline device', async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-'));
  const sql = await openFleetSql({ dataDir: dir });
  const store = await FleetStore.open(sql);
  const alerts: string[] = [];
  const rules = new AlertEngine({ ...DEFAULT_ALERT_RULES, deviceOfflineAfterS: 0 }, (a) => alerts.push(`${a.rule} ${a.state}`));
  const at = '2026-01-01T00:00:01Z';
  const changes = await store.apply([
    msg('roomctl/hq/aurora/status', 'online'),
    msg('roomctl/hq/aurora/devices/display/health', {
      status: 'auth-failed',
      since: at,
      detail: 'Wrong password: …',
      code: 'ROOMCTL_E_DEVICE_AUTH',
      metrics: {},
      at,
    }),
    msg('roomctl/hq/aurora/devices/cam/health', { status: 'degraded', since: at, detail: 'answers in 1.8 s', metrics: {}, at }),
  ]);
  rules.observe(changes);
  rules.tick();

  expect((await store.rooms())[0]).toMatchObject({ worst: 'auth-failed', counts: { ok: 0, degraded: 1, offline: 0, 'auth-failed': 1, unknown: 0 } });
  expect(await store.rooms({ status: 'auth-failed' })).toHaveLength(1);
  expect(alerts).toContain('device-offline firing');
  await sql.close();
});
