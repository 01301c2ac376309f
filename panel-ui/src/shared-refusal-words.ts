import { t } from './i18n.js';

/** Words for a refusal, from the refusal's details (what a bound was, and how many it holds). */
export type RefusalWordsOf = (details: unknown) => string;

/** What a bound refusal's details carry (ROOMCTL_E_MEETING_LIMIT, ROOMCTL_E_BOOKING_LIMIT). */
function boundOf(details: unknown): { limit: number; what: string } {
  const d = (details ?? {}) as { limit?: unknown; what?: unknown };
  return { limit: typeof d.limit === 'number' ? d.limit : 0, what: typeof d.what === 'string' ? d.what : '' };
}

/** Each bound of a meeting (details.what, appliance/meetings/meeting-limits.ts), what it stopped and what to do instead. */
const MEETING_BOUNDS: Readonly<Record<string, (limit: number) => string>> = {
  walkIns: (limit) =>
    t('{limit} people who were not invited have checked in, as many as a meeting takes. Write the names of the others in the minutes.', { limit }),
  entries: (limit) => t('This meeting holds {limit} notes and decisions, as many as it may. Add to one already there, or go on in a new meeting.', { limit }),
  actionItems: (limit) => t('This meeting holds {limit} action items, as many as it may. Add to one already there, or go on in a new meeting.', { limit }),
  polls: (limit) => t('This meeting has had {limit} polls, as many as it may. Take the next vote by a show of hands and write it in the minutes.', { limit }),
  hands: (limit) => t('Hands were raised {limit} times in this meeting, as many as it takes. Ask for the floor aloud.', { limit }),
  handCounts: (limit) => t('This show of hands was counted {limit} times, as many as a poll takes. Write the last count in the minutes.', { limit }),
  'agenda items': (limit) => t('An agenda holds at most {limit} items. Remove some, then save it again.', { limit }),
};

const meetingLimit: RefusalWordsOf = (details) => {
  const { limit, what } = boundOf(details);
  return MEETING_BOUNDS[what]?.(limit) ?? t('This meeting holds as many of those as a meeting may. Go on in a new meeting.');
};

const bookingLimit: RefusalWordsOf = (details) => {
  const { limit, what } = boundOf(details);
  return what === 'days ahead'
    ? t('The room takes bookings made here up to {limit} days ahead. Book further ahead in the calendar.', { limit })
    : t('The room has taken {limit} bookings made here in the last 24 hours, as many as it takes. Book it in the calendar instead.', { limit });
};

/**
 * Refusals a person meets with the same meaning on the panel and on a meeting's page (the
 * phone's), in the same words: both tables spread this one. Only the refusals whose words
 * differ on purpose stay apart (a link that no longer opens the meeting is not a panel that
 * may not do something; the phone's network is its Wi-Fi, the panel's its connection).
 */
export const SHARED_REFUSALS: Readonly<Record<string, RefusalWordsOf>> = {
  ROOMCTL_E_CHECKIN_CLOSED: () => t('Check-in is not open now: it opens shortly before the meeting starts and closes when it ends.'),
  ROOMCTL_E_AGENDA_CHANGED: () => t('Someone else changed the agenda meanwhile. Look at it again, then make your change.'),
  ROOMCTL_E_MEETING_STATE: () => t('The meeting cannot do that now: it has not started yet, or it has ended. Wait for its start, or book the room again.'),
  ROOMCTL_E_MEETING_NOT_FOUND: () => t('This meeting is no longer on the room’s calendar: it was moved or cancelled. Ask its organiser.'),
  ROOMCTL_E_MINUTES_SENT: () =>
    t('The minutes have been sent: they can no longer be changed here. The organiser can still correct them from the minutes e-mail.'),
  ROOMCTL_E_FEEDBACK_GIVEN: () => t('This meeting has been rated already, thank you. Something not working? Report it under Help.'),
  ROOMCTL_E_RATE_LIMITED: () => t('Too many tries at once. Wait a moment and try again.'),
  ROOMCTL_E_MEETING_LIMIT: meetingLimit,
  ROOMCTL_E_BOOKING_LIMIT: bookingLimit,
  ROOMCTL_E_STORAGE: () =>
    t('The room could not save that: its storage is full or failing. Write it down for now and call facilities; the rest of the room works.'),
};
