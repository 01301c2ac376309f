import type { Socket } from 'node:net';
import { defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption, replyDelayOption, serialPathOption } from '../sim/sim-options.js';
import { playedQuirks, type QuirkOptions, delayedWriter } from '../sim/quirk-options.js';
import { TESIRA_QUIRKS } from './tesira-sim-quirks.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { startTcpSimulatorServer, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { SerialTransport } from '../transports/serial-transport.js';
import { DO, IAC, TelnetFilter, WILL } from './telnet-codec.js';
import { TESIRA_BANNER, TESIRA_MAX_LINE, TESIRA_TELNET_PORT } from './tesira-codec.js';
import { TesiraModel, type TesiraModelOptions } from './tesira-model.js';

export interface TesiraSimulatorOptions extends TesiraModelOptions, QuirkOptions, TcpListenOptions {
  /** Serve the RS-232 port on this PTY end instead of telnet. */
  serialPath?: string;
}

export interface RunningTesiraSimulator extends RunningSimulator {
  readonly tesira: TesiraModel;
  readonly connectionCount: number;
  readonly openConnections: number;
  /** Option answers each telnet session sent back, e.g. ['WONT 24', ...]. */
  readonly negotiations: string[][];
  dropConnections(): void;
}

/** The options a Tesira server asks about before its banner (TTYPE, TSPEED, XDISPLOC, NEW-ENVIRON) and offers (ECHO, SGA). */
const OPENING = Buffer.from([IAC, DO, 24, IAC, DO, 32, IAC, DO, 35, IAC, DO, 39, IAC, WILL, 1, IAC, WILL, 3]);
const OPTION_COUNT = 6;

/** A Tesira server: TTP over telnet with option negotiation, or over a serial port (a PTY end). */
export async function startTesiraSimulator(options: TesiraSimulatorOptions = {}): Promise<RunningTesiraSimulator> {
  const { quirks, replyDelayMs } = playedQuirks(options, TESIRA_QUIRKS);
  const blocks = quirks.has('no-mic-mute-block')
    ? { Level1: { type: 'level' as const, channels: 4 }, Mute1: { type: 'mute' as const, channels: 4 } }
    : options.blocks;
  const tesira = new TesiraModel({ ...options, blocks });
  if (options.serialPath) return startSerial(tesira, options.serialPath);
  const negotiations: string[][] = [];
  const serveSession = (socket: Socket) => {
    const answers: string[] = [];
    negotiations.push(answers);
    const session = tesira.openSession((line) => !socket.destroyed && socket.write(`${line}\r\n`));
    socket.on('close', () => tesira.closeSession(session));
    const telnet = new TelnetFilter();
    const framer = new DelimiterFramer(0x0a, TESIRA_MAX_LINE);
    let greeted = false;
    const answer = delayedWriter(
      (text) => !socket.destroyed && socket.write(text),
      () => replyDelayMs,
    );
    socket.write(OPENING);
    socket.on('data', (chunk: Buffer) => {
      const { data, requests } = telnet.push(chunk);
      for (const r of requests) answers.push(`${r.verb} ${r.option}`);
      if (!greeted && answers.length >= OPTION_COUNT) {
        greeted = true;
        socket.write(`${TESIRA_BANNER}\r\n`);
      }
      if (!greeted) return; // commands before the banner are not read, as on the real server
      for (const raw of framer.push(data)) {
        const line = raw.toString('latin1').replace(/\r$/, '');
        if (line.trim() === '') continue;
        socket.write(`${line}\r\n`); // the echo comes at once, the answer once processed
        answer(`${tesira.handle(line, session)}\r\n`);
      }
    });
  };
  const tcp = await startTcpSimulatorServer({ host: options.host, port: options.port ?? TESIRA_TELNET_PORT, onConnection: serveSession });
  return Object.assign(tcp, { tesira, negotiations });
}

async function startSerial(tesira: TesiraModel, path: string): Promise<RunningTesiraSimulator> {
  const transport = new SerialTransport({ path, baudRate: 115200 });
  await transport.open();
  const session = tesira.openSession((line) => void transport.write(Buffer.from(`${line}\r\n`)).catch(() => undefined));
  const framer = new DelimiterFramer(0x0a, TESIRA_MAX_LINE);
  transport.on('data', (chunk: Buffer) => {
    for (const raw of framer.push(chunk)) {
      const line = raw.toString('latin1').replace(/\r$/, '');
      if (line.trim() === '') continue;
      void transport.write(Buffer.from(`${line}\r\n${tesira.handle(line, session)}\r\n`)).catch(() => undefined);
    }
  });
  return {
    endpoint: { serialPort: path },
    tesira,
    negotiations: [],
    connectionCount: 1,
    openConnections: 1,
    dropConnections: () => session.subscriptions.clear(),
    async close() {
      tesira.closeSession(session);
      await transport.close();
    },
  };
}

export const tesiraSimulator = defineSimulator({
  driver: 'biamp-tesira',
  description: 'A Biamp Tesira server speaking TTP over Telnet or RS-232, with blocks Level1, Mute1 and MicMute.',
  options: [
    listenOption(TESIRA_TELNET_PORT, 'Telnet'),
    serialPathOption('serialPath', 'RS-232 on this PTY end (the simulator end of a socat pair) instead of Telnet'),
    replyDelayOption(),
  ],
  quirks: TESIRA_QUIRKS,
  async start({ listen, serialPath, ...options }) {
    return startTesiraSimulator(serialPath ? { ...options, serialPath } : { ...options, ...parseListenOption(listen) });
  },
});
