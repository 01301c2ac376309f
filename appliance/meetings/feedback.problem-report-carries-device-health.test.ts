import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { submitFeedback } from './feedback-service.js';
import { book, end, start } from './meeting-lifecycle.js';
import { startAvDevices, type AvDevices } from './testing/av-devices.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
let av: AvDevices;
afterEach(async () => {
  await fx.close();
  await av.close();
});

it('a rating is published as feedback; a problem report carries every device health and reaches facilities', async () => {
  av = await startAvDevices();
  fx = roomFixture({
    start: '2026-04-01T08:00:00.000Z',
    devices: av.configs,
    meetings: { selfTestMinutes: 0 },
    notifications: { facilities: ['facilities@example.com'], email: { host: '127.0.0.1', port: 9, from: 'a@example.com' } },
  });
  await waitFor(() => fx.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');
  await av.display.close();
  await waitFor(() => fx.devices.get('display').status === 'offline', 8000, 'display offline');
  const m = book(fx.room.ctx, { minutes: 30, title: 'Demo' });
  start(fx.room.ctx, m.id);
  end(fx.room.ctx, m.id);

  submitFeedback(fx.room.ctx, m.id, { rating: 2, problems: ['display'], comment: 'Screen stayed black' });
  expect(fx.eventsOf('feedback')).toEqual([{ type: 'feedback', meetingId: m.id, rating: 2, via: 'panel' }]);
  const [report] = fx.eventsOf('problem.reported');
  expect(report).toMatchObject({ categories: ['display'], comment: 'Screen stayed black', meetingId: m.id });
  expect(report!.deviceHealth).toMatchObject({ display: { status: 'offline', kind: 'display' }, 'cam-front': { status: 'ok', kind: 'camera' } });
  expect(fx.room.outbox.list().find((e) => e.kind === 'problem')).toMatchObject({
    recipients: ['facilities@example.com'],
    message: { title: 'Problem reported in Aurora: display' },
  });
  expect(() => submitFeedback(fx.room.ctx, m.id, {})).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));
});
