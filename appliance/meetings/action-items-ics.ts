import ICAL from 'ical.js';
import type { Person } from './meeting-types.js';
import type { ActionItem } from './minutes-repository.js';

const STATUS = { open: 'NEEDS-ACTION', in_progress: 'IN-PROCESS', done: 'COMPLETED', cancelled: 'CANCELLED' } as const;

const utc = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true);

/** What people typed, its line breaks as LF: ical.js escapes LF in a text, but leaves a CR raw inside the line. */
const typed = (value: string) => value.replace(/\r\n?/g, '\n');

/**
 * ical.js folds a line after `foldLength` octets and then adds the continuation's leading
 * space, so its continuation lines reach 76 octets; 74 keeps every line within RFC 5545's 75.
 */
function folded(cal: ICAL.Component): string {
  const before = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return cal.toString();
  } finally {
    ICAL.foldLength = before;
  }
}

/**
 * Action items as an iCalendar of VTODOs, so owners can drop them into their task list.
 * The meeting's organiser is each task's ORGANIZER: calendar clients (Outlook among them)
 * treat a task with attendees but no organiser as malformed, and owners know whom to ask.
 */
export function actionItemsIcs(items: readonly ActionItem[], meetingTitle: string, now: Date, organiser?: Person): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.updatePropertyWithValue('prodid', '-//roomctl//action items//EN');
  cal.updatePropertyWithValue('version', '2.0');
  for (const item of items) {
    const todo = new ICAL.Component('vtodo');
    todo.updatePropertyWithValue('uid', `${item.id}@roomctl`);
    todo.updatePropertyWithValue('dtstamp', utc(now.toISOString()));
    todo.updatePropertyWithValue('created', utc(item.createdAt));
    todo.updatePropertyWithValue('last-modified', utc(item.updatedAt));
    todo.updatePropertyWithValue('summary', typed(item.text));
    todo.updatePropertyWithValue('description', typed(`From the meeting "${meetingTitle}". Owner: ${item.owner}`));
    todo.updatePropertyWithValue('status', STATUS[item.status]);
    if (item.deadline) todo.updatePropertyWithValue('due', utc(item.deadline));
    if (organiser?.email) {
      const org = todo.addPropertyWithValue('organizer', `mailto:${organiser.email}`);
      if (organiser.name) org.setParameter('cn', typed(organiser.name));
    }
    if (item.ownerEmail) {
      const attendee = todo.addPropertyWithValue('attendee', `mailto:${item.ownerEmail}`);
      attendee.setParameter('cn', typed(item.owner));
    }
    cal.addSubcomponent(todo);
  }
  return `${folded(cal).replace(/\r?\n/g, '\r\n')}\r\n`;
}
