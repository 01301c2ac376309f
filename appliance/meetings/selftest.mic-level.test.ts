import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { DeviceHost } from '../devices/device-host.js';
import { DRIVERS } from '../../drivers/registry.js';
import { startShureMxaSimulator, type RunningShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { waitFor } from '../../tests/helpers/test-room.js';
import { runSelfTest } from './self-test.js';

let sim: RunningShureMxaSimulator | undefined;
let host: DeviceHost | undefined;
afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

async function ceilingMic() {
  sim = await startShureMxaSimulator({ port: 0 });
  host = new DeviceHost({
    drivers: DRIVERS,
    devices: [{ id: 'ceiling-mic', driver: 'shure-mxa', host: sim.endpoint.host, port: sim.endpoint.port }],
    log: createLogger({ level: 'silent', pretty: false }),
  });
  host.start();
  await waitFor(() => host!.get('ceiling-mic').status === 'ok', 8000, 'the mic connected');
  return host;
}

it('meters a ceiling array briefly and finds a live level, then stops metering', async () => {
  const devices = await ceilingMic();
  const report = await runSelfTest(devices, null, new Date());
  const level = report.results.find((r) => r.check === 'mic-level')!;
  expect(level).toMatchObject({ deviceId: 'ceiling-mic', ok: true, ran: true });
  expect(JSON.parse(level.detail!).peakDb).toBeGreaterThan(-57);
  await waitFor(() => devices.get('ceiling-mic').state.levels === null, 3000, 'metering stopped again');
});

it('fails a microphone that hears nothing, and says so', async () => {
  const devices = await ceilingMic();
  // Dead capsules: every lobe's meter stays at its floor, whatever the room says.
  sim!.array.channels.forEach((c) => Object.defineProperty(c, 'level', { get: () => 0, set: () => undefined }));
  const report = await runSelfTest(devices, null, new Date());
  expect(report.passed).toBe(false);
  expect(report.results.find((r) => r.check === 'mic-level')).toMatchObject({ ok: false, ran: true, detail: expect.stringMatching(/no level above -57 dB/) });
});

it('does not count a muted microphone as broken', async () => {
  const devices = await ceilingMic();
  await devices.execute('ceiling-mic', 'mute', { on: true });
  const report = await runSelfTest(devices, null, new Date());
  expect(report.results.find((r) => r.check === 'mic-level')).toMatchObject({ ok: true, ran: false, detail: 'muted: level not checked' });
});
