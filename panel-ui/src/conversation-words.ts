import { t } from './i18n.js';

/** A poll option in the panel's language: the yes / no / abstain of a plain poll are translated, listed options shown as typed. */
export function optionWord(option: string): string {
  const words: Record<string, string> = { yes: t('Yes'), no: t('No'), abstain: t('Abstain') };
  return words[option] ?? option;
}

/** A speaker's or hand's name; a confidential meeting's are hidden from the public stream. */
export function speakerName(name: string | null): string {
  return name ?? t('A participant');
}

/** The room part of `site/room`, shown only when the floor spans more than one room. */
export function roomWord(room: string, rooms: ReadonlySet<string>): string {
  return rooms.size > 1 ? (room.split('/').pop() ?? room) : '';
}
