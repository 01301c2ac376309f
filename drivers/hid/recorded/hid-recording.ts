/** What a recorded HID device is: its identity, its report descriptor, and how its firmware answers. */
export interface HidRecording {
  name: string;
  vendorId: number;
  productId: number;
  serialNumber: string;
  manufacturer: string;
  product: string;
  /** Top-level usage page of the interface node-hid lists (0x0B telephony, 0x01 keyboard...). */
  usagePage: number;
  usage: number;
  descriptor: Uint8Array;
  /** Where the bytes come from, and which of them are ours. */
  source: string;
  firmware(): HidFirmware;
}

/**
 * The device side, at the byte level of the recordings: what it sends when a button is
 * pressed, and what it does with the host's output reports. Written from the recordings'
 * documentation, not from our parser, so the driver's reading of the descriptor is tested.
 */
export interface HidFirmware {
  /** The host wrote an output report (report ID first); input reports the device sends back. */
  onOutput(report: Uint8Array): Uint8Array[];
  /** A person pressed a button; the input reports that follow. */
  press(button: 'mute' | 'hook'): Uint8Array[];
  /** LED state as the device shows it, for assertions. */
  readonly leds: { offHook: boolean; mute: boolean };
}

/**
 * A firmware whose state is its LEDs, both off each time the device is plugged in:
 * `behaviour` says what it does with output reports and button presses, reading and setting
 * those LEDs.
 */
export function ledFirmware(behaviour: (leds: { offHook: boolean; mute: boolean }) => Omit<HidFirmware, 'leds'>): () => HidFirmware {
  return () => {
    const leds = { offHook: false, mute: false };
    return { leds, ...behaviour(leds) };
  };
}

/** `'05 0c 09 01'` → bytes; comments after `//` and line breaks are allowed. */
export function hexBytes(text: string): Uint8Array {
  const clean = text.replace(/\/\/[^\n]*/g, '').trim();
  return Uint8Array.from(
    clean
      .split(/\s+/)
      .filter(Boolean)
      .map((h) => parseInt(h, 16)),
  );
}
