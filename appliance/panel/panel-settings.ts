import type { Db } from '../store/database.js';
import { storedSetting, type StoredSetting } from '../store/stored-setting.js';

export const PANEL_LOCALES = ['en', 'zh-CN'] as const;
export type PanelLocale = (typeof PANEL_LOCALES)[number];

const LOCALE_KEY = 'panel.locale';

/**
 * Room settings the admin view may change at run time (kept in the settings table). The
 * config's value is the default; a setting made on the panel wins until it is cleared.
 * One instance per room (modules.ts): the panels and the room's messages (minutes, reminders,
 * nudges) read its `locale` each time they speak, so a change reaches both at once.
 */
export class PanelSettings {
  private readonly saved: StoredSetting;

  constructor(
    db: Db,
    private readonly configLocale: PanelLocale,
  ) {
    this.saved = storedSetting(db, LOCALE_KEY);
  }

  get locale(): PanelLocale {
    const saved = this.saved.get();
    return (PANEL_LOCALES as readonly string[]).includes(saved ?? '') ? (saved as PanelLocale) : this.configLocale;
  }

  setLocale(locale: PanelLocale | null): void {
    if (locale === null) this.saved.clear();
    else this.saved.set(locale);
  }
}
