import type { Socket } from 'node:net';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { knownQuirks } from '../sim/quirk-options.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption } from '../sim/sim-options.js';
import type { QuirkProfile, RunningSimulator } from '../sim/simulator.js';
import { startTcpSimulatorServer, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { BRAVIA_FUNCTIONS, BRAVIA_PORT, encodeBravia, numberParam, parseBravia } from './bravia-codec.js';
import { BraviaDisplayModel, type BraviaDisplayOptions } from './bravia-display-model.js';

export const BRAVIA_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'no-remote-start',
    description: 'With "Remote start" off the display in standby refuses power on over the network (answers FFFF…); it can only be turned off.',
    source: 'Sony BRAVIA Professional Display IP control setup: Remote device settings / Remote start',
  },
  {
    name: 'no-notifications',
    description: 'Sends no *SN… notifications: a change made with the remote shows only when asked.',
    source: 'Simple IP control description: notifications are sent by displays that support them; older models answer only',
  },
  {
    name: 'slow-answers',
    description: 'Answers each message 1.2 s late, as a display busy switching its panel or input does.',
    source: 'Simple IP control description: the display handles one message at a time and answers when done',
  },
];

export interface BraviaSimulatorOptions extends BraviaDisplayOptions, TcpListenOptions {
  /** Delay before each answer (ms). */
  answerDelayMs?: number;
  /** Quirk profiles to play (BRAVIA_QUIRKS names): each sets the options it stands for. */
  quirks?: readonly string[];
}

export interface RunningBraviaSimulator extends RunningSimulator {
  readonly endpoint: { host: string; port: number };
  readonly display: BraviaDisplayModel;
  readonly connectionCount: number;
  dropConnections(): void;
  /** Test hook: write raw bytes to every session (a confused or foreign device). */
  broadcast(data: string): void;
  /** A change made on the display itself (its remote): notified like any other. */
  pressRemote(change: { power?: boolean; volume?: number }): void;
}

/** A BRAVIA display answering Simple IP control on TCP (20060 by default). */
export async function startBraviaSimulator(requested: BraviaSimulatorOptions = {}): Promise<RunningBraviaSimulator> {
  const options = { ...braviaQuirkOptions(requested.quirks ?? []), ...requested };
  const display = new BraviaDisplayModel(options);
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    if (!options.answerDelayMs) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, options.answerDelayMs);
    timers.add(timer);
  };
  const serve = (socket: Socket) => {
    const framer = new DelimiterFramer(0x0a, 64);
    socket.on('data', (chunk: Buffer) => {
      for (const line of framer.push(chunk)) {
        const message = parseBravia(line.toString('latin1'));
        // A message that is not 24 well-formed bytes gets no answer, as on the real display.
        if (!message) continue;
        const { answer, notifications } = display.handle(message);
        later(() => {
          if (socket.destroyed) return;
          socket.write(answer);
          for (const n of notifications) tcp.broadcast(n);
        });
      }
    });
  };
  const tcp = await startTcpSimulatorServer({
    host: options.host,
    port: options.port ?? BRAVIA_PORT,
    onConnection: serve,
    onClose: () => timers.forEach(clearTimeout),
  });
  const pressRemote = (change: { power?: boolean; volume?: number }) => {
    if (change.power !== undefined) display.power = change.power;
    if (change.volume !== undefined) display.volume = change.volume;
    if (options.noNotifications) return;
    if (change.power !== undefined) tcp.broadcast(encodeBravia({ type: 'N', fn: BRAVIA_FUNCTIONS.power, param: numberParam(change.power ? 1 : 0) }));
    if (change.volume !== undefined) tcp.broadcast(encodeBravia({ type: 'N', fn: BRAVIA_FUNCTIONS.volume, param: numberParam(change.volume) }));
  };
  return Object.assign(tcp, { display, pressRemote });
}

/** How long each answer waits under `slow-answers`. */
const SLOW_ANSWER_MS = 1200;

/** Options for one named set of quirks. */
export function braviaQuirkOptions(names: Iterable<string>): BraviaSimulatorOptions {
  const quirks = knownQuirks(names, BRAVIA_QUIRKS);
  return {
    ...(quirks.has('no-remote-start') ? { noRemoteStart: true } : {}),
    ...(quirks.has('no-notifications') ? { noNotifications: true } : {}),
    ...(quirks.has('slow-answers') ? { answerDelayMs: SLOW_ANSWER_MS } : {}),
  };
}

export const braviaSimulator = defineSimulator({
  driver: 'sony-bravia',
  description: 'A Sony BRAVIA display speaking Simple IP control.',
  options: [
    listenOption(BRAVIA_PORT),
    { name: 'answerDelayMs', value: 'MS', description: 'how long each answer waits', default: 0, quirkDefaults: { 'slow-answers': SLOW_ANSWER_MS } },
  ],
  quirks: BRAVIA_QUIRKS,
  async start({ listen, ...options }) {
    return startBraviaSimulator({ ...parseListenOption(listen), ...options });
  },
});
