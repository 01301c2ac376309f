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

it('a meeting with an online call starts on the call computer input; one without, on the usual input', async () => {
  av = await startAvDevices();
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', devices: av.configs, meetings: { displayInput: '31', selfTestMinutes: 0 }, callDisplayInput: '32' });
  await waitFor(() => fx.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');

  const call = book(fx.room.ctx, { minutes: 30, title: 'Budget review', online: { url: 'https://meet.google.com/abc-defg-hij' } });
  start(fx.room.ctx, call.id);
  await fx.room.settle();
  expect(av.display.display.input).toBe('32');
  end(fx.room.ctx, call.id);
  await fx.room.settle();

  const local = book(fx.room.ctx, { minutes: 30, title: 'Whiteboard session' });
  start(fx.room.ctx, local.id);
  await fx.room.settle();
  expect(av.display.display.input).toBe('31');
});
