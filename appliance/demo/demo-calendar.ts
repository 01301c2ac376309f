import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The demo room's calendar: a published ICS feed on a loopback port, the way Exchange or
 * Google publish a room's calendar, so a newcomer sees the whole meeting story (a booking
 * with its agenda, attendees and an online meeting link, check-in opening, the agenda
 * clock) without typing an API call. Times are set from the moment the demo starts.
 */
interface DemoCalendar {
  url: string;
  ics: string;
  close(): Promise<void>;
}

interface DemoMeeting {
  uid: string;
  summary: string;
  startInMinutes: number;
  minutes: number;
  organiser: { name: string; email: string };
  attendees: Array<{ name: string; email: string; optional?: boolean }>;
  agenda: string[];
  location: string;
  online: { label: string; url: string; teams?: boolean };
}

const TEAMS_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZGVtby1yb2FkbWFwLXJldmlldy1yb29tY3Rs%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22a1b2c3d4-0000-4000-8000-000000000001%22%7d';
const ZOOM_URL = 'https://us02web.zoom.us/j/85012345678?pwd=ZGVtb1pvb21QYXNzY29kZQ.1';

/** The demo's people; an address is the name, lower-case, dotted, at example.com. */
const person = (name: string, optional?: true) => ({ name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`, ...(optional ? { optional } : {}) });

const MEETINGS: DemoMeeting[] = [
  {
    uid: 'roadmap-review',
    summary: 'Product roadmap review',
    startInMinutes: 15,
    minutes: 45,
    organiser: person('Li Wei'),
    attendees: [person('Li Wei'), person('Anna Schmidt'), person('Carlos Ortega'), person('Priya Nair', true)],
    agenda: [
      '1. Welcome and goals (5 min) - Li Wei',
      '2. Q3 roadmap walkthrough (20 min) - Anna Schmidt',
      '3. Risks and dependencies (10 min) - Carlos Ortega',
      '4. Decisions and action items (10 min) - Li Wei',
    ],
    location: 'Demo Room; Microsoft Teams Meeting',
    online: { label: 'Join the meeting on Microsoft Teams', url: TEAMS_URL, teams: true },
  },
  {
    uid: 'design-sync',
    summary: 'Design sync with the Shanghai office',
    startInMinutes: 120,
    minutes: 30,
    organiser: person('Anna Schmidt'),
    attendees: [person('Anna Schmidt'), person('Zhang Min')],
    agenda: ['1. Panel mock-ups (15 min) - Zhang Min', '2. Feedback and next steps (15 min) - Anna Schmidt'],
    location: `Demo Room; ${ZOOM_URL}`,
    online: { label: 'Join Zoom Meeting', url: ZOOM_URL },
  },
];

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
/** Lines longer than 75 octets are folded (RFC 5545 3.1): CRLF, then a space. */
const fold = (line: string) => (line.match(/.{1,73}/g) ?? ['']).join('\r\n ');

/** The feed's text for a demo started at `now`: the first meeting a quarter of an hour later, on a 5-minute mark. */
export function demoCalendarIcs(now: Date): string {
  const base = new Date(Math.ceil(now.getTime() / 300_000) * 300_000);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//roomctl//demo room calendar//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const m of MEETINGS) {
    const start = new Date(base.getTime() + m.startInMinutes * 60_000);
    const end = new Date(start.getTime() + m.minutes * 60_000);
    const description = ['Agenda:', ...m.agenda, '', `${m.online.label}: ${m.online.url}`].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.uid}-${stamp(base)}@demo.roomctl`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${escapeText(m.summary)}`,
      `LOCATION:${escapeText(m.location)}`,
      `DESCRIPTION:${escapeText(description)}`,
      `ORGANIZER;CN=${m.organiser.name}:mailto:${m.organiser.email}`,
      ...m.attendees.map((a) => `ATTENDEE;CN=${a.name};ROLE=${a.optional ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT'};PARTSTAT=ACCEPTED:mailto:${a.email}`),
      'ATTENDEE;CUTYPE=ROOM;CN=Demo Room;ROLE=NON-PARTICIPANT:mailto:demo-room@example.com',
      ...(m.online.teams ? [`X-MICROSOFT-SKYPETEAMSMEETINGURL:${m.online.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  return lines.map(fold).join('\r\n');
}

/** Serves the feed on 127.0.0.1 (a free port), as text/calendar. */
export async function startDemoCalendar(now = new Date()): Promise<DemoCalendar> {
  const ics = demoCalendarIcs(now);
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/demo-room.ics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(ics);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/demo-room.ics`,
    ics,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The room's feed reader keeps its connection alive; close would otherwise wait for it.
        server.closeAllConnections();
      }),
  };
}
