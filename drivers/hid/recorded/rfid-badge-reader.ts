import { hexBytes, ledFirmware, type HidRecording } from './hid-recording.js';

/**
 * A 125 kHz RFID badge reader in keyboard-wedge mode, USB 16c0:27db, which types the card
 * number and Enter, e.g. `0013110988` (rusty-octopus/rfid_media_player usb_reader_test/Readme.md).
 * Its descriptor is the boot keyboard descriptor of HID 1.11 Appendix B.1 (every boot-protocol
 * keyboard carries this form); the keystroke reports are composed in the boot report format
 * (modifier, reserved, six key codes; HUT §10 key codes), a press then a release per digit.
 */
const DESCRIPTOR = hexBytes(`
  05 01 09 06 a1 01 05 07 19 e0 29 e7 15 00 25 01 75 01 95 08 81 02
  95 01 75 08 81 01
  95 05 75 01 05 08 19 01 29 05 91 02 95 01 75 03 91 01
  95 06 75 08 15 00 25 65 05 07 19 00 29 65 81 00
  c0
`);

/** HUT §10: '1'..'9' are 0x1E..0x26, '0' is 0x27, Enter 0x28. */
const KEY: Record<string, number> = { '0': 0x27, '\n': 0x28 };
for (let d = 1; d <= 9; d++) KEY[String(d)] = 0x1d + d;

/** The reports a keyboard wedge sends to type `text` (digits and Enter). */
export function typedReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const ch of text) {
    const code = KEY[ch];
    if (code === undefined) throw new RangeError(`the reader only types digits and Enter, not ${JSON.stringify(ch)}`);
    reports.push(Uint8Array.of(0, 0, code, 0, 0, 0, 0, 0), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0));
  }
  return reports;
}

export const rfidBadgeReader: HidRecording = {
  name: 'RFID badge reader (keyboard wedge)',
  vendorId: 0x16c0,
  productId: 0x27db,
  serialNumber: '',
  manufacturer: 'HXGCoLtd',
  product: 'Keyboard',
  usagePage: 0x01,
  usage: 0x06,
  descriptor: DESCRIPTOR,
  source: 'HID 1.11 Appendix B.1 descriptor; card number format from rusty-octopus/rfid_media_player; reports composed',
  firmware: ledFirmware(() => ({ onOutput: () => [], press: () => [] })),
};
