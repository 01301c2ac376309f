import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { RoomctlError } from '../../drivers/core/errors.js';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * An in-process MQTT broker for the demo room, so the room's telemetry and the fleet view
 * work with nothing installed. MQTT 3.1.1 only and in memory: a real room talks to the
 * central broker named in its config instead.
 */
export async function startEmbeddedBroker(host = '127.0.0.1', port = 1883): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  // A second demo on the same machine takes a free port instead of failing.
  const bound = await listen(port).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') return listen(0);
    throw new RoomctlError('ROOMCTL_E_LISTEN_IN_USE', `MQTT broker cannot listen on ${host}:${port}: ${err.message}`);
  });
  return {
    url: `mqtt://${host}:${bound}`,
    port: bound,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
