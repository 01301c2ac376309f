import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

/**
 * IT's answers carry a wrong display password; doctor says "wrong password" and to put the right
 * one in the secrets file. IT does, then runs provisioning again with the same answers: the
 * answers decide that field, so the rerun writes the wrong one back. It must say so (never the
 * value), as it does for room.yaml's fields, or IT's fix goes without a word.
 */
let lab: RoomLab;
const run = (password: string, out: (line: string) => void = () => undefined, doctor = false) =>
  provision({
    answers: lab.answers({ devices: { pjlink: { password } } }),
    root: lab.root,
    discovery: lab.deps,
    doctor,
    doctorDeviceTimeoutMs: 5000,
    out,
    progress: () => undefined,
  });
const secretsPath = () => join(lab.root, 'etc/roomctl/secrets.yaml');
const displayId = async () =>
  (parse(await readFile(join(lab.root, 'etc/roomctl/room.yaml'), 'utf8')) as { devices: { id: string; driver: string }[] }).devices.find(
    (d) => d.driver === 'pjlink',
  )!.id;

beforeAll(async () => {
  lab = await startRoomLab({ pjlinkPassword: 'right-one' });
  await run('wrong-one');
}, 60_000);
afterAll(() => lab?.close());

it("names the secret a rerun put back over IT's hand fix, without its value", async () => {
  const id = await displayId();
  const fixed = (await readFile(secretsPath(), 'utf8')).replace('password: wrong-one', 'password: right-one');
  await writeFile(secretsPath(), fixed);

  const rerun = await run('wrong-one');

  const note = `secrets.yaml: devices.${id}.password: the value written there was replaced by the answers' (not shown; the answers decide this field: to keep a value written there by hand, answer it)`;
  expect(rerun.notes).toContain(note);
  expect(rerun.notes.join('\n')).not.toMatch(/right-one|wrong-one/);
  expect((parse(await readFile(secretsPath(), 'utf8')) as { devices: Record<string, { password: string }> }).devices[id]!.password).toBe('wrong-one');
}, 60_000);

it('says nothing when the secrets are as the answers write them', async () => {
  const rerun = await run('wrong-one');
  expect(rerun.notes.filter((n) => n.startsWith('secrets.yaml:'))).toEqual([]);
}, 60_000);

it("sends IT to the answers for the display's password in provisioning's doctor report, not to the secrets file a rerun rewrites", async () => {
  let printed = '';
  await run('wrong-one', (line) => (printed += `${line}\n`), true);

  const line = printed.split('\n').find((l) => l.startsWith('  [FAIL] device') && l.includes('(pjlink '));
  expect(line).toContain('ROOMCTL_E_DEVICE_AUTH wrong password');
  expect(line).toMatch(
    / — next: answer devices\.pjlink\.password with the login the device expects and run roomctl provision again \(a login fixed by hand in secrets\.yaml goes back to the answers' at the next run\), or unlock the account on the device$/,
  );
}, 60_000);

it("says a secret and a room.yaml value the answers changed are the answers' change, not a value written there by hand", async () => {
  const id = await displayId();
  const rerun = await provision({
    answers: lab.answers({
      room: { id: 'hq-3f-aurora', name: 'Aurora East', site: 'hq', timezone: 'Asia/Shanghai', language: 'en' },
      devices: { pjlink: { password: 'right-one' } },
    }),
    root: lab.root,
    discovery: lab.deps,
    doctor: false,
    out: () => undefined,
    progress: () => undefined,
  });

  expect(rerun.notes).toContain(
    `secrets.yaml: devices.${id}.password: the answers changed it (not shown; the previous run wrote the old value from its answers)`,
  );
  expect(rerun.notes).toContain(
    'room.yaml: room.name: Aurora → Aurora East (the answers changed it: the previous run wrote the old value from its answers, or their default)',
  );
  expect(rerun.notes.join('\n')).not.toMatch(/by hand|right-one|wrong-one/);
}, 60_000);
