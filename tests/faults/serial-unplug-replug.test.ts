import { afterAll, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { viscaSerialDriver } from '../../drivers/visca/visca-serial-definition.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { superviseDevice } from '../helpers/supervised-device.js';
import { until } from '../helpers/until.js';
import { openFds, repetitions, timeoutFor } from './fault-scale.js';

const CYCLES = repetitions(100, 10);
/** Longest a command may stay unsettled: the driver's ACK timeout is 1 s; anything past this is a stuck queue. */
const SETTLE_LIMIT_MS = 3000;

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterAll(async () => {
  await device?.stop();
  await sim?.close();
  await pair?.close();
});

/**
 * Commands keep coming from "the panel" the whole time; the USB adapter is pulled and put
 * back (socat killed and restarted under the camera) again and again. Every command settles
 * (done, or a coded error while unplugged), the camera is offline within 2 s of each unplug
 * (saying why, with a code), back within 2 s of each replug and
 * takes a command again, and the process holds no more descriptors at the end than before.
 */
it(
  `a serial camera unplugged and replugged ${CYCLES} times while commands flow recovers every time`,
  async () => {
    pair = await createPtyPair();
    sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
    device = superviseDevice(viscaSerialDriver, { port: pair.devicePath, baudRate: 9600 });
    await device.reaches('ok', 5000);
    const supervisor = device.supervisor;
    await supervisor.execute('power', { on: true });
    const fdsBefore = openFds();

    // The command flow: one at a time, as a panel sends them, each timed until it settles.
    let flowing = true;
    let sent = 0;
    let succeeded = 0;
    const inFlight = new Map<number, number>();
    const errorCodes = new Set<string>();
    let slowest = 0;
    const flow = (async () => {
      while (flowing) {
        const id = sent++;
        const startedAt = performance.now();
        inFlight.set(id, startedAt);
        const command = id % 2 === 0 ? supervisor.execute('power', { on: true }) : supervisor.execute('preset.recall', { preset: id % 16 });
        await command.then(
          () => succeeded++,
          (err: { code?: string }) => errorCodes.add(String(err.code)),
        );
        inFlight.delete(id);
        slowest = Math.max(slowest, performance.now() - startedAt);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();

    const recoveries: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await pair.unplug();
      await device.reaches('offline', 2000);
      expect(supervisor.status.detail).toMatch(/ROOMCTL_E_(DEVICE_OFFLINE|PORT_NOT_FOUND)/);
      await pair.replug();
      const replugAt = performance.now();
      await until(() => supervisor.status.status === 'ok', 2000, `cycle ${cycle}: the camera back within 2 s of the replug`, 5);
      const okBefore = succeeded;
      // The queue is not stuck: a command sent after the replug goes through, still within the 2 s.
      await until(() => succeeded > okBefore, Math.max(100, 2000 - (performance.now() - replugAt)), `cycle ${cycle}: a command through after the replug`, 5);
      recoveries.push(performance.now() - replugAt);
      for (const [id, startedAt] of inFlight) expect(performance.now() - startedAt, `command ${id} unsettled`).toBeLessThan(SETTLE_LIMIT_MS);
    }
    flowing = false;
    await flow;

    expect(recoveries).toHaveLength(CYCLES);
    expect(Math.max(...recoveries)).toBeLessThan(2000);
    expect(slowest).toBeLessThan(SETTLE_LIMIT_MS);
    expect(inFlight.size).toBe(0);
    // While unplugged a command gets a coded error, never an uncoded one.
    for (const code of errorCodes) expect(code).toMatch(/^ROOMCTL_E_(DEVICE_OFFLINE|PORT_NOT_FOUND|DEVICE_TIMEOUT|CONNECT_FAILED)$/);
    expect(succeeded).toBeGreaterThan(CYCLES);
    // Same state as before (connected, idle): same descriptors, give or take a transient one.
    await supervisor.execute('power', { on: true });
    await until(() => openFds() <= fdsBefore + 2, 3000, `descriptors back to ${fdsBefore} (now ${openFds()})`);
  },
  timeoutFor(CYCLES, 2500),
);
