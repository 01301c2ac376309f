import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { book } from './meeting-lifecycle.js';
import { startAvDevices, type AvDevices } from './testing/av-devices.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
let av: AvDevices;
afterEach(async () => {
  await fx.close();
  await av.close();
});

it('10 min before a booking every device is tested: reachable, answers, camera home, display on; the report is stored and published', async () => {
  av = await startAvDevices();
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', devices: av.configs });
  await waitFor(() => fx.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');
  av.camera.camera.position.pan = 400;
  expect(av.display.display.power).toBe('standby');
  const m = book(fx.room.ctx, { start: '2026-04-01T08:30:00.000Z', minutes: 30, title: 'Demo' });

  await fx.advanceTo('2026-04-01T08:19:55.000Z');
  expect(fx.eventsOf('selftest.result')).toHaveLength(0);
  await fx.advance(5_000);
  const [result] = fx.eventsOf('selftest.result');
  expect(result).toMatchObject({ meetingId: m.id, passed: true });
  expect(result!.results.map((r) => `${r.deviceId}:${r.check}:${r.ok}`).sort()).toEqual([
    'cam-front:answers:true',
    'cam-front:camera-home:true',
    'cam-front:reachable:true',
    'display:answers:true',
    'display:display-power:true',
    'display:reachable:true',
  ]);
  expect(av.camera.camera.position.pan).toBe(0);
  expect(av.display.display.power).toBe('on');
  expect(fx.room.ctx.selfTests.latest(m.id)).toMatchObject({ id: result!.reportId, passed: true });
  expect(fx.room.streamMessage().now.selfTest).toMatchObject({ passed: true, failed: [] });
  expect(fx.eventsOf('fault.raised')).toHaveLength(0);
});

it('a device that does not answer fails the self-test and raises a fault at once, naming what still works', async () => {
  av = await startAvDevices();
  fx = roomFixture({
    start: '2026-04-01T08:00:00.000Z',
    devices: av.configs,
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'a@example.com' }, facilities: ['facilities@example.com'] },
  });
  await waitFor(() => fx.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');
  await av.display.close();
  await waitFor(() => fx.devices.get('display').status === 'offline', 8000, 'display offline');
  const m = book(fx.room.ctx, { start: '2026-04-01T08:30:00.000Z', minutes: 30, title: 'Demo' });

  await fx.advanceTo('2026-04-01T08:20:00.000Z');
  expect(fx.eventsOf('selftest.result')[0]).toMatchObject({ meetingId: m.id, passed: false });
  expect(fx.eventsOf('fault.raised')).toEqual([
    {
      type: 'fault.raised',
      faultId: expect.stringMatching(/^selftest-/),
      deviceId: 'display',
      detail: expect.stringContaining('display reachable'),
      code: 'ROOMCTL_E_SELFTEST_UNREACHABLE',
      // Why, for the fleet to word: the display's status then and what it said itself.
      selfTest: { status: 'offline', said: expect.stringMatching(/^ROOMCTL_E_CONNECT_FAILED: Cannot reach /) },
    },
  ]);
  const alert = fx.room.outbox.list().find((e) => e.kind === 'selftest')!;
  expect(alert.recipients).toEqual(['facilities@example.com']);
  expect(alert.message.text).toContain('Still working: cam-front');
  expect(fx.messages.find((x) => x.notice?.kind === 'selftest')!.notice).toEqual({ kind: 'selftest', meetingId: m.id, passed: false, failed: ['display'] });
});
