import type { Device as HidDevice } from 'node-hid';
import { readHidrawDescriptor } from '../../drivers/hid/hid-backend.js';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { telephonyLayout } from '../../drivers/hid/telephony-layout.js';
import { DRIVERS } from '../../drivers/registry.js';

/** node-hid's device record (the one fake the house allows: there is no USB on a build machine). */
export type HidDeviceInfo = Pick<HidDevice, 'vendorId' | 'productId' | 'path' | 'serialNumber' | 'manufacturer' | 'product' | 'usagePage' | 'usage' | 'interface'>;

export type HidLister = () => Promise<HidDeviceInfo[]>;
/** The report descriptor of a hidraw node (from sysfs on Linux). */
export type HidDescriptorReader = (path: string) => Promise<Uint8Array>;

export interface HidCandidate {
  /** hidraw node (/dev/hidraw3) as node-hid reports it. */
  path: string;
  vendorId: string;
  productId: string;
  serialNumber?: string;
  product: string;
  /** What the room would use it as; undefined for keyboards, mice and the like. */
  role: 'speakerphone' | 'badge-reader';
  /** The HID driver of that kind in the build. */
  driver: string;
}

/** USB HID usage page of telephony devices (hook switch, mute): speakerphones and headsets. */
const TELEPHONY_PAGE = 0x0b;
/**
 * Badge readers present themselves as keyboards (they type the card number); their names or
 * the USB ids of common reader makers tell them apart: RFIDeas pcProx (0c27), the V-USB
 * keyboard id cheap 125 kHz readers ship with (16c0:27db), HID Global OMNIKEY (076b).
 */
const BADGE_READER_NAME = /badge|card ?reader|rfid|nfc|proximity|hid ?prox/i;
const BADGE_READER_IDS = [/^0c27:/, /^16c0:27db$/, /^076b:/];

export const systemHidDevices: HidLister = async () => {
  const hid = await import('node-hid');
  return hid.devicesAsync();
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * A speakerphone's telephony controls may sit under a Consumer top-level collection (Jabra
 * lists 0x0C), so the report descriptor decides: a Phone Mute or Hook Switch input is enough.
 */
async function hasTelephony(path: string, readDescriptor: HidDescriptorReader): Promise<boolean> {
  try {
    const layout = telephonyLayout(await readDescriptor(path));
    return layout.phoneMute !== undefined || layout.hookSwitch !== undefined;
  } catch {
    return false;
  }
}

/** The HID devices a room uses; everything else on the bus (keyboards, mice) gets no grant. */
export async function discoverHidDevices(
  lister: HidLister = systemHidDevices,
  readDescriptor: HidDescriptorReader = (p) => readHidrawDescriptor(p),
  drivers: readonly AnyDriverDefinition[] = DRIVERS,
): Promise<HidCandidate[]> {
  const devices = await lister().catch(() => [] as HidDeviceInfo[]);
  const byPath = new Map<string, HidCandidate>();
  for (const device of devices) {
    if (!device.path || byPath.has(device.path)) continue;
    const name = `${device.manufacturer ?? ''} ${device.product ?? ''}`.trim();
    const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
    const reader = BADGE_READER_NAME.test(name) || BADGE_READER_IDS.some((re) => re.test(ids));
    const telephony = device.usagePage === TELEPHONY_PAGE || (!reader && (await hasTelephony(device.path, readDescriptor)));
    const role = telephony ? 'speakerphone' : reader ? 'badge-reader' : undefined;
    const driver = role && drivers.find((d) => d.transport === 'hid' && d.kind === role);
    if (!role || !driver) continue;
    const candidate: HidCandidate = {
      path: device.path,
      vendorId: hex4(device.vendorId),
      productId: hex4(device.productId),
      product: name || `${hex4(device.vendorId)}:${hex4(device.productId)}`,
      role,
      driver: driver.id,
    };
    if (device.serialNumber) candidate.serialNumber = device.serialNumber;
    byPath.set(device.path, candidate);
  }
  return [...byPath.values()];
}
