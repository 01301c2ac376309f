import { hexBytes, ledFirmware, type HidRecording } from './hid-recording.js';

/**
 * A speakerphone whose Phone Mute is ABSOLUTE (the value is the mute state), like the Google
 * Hangouts Meet speakermic that systemd's hwdb singles out for exactly this (systemd/systemd
 * pull request #23372). We found no public dump of such a descriptor, so this one is OURS,
 * written to the HID Usage Tables 1.4 (§14 Telephony: Hook Switch 0x20 and Phone Mute 0x2F as
 * On/Off Controls; §11 LED: Off-Hook 0x17, Mute 0x09). Vendor/product are placeholders
 * (0x1209 is pid.codes' open-source vendor id; 0x0001 is its test product).
 */
const DESCRIPTOR = hexBytes(`
  05 0b 09 05 a1 01 85 01 15 00 25 01
  09 20 09 2f 75 01 95 02 81 02   // Hook Switch, Phone Mute: Data, Var, Abs
  95 06 81 03                     // pad
  85 02 05 08 09 17 09 09 75 01 95 02 91 02   // LEDs Off-Hook, Mute
  95 06 91 03
  c0
`);

export const specAbsoluteMuteSpeakerphone: HidRecording = {
  name: 'Speakerphone with absolute mute (built to the HID Usage Tables)',
  vendorId: 0x1209,
  productId: 0x0001,
  serialNumber: 'SPEC-0001',
  manufacturer: 'roomctl',
  product: 'Absolute-mute speakerphone',
  usagePage: 0x0b,
  usage: 0x05,
  descriptor: DESCRIPTOR,
  source: 'built by us to HUT 1.4 §11/§14 (no public recording found)',
  firmware: ledFirmware((leds) => {
    const state = () => Uint8Array.of(0x01, (leds.offHook ? 1 : 0) | (leds.mute ? 2 : 0));
    return {
      onOutput(report) {
        if (report[0] !== 0x02) return [];
        leds.offHook = (report[1]! & 1) === 1;
        leds.mute = (report[1]! & 2) === 2;
        return [];
      },
      press(button) {
        if (!leds.offHook) return [];
        if (button === 'mute') leds.mute = !leds.mute;
        else leds.offHook = false;
        return [state()];
      },
    };
  }),
};
