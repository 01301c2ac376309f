import type { Db } from '../store/database.js';

export const PANEL_LOCALES = ['en', 'zh-CN'] as const;
export type PanelLocale = (typeof PANEL_LOCALES)[number];

const LOCALE_KEY = 'panel.locale';

/**
 * Room settings the admin view may change at run time (kept in the settings table). The
 * config's value is the default; a setting made on the panel wins until it is cleared.
 */
export class PanelSettings {
  constructor(
    private readonly db: Db,
    private readonly configLocale: PanelLocale,
  ) {}

  get locale(): PanelLocale {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(LOCALE_KEY) as { value: string } | undefined;
    return (PANEL_LOCALES as readonly string[]).includes(row?.value ?? '') ? (row!.value as PanelLocale) : this.configLocale;
  }

  setLocale(locale: PanelLocale | null): void {
    if (locale === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(LOCALE_KEY);
    else
      this.db
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        )
        .run(LOCALE_KEY, locale, new Date().toISOString());
  }
}
