import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';
import { spawnApplianceChild } from '../helpers/spawn-appliance-child.js';

const EVENTS = 3000;

interface Child {
  proc: ChildProcess;
  lines: string[];
  send(line: string): void;
}

function startChild(configPath: string): Child {
  const proc = spawnApplianceChild(configPath);
  const lines: string[] = [];
  let buffer = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  return { proc, lines, send: (line) => proc.stdin!.write(`${line}\n`) };
}

async function kill9(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.proc.once('exit', resolve));
  child.proc.kill('SIGKILL');
  await exited;
}

/** kill -9 the appliance with a full outbox, and again in the middle of delivering it: nothing is lost. */
describe('store and forward across kill -9', () => {
  let broker: RunningMosquitto;
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;
  let dir: string;
  const children: Child[] = [];
  afterAll(async () => {
    for (const c of children) c.proc.kill('SIGKILL');
    await fleet?.close();
    await broker?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers every event stored before each kill, in order and once in the fleet store', async () => {
    broker = await startMosquitto();
    fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-kill-test' } });
    dir = await mkdtemp(join(tmpdir(), 'roomctl-kill-'));
    const config: RoomConfig = {
      room: { id: 'kiln', name: 'Kiln', site: 'hq', timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: ['a-test-token-of-16-chars'] },
      storage: { dir: join(dir, 'data') },
      mqtt: { url: broker.url, protocolVersion: 5, clientId: 'room-kiln' },
      log: { level: 'info' },
      devices: [],
    };
    const configPath = join(dir, 'room.json');
    await writeFile(configPath, JSON.stringify(config));
    const launch = async () => {
      const child = startChild(configPath);
      children.push(child);
      await until(() => child.lines.includes('READY'), 15_000, 'the appliance child to start');
      return child;
    };

    // 1. The broker is away: the outbox fills; then the appliance is killed.
    let child = await launch();
    await until(async () => (await fleet.store.rooms()).some((r) => r.room === 'kiln' && r.online === 'online'), 10_000, 'the room online in the fleet');
    await broker.stop();
    child.send(`flap mic ${EVENTS}`);
    await until(() => child.lines.includes(`FLAPPED ${EVENTS}`), 10_000, 'the flaps to be committed');
    await kill9(child);

    // 2. Broker back, appliance back: it starts sending; kill it again mid-way.
    await broker.start();
    child = await launch();
    const stored = async () =>
      (await fleet.store.sql.query<{ body: string }>("SELECT body FROM fleet_events WHERE room = 'kiln' AND device_id = 'mic' ORDER BY seq")).map(
        (r) => r.body,
      );
    await until(async () => (await stored()).length > 0, 20_000, 'delivery to start', 5);
    await kill9(child);
    const afterSecondKill = (await stored()).length;
    await until(async () => (await fleet.store.rooms()).find((r) => r.room === 'kiln')?.online === 'offline', 10_000, 'the last will to mark the room offline');

    // 3. Third start: the rest arrives.
    child = await launch();
    await until(async () => (await stored()).length >= EVENTS, 30_000, `all ${EVENTS} events in the fleet`, 100);
    const bodies = (await stored()).map((b) => JSON.parse(b) as { type: string; detail?: string; faultId: string });
    expect(bodies).toHaveLength(EVENTS);
    expect(afterSecondKill, 'the second kill came before everything was delivered').toBeLessThan(EVENTS);
    for (let i = 0; i < EVENTS; i++) {
      expect(bodies[i]!.type).toBe(i % 2 === 0 ? 'fault.raised' : 'fault.cleared');
      if (i % 2 === 0) expect(bodies[i]!.detail).toContain(`flap ${i}`);
      else expect(bodies[i]!.faultId).toBe(bodies[i - 1]!.faultId);
    }
    await until(async () => (await fleet.store.rooms()).find((r) => r.room === 'kiln')?.online === 'online', 10_000, 'the room online again');
  }, 120_000);
});
