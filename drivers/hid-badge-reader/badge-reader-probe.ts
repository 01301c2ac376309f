import type { DriverProbe, DriverProvisioning } from '../core/device-discovery.js';
import { proposeHidEntry } from '../hid/hid-proposal.js';

/**
 * Badge readers present themselves as keyboards (they type the card number); their names or
 * the USB ids of common reader makers tell them apart: RFIDeas pcProx (0c27), the V-USB
 * keyboard id cheap 125 kHz readers ship with (16c0:27db), HID Global OMNIKEY (076b).
 */
const BADGE_READER_NAME = /badge|card ?reader|rfid|nfc|proximity|hid ?prox/i;
const BADGE_READER_IDS = [/^0c27:/, /^16c0:27db$/, /^076b:/];

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

const badgeReaderProbe: DriverProbe = {
  protocol: 'USB HID keyboard wedge',
  async hid(device) {
    const name = `${device.manufacturer ?? ''} ${device.product ?? ''}`;
    const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
    return BADGE_READER_NAME.test(name) || BADGE_READER_IDS.some((re) => re.test(ids));
  },
};

/** How provisioning tells a badge reader among the USB HID devices, and its entry (its USB identity). */
export const badgeReaderProvisioning: DriverProvisioning = { probe: badgeReaderProbe, proposeConfig: proposeHidEntry };
