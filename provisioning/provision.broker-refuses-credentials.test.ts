import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from '../tests/helpers/mosquitto.js';
import { provision, type ProvisionOutcome } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
let broker: RunningMosquitto;
let outcome: ProvisionOutcome;
let stdout = '';

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
  // The broker knows the room, with another password than the one IT answered.
  broker = await startMosquitto({ users: [{ username: 'roomctl-hq-hq-3f-aurora', password: 'the-real-one' }] });
  outcome = await provision({
    answers: lab.answers({ mqtt: { url: broker.url, password: 'a-typo' } }),
    root: lab.root,
    discovery: lab.deps,
    out: (l) => (stdout += `${l}\n`),
    progress: () => undefined,
    doctorDeviceTimeoutMs: 8000,
  });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  await broker?.close();
});

it("installs the room, but the doctor fails it, naming the broker's refusal of the credentials", () => {
  expect(outcome.changes.some((c) => c.startsWith('create /etc/roomctl/room.yaml'))).toBe(true);
  const brokerCheck = outcome.doctor!.results.find((r) => r.area === 'broker')!;
  expect(brokerCheck).toMatchObject({ status: 'fail', code: 'ROOMCTL_E_BROKER_REFUSED' });
  expect(brokerCheck.detail).toMatch(/^the broker refused the credentials \(user roomctl-hq-hq-3f-aurora\): /);
  expect(outcome.doctor!.passed).toBe(false);
  expect(stdout).toMatch(/\[FAIL\] broker +mqtt:\/\/127\.0\.0\.1:\d+: ROOMCTL_E_BROKER_REFUSED the broker refused the credentials/);
  expect(stdout).toMatch(/result: FAIL — 1 problem\(s\)/);
  // The way out is printed with it: the user to add on the broker and the ACL.
  expect(stdout).toContain('mosquitto_passwd /etc/mosquitto/passwd roomctl-hq-hq-3f-aurora');
});
