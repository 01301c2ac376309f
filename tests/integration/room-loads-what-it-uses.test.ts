/**
 * A room loads what it uses. Started as a provisioned unit starts it (`roomctl start --config`,
 * a VISCA camera on a serial port and a PJLink display, no demo), a room without a media
 * section or broker does not load the media service or the link between rooms, and no room
 * loads a device simulator or a driver's provisioning parts: it drives its devices, it does
 * not play them, nor search for them. The demo's fleet, and `roomctl fleet`, keep their data in
 * SQLite and load no PostgreSQL client (whose runtime check would load Node's fetch too). (ical.js stays: every
 * room writes its minutes' action items with it, in a synchronous step.) What the room's
 * own process loads is written down by a module-loader hook given to that process
 * (`--import`), which sees every module as Node loads it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { ROOMCTL_BIN } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

const TOKEN = 'loads-what-it-uses-token-0123456789';

/** Runs in the loader's own thread: appends each module's URL once Node has loaded it. */
const RECORDING_HOOK = `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  appendFileSync(process.env.ROOMCTL_TEST_LOADED, url + '\\n');
  return loaded;
}
`;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-loads-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `roomctl ARGS` in its own process (in `dir`), with the hook writing down every module it loads; resolves once `ready` finds its URL in the output. */
async function startRecorded(dir: string, args: string[], ready: RegExp): Promise<{ url: string; loaded: () => Promise<string[]> }> {
  await writeFile(join(dir, 'record-hook.mjs'), RECORDING_HOOK);
  await writeFile(
    join(dir, 'record.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'record-hook.mjs')).href)});\n`,
  );
  const loadedFile = join(dir, 'loaded.txt');
  const child: ChildProcess = spawn(process.execPath, ['--import', pathToFileURL(join(dir, 'record.mjs')).href, ROOMCTL_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, ROOMCTL_FROM_SOURCE: '1', ROOMCTL_TEST_LOADED: loadedFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A room that does not stop when asked is killed: no test leaves a room running.
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the room exited:\n${out}`);
      return ready.exec(out)?.[1];
    },
    60_000,
    'the room to be ready',
  );
  return { url, loaded: async () => (await readFile(loadedFile, 'utf8')).split('\n').filter(Boolean) };
}

/** A room with two real devices (simulated over a PTY and TCP in this process), started in its own process. */
async function startRoom(): Promise<{ url: string; loaded: () => Promise<string[]> }> {
  const dir = await tempDir();
  const pty = await createPtyPair({ dir, name: 'cam' });
  cleanups.push(() => pty.close());
  const camera = await startViscaSerialSimulator({ path: pty.simulatorPath });
  cleanups.push(() => camera.close());
  const display = await startPjlinkSimulator({ port: 0 });
  cleanups.push(() => display.close());
  const config = join(dir, 'room.yaml');
  await writeFile(
    config,
    [
      'room: { id: lean, name: Lean, site: lab, timezone: UTC }',
      `api: { listen: "127.0.0.1:0", tokens: ["${TOKEN}"] }`,
      `storage: { dir: "${join(dir, 'data')}" }`,
      'log: { level: info }',
      'devices:',
      `  - { id: cam, driver: visca-serial, port: "${pty.devicePath}", baudRate: 9600 }`,
      `  - { id: display, driver: pjlink, host: 127.0.0.1, port: ${display.endpoint.port} }`,
      '',
    ].join('\n'),
  );
  const room = await startRecorded(dir, ['start', '--config', config], /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"room ready"/);
  await waitFor(
    async () => ((await (await fetch(`${room.url}/api/v1/devices`)).json()) as { status: string }[]).every((d) => d.status === 'ok') || undefined,
    30_000,
    'both devices ok',
  );
  return room;
}

/** A simulator, its quirk profiles, or the simulators' shared parts (drivers/sim/). */
const SIMULATOR = /\/drivers\/(sim\/|[\w-]+\/[\w-]*(-simulator|-sim-)[\w-]*\.[jt]s$)/;

/**
 * What only provisioning uses: a driver's probe, search and proposed entry (its definition's
 * `loadProvisioning`), the shared discovery helpers, and provisioning itself.
 */
const PROVISIONING = /\/(drivers\/([\w-]+\/[\w-]*(-probe|-provisioning|-search|-discovery|-proposal)[\w-]*|core\/device-discovery)\.[jt]s$|provisioning\/)/;

it('a room loads no simulator and no provisioning part, while driving both devices', async () => {
  const room = await startRoom();
  // Its own pages, as a panel would ask for them: what a room loads at first use is counted too.
  for (const path of ['/api/v1/status', '/api/v1/devices', '/api/v1/room/now'])
    expect((await fetch(`${room.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, path).toBe(200);
  const loaded = await room.loaded();
  // The hook saw the room itself: its start, the registry, both drivers, and a package.
  for (const part of [
    '/appliance/app.ts',
    '/drivers/registry.ts',
    '/drivers/visca/visca-serial-driver.ts',
    '/drivers/pjlink/pjlink-driver.ts',
    '/node_modules/fastify/',
  ])
    expect(
      loaded.some((url) => url.includes(part)),
      part,
    ).toBe(true);
  expect(loaded.filter((url) => SIMULATOR.test(url))).toEqual([]);
  expect(loaded.filter((url) => PROVISIONING.test(url))).toEqual([]);
  // Nor, with no media section, the media service, nor, with no broker, the link between rooms.
  expect(loaded.filter((url) => /\/appliance\/(media\/media-service|linked\/linked-rooms)\.[jt]s$/.test(url))).toEqual([]);
});

/** The PostgreSQL client and the fleet's seam to it. */
const POSTGRES_CLIENT = /\/node_modules\/pg(-[\w-]+)?\/|\/fleet\/fleet-sql-postgres\.[jt]s$/;

it("the demo's fleet, on SQLite, loads no PostgreSQL client", async () => {
  const demo = await startRecorded(await tempDir(), ['start', '--listen', '127.0.0.1:0'], /API\s+(http:\/\/\S+?)\/api\/v1\/status/);
  const loaded = await demo.loaded();
  // The hook saw the demo's fleet and its SQLite store.
  expect(loaded.some((url) => url.includes('/fleet/fleet-sql-sqlite.ts'))).toBe(true);
  expect(loaded.filter((url) => POSTGRES_CLIENT.test(url))).toEqual([]);
});

it('nor does `roomctl fleet` on SQLite', async () => {
  const dir = await tempDir();
  // No broker listens on port 1: the fleet view starts anyway and keeps retrying it.
  const fleet = await startRecorded(
    dir,
    ['fleet', '--data', dir, '--broker', 'mqtt://127.0.0.1:1', '--listen', '127.0.0.1:0'],
    /dashboard (http:\/\/\S+?)\/\?token/,
  );
  const loaded = await fleet.loaded();
  expect(loaded.some((url) => url.includes('/fleet/fleet-sql-sqlite.ts'))).toBe(true);
  expect(loaded.filter((url) => POSTGRES_CLIENT.test(url))).toEqual([]);
});
