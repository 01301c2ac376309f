import { createServer, type Server, type Socket } from 'node:net';
import type { RunningSimulator, SimulatorDefinition } from '../sim/simulator.js';
import { listenTcp, numberOption, parseListenOption } from '../sim/sim-options.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { SHURE_MAX_MESSAGE, SHURE_PORT } from './shure-codec.js';
import { ShureMxaModel, type ShureMxaModelOptions } from './shure-mxa-model.js';

export interface ShureMxaSimulatorOptions extends ShureMxaModelOptions {
  host?: string;
  /** TCP port; 0 picks a free one. Default 2202. */
  port?: number;
}

export interface RunningShureMxaSimulator extends RunningSimulator {
  readonly endpoint: { host: string; port: number };
  readonly array: ShureMxaModel;
  readonly connectionCount: number;
  readonly openConnections: number;
  /** Test hook: drop every session, as a rebooting array would. */
  dropConnections(): void;
}

/** A Shure MXA910 on a real TCP server: 8 lobes whose levels move while metering is on. */
export async function startShureMxaSimulator(options: ShureMxaSimulatorOptions = {}): Promise<RunningShureMxaSimulator> {
  const host = options.host ?? '127.0.0.1';
  const array = new ShureMxaModel(options);
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const broadcast = (line: string) => {
    for (const s of sockets) if (!s.destroyed) s.write(line);
  };
  array.on('rep', broadcast);

  // One meter clock for the array: the rate is a device setting, not a per-session one.
  let meter: NodeJS.Timeout | undefined;
  array.on('meterRate', (rate: number) => {
    clearInterval(meter);
    meter = rate > 0 ? setInterval(() => broadcast(array.sample()), rate) : undefined;
    meter?.unref();
  });

  const server: Server = createServer((socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new DelimiterFramer(0x3e /* > */, SHURE_MAX_MESSAGE);
    socket.on('data', (chunk: Buffer) => {
      for (const raw of framer.push(chunk)) {
        const text = raw.toString('latin1');
        const start = text.indexOf('<');
        if (start === -1) continue;
        for (const reply of array.handle(text.slice(start + 1).trim())) socket.write(reply);
      }
    });
  });
  const port = await listenTcp(server, options.port ?? SHURE_PORT, host);

  let closed = false;
  const dropConnections = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    endpoint: { host, port },
    array,
    get connectionCount() {
      return connectionCount;
    },
    get openConnections() {
      return sockets.size;
    },
    dropConnections,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(meter);
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const shureMxaSimulator: SimulatorDefinition = {
  driver: 'shure-mxa',
  description: 'A Shure MXA910 ceiling array on TCP (options: listen=127.0.0.1:2202, channels=8, deviceId).',
  async start(options) {
    const { host, port } = parseListenOption(options.listen, SHURE_PORT);
    return startShureMxaSimulator({ host, port, channels: numberOption(options.channels, 'channels'), deviceId: options.deviceId });
  },
};
