/**
 * The admin PIN and pre-approved pairing codes are credentials: `roomctl config check` warns
 * when they sit in the room config (read, diffed, pasted into tickets) instead of the secrets
 * file, and when the PIN is an unsalted SHA-256; `roomctl config hash-pin` turns a PIN, or an
 * old digest without its PIN, into the salted scrypt hash the room verifies against.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDb } from '../../appliance/meetings/testing/temp-db.js';
import { AdminPin } from '../../appliance/panel/admin-pin.js';
import { ROOMCTL_BIN, runCli } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { ROOMCTL_FROM_SOURCE } from '../helpers/built-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-panel-secrets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ROOM = `room: { id: aurora, name: Aurora, site: hq, timezone: UTC }
api: { listen: "127.0.0.1:8080", tokens: [ "0123456789abcdef-room-token" ] }
devices:
  - { id: display, driver: pjlink, host: 10.0.0.30 }
`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function check(room: string, secrets?: string) {
  const roomPath = join(dir, `room-${Math.random().toString(36).slice(2)}.yaml`);
  if (secrets !== undefined) {
    const secretsPath = `${roomPath}.secrets.yaml`;
    await writeFile(secretsPath, secrets);
    await chmod(secretsPath, 0o600);
    room += `secrets: ${secretsPath}\n`;
  }
  await writeFile(roomPath, room);
  return runCli(['config', 'check', roomPath]);
}

function hashPinCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ROOMCTL_BIN, 'config', 'hash-pin', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ROOMCTL_FROM_SOURCE },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.end(stdin);
  });
}

it('warns about the PIN and the pairing codes in the room config, and not once they are in the secrets file', async () => {
  const inline = await check(`${ROOM}panel: { adminPin: "482913", pairCodes: [ "K7QM-4XPA" ] }\n`);
  expect(inline.code).toBe(0);
  expect(inline.stderr).toMatch(/^warning: panel\.adminPin: is a secret but sits in the room config; move it to the secrets file/m);
  expect(inline.stderr).toMatch(/^warning: panel\.pairCodes: is a secret but sits in the room config/m);

  const moved = await check(ROOM, 'panel: { adminPin: "482913", pairCodes: [ "K7QM-4XPA" ] }\n');
  expect(moved.code).toBe(0);
  expect(moved.stdout).toContain('ok — room aurora');
  expect(moved.stderr).toBe('');
}, 60_000);

it('warns about an unsalted sha256 PIN; hash-pin migrates it without the PIN, and the room verifies the result', async () => {
  const old = `sha256:${sha256('482913')}`;
  const weak = await check(ROOM, `panel: { adminPin: "${old}" }\n`);
  expect(weak.stderr).toMatch(/^warning: panel\.adminPin: an unsalted SHA-256 of a PIN is reversed/m);

  const migrated = await hashPinCli(['--from-sha256', old], '');
  expect(migrated.code).toBe(0);
  const line = migrated.stdout.trim();
  expect(line).toMatch(/^scrypt-sha256\$15\$8\$1\$/);
  const fresh = await hashPinCli([], '482913\n');
  expect(fresh.stdout.trim()).toMatch(/^scrypt\$15\$8\$1\$/);

  const good = await check(ROOM, `panel: { adminPin: "${fresh.stdout.trim()}" }\n`);
  expect(good.code).toBe(0);
  expect(good.stderr).toBe('');

  const store = tempDb();
  for (const stored of [line, fresh.stdout.trim()]) {
    const pin = new AdminPin(stored, store.db);
    await expect(pin.verify('482913')).resolves.toBeUndefined();
    await expect(pin.verify('482914')).rejects.toMatchObject({ code: 'ROOMCTL_E_UNAUTHORIZED' });
  }
  store.close();
  // Four CLI runs, each a Node start from source: slow on a busy machine, not a measure of anything.
}, 90_000);
