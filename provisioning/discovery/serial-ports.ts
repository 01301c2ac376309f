import { readdir, readlink, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SerialPort } from 'serialport';

/** What the OS says about a serial port (SerialPort.list()'s shape, which udev fills in on Linux). */
export interface ListedSerialPort {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type SerialPortLister = () => Promise<ListedSerialPort[]>;

/** USB identity of an adapter: what the udev rule matches on, so the grant follows the adapter, not the socket it sits in. */
interface UsbIdentity {
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** udev's ID_SERIAL, read back from a by-id link name when the lister knows nothing. */
  idSerial?: string;
}

/** A serial port worth probing. */
export interface SerialCandidate {
  /** The path to put in the config: the by-id link when there is one (it survives re-plugging). */
  path: string;
  /** The device node the link points at (/dev/ttyUSB0), for messages. */
  devicePath: string;
  byId: boolean;
  usb: UsbIdentity;
  description?: string;
}

interface SerialDiscoveryOptions {
  /** udev's stable links; tests point it at a folder of links to socat PTYs. */
  byIdDir?: string;
  lister?: SerialPortLister;
  /** Also offer ports the OS lists without a by-id link (on-board ttyS*). */
  includeUnlinked?: boolean;
}

const DEFAULT_BY_ID_DIR = '/dev/serial/by-id';

export const systemSerialPorts: SerialPortLister = async () => SerialPort.list();

/**
 * `usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0` → `FTDI_FT232R_USB_UART_A50285BI`: udev
 * builds the name from `$env{ID_BUS}-$env{ID_SERIAL}-if$env{ID_USB_INTERFACE_NUM}-port…`.
 */
export function idSerialFromByIdName(name: string): string | undefined {
  const m = /^[a-z0-9]+-(.+?)(?:-if[0-9a-f]{2})?(?:-port\d+)?$/i.exec(name);
  return m?.[1];
}

/** Finds serial ports: udev's by-id links first, then what the OS lists (its USB identity fills in the links'). */
export async function discoverSerialPorts(options: SerialDiscoveryOptions = {}): Promise<SerialCandidate[]> {
  const byIdDir = options.byIdDir ?? DEFAULT_BY_ID_DIR;
  const listed = await (options.lister ?? systemSerialPorts)().catch(() => [] as ListedSerialPort[]);
  const listedByReal = new Map<string, ListedSerialPort>();
  for (const port of listed) listedByReal.set(await realpath(port.path).catch(() => port.path), port);

  const candidates: SerialCandidate[] = [];
  const seen = new Set<string>();
  const names = await readdir(byIdDir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const link = join(byIdDir, name);
    const target = await readlink(link).catch(() => undefined);
    if (target === undefined) continue;
    // A link whose device is gone (adapter pulled, udev not yet caught up) is nothing to probe.
    const devicePath = await realpath(link).catch(() => undefined);
    if (devicePath === undefined || seen.has(devicePath)) continue;
    seen.add(devicePath);
    const os = listedByReal.get(devicePath);
    candidates.push({ path: link, devicePath, byId: true, usb: identityOf(os, name), description: os?.manufacturer ?? name });
  }
  if (options.includeUnlinked ?? true) {
    for (const [real, port] of listedByReal) {
      if (seen.has(real)) continue;
      seen.add(real);
      candidates.push({
        path: port.path,
        devicePath: real,
        byId: false,
        usb: identityOf(port, undefined),
        description: port.manufacturer ?? basename(port.path),
      });
    }
  }
  return candidates;
}

function identityOf(port: ListedSerialPort | undefined, byIdName: string | undefined): UsbIdentity {
  const identity: UsbIdentity = {};
  if (port?.vendorId) identity.vendorId = port.vendorId.toLowerCase();
  if (port?.productId) identity.productId = port.productId.toLowerCase();
  if (port?.serialNumber) identity.serialNumber = port.serialNumber;
  const idSerial = byIdName ? idSerialFromByIdName(byIdName) : undefined;
  if (idSerial) identity.idSerial = idSerial;
  return identity;
}
