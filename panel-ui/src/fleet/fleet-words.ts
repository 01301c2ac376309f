/**
 * The fleet dashboard's two languages and its times. English texts are the keys (a missing
 * translation shows the English); the operator's choice is kept in this browser. Times show
 * as "3 min ago" with the exact time on hover, and move on by themselves every half minute.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { html } from 'lit';
import type { FleetNames } from '../../../fleet/fleet-api-types.js';
import { FLEET_ZH_CN } from './fleet-zh-cn.js';

export type FleetLocale = 'en' | 'zh-CN';
const STORAGE_KEY = 'roomctl.fleet.locale';
const TICK_MS = 30_000;

type Listener = () => void;
const listeners = new Set<Listener>();
let ticker: ReturnType<typeof setInterval> | undefined;

function initialLocale(): FleetLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage off: the browser's language decides.
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let locale: FleetLocale = initialLocale();

export function fleetLocale(): FleetLocale {
  return locale;
}

export function setFleetLocale(next: FleetLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Kept for this page only.
  }
  if (next === locale) return;
  locale = next;
  // Outside a page (the words' unit tests) there is no document to tell.
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const l of listeners) l();
}

/** A text in the operator's language; `{name}` placeholders filled from `vars`. */
export function ft(text: string, vars?: Record<string, string | number>): string {
  const template = locale === 'zh-CN' ? (FLEET_ZH_CN[text] ?? text) : text;
  return vars ? template.replace(/\{(\w+)\}/g, (m: string, k: string) => (k in vars ? String(vars[k]) : m)) : template;
}

/**
 * `ft` for a sentence with marked-up parts (a name in bold): the words in the language's order
 * and punctuation, each `{part}` its value as given, for Lit to render.
 */
export function ftParts(text: string, parts: Record<string, unknown>): unknown[] {
  const template = locale === 'zh-CN' ? (FLEET_ZH_CN[text] ?? text) : text;
  return template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 && piece in parts ? parts[piece] : i % 2 ? `{${piece}}` : piece));
}

/**
 * Devices a room adds by itself, which its config does not name (the media signal,
 * appliance/media/media-signal-devices.ts): worded here, as a room of any release sends no names for them.
 */
export const BUILT_IN_DEVICE_WORDS: Record<string, string> = { 'media-video': 'Video signal', 'media-audio': 'Microphone signal' };

/** A device's name in the operator's language: the room's for it, else the dashboard's for a device the room adds by itself, else its id. */
export function nameIn(names: FleetNames | null | undefined, deviceId: string): string {
  if (names) return names[locale] || names.en || deviceId;
  const builtIn = BUILT_IN_DEVICE_WORDS[deviceId];
  return builtIn ? ft(builtIn) : deviceId;
}

/** "3 min ago" / "3 分钟前"; "in 2 h" for the future. */
function relativeTime(value: string | number, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

export function exactTime(value: string | number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

/** A time as people read it, the exact one on hover. */
export function when(value: string | number | null | undefined) {
  if (value === null || value === undefined) return '—';
  const iso = new Date(value).toISOString();
  return html`<time datetime=${iso} title=${exactTime(value)}>${relativeTime(value)}</time>`;
}

/** "12 min", "3 h 05 min", "2 d 4 h": how long a fault lasted. */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return ft('{n} s', { n: Math.max(0, Math.round(ms / 1000)) });
  if (minutes < 60) return ft('{n} min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return ft('{h} h {m} min', { h: hours, m: String(minutes % 60).padStart(2, '0') });
  return ft('{d} d {h} h', { d: Math.floor(hours / 24), h: hours % 24 });
}

const STATUS_KEYS: Record<string, string> = { ok: 'OK', degraded: 'Degraded', offline: 'Offline', 'auth-failed': 'Wrong password', unknown: 'Unknown' };

export function statusWord(status: string): string {
  return ft(STATUS_KEYS[status] ?? status);
}

/** How a device is down, within a sentence ("still {status}"): offline, or refusing the password. */
export function downWord(status: string): string {
  return status === 'auth-failed' ? ft('refusing the password') : ft('offline');
}

/** Re-renders its host when the language changes, and every half minute (relative times move on). */
export class FleetWordsController implements ReactiveController {
  private readonly listener: Listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    listeners.add(this.listener);
    ticker ??= setInterval(() => {
      for (const l of listeners) l();
    }, TICK_MS);
  }

  hostDisconnected(): void {
    listeners.delete(this.listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  }
}
