import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../../drivers/pjlink/pjlink-simulator.js';
import { createPtyPair } from '../../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../../drivers/visca/visca-serial-simulator.js';
import type { DeviceConfig } from '../../config/config-schema.js';

export interface AvDevices {
  display: RunningPjlinkSimulator;
  camera: RunningViscaSerialSimulator;
  configs: DeviceConfig[];
  close(): Promise<void>;
}

/** A PJLink display on loopback TCP and a VISCA camera on a real socat PTY pair. */
export async function startAvDevices(): Promise<AvDevices> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-meeting-av-'));
  const pty = await createPtyPair({ dir, name: 'cam' });
  const camera = await startViscaSerialSimulator({ path: pty.simulatorPath });
  const display = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 100 });
  return {
    display,
    camera,
    configs: [
      { id: 'cam-front', driver: 'visca-serial', port: pty.devicePath, baudRate: 9600 },
      { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port },
    ],
    async close() {
      await display.close().catch(() => undefined);
      await camera.close().catch(() => undefined);
      await pty.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
