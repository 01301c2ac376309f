import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { startMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { validateAnswers } from '../answers/answers-load.js';
import type { ProvisionAnswers } from '../answers/answers-schema.js';
import type { ListedSerialPort } from '../discovery/serial-ports.js';
import type { DiscoveryDeps } from '../discovery/discover.js';

/**
 * A room on a bench: real simulators standing in for the devices (serial ones on socat PTYs
 * behind by-id style links, network ones on loopback) and a folder to install into. What
 * SerialPort.list() would say about the USB adapters is a recorded listing keyed by the PTYs'
 * device nodes: there is no USB on a build machine.
 */
export interface RoomLab {
  dir: string;
  byIdDir: string;
  root: string;
  display: RunningPjlinkSimulator;
  /** by-id name → PTY pair, for tests that unplug or inspect one. */
  ports: Map<string, PtyPair>;
  /** The adapters as SerialPort.list() reports them (vendor/product/serial), for the udev rules. */
  listing: ListedSerialPort[];
  deps: DiscoveryDeps;
  answers(extra?: Record<string, unknown>): ProvisionAnswers;
  close(): Promise<void>;
}

export interface RoomLabOptions {
  viscaCameras?: number;
  mdc?: boolean;
  /** A port whose far end reads everything and answers nothing. */
  silentPort?: boolean;
  pjlinkPassword?: string;
}

export const VISCA_ADAPTER = 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0';
export const MDC_ADAPTER = 'usb-Prolific_Technology_Inc._USB-Serial_Controller_D-if00-port0';
export const SILENT_ADAPTER = 'usb-1a86_USB_Serial-if00-port0';

export async function startRoomLab(options: RoomLabOptions = {}): Promise<RoomLab> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-lab-'));
  const byIdDir = join(dir, 'by-id');
  const root = join(dir, 'root');
  await mkdir(byIdDir);
  await mkdir(root);
  const ports = new Map<string, PtyPair>();
  const closers: (() => Promise<void>)[] = [];
  const listing: ListedSerialPort[] = [];

  const adapter = async (name: string, usb: Omit<ListedSerialPort, 'path'>) => {
    const pair = await createPtyPair({ dir, name: name.slice(0, 12) });
    ports.set(name, pair);
    closers.push(() => pair.close());
    await symlink(pair.devicePath, join(byIdDir, name));
    listing.push({ path: await realpath(pair.devicePath), ...usb });
    return pair;
  };

  if ((options.viscaCameras ?? 1) > 0) {
    const pair = await adapter(VISCA_ADAPTER, { manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A50285BI' });
    const sim = await startViscaSerialSimulator({ path: pair.simulatorPath, cameras: options.viscaCameras ?? 1 });
    closers.unshift(() => sim.close());
  }
  if (options.mdc) {
    const pair = await adapter(MDC_ADAPTER, { manufacturer: 'Prolific Technology Inc.', vendorId: '067b', productId: '2303' });
    const sim = await startMdcSimulator({ serialPath: pair.simulatorPath, id: 1 });
    closers.unshift(() => sim.close());
  }
  if (options.silentPort) await adapter(SILENT_ADAPTER, { manufacturer: '1a86', vendorId: '1a86', productId: '7523' });

  const display = await startPjlinkSimulator({ port: 0, udpPort: 0, ...(options.pjlinkPassword ? { password: options.pjlinkPassword } : {}) });
  closers.unshift(() => display.close());

  return {
    dir,
    byIdDir,
    root,
    display,
    ports,
    listing,
    deps: { serialLister: async () => listing, hidLister: async () => [] },
    answers(extra = {}) {
      return validateAnswers(
        {
          room: { id: 'hq-3f-aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shanghai', language: 'en' },
          api: { listen: '127.0.0.1:8080' },
          ...extra,
          discovery: {
            serialByIdDir: byIdDir,
            systemSerialPorts: false,
            hid: false,
            probeTimeoutMs: 400,
            pjlink: { searchAddresses: ['127.0.0.1'], searchPort: display.udpEndpoint!.port, replyPort: 0, tcpPort: display.endpoint.port, timeoutMs: 500 },
            onvif: { search: false },
            ...((extra.discovery as object | undefined) ?? {}),
          },
        },
        'lab answers',
      );
    },
    async close() {
      for (const close of closers) await close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
