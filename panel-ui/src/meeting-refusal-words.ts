import { ApiError } from './api-client.js';
import { t } from './i18n.js';
import { SHARED_REFUSALS, type RefusalWordsOf } from './shared-refusal-words.js';

/** A meeting code the room no longer takes, or one for another meeting: to the person holding the link it is the same. */
const linkNoLongerOpens = () => t('This link no longer opens the meeting. Scan its QR code again.');

/** Each refusal a meeting's page meets (checking in, the floor, polls, the minutes), in words. */
const WORDS: Readonly<Record<string, RefusalWordsOf>> = {
  ...SHARED_REFUSALS,
  ROOMCTL_E_ALREADY_VOTED: () => t('You have voted in this poll already: one vote each.'),
  ROOMCTL_E_POLL_CLOSED: () => t('This poll is closed.'),
  ROOMCTL_E_HAND_ALREADY_RAISED: () => t('Your hand is already up.'),
  ROOMCTL_E_NOT_CHECKED_IN: () => t('Check in first: the floor and the votes are for the people checked in.'),
  ROOMCTL_E_BAD_REQUEST: () => t('The room could not take that as typed. Check it and try again.'),
  ROOMCTL_E_UNAUTHORIZED: linkNoLongerOpens,
  ROOMCTL_E_FORBIDDEN: linkNoLongerOpens,
  PANEL_E_NETWORK: () => t('The room could not be reached. Check your Wi-Fi and try again.'),
};

/**
 * Why the room refused, for a person on a meeting's page (the phone page, the minutes): in
 * the page's language, never the room's own message, which is English and written for
 * whoever fixes the room (it stays in the page's console and the room's logs).
 */
export function meetingRefusalWords(err: unknown): string {
  const code = err instanceof ApiError ? err.code : '';
  return WORDS[code]?.(err instanceof ApiError ? err.details : undefined) ?? t('The room could not do that. Try again in a moment.');
}
