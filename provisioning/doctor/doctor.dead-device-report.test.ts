import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeRoomConfigFiles } from '../../tests/helpers/room-config-files.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { runCli } from '../../tests/helpers/cli.js';
import type { DoctorReport } from './doctor-types.js';

let dir: string;
let display: RunningPjlinkSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-'));
  display = await startPjlinkSimulator({ port: 0 });
  await writeRoomConfigFiles(dir, [
    'room: { id: aurora, name: Aurora, site: hq, timezone: UTC }',
    'api: { listen: "127.0.0.1:1" }',
    'devices:',
    `  - { id: display, driver: pjlink, host: 127.0.0.1, port: ${display.endpoint.port} }`,
    `  - { id: cam-front, driver: visca-serial, port: ${join(dir, 'usb-FTDI-unplugged')} }`,
  ]);
});
afterAll(async () => {
  await display?.close();
  await rm(dir, { recursive: true, force: true });
});

it('prints a report a person can paste into a ticket, one line per check, and exits 1 when a device is dead', async () => {
  const result = await runCli(['doctor', '--config', join(dir, 'room.yaml'), '--device-timeout', '5']);

  expect(result.code).toBe(1);
  const out = result.stdout;
  expect(out).toMatch(/^roomctl doctor report\n  room     aurora "Aurora" \(site hq, UTC\)\n  host     .+, roomctl \d+\.\d+\.\d+, node v\d+/);
  expect(out).toMatch(/checked  by starting the room on a loopback port \(the service was not running\)/);
  expect(out).toMatch(/\[ ok \] device +display \(pjlink 127\.0\.0\.1:\d+\): answered/);
  expect(out).toMatch(/\[FAIL\] device +cam-front \(visca-serial .*usb-FTDI-unplugged\): .*does not exist/);
  // The code once, before the device's words (which carried it again).
  expect(out).toMatch(
    /\[FAIL\] device +cam-front \(visca-serial .*usb-FTDI-unplugged\): ROOMCTL_E_PORT_NOT_FOUND offline: Serial port \S+ does not exist — next:/,
  );
  expect(out).toMatch(/\[skip\] broker +mqtt: no mqtt section/);
  expect(out).toMatch(/\[ ok \] panel +http:\/\/127\.0\.0\.1:\d+\/: served/);
  expect(out).toMatch(/result: FAIL — 1 problem\(s\)/);
});

it('gives the same report as JSON for machines', async () => {
  const result = await runCli(['doctor', '--config', join(dir, 'room.yaml'), '--json', '--device-timeout', '5']);
  const report = JSON.parse(result.stdout) as DoctorReport;
  expect(report.passed).toBe(false);
  expect(report.results.filter((r) => r.status === 'fail').map((r) => r.name)).toEqual([expect.stringMatching(/^cam-front /)]);
});
