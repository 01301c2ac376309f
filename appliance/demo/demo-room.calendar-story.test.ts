import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onlineMeetingOf } from '../calls/online-meeting-link.js';
import { createLogger } from '../logger.js';
import { waitFor } from '../../tests/helpers/test-room.js';
import { demoCalendarIcs } from './demo-calendar.js';
import { startDemoRoom, type DemoRoom } from './demo-room.js';

/** A newcomer opens the demo and sees a meeting coming with its agenda, attendees and online link: no API call typed. */
let demo: DemoRoom;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-demo-calendar-'));
  demo = await startDemoRoom({
    log: createLogger({ level: 'silent', pretty: false }),
    listen: '127.0.0.1:0',
    dataDir: dir,
    mqttPort: 0,
    warmupMs: 50,
    calendar: true,
  });
}, 30_000);
afterAll(async () => {
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

interface MeetingView {
  id: string;
  title: string;
  start: string;
  organiser: { name?: string };
  attendees: { name?: string; required: boolean }[];
  description: string;
}

it('reads its calendar: a meeting soon with agenda, attendees and a Teams link, and a Zoom meeting later', async () => {
  const get = async <T>(path: string) =>
    (await (await fetch(`${demo.appliance.url}${path}`, { headers: { authorization: `Bearer ${demo.token}` } })).json()) as T;
  let meetings: MeetingView[] = [];
  await waitFor(async () => (meetings = await get<MeetingView[]>('/api/v1/meetings')).length >= 2, 10_000, 'the demo calendar to be read');
  const [soon, later] = meetings;
  expect(soon).toMatchObject({ title: 'Product roadmap review', organiser: { name: 'Li Wei' } });
  expect(soon!.attendees.map((a) => [a.name, a.required])).toEqual([
    ['Li Wei', true],
    ['Anna Schmidt', true],
    ['Carlos Ortega', true],
    ['Priya Nair', false],
  ]);
  expect(soon!.description).toMatch(/Join the meeting on Microsoft Teams: https:\/\/teams\.microsoft\.com\/l\/meetup-join\/\S+/);
  const minutesAway = (Date.parse(soon!.start) - Date.now()) / 60_000;
  expect(minutesAway).toBeGreaterThan(10);
  expect(minutesAway).toBeLessThanOrEqual(20);
  const agenda = await get<{ items: { title: string; owner?: string; minutes: number }[] }>(`/api/v1/meetings/${soon!.id}/agenda`);
  expect(agenda.items.map((i) => [i.title, i.owner, i.minutes])).toEqual([
    ['Welcome and goals', 'Li Wei', 5],
    ['Q3 roadmap walkthrough', 'Anna Schmidt', 20],
    ['Risks and dependencies', 'Carlos Ortega', 10],
    ['Decisions and action items', 'Li Wei', 10],
  ]);
  expect(later).toMatchObject({ title: 'Design sync with the Shanghai office' });
  expect(later!.description).toMatch(/Join Zoom Meeting: https:\/\/us02web\.zoom\.us\/j\/\d+\?pwd=/);
});

it('carries the Teams link where Outlook puts it too, and folds long lines as calendars must', () => {
  const ics = demoCalendarIcs(new Date('2026-03-02T08:01:00Z'));
  const unfolded = ics.replace(/\r\n /g, '');
  expect(unfolded).toMatch(/^X-MICROSOFT-SKYPETEAMSMEETINGURL:https:\/\/teams\.microsoft\.com\/l\/meetup-join\//m);
  expect(unfolded).toMatch(/^DTSTART:20260302T082000Z$/m);
  for (const line of ics.split('\r\n')) expect(line.length).toBeLessThanOrEqual(75);
  // Real-looking links: the reader of invitations' join links takes them as Teams and Zoom meetings.
  const teamsUrl = /^X-MICROSOFT-SKYPETEAMSMEETINGURL:(.*)$/m.exec(unfolded)![1]!;
  expect(onlineMeetingOf({ teamsUrl })).toMatchObject({ provider: 'teams', url: teamsUrl });
  const zoomLocation = /^LOCATION:(Demo Room\\; https:\/\/us02web\.zoom\.us\S*)$/m.exec(unfolded)![1]!.replace(/\\;/g, ';');
  expect(onlineMeetingOf({ location: zoomLocation })).toMatchObject({ provider: 'zoom', meetingId: '85012345678' });
});
