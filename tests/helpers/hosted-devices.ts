import { DeviceHost, type DeviceHostOptions } from '../../appliance/devices/device-host.js';
import type { DeviceConfig } from '../../appliance/config/config-schema.js';
import type { DeviceStatus, DriverLogger } from '../../drivers/core/definition.js';
import { DRIVERS } from '../../drivers/registry.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { waitFor } from './test-room.js';

const quiet: DriverLogger & { child(): typeof quiet } = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/**
 * Devices under the real DeviceHost (supervisors, move watchdog, drive order), as the
 * appliance runs them, with each device's status history for the test to read back.
 */
export function hostDevices(devices: DeviceConfig[], options: Partial<Omit<DeviceHostOptions, 'drivers' | 'devices' | 'log'>> = {}) {
  const host = new DeviceHost({ drivers: DRIVERS, devices, log: quiet, ...options });
  const history = new Map<string, Array<{ status: DeviceStatus; detail: string | null; at: number }>>();
  host.on('device', (d: { id: string; status: DeviceStatus; detail: string | null }) => {
    const list = history.get(d.id) ?? [];
    if (list.at(-1)?.status !== d.status || list.at(-1)?.detail !== d.detail) list.push({ status: d.status, detail: d.detail, at: Date.now() });
    history.set(d.id, list);
  });
  host.start();
  return { host, history: (id: string) => history.get(id) ?? [], stop: () => host.stop() };
}

/** A PJLink display simulator (class 2, quick warm-up) under the real DeviceHost, switched on and warm. */
export async function hostedDisplay(options: Parameters<typeof startPjlinkSimulator>[0] = {}, config: Record<string, unknown> = {}) {
  const sim = await startPjlinkSimulator({ port: 0, warmupMs: 50, volumeSteps: 10, ...options });
  const room = hostDevices([{ id: 'display', driver: 'pjlink', ...sim.endpoint, volumeSteps: 10, notifyPort: 0, ...config }], { probeIntervalMs: 60_000 });
  const stop = async () => {
    await room.stop();
    await sim.close();
  };
  try {
    await waitFor(() => room.host.get('display').status === 'ok', 10_000, 'the display to connect');
    await room.host.execute('display', 'power', { on: true });
    await waitFor(() => sim.display.power === 'on', 3000, 'the display to warm up');
  } catch (err) {
    await stop();
    throw err;
  }
  return { sim, ...room, stop };
}
