import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RoomctlError } from '../drivers/core/errors.js';
import { findUser } from './install/system-state.js';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
});
afterAll(() => lab?.close());

const quiet = { out: () => undefined, progress: () => undefined, doctor: false } as const;
/** Something in the way of one file, found only when that file is staged (after others were). */
const obstruct = (root: string) => mkdir(join(root, 'etc/udev/rules.d/.70-roomctl.rules.roomctl-new/junk'), { recursive: true });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: RoomctlError) => e,
  );
const leftovers = async (root: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) if (/\.roomctl-(new|old)$/.test(entry.name)) found.push(entry.name);
  return found;
};

it('rolls back a first install that fails half-way: no user, no config, no folders it made', async () => {
  const root = join(lab.dir, 'fresh');
  await obstruct(root);

  const err = await failure(provision({ ...quiet, answers: lab.answers(), root, discovery: lab.deps }));

  expect(err?.code).toBe('ROOMCTL_E_PROVISION_WRITE');
  expect(err?.message).toMatch(/everything this run wrote was rolled back, the machine is as it was$/);
  expect(await findUser(root, 'roomctl')).toBeUndefined();
  expect(await readdir(join(root, 'etc')), 'what is left in etc').toEqual(['udev']);
  expect(await leftovers(root)).toEqual(['.70-roomctl.rules.roomctl-new']);
});

it('keeps the previous room as it was when a later run fails half-way', async () => {
  const root = join(lab.dir, 'installed');
  await provision({ ...quiet, answers: lab.answers(), root, discovery: lab.deps });
  const before = await readFile(join(root, 'etc/roomctl/room.yaml'), 'utf8');
  const secretsBefore = await readFile(join(root, 'etc/roomctl/secrets.yaml'), 'utf8');
  await obstruct(root);
  // Another name and a token-free rerun: room.yaml would change, and is staged before the udev rules.
  const renamed = lab.answers({ room: { id: 'hq-3f-aurora', name: 'Aurora (renovated)', site: 'hq', timezone: 'Asia/Shanghai' }, discovery: { hid: false } });

  const err = await failure(
    provision({
      ...quiet,
      answers: { ...renamed, devices: { names: { [join(lab.byIdDir, 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0')]: 'cam-front' } } },
      root,
      discovery: lab.deps,
    }),
  );

  expect(err?.code).toBe('ROOMCTL_E_PROVISION_WRITE');
  expect(await readFile(join(root, 'etc/roomctl/room.yaml'), 'utf8')).toBe(before);
  expect(await readFile(join(root, 'etc/roomctl/secrets.yaml'), 'utf8')).toBe(secretsBefore);
  expect(await leftovers(root)).toEqual(['.70-roomctl.rules.roomctl-new']);
});
