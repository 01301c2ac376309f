import { parseReportDescriptor, type HidField, type ParsedDescriptor } from './hid-descriptor-parser.js';

/** Usage pages and usages (HID Usage Tables 1.4, §14 Telephony and §11 LED). */
export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;
export const USAGE = { hookSwitch: 0x20, phoneMute: 0x2f, ledMute: 0x09, ledOffHook: 0x17, ledRing: 0x18, ledMicrophone: 0x21 } as const;

export interface TelephonyLayout {
  descriptor: ParsedDescriptor;
  /** Phone Mute button (input); `relative` means a press toggles. */
  phoneMute: HidField | undefined;
  /** Hook Switch (input), when the device reports its own hook state. */
  hookSwitch: HidField | undefined;
  /** LED outputs the host must echo. */
  ledMute: HidField | undefined;
  ledOffHook: HidField | undefined;
  ledRing: HidField | undefined;
  /** Some devices light mute through Microphone (0x08:0x21) instead. */
  ledMicrophone: HidField | undefined;
}

const find = (d: ParsedDescriptor, type: HidField['type'], page: number, usage: number) =>
  d.fields.find((f) => f.type === type && !f.array && f.usagePage === page && f.usage === usage);

/** The telephony controls a speakerphone offers, read from its report descriptor. */
export function telephonyLayout(bytes: Uint8Array): TelephonyLayout {
  const d = parseReportDescriptor(bytes);
  return {
    descriptor: d,
    phoneMute: find(d, 'input', TELEPHONY_PAGE, USAGE.phoneMute),
    hookSwitch: find(d, 'input', TELEPHONY_PAGE, USAGE.hookSwitch),
    ledMute: find(d, 'output', LED_PAGE, USAGE.ledMute),
    ledOffHook: find(d, 'output', LED_PAGE, USAGE.ledOffHook),
    ledRing: find(d, 'output', LED_PAGE, USAGE.ledRing),
    ledMicrophone: find(d, 'output', LED_PAGE, USAGE.ledMicrophone),
  };
}
