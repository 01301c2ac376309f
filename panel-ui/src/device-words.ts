import type { DeviceKind, DeviceStatus, DeviceView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

export function statusLabel(status: DeviceStatus): string {
  // Keyed by string: a status added to the vocabulary later shows as itself, not a build error.
  const words: Record<string, string> = { ok: t('OK'), degraded: t('Degraded'), offline: t('Offline'), connecting: t('Connecting'), bad_config: t('Config error'), 'auth-failed': t('Login refused') };
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

const INPUT_WORDS: Record<string, string> = { hdmi: 'HDMI', dp: 'DisplayPort', displayport: 'DisplayPort', usbc: 'USB-C', usb: 'USB', vga: 'VGA', dvi: 'DVI', sdi: 'SDI', pc: 'PC', av: 'AV' };

/** "hdmi1" → "HDMI 1"; bare codes (PJLink "31") → "Input 31". */
export function inputLabel(input: string): string {
  if (/^\d+$/.test(input)) return t('Input {n}', { n: input });
  const match = /^([a-z-]+?)[-_ ]?(\d*)$/i.exec(input);
  if (match) {
    const word = INPUT_WORDS[match[1]!.toLowerCase().replace('-', '')];
    if (word) return match[2] ? `${word} ${match[2]}` : word;
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
