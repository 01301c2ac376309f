import { afterEach, expect, it } from 'vitest';
import { discoverPjlinkDisplays, parseSearchAck } from './pjlink-discovery.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';

let sim: RunningPjlinkSimulator | undefined;
afterEach(async () => sim?.close());

it('the class 2 search (%2SRCH on UDP) finds the display by address with its MAC', async () => {
  sim = await startPjlinkSimulator({ port: 0, udpPort: 0 });

  const found = await discoverPjlinkDisplays(300, { address: sim.udpEndpoint!.host, port: sim.udpEndpoint!.port });

  expect(found).toEqual([{ host: '127.0.0.1', mac: sim.display.mac.toUpperCase() }]);
  expect(parseSearchAck('%2ACKN=nonsense')).toBeUndefined();
});
