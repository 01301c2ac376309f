import type { DriverProbe } from '../core/device-discovery.js';
import { telephonyLayout } from '../hid/telephony-layout.js';

/** USB HID usage page of telephony devices (hook switch, mute): speakerphones and headsets. */
const TELEPHONY_PAGE = 0x0b;

/**
 * A speakerphone lists the telephony page, or has telephony controls under another top-level
 * collection (Jabra lists Consumer, 0x0C): then its report descriptor decides, a Phone Mute or
 * Hook Switch input being enough.
 */
export const speakerphoneProbe: DriverProbe = {
  protocol: 'USB HID telephony',
  async hid(device, readDescriptor) {
    if (device.usagePage === TELEPHONY_PAGE) return true;
    try {
      const layout = telephonyLayout(await readDescriptor());
      return layout.phoneMute !== undefined || layout.hookSwitch !== undefined;
    } catch {
      return false;
    }
  },
};
