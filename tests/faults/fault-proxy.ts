import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultProxy {
  host: string;
  port: number;
  /** Close every open connection at once (a device rebooting, a cable pulled at the switch). */
  dropAll(): void;
  /**
   * The next reply from the device gets through only half-way; after it the connection
   * carries nothing back (a device that hangs mid-sentence). New connections are normal.
   */
  stallNextReply(): void;
  /** Hold each reply this long before passing it on (0: as it comes). */
  delayReplies(ms: number): void;
  /** Replies held back by `delayReplies` and not yet passed on (or dropped with their connection). */
  readonly heldReplies: number;
  /** Connections accepted so far (each reconnect is one more). */
  readonly connections: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  stalled: boolean;
}

/**
 * A raw TCP relay on loopback between a driver and its device's simulator, scripted to
 * misbehave the ways network devices do: drop, stop half-way through a reply, answer late.
 * Bytes are relayed untouched; only their timing and the connection's life change.
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let stallArmed = false;
  let delayMs = 0;
  let connections = 0;
  let held = 0;
  const server: Server = createServer((client) => {
    connections++;
    const upstream = connect(target);
    const pair: Pair = { client, upstream, stalled: false };
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (pair.stalled) return;
      if (stallArmed) {
        stallArmed = false;
        pair.stalled = true;
        // Half of this reply (at least one byte), then silence on this connection for good.
        client.write(d.subarray(0, Math.max(1, Math.floor(d.length / 2))));
        return;
      }
      if (delayMs > 0) {
        held++;
        setTimeout(() => {
          held--;
          if (!client.destroyed) client.write(d);
        }, delayMs).unref();
      } else client.write(d);
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
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
    dropAll() {
      for (const p of pairs) p.client.destroy(), p.upstream.destroy();
    },
    stallNextReply() {
      stallArmed = true;
    },
    delayReplies(ms) {
      delayMs = ms;
    },
    get heldReplies() {
      return held;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const p of pairs) p.client.destroy(), p.upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
