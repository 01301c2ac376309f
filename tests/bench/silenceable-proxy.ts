import { createServer, connect, type Server, type Socket } from 'node:net';

export interface SilenceableProxy {
  port: number;
  /** Stop forwarding replies on the open connections (the device goes silent, the socket stays open). */
  silence(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on loopback in front of a simulator: the way to make a real device "stop
 * answering" without closing anything, which only the watchdog probe can notice.
 * New connections forward normally (the device came back).
 */
export async function startSilenceableProxy(target: { host: string; port: number }): Promise<SilenceableProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; silent: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    const pair = { client, upstream, silent: false };
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (!pair.silent) client.write(d);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    silence() {
      for (const p of pairs) p.silent = true;
    },
    async close() {
      for (const p of pairs) p.client.destroy(), p.upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
