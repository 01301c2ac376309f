import { afterEach } from 'vitest';

/** What a scenario test holds: a simulator playing the device and the driver talking to it. */
export interface SimulatedDevice {
  sim: { close(): Promise<void> };
  driver: { disconnect(): Promise<void> };
  /** What joins them when it is not the simulator's own socket (a PTY pair): closed last. */
  link?: { close(): Promise<void> };
}

/**
 * `start` (a simulator and a driver connected to it) for the tests of one file, with both
 * closed after each test: the driver first, so it never sees its device vanish under it, and
 * what joins them last.
 */
export function useSimulatedDevice<A extends unknown[], T extends SimulatedDevice>(start: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let current: T | undefined;
  afterEach(async () => {
    await current?.driver.disconnect();
    await current?.sim.close();
    await current?.link?.close();
    current = undefined;
  });
  return async (...args) => {
    current = await start(...args);
    return current;
  };
}
