import { hexBytes, ledFirmware, type HidRecording } from './hid-recording.js';

/**
 * Jabra SPEAK 510 (USB 0b0e:0422), the speakerphone interface.
 *
 * Descriptor bytes 0x000–0x145 are verbatim from the dump posted in
 * IntergatedCircuits/HidSharp issue #15 ("Report descriptor reconstruction fails", comment
 * "Jabra Speak 510", 2022-06-20). That public excerpt stops inside the telephony collection
 * (at "25 0c" of the keypad array); the tail after it is OURS, rebuilt from the layout that
 * badbat75/voice-bridge-for-agents docs/JABRA.md measured on a real SPEAK 510 (input report 3
 * byte 2: 4-bit keypad, Programmable Button, 3 pad bits; output report 3 byte 1: LEDs Off-Hook,
 * 0x1E, Mute, Ring, Hold, Microphone, 0x2A, then Ringer 0x0B:0x9E, then 8 pad bits) and the
 * same device's parallel vendor report 4 above it.
 *
 * Input and output reports are the ones JABRA.md recorded on hardware: nothing is sent until
 * the host writes Off-Hook (`03 01 00`); after that a mute press is `03 13 00` then
 * `03 03 00` (bit 4 of byte 1 = Phone Mute, marked Constant+Relative in the descriptor, so a
 * press is a toggle request), and `03 05 00` lights the mute LED.
 */
const DESCRIPTOR = hexBytes(`
  05 0c 09 01 a1 01 85 01 05 0c 15 00 25 01 09 ea
  09 e9 09 cd 09 b7 09 b5 09 b6 09 b3 09 b4 75 01
  95 08 81 02 c0 06 00 ff 09 01 a1 01 85 02 09 01
  15 00 26 ff 00 75 08 95 20 92 02 01 09 01 15 00
  26 ff 00 75 08 95 20 82 02 01 85 05 06 20 ff 15
  00 25 01 09 ea 09 e9 09 e2 75 01 95 03 81 07 75
  01 95 0d 81 01 15 00 25 01 0a fb ff 0a fa ff 75
  01 95 02 91 06 75 01 95 06 91 01 0a ff ff 75 01
  95 01 b1 22 75 01 95 07 b1 01 85 04 06 30 ff 15
  00 25 01 09 20 09 97 09 2b 09 2a 75 01 95 04 81
  23 09 2f 09 21 09 24 0a fd ff 09 50 75 01 95 05
  81 07 0a fc ff 75 01 95 01 81 23 09 06 a1 02 19
  b0 29 bb 15 00 25 0c 75 04 95 01 81 40 c0 75 01
  95 02 81 01 0a ff ff 15 00 25 01 75 01 95 01 b1
  22 75 01 95 07 b1 01 06 40 ff 15 00 25 01 09 17
  09 1e 09 09 09 18 09 20 09 21 09 2a 75 01 95 07
  91 22 06 30 ff 15 00 25 01 09 9e 75 01 95 01 91
  22 75 01 95 08 91 01 c0 05 0b 09 05 a1 01 85 03
  05 0b 15 00 25 01 09 20 09 97 09 2b 09 2a 75 01
  95 04 81 23 09 2f 09 21 09 24 09 50 75 01 95 04
  81 07 09 06 a1 02 19 b0 29 bb 15 00 25 0c        // end of the public excerpt (0x145)
  75 04 95 01 81 40 c0                              // ours from here: keypad array ends
  15 00 25 01 09 07 75 01 95 01 81 23               // Programmable Button, byte 2 bit 4
  75 01 95 03 81 01                                 // 3 pad bits
  05 08 09 17 09 1e 09 09 09 18 09 20 09 21 09 2a   // LEDs: Off-Hook, 0x1E, Mute, Ring, Hold, Mic, 0x2A
  75 01 95 07 91 22
  05 0b 09 9e 75 01 95 01 91 22                     // Ringer
  75 01 95 08 91 01                                 // 8 pad bits
  c0
`);

export const jabraSpeak510: HidRecording = {
  name: 'Jabra SPEAK 510',
  vendorId: 0x0b0e,
  productId: 0x0422,
  serialNumber: '50C2ED1A2B3C',
  manufacturer: 'Jabra',
  product: 'Jabra SPEAK 510 USB',
  usagePage: 0x0c,
  usage: 0x01,
  descriptor: DESCRIPTOR,
  source: 'HidSharp#15 (descriptor to 0x145) + voice-bridge-for-agents docs/JABRA.md (reports, layout of the rest)',
  firmware: ledFirmware((leds) => ({
    onOutput(report) {
      if (report[0] === 0x03 && report.length >= 2) {
        leds.offHook = (report[1]! & 0x01) !== 0;
        leds.mute = (report[1]! & 0x04) !== 0;
      }
      return [];
    },
    press(button) {
      // Telephony buttons are silent until the host has gone off-hook (JABRA.md, "Engage").
      if (!leds.offHook || button !== 'mute') return [];
      return [Uint8Array.of(0x03, 0x13, 0x00), Uint8Array.of(0x03, 0x03, 0x00)];
    },
  })),
};
