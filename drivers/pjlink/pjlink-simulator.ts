import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import type { SimulatorDefinition } from '../sim/simulator.js';
import { startTcpSimulatorServer, type RunningTcpSimulator } from '../sim/tcp-simulator-server.js';
import { LineFramer, PJLINK_PORT, authDigest } from './pjlink-codec.js';
import { PjlinkDisplay, type PjlinkDisplayOptions } from './pjlink-display-model.js';

export interface PjlinkSimulatorOptions extends PjlinkDisplayOptions {
  /** Listen address; 127.0.0.1 by default. */
  host?: string;
  /** TCP port; 0 picks a free one (tests). Default 4352. */
  port?: number;
  /** Turns authentication on: the greeting becomes `PJLINK 1 <random>`. */
  password?: string;
  /** Real displays close a session idle this long; default 30 s. */
  idleTimeoutMs?: number;
  /** Also answer the class 2 UDP search (`%2SRCH`) on this port; 0 picks one. Off when absent. */
  udpPort?: number;
}

export interface RunningPjlinkSimulator extends RunningTcpSimulator {
  /** The simulated display: its state, `received` lines, `setErrorStatus`, 'command' events. */
  readonly display: PjlinkDisplay;
  /** Where the UDP search is answered, when `udpPort` was given. */
  readonly udpEndpoint: { host: string; port: number } | undefined;
  /** Test hook: same as `display.setErrorStatus`. */
  setErrorStatus: PjlinkDisplay['setErrorStatus'];
}

const DIGEST = /^[0-9a-f]{32}/i;

/** A PJLink class 2 display on a real TCP server (and optionally UDP search) on loopback. */
export async function startPjlinkSimulator(options: PjlinkSimulatorOptions = {}): Promise<RunningPjlinkSimulator> {
  const host = options.host ?? '127.0.0.1';
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const display = new PjlinkDisplay(options);
  let udp: UdpSocket | undefined;
  const tcp = await startTcpSimulatorServer({
    host,
    port: options.port ?? PJLINK_PORT,
    noDelay: false,
    onConnection: (socket) => serveSession(socket, display, options.password, idleTimeoutMs),
    onClose: () => udp?.close(),
  });
  if (options.udpPort !== undefined) udp = await answerSearch(display, host, options.udpPort);
  const udpEndpoint = udp ? { host, port: udp.address().port } : undefined;
  const setErrorStatus: PjlinkDisplay['setErrorStatus'] = (status) => display.setErrorStatus(status);
  return Object.assign(tcp, { display, udpEndpoint, setErrorStatus });
}

/**
 * One TCP session: greeting, authentication on the first command, then one reply per command.
 * A wrong digest gets `PJLINK ERRA` and the socket closed, as real displays do.
 */
function serveSession(socket: Socket, display: PjlinkDisplay, password: string | undefined, idleTimeoutMs: number): void {
  const random = password ? randomBytes(4).toString('hex') : undefined;
  let authenticated = random === undefined;
  const framer = new LineFramer();
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => socket.end(() => socket.destroy()), idleTimeoutMs);
  };
  socket.on('close', () => clearTimeout(idle));
  socket.write(random ? `PJLINK 1 ${random}\r` : 'PJLINK 0\r');
  armIdle();

  socket.on('data', (chunk: Buffer) => {
    armIdle();
    for (const raw of framer.push(chunk)) {
      if (raw === '' || socket.destroyed) continue;
      let line = raw;
      const digest = DIGEST.exec(line)?.[0];
      if (digest) line = line.slice(32);
      // The digest is required on the first command; a later one may repeat it but not get it wrong.
      if (random && (digest ? digest.toLowerCase() !== authDigest(random, password!) : !authenticated)) {
        display.received.push(line);
        display.emit('command', line);
        socket.end('PJLINK ERRA\r');
        return;
      }
      authenticated = true;
      const reply = display.handle(line);
      if (reply !== undefined) socket.write(`${reply}\r`);
    }
  });
}

/** The class 2 discovery: `%2SRCH` broadcast on UDP, each display answers `%2ACKN=<mac>`. */
async function answerSearch(display: PjlinkDisplay, host: string, port: number): Promise<UdpSocket> {
  const udp = createSocket('udp4');
  udp.on('message', (message, from) => {
    if (message.toString('latin1').replace(/\r$/, '') === '%2SRCH') udp.send(`%2ACKN=${display.mac}\r`, from.port, from.address);
  });
  udp.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => {
      udp.off('error', reject);
      resolve();
    });
  });
  return udp;
}

/** `'127.0.0.1:4352'`, `'4352'` or `':0'` → host and port. */
export function parseListen(listen: string | undefined): { host: string; port: number } {
  if (!listen) return { host: '127.0.0.1', port: PJLINK_PORT };
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  if (!m || Number(m[2]) > 65535) throw new RangeError(`listen must look like 127.0.0.1:4352, got ${JSON.stringify(listen)}`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

function optionalNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a number of milliseconds or a port, got ${JSON.stringify(value)}`);
  return n;
}

export const pjlinkSimulator: SimulatorDefinition = {
  driver: 'pjlink',
  description:
    'A PJLink class 2 display on TCP (options: listen=127.0.0.1:4352, password, warmupMs, cooldownMs, idleTimeoutMs, udpPort for the %2SRCH search, name).',
  async start(options) {
    const { host, port } = parseListen(options.listen ?? (options.port ? `${options.host ?? '127.0.0.1'}:${options.port}` : undefined));
    return startPjlinkSimulator({
      host,
      port,
      password: options.password || undefined,
      warmupMs: optionalNumber(options.warmupMs, 'warmupMs'),
      cooldownMs: optionalNumber(options.cooldownMs, 'cooldownMs'),
      idleTimeoutMs: optionalNumber(options.idleTimeoutMs, 'idleTimeoutMs'),
      udpPort: optionalNumber(options.udpPort, 'udpPort'),
      name: options.name,
    });
  },
};
