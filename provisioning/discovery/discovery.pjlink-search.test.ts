import { afterEach, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { searchPjlinkDisplays } from './pjlink-search.js';

let sim: RunningPjlinkSimulator | undefined;
afterEach(() => sim?.close());

it('sends %2SRCH and lists the displays that answer %2ACKN with their MAC', async () => {
  sim = await startPjlinkSimulator({ port: 0, udpPort: 0 });
  const found = await searchPjlinkDisplays({ addresses: ['127.0.0.1'], port: sim.udpEndpoint!.port, replyPort: 0, timeoutMs: 400 });
  expect(found).toEqual([{ host: '127.0.0.1', mac: sim.display.mac.toLowerCase() }]);
});

it('finds nothing, without an error, when nobody answers', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const found = await searchPjlinkDisplays({ addresses: ['127.0.0.1'], port: sim.endpoint.port, replyPort: 0, timeoutMs: 200 });
  expect(found).toEqual([]);
});
