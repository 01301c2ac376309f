import type { LocalizedText } from '../../drivers/core/localized-text.js';
import type { DeviceConfig } from '../config/config-schema.js';

interface DemoDeviceContext {
  /** A temp folder for PTY links and the like; removed when the demo stops. */
  dir: string;
  /** How long simulated displays take to warm up. */
  warmupMs: number;
}

interface StartedDemoDevice {
  /** The device entry for the room config, pointing at the running simulator. */
  config: DeviceConfig;
  /** The simulator object, for tests that look at what the device received. */
  simulator: unknown;
  close(): Promise<void>;
}

/** One simulated device of the demo room: starts its simulator, says how to reach it. */
export interface DemoDevice {
  id: string;
  start(ctx: DemoDeviceContext): Promise<StartedDemoDevice>;
}

/** A simulator listening on a loopback port (TCP or HTTP). */
interface LoopbackSimulator {
  endpoint: unknown;
  close(): Promise<void>;
}

/**
 * A demo device whose simulator listens on loopback: its config is the driver's, pointed at the
 * simulator's host and port; `start` may add the driver's own fields (`config`).
 */
export function loopbackDemoDevice(device: {
  id: string;
  name: LocalizedText;
  driver: string;
  start(ctx: DemoDeviceContext): Promise<{ sim: LoopbackSimulator; config?: Record<string, unknown> }>;
}): DemoDevice {
  return {
    id: device.id,
    async start(ctx) {
      const { sim, config } = await device.start(ctx);
      const { host, port } = sim.endpoint as { host: string; port: number };
      return {
        config: { id: device.id, name: device.name, driver: device.driver, host, port, ...config },
        simulator: sim,
        close: () => sim.close(),
      };
    },
  };
}
