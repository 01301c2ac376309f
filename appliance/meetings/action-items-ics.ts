import ICAL from 'ical.js';
import type { Person } from './meeting-types.js';
import type { ActionItem } from './minutes-repository.js';

const STATUS = { open: 'NEEDS-ACTION', in_progress: 'IN-PROCESS', done: 'COMPLETED', cancelled: 'CANCELLED' } as const;

const utc = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true);

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
    todo.updatePropertyWithValue('summary', item.text);
    todo.updatePropertyWithValue('description', `From the meeting "${meetingTitle}". Owner: ${item.owner}`);
    todo.updatePropertyWithValue('status', STATUS[item.status]);
    if (item.deadline) todo.updatePropertyWithValue('due', utc(item.deadline));
    if (organiser?.email) {
      const org = todo.addPropertyWithValue('organizer', `mailto:${organiser.email}`);
      if (organiser.name) org.setParameter('cn', organiser.name);
    }
    if (item.ownerEmail) {
      const attendee = todo.addPropertyWithValue('attendee', `mailto:${item.ownerEmail}`);
      attendee.setParameter('cn', item.owner);
    }
    cal.addSubcomponent(todo);
  }
  return cal.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
