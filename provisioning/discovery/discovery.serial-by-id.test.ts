import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { discoverSerialPorts, idSerialFromByIdName } from './serial-ports.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it("reads udev's ID_SERIAL back from a by-id name", () => {
  expect(idSerialFromByIdName('usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0')).toBe('FTDI_FT232R_USB_UART_A50285BI');
  expect(idSerialFromByIdName('usb-Silicon_Labs_CP2102_0001-if00-port0')).toBe('Silicon_Labs_CP2102_0001');
});

it("offers the by-id links (stable across re-plugging), joins the OS listing's USB identity, and skips dangling links", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-byid-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const byId = join(dir, 'by-id');
  await mkdir(byId);
  const a: PtyPair = await createPtyPair({ dir, name: 'a' });
  const b: PtyPair = await createPtyPair({ dir, name: 'b' });
  cleanup.push(
    () => a.close(),
    () => b.close(),
  );
  await symlink(a.devicePath, join(byId, 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0'));
  await symlink(join(dir, 'gone'), join(byId, 'usb-Unplugged_Adapter-if00-port0'));
  const listing = [
    { path: await realpath(a.devicePath), manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A50285BI' },
    { path: await realpath(b.devicePath), manufacturer: undefined },
  ];

  const ports = await discoverSerialPorts({ byIdDir: byId, lister: async () => listing });

  expect(ports).toEqual([
    {
      path: join(byId, 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0'),
      devicePath: await realpath(a.devicePath),
      byId: true,
      usb: { vendorId: '0403', productId: '6001', serialNumber: 'A50285BI', idSerial: 'FTDI_FT232R_USB_UART_A50285BI' },
      description: 'FTDI',
    },
    {
      path: await realpath(b.devicePath),
      devicePath: await realpath(b.devicePath),
      byId: false,
      usb: {},
      description: (await realpath(b.devicePath)).split('/').pop(),
    },
  ]);
  expect(await discoverSerialPorts({ byIdDir: byId, lister: async () => listing, includeUnlinked: false })).toHaveLength(1);
});
