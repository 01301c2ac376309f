/**
 * An ad-hoc booking may bring its online meeting (`online: {url}`), but only a link the room
 * may open or a dial string it shows: anything else is refused with a coded 400 and books
 * nothing. A confidential meeting shows the service's name, not its link, to a reader who
 * may not see its details.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-12-08T01:00:00Z', configure: (c) => void (c.calls = { allowDomains: ['vc.acme.lan'] }) });
});
afterAll(() => room?.close());

const at = (hour: number) => `2026-12-08T${String(hour).padStart(2, '0')}:00:00.000Z`;

it.each([
  ['a look-alike domain', 'https://zoom.us.evil.example/j/85012345678'],
  ['a page of the service that is no meeting', 'https://zoom.us/pricing'],
  ['an unknown host', 'https://meetings.example.com/abc'],
  ['a script', 'javascript:alert(1)//zoom.us/j/1'],
  ['a data URL', 'data:text/html,<script>alert(1)</script>'],
])('refuses %s with ROOMCTL_E_ONLINE_LINK_REFUSED and books nothing', async (_what, url) => {
  const answer = await room.call('POST', '/api/v1/bookings', { minutes: 30, start: at(3), online: { url } });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ code: 'ROOMCTL_E_ONLINE_LINK_REFUSED', details: { field: 'online.url' } });
  expect((await room.call('GET', '/api/v1/meetings')).body).toEqual([]);
});

it('takes a known service, an allowed domain and a SIP address, and shows each in the meeting view', async () => {
  const zoom = await room.call('POST', '/api/v1/bookings', { minutes: 30, start: at(2), online: { url: 'https://us06web.zoom.us/j/85012345678?pwd=aBcD.1' } });
  expect(zoom.body.online).toEqual({ provider: 'zoom', name: 'Zoom', url: 'https://us06web.zoom.us/j/85012345678?pwd=aBcD.1', meetingId: '85012345678' });
  const own = await room.call('POST', '/api/v1/bookings', { minutes: 30, start: at(4), online: { url: 'http://vc.acme.lan/room/7' } });
  expect(own.body.online).toMatchObject({ provider: 'web', url: 'http://vc.acme.lan/room/7' });
  const sip = await room.call('POST', '/api/v1/bookings', { minutes: 30, start: at(5), online: { url: 'sip:8001@vc.acme.cn' } });
  expect(sip.body.online).toMatchObject({ provider: 'sip', dialString: 'sip:8001@vc.acme.cn' });
  const plain = await room.call('POST', '/api/v1/bookings', { minutes: 30, start: at(6) });
  expect(plain.body.online).toBeNull();
});

it('a confidential meeting shows the service, not its link, to the phone page', async () => {
  const secret = await room.call('POST', '/api/v1/bookings', {
    minutes: 30,
    start: at(7),
    confidentiality: 'confidential',
    online: { url: 'https://meet.google.com/abc-defg-hij' },
  });
  const code = room.appliance.core.meetings!.ctx.meetings.get(secret.body.id as string)!.code;
  const phone = await room.call('GET', `/api/v1/meetings/${secret.body.id}`, undefined, { 'x-meeting-code': code });
  expect(phone.body.online).toEqual({ provider: 'google-meet', name: 'Google Meet' });
});
