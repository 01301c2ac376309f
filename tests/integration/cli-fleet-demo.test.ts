import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FleetRoomDetail } from '../../fleet/fleet-api-types.js';
import { spawnCli } from '../helpers/cli.js';
import { until } from '../helpers/until.js';

/** The README's recipe: `roomctl start` (demo), then `roomctl fleet --broker mqtt://…` against its aedes broker. */
describe('roomctl fleet watching the demo room', () => {
  it('sees the demo room and its devices, in the demo’s own fleet view and in a separate one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-cli-'));
    const demo = spawnCli(['start', '--listen', '127.0.0.1:0'], { ROOMCTL_LOG_LEVEL: 'warn' }, dir);
    let demoOut = '';
    demo.stdout!.on('data', (d) => (demoOut += d));
    demo.stderr!.on('data', () => undefined);
    let fleetOut = '';
    let fleet: ReturnType<typeof spawnCli> | undefined;
    try {
      await until(() => demoOut.includes('ROOMCTL_READY'), 20_000, 'the demo');
      const mqttUrl = /MQTT\s+(mqtt:\/\/\S+)/.exec(demoOut)![1]!;
      const [, builtIn, builtInToken] = /fleet\s+(http:\/\/\S+)\/\?token=(\S+)/.exec(demoOut)!;
      // A room's detail is for operators: the token each fleet view prints opens it.
      const room = async (base: string, token: string) => {
        const response = await fetch(`${base}/api/fleet/rooms/lab/demo`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
        if (!response?.ok) return undefined;
        const detail = (await response.json()) as FleetRoomDetail;
        return detail.devices.some((d) => d.deviceId === 'display') && detail.room.online === 'online' ? detail : undefined;
      };
      expect((await until(() => room(builtIn!, builtInToken!), 15_000, 'the demo room in the built-in fleet view')).devices.map((d) => d.deviceId)).toContain(
        'cam-front',
      );

      fleet = spawnCli(['fleet', '--broker', mqttUrl, '--listen', '127.0.0.1:0', '--data', join(dir, 'fleet-data')], { ROOMCTL_LOG_LEVEL: 'warn' }, dir);
      fleet.stdout!.on('data', (d) => (fleetOut += d));
      fleet.stderr!.on('data', () => undefined);
      await until(() => fleetOut.includes('FLEET_READY'), 20_000, 'roomctl fleet');
      const [, separate, separateToken] = /dashboard\s+(http:\/\/\S+)\/\?token=(\S+)/.exec(fleetOut)!;
      const detail = await until(() => room(separate!, separateToken!), 15_000, 'the demo room in roomctl fleet (MQTT 3.1.1 fallback)');
      expect(detail.room.site).toBe('lab');

      const exited = new Promise<number | null>((resolve) => fleet!.on('exit', (code) => resolve(code)));
      fleet.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      fleet?.kill('SIGKILL');
      const demoExit = new Promise((resolve) => demo.on('exit', resolve));
      demo.kill('SIGINT');
      await Promise.race([demoExit, new Promise((r) => setTimeout(r, 5000))]);
      demo.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('explains its options and refuses bad ones', async () => {
    const child = spawnCli(['fleet', '--broker', 'http://nope', '--protocol', '6']);
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--broker must be an mqtt:\/\//);
    expect(err).toMatch(/--protocol must be 4/);
  });
});
