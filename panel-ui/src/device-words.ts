import type { DeviceKind, DeviceStatus, DeviceView } from '../../appliance/api/api-types.js';
import { i18n, t } from './i18n.js';

export function statusLabel(status: DeviceStatus): string {
  // Keyed by string: a status added to the vocabulary later shows as itself, not a build error.
  const words: Record<string, string> = {
    ok: t('OK'),
    degraded: t('Degraded'),
    offline: t('Offline'),
    connecting: t('Connecting'),
    bad_config: t('Config error'),
    'auth-failed': t('Login refused'),
  };
  return words[status] ?? status;
}

export function kindLabel(kind: DeviceKind): string {
  const words: Record<DeviceKind, string> = {
    camera: t('Camera'),
    display: t('Display'),
    dsp: t('Audio processor'),
    microphone: t('Microphone'),
    speakerphone: t('Speakerphone'),
    'badge-reader': t('Badge reader'),
  };
  return words[kind] ?? kind;
}

export const INPUT_WORDS: Record<string, string> = {
  hdmi: 'HDMI',
  dp: 'DisplayPort',
  displayport: 'DisplayPort',
  usbc: 'USB-C',
  usb: 'USB',
  vga: 'VGA',
  dvi: 'DVI',
  sdi: 'SDI',
  pc: 'PC',
  av: 'AV',
  rgb: 'RGB',
  component: 'Component',
};

/** PJLink input codes: the first character is the kind of input, the second its number (1–9, then A–Z for 10–35). */
export const PJLINK_KINDS: Record<string, string> = { '1': 'Computer', '2': 'Video', '3': 'Digital', '4': 'Storage', '5': 'Network', '6': 'Internal' };

/** The devices with their names in the panel's language (the config may name them per language). */
let named: { from: DeviceView[]; locale: string; to: DeviceView[] } | null = null;
export function inPanelLanguage(devices: DeviceView[]): DeviceView[] {
  if (named?.from === devices && named.locale === i18n.locale) return named.to;
  const to = devices.map((d) => (d.names ? { ...d, name: d.names[i18n.locale] || d.name } : d));
  named = { from: devices, locale: i18n.locale, to };
  return to;
}

/**
 * What a person calls an input: the config's name for it on this display (in the panel's
 * language), else words for its code — "hdmi1" → "HDMI 1", PJLink "31" → "Digital 1" — never
 * the bare code.
 */
export function inputLabel(input: string, device?: DeviceView): string {
  const labels = device?.capabilities.find((c) => c.name === 'input')?.traits?.labels as Record<string, { en: string; 'zh-CN': string }> | undefined;
  const label = labels?.[input];
  if (label) return label[i18n.locale] || label.en;
  const pjlink = /^([1-6])([1-9A-Z])$/.exec(input);
  if (pjlink && (device === undefined || device.driver === 'pjlink')) {
    const n = /\d/.test(pjlink[2]!) ? Number(pjlink[2]) : pjlink[2]!.charCodeAt(0) - 55;
    return t(`${PJLINK_KINDS[pjlink[1]!]!} {n}`, { n });
  }
  if (/^\d+$/.test(input)) return t('Input {n}', { n: input });
  const match = /^([a-z-]+?)[-_ ]?(\d*)$/i.exec(input);
  if (match) {
    const word = INPUT_WORDS[match[1]!.toLowerCase().replace('-', '')];
    if (word) return match[2] ? `${t(word)} ${match[2]}` : t(word);
  }
  return input.charAt(0).toUpperCase() + input.slice(1);
}

export function inputsOf(device: DeviceView): string[] {
  const value = device.capabilities.find((c) => c.name === 'input')?.traits?.inputs;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Drivers publish power as booleans or words; a display warming up counts as on. */
export function isOn(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'on' || value === 'warming') return true;
  if (value === 'off' || value === 'standby' || value === 'cooling') return false;
  return undefined;
}

export function hasAction(device: DeviceView, action: string): boolean {
  return device.actions.some((a) => a.name === action);
}
