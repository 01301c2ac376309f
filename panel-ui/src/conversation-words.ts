import type { PollView } from '../../appliance/api/api-types.js';
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
  const n = (o: string) => poll.counts[o] ?? 0;
  const { options } = poll;
  if (options.length === 3 && options[0] === 'yes' && options[1] === 'no' && options[2] === 'abstain') {
    const counts = { yes: n('yes'), no: n('no') };
    const verdict =
      counts.yes > counts.no
        ? t('Approved {yes}–{no}', counts)
        : counts.yes < counts.no
          ? t('Rejected {yes}–{no}', counts)
          : t('Tied, not approved {yes}–{no}', counts);
    return n('abstain') > 0 ? t('{verdict}, {n} abstained', { verdict, n: n('abstain') }) : verdict;
  }
  return [...options]
    .sort((a, b) => n(b) - n(a) || options.indexOf(a) - options.indexOf(b))
    .map((o) => `${optionWord(o)} ${n(o)}`)
    .join(t(', '));
}

/** A speaker's or hand's name; a confidential meeting's are hidden from the public stream. */
export function speakerName(name: string | null): string {
  return name ?? t('A participant');
}

/** The room part of `site/room`, shown only when the floor spans more than one room. */
export function roomWord(room: string, rooms: ReadonlySet<string>): string {
  return rooms.size > 1 ? (room.split('/').pop() ?? room) : '';
}
