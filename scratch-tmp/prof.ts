import { expandCalendar } from '../appliance/schedule/ics-expand.js';
function calendarText(series: number): string {
  const events = Array.from({ length: series }, (_, i) => ['BEGIN:VEVENT', `UID:series-${i}@example.com`, 'DTSTAMP:20260101T000000Z', `DTSTART;TZID=Europe/Berlin:202603${String(2 + (i % 5)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}0000`, `DTEND;TZID=Europe/Berlin:202603${String(2 + (i % 5)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}4500`, 'RRULE:FREQ=WEEKLY', `SUMMARY:Series ${i}`, 'ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT:mailto:bob@example.com', 'END:VEVENT'].join('\r\n'));
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
}
const ics = calendarText(40);
const window = { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-04-15T00:00:00Z'), roomTimeZone: 'Europe/Berlin' };
for (let i = 0; i < 5; i++) expandCalendar(ics, window);
const t0 = performance.now(); for (let i = 0; i < 20; i++) expandCalendar(ics, window); console.log('avg ms', (performance.now() - t0) / 20);
