import type { Minutes, PollView } from '../../appliance/api/api-types.js';
import { decisionWords, pollOutcome } from '../../appliance/conversation/poll-outcome.js';
import { t } from './i18n.js';

/** A poll option in the panel's language: the yes / no / abstain of a plain poll are translated, listed options shown as typed. */
export function optionWord(option: string): string {
  const words: Record<string, string> = { yes: t('Yes'), no: t('No'), abstain: t('Abstain') };
  return words[option] ?? option;
}

/**
 * A closed poll's count in the panel's language, worded as the room words it for the minutes
 * ("Approved 7–2, 1 abstained"; listed options each with its count, most first). The view's
 * own `outcome` is the minutes' English, which a Chinese panel must not show.
 */
export function pollOutcomeWords(poll: Pick<PollView, 'options' | 'counts'>): string {
  return pollOutcome(poll.options, poll.counts, { t, option: optionWord });
}

/**
 * A note or decision as the panel shows it: a closed poll's decision, as the room wrote it (in
 * the minutes' English), in the panel's language; anything else, a corrected poll's decision
 * included, as it was typed.
 */
export function entryWords(entry: Minutes['decisions'][number]): string {
  return decisionWords(entry, { t, option: optionWord });
}

/** Who recorded a note or decision: a closed poll records its own, named in the panel's language. */
export function entryAuthorWords(author: string | null): string {
  return author === 'poll' ? t('Poll') : (author ?? '');
}

/** A speaker's or hand's name; a confidential meeting's are hidden from the public stream. */
export function speakerName(name: string | null): string {
  return name ?? t('A participant');
}

/** The room part of `site/room`, shown only when the floor spans more than one room. */
export function roomWord(room: string, rooms: ReadonlySet<string>): string {
  return rooms.size > 1 ? (room.split('/').pop() ?? room) : '';
}
