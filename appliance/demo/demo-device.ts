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
