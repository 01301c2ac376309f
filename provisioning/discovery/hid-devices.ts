import type { Device as HidDevice } from 'node-hid';
import { PROVISIONING_DRIVERS, type ProvisioningDriver } from '../provisioning-drivers.js';
import { readHidrawDescriptor } from '../../drivers/hid/hid-backend.js';

/** node-hid's device record (the one fake the house allows: there is no USB on a build machine). */
type HidDeviceInfo = Pick<HidDevice, 'vendorId' | 'productId' | 'path' | 'serialNumber' | 'manufacturer' | 'product' | 'usagePage' | 'usage' | 'interface'>;

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
  /** What the room would use it as: the kind of the driver that recognised it. */
  role: 'speakerphone' | 'badge-reader';
  /** The HID driver of that kind in the build. */
  driver: string;
}

export const systemHidDevices: HidLister = async () => {
  const hid = await import('node-hid');
  return hid.devicesAsync();
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The HID devices a room uses; everything else on the bus (keyboards, mice) gets no grant. */
export async function discoverHidDevices(
  lister: HidLister = systemHidDevices,
  readDescriptor: HidDescriptorReader = (p) => readHidrawDescriptor(p),
  drivers: readonly ProvisioningDriver[] = PROVISIONING_DRIVERS,
): Promise<HidCandidate[]> {
  const devices = await lister().catch(() => [] as HidDeviceInfo[]);
  const byPath = new Map<string, HidCandidate>();
  for (const device of devices) {
    if (!device.path || byPath.has(device.path)) continue;
    const name = `${device.manufacturer ?? ''} ${device.product ?? ''}`.trim();
    const path = device.path;
    const summary = { ...device, path };
    // The first driver (in registry order) that recognises the device takes it.
    let driver: ProvisioningDriver | undefined;
    for (const d of drivers) {
      if (d.probe?.hid && (await d.probe.hid(summary, () => readDescriptor(path)))) {
        driver = d;
        break;
      }
    }
    if (!driver) continue;
    const role = driver.kind as HidCandidate['role'];
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
