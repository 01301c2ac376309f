/** A VCALENDAR around the given VEVENT bodies (each a list of content lines), CRLF as servers send it. */
export function calendarOf(events: readonly (readonly string[])[], head: readonly string[] = []): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//roomctl//tests//EN', ...head];
  for (const event of events) lines.push('BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...event, 'END:VEVENT');
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}
