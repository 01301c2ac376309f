import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { book, end, start } from './meeting-lifecycle.js';
import { startAvDevices, type AvDevices } from './testing/av-devices.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
let av: AvDevices;
afterEach(async () => {
  await fx.close();
  await av.close();
});

it('one touch start runs the start scene (display on, to its input, unmuted; camera home) and end puts devices to standby', async () => {
  av = await startAvDevices();
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', devices: av.configs, meetings: { displayInput: '32', selfTestMinutes: 0 } });
  await waitFor(() => fx.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');
  av.camera.camera.position.tilt = 300;
  const m = book(fx.room.ctx, { minutes: 30, title: 'Demo' });

  start(fx.room.ctx, m.id);
  await fx.room.settle();
  expect(av.display.display.power).toBe('on');
  expect(av.display.display.input).toBe('32');
  expect(av.display.display.audioMuted).toBe(false);
  expect(av.camera.camera.position.tilt).toBe(0);

  end(fx.room.ctx, m.id);
  await fx.room.settle();
  await waitFor(() => av.display.display.power === 'standby' || av.display.display.power === 'cooling', 8000, 'display standby');
  expect(av.camera.camera.power).toBe('standby');
});
