import { createServer, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { QsysDriver } from './qsys-driver.js';

const sockets: Socket[] = [];
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await close?.();
});

it('something on port 1710 that never sends EngineStatus is not a Core: ROOMCTL_E_PROTOCOL', async () => {
  const server = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => server.close(() => r()));
  const driver = new QsysDriver({ host: '127.0.0.1', port: (server.address() as { port: number }).port, connectTimeoutMs: 300 }, createTestContext());

  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
});
