import type { DriverProbe, DriverProvisioning } from '../core/device-discovery.js';
import { proposeHidEntry } from '../hid/hid-proposal.js';
import { telephonyLayout } from '../hid/telephony-layout.js';

/** USB HID usage page of telephony devices (hook switch, mute): speakerphones and headsets. */
const TELEPHONY_PAGE = 0x0b;

/**
 * A speakerphone lists the telephony page, or has telephony controls under another top-level
 * collection (Jabra lists Consumer, 0x0C): then its report descriptor decides, a Phone Mute or
 * Hook Switch input being enough.
 */
const speakerphoneProbe: DriverProbe = {
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

/** How provisioning tells a speakerphone among the USB HID devices, and its entry (its USB identity). */
export const speakerphoneProvisioning: DriverProvisioning = { probe: speakerphoneProbe, proposeConfig: proposeHidEntry };
