import type { MeetingNotice, RoomNowView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

/** The notices the meeting screen keeps on show as its warning. */
export type WarningNotice = Extract<MeetingNotice, { kind: 'end-warning' | 'agenda-warning' | 'speaker-warning' }>;

/** The panel's clock may stand a little off the room's: an end warning holds this much past its minutes. */
const END_SLACK_MS = 30_000;

/**
 * The warning in the panel's language (worded when shown, so a language switch words it
 * anew), while what it warns of still holds: the agenda item it names is still the current
 * one, the meeting has not been extended past it, the speaker it names still has the floor.
 * Null once it no longer holds — a warning about item 1 must not stay up during item 2 — and
 * "min left" turns into "over its time" once the meeting passes its end.
 */
export function warningWords(notice: WarningNotice | null, now: RoomNowView | null, atMs: number): string | null {
  const meeting = now?.current;
  if (!notice || !meeting || meeting.id !== notice.meetingId) return null;
  switch (notice.kind) {
    case 'end-warning': {
      const leftMs = Date.parse(meeting.end) - atMs;
      if (leftMs > notice.minutesLeft * 60_000 + END_SLACK_MS) return null;
      // Past its end the meeting is over time, not "1 min left" beside a clock that says "over time".
      return leftMs < 0 ? t('This meeting is over its time: extend it or end it.') : t('{n} min left in this meeting.', { n: notice.minutesLeft });
    }
    case 'agenda-warning':
      if (now.agenda?.currentPosition !== notice.position) return null;
      return notice.percent >= 100
        ? t('Agenda item {n} is over its time.', { n: notice.position })
        : t('Agenda item {n} has used {p}% of its time.', { n: notice.position, p: notice.percent });
    case 'speaker-warning': {
      if (!meeting.floor.speaking || meeting.floor.speaking.name !== notice.name) return null;
      const name = notice.name ?? t('The speaker');
      return notice.percent >= 100
        ? t('{name} is over their speaking time.', { name })
        : t('{name} has used {p}% of their speaking time.', { name, p: notice.percent });
    }
  }
}
