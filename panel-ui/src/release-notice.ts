import type { MeetingNotice } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

/**
 * What the panel says when a booking is released, in its language: only the rule's release is
 * "nobody checked in"; a booking freed by hand, in its check-in window or ahead of time, is not a
 * no-show, and says so.
 */
export function releaseNoticeWords(by: Extract<MeetingNotice, { kind: 'released' }>['by']): string {
  switch (by) {
    case 'no-check-in':
      return t('Nobody checked in, so the booking was cancelled.');
    case 'ahead-of-time':
      return t('The booking was cancelled ahead of time: the room is free for others to book.');
    default:
      return t('The booking was released so others can book the room.');
  }
}
