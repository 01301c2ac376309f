import type { Person } from './meeting-types.js';
import type { ActionItem } from './minutes-repository.js';

const STATUS = { open: 'NEEDS-ACTION', in_progress: 'IN-PROCESS', done: 'COMPLETED', cancelled: 'CANCELLED' } as const;

/** `20261206T214800Z`: a UTC DATE-TIME. */
const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** A TEXT value: backslash, semicolon and comma escaped, every line break as `\n` (RFC 5545 3.3.11). */
const text = (value: string) => value.replace(/\r\n?/g, '\n').replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));

/**
 * A parameter value (a name in CN): quoted when it holds `:`, `;` or `,`; a double quote or
 * a line break inside written as RFC 6868 says (`^'`, `^n`, and `^^` for the caret itself).
 */
function param(value: string): string {
  const escaped = value.replace(/\r\n?/g, '\n').replace(/[\n^"]/g, (c) => ({ '\n': '^n', '^': '^^', '"': "^'" })[c]!);
  return /[:;,]/.test(escaped) ? `"${escaped}"` : escaped;
}

/** A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // The first line holds 75 octets; each continuation line starts with a space, so 74 more.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * Action items as an iCalendar of VTODOs, so owners can drop them into their task list.
 * The meeting's organiser is each task's ORGANIZER: calendar clients (Outlook among them)
 * treat a task with attendees but no organiser as malformed, and owners know whom to ask.
 * Written here rather than with ical.js: the minutes go out from a synchronous step of the
 * meeting rules, and the room loads ical.js only when it reads a calendar feed.
 */
export function actionItemsIcs(items: readonly ActionItem[], meetingTitle: string, now: Date, organiser?: Person): string {
  const lines = ['BEGIN:VCALENDAR', 'PRODID:-//roomctl//action items//EN', 'VERSION:2.0'];
  for (const item of items) {
    lines.push(
      'BEGIN:VTODO',
      `UID:${text(`${item.id}@roomctl`)}`,
      `DTSTAMP:${utc(now.toISOString())}`,
      `CREATED:${utc(item.createdAt)}`,
      `LAST-MODIFIED:${utc(item.updatedAt)}`,
      `SUMMARY:${text(item.text)}`,
      `DESCRIPTION:${text(`From the meeting "${meetingTitle}". Owner: ${item.owner}`)}`,
      `STATUS:${STATUS[item.status]}`,
    );
    if (item.deadline) lines.push(`DUE:${utc(item.deadline)}`);
    if (organiser?.email) lines.push(`ORGANIZER${organiser.name ? `;CN=${param(organiser.name)}` : ''}:mailto:${organiser.email}`);
    if (item.ownerEmail) lines.push(`ATTENDEE;CN=${param(item.owner)}:mailto:${item.ownerEmail}`);
    lines.push('END:VTODO');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
