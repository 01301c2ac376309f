import type { Socket } from 'node:net';
import { declaredDefault, defineSimulator } from '../sim/define-simulator.js';
import { listenOption, parseListenOption, replyDelayOption } from '../sim/sim-options.js';
import { playedQuirks, type QuirkOptions } from '../sim/quirk-options.js';
import { QSYS_QUIRKS } from './qsys-sim-quirks.js';
import { startTcpSimulatorServer, type RunningTcpSimulator, type TcpListenOptions } from '../sim/tcp-simulator-server.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { QRC_MAX_MESSAGE, QRC_PORT, encodeQrc, encodeQrcReply, parseQrcMessage } from './qrc-codec.js';
import { QsysCoreModel, type QsysCoreModelOptions } from './qsys-core-model.js';

export interface QsysSimulatorOptions extends QsysCoreModelOptions, QuirkOptions, TcpListenOptions {
  /** A Core closes a QRC session silent this long; default: `--idleTimeoutMs`'s. */
  idleTimeoutMs?: number;
}

/** `roomctl sim qsys-qrc` options, with the defaults a simulator started from code takes too. */
const QSYS_OPTIONS = [
  listenOption(QRC_PORT),
  { name: 'user', value: 'NAME', description: 'the logon user', quirkDefaults: { 'logon-required': 'roomctl' } },
  { name: 'password', value: 'TEXT', description: 'the logon password; a Core asks for a logon when it has one', quirkDefaults: { 'logon-required': '1234' } },
  { name: 'idleTimeoutMs', value: 'MS', description: 'closes a connection silent this long, as a Core does', default: 60_000 },
  replyDelayOption(),
] as const;

export interface RunningQsysSimulator extends RunningTcpSimulator {
  readonly core: QsysCoreModel;
}

/** A Q-SYS Core answering QRC on real TCP: EngineStatus on connect, logon, components, change groups. */
export async function startQsysSimulator(options: QsysSimulatorOptions = {}): Promise<RunningQsysSimulator> {
  const { quirks, replyDelayMs } = playedQuirks(options, QSYS_QUIRKS);
  const logon = quirks.has('logon-required')
    ? { user: options.user ?? declaredDefault(QSYS_OPTIONS, 'user', quirks), password: options.password ?? declaredDefault(QSYS_OPTIONS, 'password', quirks) }
    : {};
  const core = new QsysCoreModel({ ...options, ...logon, ...(quirks.has('no-mixer') ? { mixers: {} } : {}) });
  core.standby = quirks.has('standby');
  const idleTimeoutMs = options.idleTimeoutMs ?? declaredDefault(QSYS_OPTIONS, 'idleTimeoutMs');
  const serveSession = (socket: Socket) => {
    const session = core.newSession();
    const timers = new Map<string, NodeJS.Timeout>();
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => socket.destroy(), idleTimeoutMs);
    };
    socket.on('close', () => {
      clearTimeout(idle);
      for (const t of timers.values()) clearInterval(t);
    });
    const send = (bytes: Buffer) => !socket.destroyed && socket.write(bytes);
    // `slow-replies`: each answer comes replyDelayMs after its request (a busy Core); pushed
    // change-group polls and the EngineStatus are not held back behind them.
    const answer = (bytes: Buffer) => (replyDelayMs > 0 ? void setTimeout(() => send(bytes), replyDelayMs).unref() : send(bytes));
    send(encodeQrc({ method: 'EngineStatus', params: core.engineStatus() }));
    armIdle();
    const framer = new DelimiterFramer(0, QRC_MAX_MESSAGE);
    socket.on('data', (chunk: Buffer) => {
      armIdle();
      for (const raw of framer.push(chunk)) {
        const message = parseQrcMessage(raw.toString('utf8'));
        if (message.kind === 'invalid') {
          send(encodeQrcReply(null, { error: { code: -32700, message: `Parse error: ${message.reason}` } }));
          continue;
        }
        if (message.kind !== 'request' && message.kind !== 'notification') continue;
        const reply = core.handle(message.method, message.params, session);
        if (message.kind === 'request') answer(encodeQrcReply(message.id, reply));
        if (message.method === 'ChangeGroup.AutoPoll' && 'result' in reply) {
          const p = message.params as { Id: string; Rate?: number };
          clearInterval(timers.get(p.Id));
          const rateMs = Math.max(50, Math.round((Number(p.Rate) || 1) * 1000));
          timers.set(
            p.Id,
            setInterval(() => {
              const group = session.groups.get(p.Id);
              if (!group) return;
              const changes = core.poll(group);
              if (changes.length) send(encodeQrc({ method: 'ChangeGroup.Poll', params: { Id: p.Id, Changes: changes } }));
            }, rateMs),
          );
        }
      }
    });
  };
  const tcp = await startTcpSimulatorServer({ host: options.host, port: options.port ?? QRC_PORT, onConnection: serveSession });
  return Object.assign(tcp, { core });
}

export const qsysSimulator = defineSimulator({
  driver: 'qsys-qrc',
  description: 'A Q-SYS Core answering QRC on TCP, with components MicMute, Gain1 and mixer Mixer1.',
  options: QSYS_OPTIONS,
  quirks: QSYS_QUIRKS,
  async start({ listen, ...options }) {
    return startQsysSimulator({ ...parseListenOption(listen), ...options });
  },
});
