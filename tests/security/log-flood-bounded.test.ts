/**
 * A device that sends garbage used to write one warning per message (megabytes a second).
 * Every logger now bounds repeated lines: a real Shure driver, fed garbage by a real TCP
 * array, writes exactly the bound's worth of warnings in one second, then one line that
 * counts what it left out; a source that varies its messages is bounded as a whole.
 */
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../appliance/logger.js';
import { LOG_LINES_PER_KEY_PER_SECOND, LOG_LINES_PER_SOURCE_PER_SECOND } from '../../appliance/log-throttle.js';
import { ShureMxaDriver } from '../../drivers/shure-mxa/shure-mxa-driver.js';
import { startShureMxaSimulator, type RunningShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import type { TcpSimulatorServer } from '../../drivers/sim/tcp-simulator-server.js';
import { createTestContext, waitFor } from '../../drivers/testing/test-context.js';
import { until } from '../helpers/until.js';

interface Line {
  msg: string;
  device?: string;
  suppressed?: number;
}

/** A logger writing JSON lines into an array, on a clock the test moves by hand. */
function capturedLogger() {
  const lines: Line[] = [];
  const clock = { now: 1_700_000_000_000 };
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const log = createLogger({ level: 'info', pretty: false, destination, now: () => clock.now });
  return { log, lines, clock };
}

let sim: RunningShureMxaSimulator | undefined;
let driver: ShureMxaDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('a device sending garbage logs the bound of lines per second, then one count of the rest', async () => {
  const { log, lines, clock } = capturedLogger();
  sim = await startShureMxaSimulator({ port: 0 });
  const base = createTestContext('ceiling-mic');
  const ctx = { ...base, log: log.child({ component: 'devices', device: 'ceiling-mic' }) };
  driver = new ShureMxaDriver({ ...sim.endpoint }, ctx);
  await driver.connect();
  const ignored = () => lines.filter((l) => l.msg === 'shure message ignored');
  // Garbage, then a REP: when the REP is applied, every line before it has been read.
  // The simulator's server pushes to the driver what the array would send unasked.
  const push = (line: string) => (sim as unknown as TcpSimulatorServer).broadcast(line);
  const flood = async (count: number, mute: boolean) => {
    for (let i = 0; i < count; i++) push(`< GARBAGE ${i} >`);
    push(`< REP DEVICE_AUDIO_MUTE ${mute ? 'ON' : 'OFF'} >`);
    await waitFor(() => ctx.state.mute === mute, 5000, `mute ${mute}`);
  };

  await flood(LOG_LINES_PER_KEY_PER_SECOND, true);
  expect(ignored()).toHaveLength(LOG_LINES_PER_KEY_PER_SECOND);
  expect(lines.some((l) => l.suppressed)).toBe(false);

  await flood(500, false);
  expect(ignored()).toHaveLength(LOG_LINES_PER_KEY_PER_SECOND);

  clock.now += 1000;
  await flood(1, true);
  const told = lines.filter((l) => l.suppressed !== undefined);
  expect(told).toEqual([expect.objectContaining({ msg: 'shure message ignored (500 more like this left out)', device: 'ceiling-mic', suppressed: 500 })]);
  expect(ignored()).toHaveLength(LOG_LINES_PER_KEY_PER_SECOND + 1);
});

it('bounds one source whose every line differs, and tells the count as one line', () => {
  const { log, lines, clock } = capturedLogger();
  const device = log.child({ device: 'chatty' });
  for (let i = 0; i < 300; i++) device.warn(`frame ${i} makes no sense`);
  expect(lines).toHaveLength(LOG_LINES_PER_SOURCE_PER_SECOND);
  // Other sources are not held back by it.
  log.child({ device: 'quiet' }).warn('frame 1 makes no sense');
  expect(lines).toHaveLength(LOG_LINES_PER_SOURCE_PER_SECOND + 1);

  clock.now += 1000;
  device.warn('frame 301 makes no sense');
  expect(lines.filter((l) => l.suppressed !== undefined)).toEqual([
    expect.objectContaining({ device: 'chatty', suppressed: 300 - LOG_LINES_PER_SOURCE_PER_SECOND }),
  ]);
});

it('tells what it left out within a second even when the flood stops', async () => {
  const { log, lines, clock } = capturedLogger();
  const device = log.child({ device: 'burst' });
  for (let i = 0; i < LOG_LINES_PER_KEY_PER_SECOND + 7; i++) device.warn({ frame: i }, 'frame makes no sense');
  clock.now += 1000;
  const told = await until(() => lines.find((l) => l.suppressed !== undefined), 5000, 'the count of what was left out');
  expect(told).toMatchObject({ device: 'burst', suppressed: 7, msg: 'frame makes no sense (7 more like this left out)' });
});
