import type { Socket } from 'node:net';
import { knownQuirks } from '../sim/quirk-options.js';
import { defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption } from '../sim/sim-options.js';
import type { QuirkProfile } from '../sim/simulator.js';
import { startTcpSimulatorServer, type RunningTcpSimulator, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { EXTRON_SIS_PORT, PASSWORD_PROMPT, sisReply } from './extron-sis-codec.js';
import { EXTRON_SWITCHER_SIZE, ExtronSwitcherModel, SisCommandReader, type ExtronSwitcherOptions } from './extron-sis-switcher-model.js';

export const EXTRON_SIS_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'zero-padded',
    description: 'Writes numbers in its answers with two digits: `1*3!` → `Out03 In01 All`, `5*!` → `In05 All`.',
    source: 'Extron CrossPoint 300 and MAV Plus programmer\'s guides, command/response table "Create ties" (examples Out03•In01•All, In05•All)',
  },
  {
    name: 'no-verbose-mode',
    description: 'Has no verbose-mode command: answers E10 (invalid command) to `Esc 3CV`, and never tells of ties made at its front panel.',
    source: 'Extron SW HDMI LC and SW4 3G user guides: their SIS command tables list no verbose-mode command',
  },
];

export interface ExtronSisSimulatorOptions extends ExtronSwitcherOptions, TcpListenOptions {
  /** Quirk profiles to play (EXTRON_SIS_QUIRKS names): each sets the switcher options it stands for. */
  quirks?: readonly string[];
  /** How long after its clock line it sends `Password:` (ms, default 0: at once). */
  promptDelayMs?: number;
}

export interface RunningExtronSisSimulator extends RunningTcpSimulator {
  readonly switcher: ExtronSwitcherModel;
  /** Every command received, in order (the password excluded), for tests that read the conversation. */
  readonly received: string[];
  /** A tie made at the front panel: sessions in verbose mode 1 or 3 are told. */
  pressFrontPanel(input: number, output: number): void;
  /** Test hook: write raw bytes to every session (a confused or foreign device). */
  broadcast(data: string): void;
}

interface Session {
  socket: Socket;
  loggedIn: boolean;
  verbose: number;
}

/** An Extron switcher answering SIS over Telnet: banner, password when set, ties and information. */
export async function startExtronSisSimulator(options: ExtronSisSimulatorOptions = {}): Promise<RunningExtronSisSimulator> {
  const switcher = new ExtronSwitcherModel({ ...extronSisQuirkOptions(options.quirks ?? []), ...options });
  const sessions = new Set<Session>();
  const received: string[] = [];
  const serve = (socket: Socket) => {
    const session: Session = { socket, loggedIn: options.password === undefined, verbose: 0 };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.write(sisReply.copyright(options.model ?? 'DXP 44 HDMI', options.firmware ?? '1.23', options.partNumber ?? '60-1234-01'));
    socket.write(sisReply.date(new Date()));
    if (!session.loggedIn) {
      const prompt = () => !socket.destroyed && socket.write(`\r\n${PASSWORD_PROMPT}`);
      if (options.promptDelayMs) setTimeout(prompt, options.promptDelayMs).unref();
      else prompt();
    }
    const reader = new SisCommandReader();
    let typed = '';
    socket.on('data', (chunk: Buffer) => {
      let text = chunk.toString('latin1');
      while (!session.loggedIn && text) {
        // Before login every byte is the password, up to its CR; a wrong one is asked for again.
        const end = text.indexOf('\r');
        if (end < 0) {
          typed += text;
          return;
        }
        const attempt = typed + text.slice(0, end);
        typed = '';
        text = text.slice(end + 1).replace(/^\n/, '');
        if (attempt === options.password) {
          session.loggedIn = true;
          socket.write('\r\nLogin Administrator\r\n');
        } else socket.write(`\r\n${PASSWORD_PROMPT}`);
      }
      for (const command of reader.push(text)) {
        received.push(command);
        const answer = switcher.handle(command);
        if (answer.verbose !== undefined) session.verbose = answer.verbose;
        socket.write(answer.reply);
      }
    });
  };
  const tcp = await startTcpSimulatorServer({ host: options.host, port: options.port ?? EXTRON_SIS_PORT, onConnection: serve });
  const pressFrontPanel = (input: number, output: number) => {
    const message = switcher.pressFrontPanel(input, output);
    for (const s of sessions) if (s.loggedIn && (s.verbose === 1 || s.verbose === 3)) s.socket.write(message);
  };
  return Object.assign(tcp, { switcher, received, pressFrontPanel });
}

/** Options for one named set of quirks. */
export function extronSisQuirkOptions(names: Iterable<string>): ExtronSwitcherOptions {
  const quirks = knownQuirks(names, EXTRON_SIS_QUIRKS);
  return { ...(quirks.has('zero-padded') ? { numbers: 'padded' as const } : {}), ...(quirks.has('no-verbose-mode') ? { noVerboseMode: true } : {}) };
}

export const extronSisSimulator = defineSimulator({
  driver: 'extron-sis',
  description: 'An Extron switcher speaking SIS over Telnet.',
  options: [
    listenOption(EXTRON_SIS_PORT, 'Telnet'),
    { name: 'inputs', value: 'N', description: 'the inputs it switches', default: EXTRON_SWITCHER_SIZE.inputs },
    { name: 'outputs', value: 'N', description: 'the outputs it drives', default: EXTRON_SWITCHER_SIZE.outputs },
    { name: 'password', value: 'TEXT', description: 'asks for this password before any command (without it, none)' },
  ],
  quirks: EXTRON_SIS_QUIRKS,
  async start({ listen, ...options }) {
    return startExtronSisSimulator({ ...parseListenOption(listen), ...options });
  },
});
