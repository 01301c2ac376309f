import { hexBytes, ledFirmware, type HidRecording } from './hid-recording.js';

/**
 * Plantronics Blackwire 3220 (USB 047f:c056), the telephony collection (interface 3, usage
 * page 0x0B), as hidapi's Windows report-descriptor reconstructor printed it for the real
 * headset in libusb/hidapi pull request #262 (turn by mcuee; also #306, which gives the serial
 * number). That listing stops after the Ring LED; the End Collection is ours.
 *
 * Unlike the Jabra, each LED is its own one-bit output report (Mute = report 9, Off-Hook =
 * 0x17, Ring = 0x18), and Phone Mute (relative) and Hook Switch (absolute) share input report
 * 8. The input reports below are NOT recorded: we compose them from this descriptor, with the
 * 1-then-0 press pattern headsets of this family send (WICG/webhid issue #72).
 */
const DESCRIPTOR = hexBytes(`
  05 0b 09 05 a1 01
  85 08 09 2f 15 00 25 01 75 01 95 01 81 06   // Phone Mute, relative
  09 20 09 21 15 00 25 01 75 01 95 02 81 22   // Hook Switch, Flash, absolute
  85 09 05 08 09 09 15 00 25 01 75 01 95 01 91 22
  85 17 09 17 15 00 25 01 75 01 95 01 91 22
  85 18 09 18 15 00 25 01 75 01 95 01 91 22
  c0                                          // ours
`);

export const plantronicsBlackwire3220: HidRecording = {
  name: 'Plantronics Blackwire 3220',
  vendorId: 0x047f,
  productId: 0xc056,
  serialNumber: 'D1CEC32927974D5F9BD6B2AEBF2EA8E3',
  manufacturer: 'Plantronics',
  product: 'Plantronics Blackwire 3220 Series',
  usagePage: 0x0b,
  usage: 0x05,
  descriptor: DESCRIPTOR,
  source: 'libusb/hidapi#262 and #306 (Windows reconstruction of the real descriptor); input reports composed',
  firmware: ledFirmware((leds) => ({
    onOutput(report) {
      if (report[0] === 0x17) leds.offHook = (report[1]! & 1) === 1;
      if (report[0] === 0x09) leds.mute = (report[1]! & 1) === 1;
      // The hook switch is absolute: the headset says where it is now.
      return report[0] === 0x17 ? [Uint8Array.of(0x08, leds.offHook ? 0x02 : 0x00)] : [];
    },
    press(button) {
      if (!leds.offHook) return [];
      if (button === 'hook') {
        leds.offHook = false;
        return [Uint8Array.of(0x08, 0x00)];
      }
      return [Uint8Array.of(0x08, 0x03), Uint8Array.of(0x08, 0x02)];
    },
  })),
};
