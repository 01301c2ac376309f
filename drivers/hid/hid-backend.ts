import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RoomctlError } from '../core/errors.js';

/** A HID device as node-hid's `devices()` lists it. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  release: number;
  interface: number;
  usagePage?: number;
  usage?: number;
}

/** The part of node-hid's `HID` object the drivers use; the fake in tests has the same shape. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  write(values: number[] | Buffer): number;
  sendFeatureReport(data: number[] | Buffer): number;
  getDeviceInfo(): HidDeviceInfo;
  close(): void;
}

/**
 * Where HID devices come from. The default is node-hid (hidraw on Linux); tests hand in a bus
 * of fake devices. The report descriptor is read from sysfs, which is where hidraw publishes
 * it (node-hid 3.4 has no call for it).
 */
export interface HidBackend {
  enumerate(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
  readReportDescriptor(path: string): Promise<Buffer>;
}

export const DEFAULT_SYSFS_HIDRAW = '/sys/class/hidraw';

/** `/dev/hidraw3` → `<sysfsRoot>/hidraw3/device/report_descriptor`. */
export async function readHidrawDescriptor(path: string, sysfsRoot = DEFAULT_SYSFS_HIDRAW): Promise<Buffer> {
  const file = join(sysfsRoot, basename(path), 'device', 'report_descriptor');
  return readFile(file).catch((err: unknown) => {
    throw new RoomctlError(
      'ROOMCTL_E_DEVICE_OFFLINE',
      `cannot read the HID report descriptor of ${path} (${file}): ${err instanceof Error ? err.message : String(err)}`,
    );
  });
}

export function nodeHidBackend(options: { sysfsRoot?: string } = {}): HidBackend {
  // Loaded on first use: the native module is only needed on a machine that has HID devices.
  const load = () => import('node-hid');
  return {
    async enumerate() {
      const hid = await load();
      return (await hid.devicesAsync()) as HidDeviceInfo[];
    },
    async open(path) {
      const hid = await load();
      try {
        return new hid.HID(path) as unknown as HidHandle;
      } catch (err) {
        throw new RoomctlError(
          'ROOMCTL_E_CONNECT_FAILED',
          `cannot open ${path}: ${err instanceof Error ? err.message : String(err)} (udev rule for hidraw access?)`,
        );
      }
    },
    readReportDescriptor: (path) => readHidrawDescriptor(path, options.sysfsRoot),
  };
}

export interface HidMatch {
  vendorId: number;
  productId: number;
  /** Pins one device when a room has two of the same model. */
  serialNumber?: string;
  /** Prefer the interface with this top-level usage page (0x0B telephony, 0x01 keyboards). */
  usagePage?: number;
}

/** The device to open: same vendor, product and (when given) serial; the wanted usage page first. */
export function findHidDevice(devices: readonly HidDeviceInfo[], match: HidMatch): HidDeviceInfo | undefined {
  const candidates = devices.filter(
    (d) =>
      d.path && d.vendorId === match.vendorId && d.productId === match.productId && (match.serialNumber === undefined || d.serialNumber === match.serialNumber),
  );
  return candidates.find((d) => match.usagePage !== undefined && d.usagePage === match.usagePage) ?? candidates[0];
}

export function describeMatch(match: HidMatch): string {
  const id = `${hex4(match.vendorId)}:${hex4(match.productId)}`;
  return match.serialNumber ? `${id} serial ${match.serialNumber}` : id;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
