/**
 * The room's own words in messages it sends (minutes, reminders, nudges, facilities'
 * messages), in the room's language (`room.locale`). As on the panel, the English text is the
 * key, so a call site reads as the message it sends and a missing translation falls back to
 * English rather than to a key; each concern keeps its own zh-CN table (minutes-words-zh-cn.ts, …).
 */
import type { RoomLocale } from '../room/room-language.js';
import { wallTimeAt } from '../schedule/zoned-time.js';

export type Words = (en: string, vars?: Readonly<Record<string, string | number>>) => string;

/** The words of one table in one language: `t('Approved {yes}–{no}', { yes: 7, no: 2 })`. */
export function wordsIn(locale: RoomLocale | undefined, zhCn: Readonly<Record<string, string>>): Words {
  return (en, vars = {}) => {
    const text = locale === 'zh-CN' ? (zhCn[en] ?? en) : en;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** A time of day in the room's zone, "HH:MM", the way people read the door panel. */
export function roomHhmm(iso: string, timeZone: string): string {
  const w = wallTimeAt(new Date(iso), timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** A day in the room's zone: 2026-04-01 in English (sorts, and reads the same everywhere), 2026年4月1日 in Chinese. */
export function roomDay(iso: string, timeZone: string, locale: RoomLocale | undefined): string {
  if (locale === 'zh-CN') return new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
  // en-CA writes the ISO order, YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
