import { expect, it } from 'vitest';
import { onlineOfBooking } from '../calls/online-meeting-view.js';
import { expandCalendar } from './ics-expand.js';
import { calendarOf } from './testing/ics-text.js';

const window = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-12T00:00:00Z'), roomTimeZone: 'Asia/Shanghai' };
const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ4ZTk3YjUtMmE4Ni00%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d';
const event = (uid: string, ...lines: string[]) => [`UID:${uid}`, 'DTSTART:20261208T020000Z', 'DTEND:20261208T030000Z', 'SUMMARY:Review', ...lines];

it('keeps each property an invitation carries its online meeting in, and the room recognises the meeting from it', () => {
  const ics = calendarOf([
    event('exchange', `X-MICROSOFT-SKYPETEAMSMEETINGURL:${TEAMS}`, 'LOCATION:Microsoft Teams Meeting'),
    event('google', 'X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij', 'DESCRIPTION:Join with Google Meet'),
    event('rfc7986', 'CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join:https://vc.feishu.cn/j/337736498'),
    event('zoom-plugin', 'LOCATION:https://us06web.zoom.us/j/85012345678?pwd=aBcD.1', 'URL:https://us06web.zoom.us/j/85012345678?pwd=aBcD.1'),
    event('plain', 'LOCATION:Room 3F'),
  ]);
  const bookings = expandCalendar(ics, window);
  const booking = (uid: string) => bookings.find((b) => b.occurrenceKey.startsWith(uid))!;
  const online = (uid: string) => onlineOfBooking(booking(uid), {});
  expect(booking('exchange').links).toEqual({ teamsUrl: TEAMS, location: 'Microsoft Teams Meeting' });
  expect(online('exchange')).toMatchObject({ provider: 'teams', url: TEAMS });
  expect(online('google')).toMatchObject({ provider: 'google-meet', meetingId: 'abc-defg-hij' });
  expect(online('rfc7986')).toMatchObject({ provider: 'feishu', meetingId: '337736498' });
  expect(online('zoom-plugin')).toMatchObject({ provider: 'zoom', meetingId: '85012345678' });
  expect(online('plain')).toBeNull();
});
