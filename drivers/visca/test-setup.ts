import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { useSimulatedDevice } from '../testing/simulated-device.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { openScriptedCamera, type ScriptedCamera } from './testing/scripted-camera.js';
import { ViscaSerialDriver, type ViscaSerialConfig, type ViscaSerialDriverOptions } from './visca-serial-driver.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator, type ViscaSerialSimulatorOptions } from './visca-serial-simulator.js';

/** The device entry as a config gives it, less the port (the PTY pair's driver end). */
type SerialEntry = Omit<ViscaSerialConfig, 'port'>;

/** A socat PTY pair with `camera` on one end and a driver for `entry` on the other (not yet connected). */
async function overPty<C extends { close(): Promise<void> }>(
  camera: (path: string) => Promise<C>,
  entry: SerialEntry,
  options: ViscaSerialDriverOptions,
): Promise<{ pair: PtyPair; link: PtyPair; sim: C; driver: ViscaSerialDriver; ctx: TestContext }> {
  const pair = await createPtyPair();
  try {
    const sim = await camera(pair.simulatorPath);
    const ctx = createTestContext();
    const driver = new ViscaSerialDriver({ port: pair.devicePath, ...entry }, ctx, options);
    return { pair, link: pair, sim, driver, ctx };
  } catch (err) {
    await pair.close();
    throw err;
  }
}

/** The VISCA camera simulator over a real PTY pair and a driver for it, all closed after each test. */
export function useSerialCamera() {
  return useSimulatedDevice(
    (simulator: Omit<ViscaSerialSimulatorOptions, 'path'> = {}, entry: SerialEntry = { baudRate: 9600 }, options: ViscaSerialDriverOptions = {}) =>
      overPty<RunningViscaSerialSimulator>((path) => startViscaSerialSimulator({ path, ...simulator }), entry, options),
  );
}

/**
 * A camera the test plays frame by frame (`cam.expect`, `cam.send`) over a real PTY pair and a
 * driver for it, all closed after each test: for what the simulator never does by itself.
 */
export function useScriptedSerialCamera() {
  return useSimulatedDevice((entry: SerialEntry = { baudRate: 9600 }, options: ViscaSerialDriverOptions = {}) =>
    overPty<ScriptedCamera>(openScriptedCamera, entry, options),
  );
}
