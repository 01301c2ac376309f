import type { Socket } from 'node:net';
import { openSerialEndpoint } from '../sim/serial-endpoint.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption, replyDelayOption, serialPathOption } from '../sim/sim-options.js';
import { playedQuirks, type QuirkOptions, delayedWriter } from '../sim/quirk-options.js';
import { MDC_QUIRKS } from './mdc-sim-quirks.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { startTcpSimulatorServer, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { MDC_BAUD_RATE, MDC_PORT, MdcFrameParser } from './mdc-codec.js';
import { MDC_DISPLAY_DEFAULTS, MdcDisplayModel, type MdcDisplayOptions } from './mdc-display-model.js';

export interface MdcSimulatorOptions extends MdcDisplayOptions, QuirkOptions, TcpListenOptions {
  /** Serve RS-232 on this PTY end; otherwise TCP. */
  serialPath?: string;
}

export interface RunningMdcSimulator extends RunningSimulator {
  readonly display: MdcDisplayModel;
  /** TCP sessions accepted (0 on serial). */
  readonly connectionCount: number;
  dropConnections(): void;
}

/** A Samsung signage display answering MDC over TCP 1515 or a serial line (a PTY end). */
export async function startMdcSimulator(options: MdcSimulatorOptions = {}): Promise<RunningMdcSimulator> {
  const { quirks, replyDelayMs } = playedQuirks(options, MDC_QUIRKS);
  const display = new MdcDisplayModel({ ...options, withoutSpeakers: options.withoutSpeakers ?? quirks.has('no-speaker') });
  if (options.serialPath) {
    const parser = new MdcFrameParser();
    const answer = delayedWriter(
      (text) => line.write(Buffer.from(text, 'latin1')),
      () => replyDelayMs,
    );
    const line = await openSerialEndpoint(
      options.serialPath,
      MDC_BAUD_RATE,
      (chunk) => {
        for (const frame of parser.push(chunk)) {
          const reply = display.handle(frame);
          if (reply) answer(reply.toString('latin1'));
        }
      },
      () => parser.reset(),
    );
    return { endpoint: { serialPort: options.serialPath }, display, connectionCount: 0, dropConnections: () => undefined, close: () => line.close() };
  }
  const serveSession = (socket: Socket) => {
    const parser = new MdcFrameParser();
    const answer = delayedWriter(
      (text) => !socket.destroyed && socket.write(Buffer.from(text, 'latin1')),
      () => replyDelayMs,
    );
    socket.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        const reply = display.handle(frame);
        if (reply) answer(reply.toString('latin1'));
      }
    });
  };
  const tcp = await startTcpSimulatorServer({ host: options.host, port: options.port ?? MDC_PORT, onConnection: serveSession });
  return Object.assign(tcp, { display });
}

export const mdcSimulator = defineSimulator({
  driver: 'samsung-mdc',
  description: 'A Samsung display speaking MDC, on TCP or on RS-232.',
  options: [
    listenOption(MDC_PORT),
    serialPathOption('serialPath', 'RS-232 on this PTY end (the simulator end of a socat pair) instead of TCP'),
    { name: 'id', value: 'N', description: 'the display id it answers to', default: MDC_DISPLAY_DEFAULTS.id },
    { name: 'warmupMs', value: 'MS', description: 'how long it takes to turn on', default: MDC_DISPLAY_DEFAULTS.warmupMs },
    replyDelayOption(),
  ],
  quirks: MDC_QUIRKS,
  async start({ listen, serialPath, ...options }) {
    return startMdcSimulator(serialPath ? { ...options, serialPath } : { ...options, ...parseListenOption(listen) });
  },
});
