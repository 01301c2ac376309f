import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeRoomConfigFiles } from '../../tests/helpers/room-config-files.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../appliance/telemetry/embedded-broker.js';
import { formatDoctorReport, runDoctor } from './doctor.js';

/** aedes speaks MQTT 3.1.1 only: a room config that asks for MQTT 5 (the default) reaches it and is turned away. */
let dir: string;
let broker: EmbeddedBroker;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-311-'));
  broker = await startEmbeddedBroker('127.0.0.1', 0);
  await writeRoomConfigFiles(dir, [
    'room: { id: aurora, name: Aurora, site: hq, timezone: UTC }',
    'api: { listen: "127.0.0.1:1" }',
    `mqtt: { url: "${broker.url}" }`,
    'calendar: { url: "http://127.0.0.1:9/room.ics", timeoutMs: 1000 }',
    'devices: []',
  ]);
});
afterAll(async () => {
  await broker?.close();
  await rm(dir, { recursive: true, force: true });
});

it('names the version mismatch and the field that fixes it, not "cannot reach the broker"; every FAIL line ends with the next step', async () => {
  const report = await runDoctor({ configPath: join(dir, 'room.yaml'), deviceTimeoutMs: 2000, brokerTimeoutMs: 3000 });
  const text = formatDoctorReport(report);
  const brokerLine = text.split('\n').find((l) => l.includes('] broker'));
  expect(brokerLine).toMatch(/\[FAIL\] broker +mqtt:\/\/127\.0\.0\.1:\d+: ROOMCTL_E_BROKER_PROTOCOL reached the broker, but it does not speak MQTT 5/);
  expect(brokerLine).toMatch(/— next: set mqtt\.protocolVersion: 4 in the room config \(MQTT 3\.1\.1\), then restart the room: systemctl restart roomctl$/);
  expect(brokerLine).not.toMatch(/cannot reach/);
  expect(text).toMatch(/\[warn\] panel +admin PIN: none set: .*set panel\.adminPin in secrets\.yaml/);
  const fails = text.split('\n').filter((l) => l.includes('[FAIL]'));
  expect(fails.filter((l) => /\] (broker|calendar) /.test(l)).length).toBe(2); // the broker, and the calendar feed nobody serves
  for (const line of fails) expect(line).toMatch(/ — next: \S.*(\.yaml|roomctl|systemctl|browser)/);
});
