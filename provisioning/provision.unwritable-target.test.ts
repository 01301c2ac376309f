import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PROJECT_ROOT } from '../appliance/paths.js';
import type { RoomctlError } from '../drivers/core/errors.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../drivers/pjlink/pjlink-simulator.js';
import { validateAnswers } from './answers/answers-load.js';
import { provision } from './provision.js';
import { ROOMCTL_FROM_SOURCE } from '../tests/helpers/built-cli.js';

const run = promisify(execFile);
let dir: string;
/** A display the answers name: it counts the connections made to it, so a probe cannot go unseen. */
let display: RunningPjlinkSimulator;
beforeAll(async () => {
  display = await startPjlinkSimulator({ port: 0 });
});
afterAll(() => display?.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-unwritable-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A room whose one device is the display above: whether it is probed is what these tests watch. */
const answersFor = () => ({
  room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
  api: { listen: '127.0.0.1:8080' },
  discovery: {
    serialByIdDir: '/nonexistent/by-id',
    systemSerialPorts: false,
    hid: false,
    pjlink: { search: false },
    onvif: { search: false },
    hosts: [`127.0.0.1:${display.endpoint.port}`],
  },
});

it('stops before probing or touching anything when a folder it must create cannot be made, and says which', async () => {
  const root = join(dir, 'root');
  await mkdir(root);
  await writeFile(join(root, 'etc'), 'not a folder');
  const connectionsBefore = display.connectionCount;

  const err = await provision({ answers: validateAnswers(answersFor(), 'test'), root, doctor: false, out: () => undefined, progress: () => undefined }).then(
    () => undefined,
    (e: RoomctlError) => e,
  );

  expect(err?.code).toBe('ROOMCTL_E_PROVISION_WRITE');
  expect(err?.message).toBe(`cannot create ${root}/etc/roomctl: ${root}/etc is a file, not a folder; nothing was changed`);
  expect(await readdir(root)).toEqual(['etc']);
  expect(display.connectionCount).toBe(connectionsBefore);
});

it('tells a user who may not write the target so, through the CLI, before any probe, and writes nothing', async () => {
  if (process.getuid?.() !== 0) return console.warn('not root: cannot switch to nobody to make the target unwritable; skipped');
  const root = join(dir, 'root');
  await mkdir(root, { mode: 0o755 });
  await chmod(dir, 0o755);
  const answers = join(dir, 'answers.yaml');
  await writeFile(answers, stringify(answersFor()));
  const connectionsBefore = display.connectionCount;
  await chmod(answers, 0o644);

  const result = await run(
    'setpriv',
    [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      process.execPath,
      join(PROJECT_ROOT, 'bin/roomctl.js'),
      'provision',
      '--answers',
      answers,
      '--root',
      root,
    ],
    {
      env: { ...process.env, ROOMCTL_FROM_SOURCE, HOME: dir },
    },
  ).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => e,
  );

  expect(result.stderr).toContain(
    `ROOMCTL_E_PROVISION_WRITE: cannot create ${root}/etc/roomctl: ${root} is not writable (permission denied); nothing was changed`,
  );
  expect(result.code).toBe(1);
  expect(await readdir(root)).toEqual([]);
  expect(display.connectionCount).toBe(connectionsBefore);
}, 30_000);

it('stops before touching anything when a folder stands where a file goes, and keeps what is in that folder', async () => {
  const root = join(dir, 'root');
  const provisionAs = (name: string) =>
    provision({
      answers: validateAnswers({ ...answersFor(), room: { ...answersFor().room, name } }, 'test'),
      root,
      doctor: false,
      out: () => undefined,
      progress: () => undefined,
    });
  await provisionAs('Aurora');
  const unit = join(root, 'etc/systemd/system/roomctl.service');
  await rm(unit);
  await mkdir(unit);
  await writeFile(join(unit, 'override.conf'), '[Service]\nNice=5\n');
  const configBefore = await readFile(join(root, 'etc/roomctl/room.yaml'), 'utf8');

  const err = await provisionAs('Aurora Room').then(
    () => undefined,
    (e: RoomctlError) => e,
  );

  expect(err?.code).toBe('ROOMCTL_E_PROVISION_WRITE');
  expect(err?.message).toBe(`cannot write ${unit}: it is a folder, not a file; move it out of the way (keep what is in it) and run again; nothing was changed`);
  expect(await readFile(join(root, 'etc/roomctl/room.yaml'), 'utf8')).toBe(configBefore);
  expect(await readFile(join(unit, 'override.conf'), 'utf8')).toBe('[Service]\nNice=5\n');
  expect((await readdir(join(root, 'etc/systemd/system'))).filter((name) => name.startsWith('.'))).toEqual([]);
}, 60_000);
