/**
 * The panel's two languages. English strings are the keys (readable call sites, and a
 * missing translation falls back to English rather than to a key); `zh-CN.ts` maps them.
 * Dates and times always use the room's time zone, never the browser's.
 */
import { ZH_CN } from './zh-cn.js';

type Locale = 'en' | 'zh-CN';
const STORAGE_KEY = 'roomctl.locale';

type Vars = Record<string, string | number>;
type Listener = () => void;

class I18n {
  locale: Locale = 'en';
  timeZone: string | undefined;
  private readonly listeners = new Set<Listener>();
  private formats = new Map<string, Intl.DateTimeFormat>();

  constructor() {
    try {
      const saved = localStorage.getItem(STORAGE_KEY);
      if (saved === 'en' || saved === 'zh-CN') this.locale = saved;
    } catch {
      // Storage off: the room's language arrives with the panel info.
    }
  }

  /** `fromPerson`: chosen on the panel (kept on this panel); else the room's default. */
  setLocale(locale: Locale, fromPerson = false): void {
    if (fromPerson) {
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // Not kept across reloads; fine.
      }
    }
    if (locale === this.locale) return;
    this.locale = locale;
    this.formats = new Map();
    document.documentElement.lang = locale;
    this.notify();
  }

  /** True when a person chose a language on this panel (the room default then does not override it). */
  get chosenHere(): boolean {
    try {
      return localStorage.getItem(STORAGE_KEY) !== null;
    } catch {
      return false;
    }
  }

  setTimeZone(zone: string): void {
    if (!zone || zone === this.timeZone) return;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      return; // Unknown zone: keep the browser's rather than throw on every render.
    }
    this.timeZone = zone;
    this.formats = new Map();
    this.notify();
  }

  t(text: string, vars?: Vars): string {
    const template = this.locale === 'zh-CN' ? (ZH_CN[text] ?? text) : text;
    return vars ? template.replace(/\{(\w+)\}/g, (m: string, k: string) => (k in vars ? String(vars[k]) : m)) : template;
  }

  time(value: string | Date): string {
    return this.format('time', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(new Date(value));
  }

  date(value: string | Date): string {
    return this.format('date', { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(value));
  }

  shortDate(value: string | Date): string {
    return this.format('short', { month: 'short', day: 'numeric' }).format(new Date(value));
  }

  /** "12 min", "1 h 05 min", "45 s" — how long, as a person reads a countdown. */
  duration(seconds: number): string {
    const s = Math.max(0, Math.round(Math.abs(seconds)));
    if (s < 60) return this.t('{n} s', { n: s });
    const minutes = Math.floor(s / 60);
    if (minutes < 60) return this.t('{n} min', { n: minutes });
    return this.t('{h} h {m} min', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
  }

  /** "mm:ss" for a running timer. */
  clock(seconds: number): string {
    const s = Math.max(0, Math.floor(Math.abs(seconds)));
    const h = Math.floor(s / 3600);
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private format(kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    let f = this.formats.get(kind);
    if (!f) {
      f = new Intl.DateTimeFormat(this.locale, { ...options, ...(this.timeZone ? { timeZone: this.timeZone } : {}) });
      this.formats.set(kind, f);
    }
    return f;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

/** The one instance: the panel shows one language at a time. */
export const i18n = new I18n();
export const t = (text: string, vars?: Vars): string => i18n.t(text, vars);
