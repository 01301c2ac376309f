import { expect, it } from 'vitest';
import { expandCalendar } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = {
  from: new Date('2026-12-07T00:00:00Z'),
  to: new Date('2026-12-12T00:00:00Z'),
  roomTimeZone: 'Asia/Shanghai',
  roomAddresses: ['Aurora@example.com'],
};

it('expects neither those who declined nor the room, whether it says CUTYPE=ROOM or only its address', () => {
  const ics = calendarOf([
    [
      'UID:plan@example.com',
      'DTSTART:20261208T020000Z',
      'DTEND:20261208T030000Z',
      'SUMMARY:Planning',
      'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com',
      'ATTENDEE;CN=Carol;PARTSTAT=DECLINED:mailto:carol@example.com',
      'ATTENDEE;CUTYPE=ROOM;CN=Aurora:mailto:aurora@example.com',
      'ATTENDEE;CN=Aurora;PARTSTAT=ACCEPTED:mailto:aurora@example.com',
    ],
  ]);
  expect(expandCalendar(ics, window)[0]!.attendees).toEqual([{ name: 'Bob', email: 'bob@example.com', required: true }]);
});

it("reads the agenda from Outlook's HTML body when the plain description has none", () => {
  const html = '<html><body><p>议程</p><ol><li>1、开场（5分钟）：王芳</li><li>2、预算（20分钟）：李雷</li></ol></body></html>';
  const ics = calendarOf([
    ['UID:html@example.com', 'DTSTART:20261208T020000Z', 'DTEND:20261208T030000Z', 'SUMMARY:周会', `X-ALT-DESC;FMTTYPE=text/html:${html}`],
  ]);
  const [booking] = expandCalendar(ics, window);
  expect(booking!.agenda).toEqual([
    { title: '开场', owner: '王芳', minutes: 5 },
    { title: '预算', owner: '李雷', minutes: 20 },
  ]);
  expect(booking!.description).toContain('开场（5分钟）：王芳');
});
