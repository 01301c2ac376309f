import { afterEach, expect, it } from 'vitest';
import type { RunningSimulator } from './sim/simulator.js';
import { createPtyPair, type PtyPair } from './sim/pty-pair.js';
import { findSimulator } from './sim/simulators.js';

const running: RunningSimulator[] = [];
let pair: PtyPair | undefined;
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  await pair?.close();
});

it('`roomctl sim` starts each network simulator from string options on a free port', async () => {
  for (const driver of ['shure-mxa', 'biamp-tesira', 'qsys-qrc', 'samsung-mdc']) {
    const sim = await (await findSimulator(driver))!.start({ listen: '127.0.0.1:0' });
    running.push(sim);
    expect(sim.endpoint).toMatchObject({ host: '127.0.0.1', port: expect.any(Number) });
    expect(Number(sim.endpoint.port)).toBeGreaterThan(0);
  }
});

it('`roomctl sim` starts the serial simulators on a PTY end, and says what is missing', async () => {
  pair = await createPtyPair();
  const lg = await (await findSimulator('lg-serial'))!.start({ port: pair.simulatorPath });
  running.push(lg);
  expect(lg.endpoint).toEqual({ serialPort: pair.simulatorPath });
  await expect((await findSimulator('lg-serial'))!.start({})).rejects.toThrow(/--port/);
});
