import type { Db } from '../store/database.js';
import { storedSetting, type StoredSetting } from '../store/stored-setting.js';

export const ROOM_LOCALES = ['en', 'zh-CN'] as const;
export type RoomLocale = (typeof ROOM_LOCALES)[number];

/** The settings key of the admin's choice (room-language-migrations.ts moved it here from the panel's `panel.locale`). */
const ROOM_LOCALE_KEY = 'room.locale';

/**
 * The room's language: what its panels show and what its messages say (minutes, reminders,
 * nudges, and facilities' self-test failures, help calls and problem reports). The config's
 * `room.locale` is the default; a language chosen in the admin view at run time (kept in the
 * settings table) wins until it is cleared. One instance per room (modules.ts): whoever speaks
 * reads `locale` each time, so a change reaches the panels and the messages at once.
 */
export class RoomLanguage {
  private readonly saved: StoredSetting;

  constructor(
    db: Db,
    private readonly configLocale: RoomLocale,
  ) {
    this.saved = storedSetting(db, ROOM_LOCALE_KEY);
  }

  get locale(): RoomLocale {
    const saved = this.saved.get();
    return (ROOM_LOCALES as readonly string[]).includes(saved ?? '') ? (saved as RoomLocale) : this.configLocale;
  }

  setLocale(locale: RoomLocale | null): void {
    if (locale === null) this.saved.clear();
    else this.saved.set(locale);
  }
}
