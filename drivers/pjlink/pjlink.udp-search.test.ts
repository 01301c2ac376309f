import { afterEach, expect, it } from 'vitest';
import { parseSearchAck } from './pjlink-codec.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { searchPjlinkDisplays } from './pjlink-search.js';

let sim: RunningPjlinkSimulator | undefined;
afterEach(() => sim?.close());

it('sends %2SRCH and lists the displays that answer %2ACKN with their MAC, written lower-case', async () => {
  sim = await startPjlinkSimulator({ port: 0, udpPort: 0 });
  const found = await searchPjlinkDisplays({
    searchAddresses: ['127.0.0.1'],
    searchPort: sim.udpEndpoint!.port,
    replyPort: 0,
    tcpPort: sim.endpoint.port,
    timeoutMs: 400,
  });
  expect(found).toEqual([{ host: '127.0.0.1', port: sim.endpoint.port, settings: { mac: sim.display.mac.toLowerCase() } }]);
});

it('finds nothing, without an error, when nobody answers', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const found = await searchPjlinkDisplays({ searchAddresses: ['127.0.0.1'], searchPort: sim.endpoint.port, replyPort: 0, timeoutMs: 200 });
  expect(found).toEqual([]);
});

it('reads the MAC whatever case the display wrote it in, and nothing from an answer that is not one', () => {
  expect(parseSearchAck('%2ACKN=00:1A:2B:3C:4D:5E\r')).toBe('00:1a:2b:3c:4d:5e');
  expect(parseSearchAck('%2ACKN=00:1a:2b:3c:4d:5e')).toBe('00:1a:2b:3c:4d:5e');
  expect(parseSearchAck('%2ACKN=nonsense')).toBeUndefined();
});
