import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { SerialTransport } from '../../drivers/transports/serial-transport.js';
import { runCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

const TOKEN = 'bad-devices-test-token-0123456789';

function roomConfig(dir: string, devices: RoomConfig['devices'], listen = '127.0.0.1:0'): RoomConfig {
  return {
    room: { id: 'bad', name: 'Bad devices', site: 'lab', timezone: 'UTC' },
    api: { listen, tokens: [TOKEN] },
    storage: { dir },
    log: { level: 'silent' },
    devices,
  };
}

describe('devices that are not there, or taken, or silent', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const start = async (devices: RoomConfig['devices']): Promise<Appliance> => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-bad-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const appliance = await startAppliance(roomConfig(dir, devices), { log: createLogger({ level: 'silent', pretty: false }) });
    cleanups.push(() => appliance.close());
    return appliance;
  };
  const device = async (appliance: Appliance, id: string) => (await (await fetch(`${appliance.url}/api/v1/devices/${id}`)).json()) as DeviceView;

  it('a serial port that does not exist: offline with ROOMCTL_E_PORT_NOT_FOUND, and the room runs on', async () => {
    const appliance = await start([{ id: 'cam', driver: 'visca-serial', port: '/dev/ttyUSB-roomctl-missing', baudRate: 9600 }]);
    const cam = await waitFor(
      async () => {
        const d = await device(appliance, 'cam');
        return d.status === 'offline' ? d : undefined;
      },
      5000,
      'cam offline',
    );
    expect(cam.detail).toMatch(/^ROOMCTL_E_PORT_NOT_FOUND: Serial port \/dev\/ttyUSB-roomctl-missing does not exist/);
    const res = await fetch(`${appliance.url}/api/v1/devices/cam/actions/home`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
    expect((await (await fetch(`${appliance.url}/api/v1/status`)).json()).devices).toMatchObject({ offline: 1, total: 1 });
  });

  it('a serial port another process holds: offline with ROOMCTL_E_PORT_IN_USE', async () => {
    const pair: PtyPair = await createPtyPair();
    cleanups.push(() => pair.close());
    const holder = new SerialTransport({ path: pair.devicePath, baudRate: 9600 });
    await holder.open();
    cleanups.push(() => holder.close());
    const appliance = await start([{ id: 'cam', driver: 'visca-serial', port: pair.devicePath, baudRate: 9600 }]);
    const cam = await waitFor(
      async () => {
        const d = await device(appliance, 'cam');
        return d.status === 'offline' ? d : undefined;
      },
      5000,
      'cam offline',
    );
    expect(cam.detail).toMatch(/^ROOMCTL_E_PORT_IN_USE: /);
  });

  it('a display that accepts the connection and never says a word: offline with a timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
    silent.on('connection', (socket) => cleanups.push(async () => socket.destroy()));
    const port = (silent.address() as { port: number }).port;
    const appliance = await start([{ id: 'display', driver: 'pjlink', host: '127.0.0.1', port }]);
    const display = await waitFor(
      async () => {
        const d = await device(appliance, 'display');
        return d.status === 'offline' ? d : undefined;
      },
      10_000,
      'display offline',
    );
    expect(display.detail).toMatch(/^ROOMCTL_E_(DEVICE_TIMEOUT|CONNECT_FAILED|PROTOCOL)/);
  });
});

describe('roomctl start --config with a taken address', () => {
  it('exits 1 with ROOMCTL_E_LISTEN_IN_USE', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-listen-'));
    try {
      const file = join(dir, 'room.yaml');
      await writeFile(
        file,
        `room: { id: bad, name: Bad, site: lab, timezone: UTC }\napi: { listen: "127.0.0.1:${port}", tokens: ["${TOKEN}"] }\nstorage: { dir: ${dir}/data }\nlog: { level: fatal }\ndevices: []\n`,
      );
      const result = await runCli(['start', '--config', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^ROOMCTL_E_LISTEN_IN_USE: Cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
