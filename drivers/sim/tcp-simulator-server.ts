import { createServer, type Socket } from 'node:net';
import { listenTcp } from './sim-options.js';
import type { RunningSimulator } from './simulator.js';

/** What a TCP device simulator offers tests, besides its device model. */
export interface RunningTcpSimulator extends RunningSimulator {
  readonly endpoint: { host: string; port: number };
  /** TCP sessions accepted so far (tells a test whether the driver reconnected). */
  readonly connectionCount: number;
  /** Sessions open right now. */
  readonly openConnections: number;
  /** Test hook: close every open session at once, as a rebooting device would. */
  dropConnections(): void;
  /** Safe to call twice. */
  close(): Promise<void>;
}

export interface TcpSimulatorServer extends RunningTcpSimulator {
  /** Write to every open session: what a device pushes unasked (notifications, meters). */
  broadcast(data: string | Uint8Array): void;
}

/** Where a TCP simulator started from code listens. */
export interface TcpListenOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 picks a free one; the protocol's own port by default. */
  port?: number;
}

export interface TcpSimulatorServerOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 picks a free one. */
  port: number;
  /** Serves one accepted session; it is already counted and tracked. */
  onConnection(socket: Socket): void;
  /** Runs once, before the sessions are dropped, when the simulator closes (its timers, a UDP socket). */
  onClose?: () => void;
  /** Turn Nagle off on each session; default true. */
  noDelay?: boolean;
}

/**
 * The TCP side every network simulator shares: listen, track the sessions, count them, drop
 * them on demand and close once. The protocol lives in `onConnection`.
 */
export async function startTcpSimulatorServer(options: TcpSimulatorServerOptions): Promise<TcpSimulatorServer> {
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const server = createServer((socket) => {
    connectionCount++;
    sockets.add(socket);
    if (options.noDelay ?? true) socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a client that vanishes is not the simulator's problem
    options.onConnection(socket);
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listenTcp(server, options.port, host);

  let closed = false;
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    endpoint: { host, port },
    get connectionCount() {
      return connectionCount;
    },
    get openConnections() {
      return sockets.size;
    },
    broadcast(data) {
      for (const socket of sockets) if (!socket.destroyed) socket.write(data);
    },
    dropConnections,
    async close() {
      if (closed) return;
      closed = true;
      options.onClose?.();
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
