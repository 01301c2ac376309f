import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import { declaredDefault, defineSimulator } from '../sim/define-simulator.js';
import { parseListenOption, replyDelayOption } from '../sim/sim-options.js';
import { startTcpSimulatorServer, type RunningTcpSimulator } from '../sim/tcp-simulator-server.js';
import { delayedWriter, knownQuirks } from '../sim/quirk-options.js';
import { LineFramer, PJLINK_PORT, authDigest } from './pjlink-codec.js';
import { PJLINK_DISPLAY_DEFAULTS, PjlinkDisplay, type PjlinkDisplayOptions } from './pjlink-display-model.js';
import { PJLINK_QUIRKS, PjlinkNotifier } from './pjlink-sim-quirks.js';

export interface PjlinkSimulatorOptions extends PjlinkDisplayOptions {
  /** Listen address; 127.0.0.1 by default. */
  host?: string;
  /** TCP port; 0 picks a free one (tests). Default 4352. */
  port?: number;
  /** Turns authentication on: the greeting becomes `PJLINK 1 <random>`. */
  password?: string;
  /** Close a session idle this long (the `idle-drop` quirk: 30 s). Sessions stay open when absent. */
  idleTimeoutMs?: number;
  /** Also answer the class 2 UDP search (`%2SRCH`) on this port; 0 picks one. Off when absent. */
  udpPort?: number;
  /** Quirk profiles to play (PJLINK_QUIRKS names). */
  quirks?: readonly string[];
  /** `slow-replies`: time before each reply, default 1000 ms; `slow-warmup`: during warm-up, default 2000 ms. */
  replyDelayMs?: number;
  /** `auth-lockout`: how long logins are refused after 3 wrong ones; default 60 s. */
  lockoutMs?: number;
  /** `notifications`: the controller's UDP port notifications go to; default 4352. */
  notifyPort?: number;
}

/** What the quirks keep across sessions (a lock-out outlives the session that caused it). */
interface SessionRules {
  password: string | undefined;
  idleTimeoutMs: number | undefined;
  replyDelay: () => number;
  /** Logins tried (first command of a session with auth on), wrong ones among them, and the lock. */
  logins: { attempts: number; failed: number; failedInARow: number; lockedUntil: number; lockoutMs: number | undefined };
  notifier: PjlinkNotifier | undefined;
}

export interface RunningPjlinkSimulator extends RunningTcpSimulator {
  /** The simulated display: its state, `received` lines, `setErrorStatus`, 'command' events. */
  readonly display: PjlinkDisplay;
  /** Where the UDP search is answered, when `udpPort` was given. */
  readonly udpEndpoint: { host: string; port: number } | undefined;
  /** Test hook: same as `display.setErrorStatus` (notified under the `notifications` quirk). */
  setErrorStatus: PjlinkDisplay['setErrorStatus'];
  /** Logins tried and refused so far (counts a lock-out's refusals too). */
  readonly logins: { readonly attempts: number; readonly failed: number };
  /** A press on the remote control: runs `line` (e.g. `%1POWR 1`) without a network session. */
  remote(line: string): string | undefined;
  /** Notifications sent so far (the `notifications` quirk). */
  readonly notificationsSent: readonly string[];
}

const DIGEST = /^[0-9a-f]{32}/i;

/** `roomctl sim pjlink` options, with the defaults a simulator started from code takes too. */
const PJLINK_OPTIONS = [
  { name: 'listen', value: 'HOST:PORT', description: 'TCP on this address, port 0 picking a free one; without it, --host and --port' },
  { name: 'host', value: 'HOST', description: 'the address alone, with --port, instead of --listen', default: '127.0.0.1' },
  { name: 'port', value: 'PORT', description: 'the TCP port alone, with --host, instead of --listen', default: PJLINK_PORT },
  { name: 'password', value: 'TEXT', description: 'asks for PJLink authentication with this password', quirkDefaults: { 'auth-lockout': 'pjlink' } },
  {
    name: 'warmupMs',
    value: 'MS',
    description: 'how long the lamp warms up after power on',
    default: PJLINK_DISPLAY_DEFAULTS.warmupMs,
    quirkDefaults: { 'slow-warmup': 20_000 },
  },
  { name: 'cooldownMs', value: 'MS', description: 'how long it cools down after power off', default: PJLINK_DISPLAY_DEFAULTS.cooldownMs },
  { name: 'idleTimeoutMs', value: 'MS', description: 'drops a connection silent this long', quirkDefaults: { 'idle-drop': 30_000 } },
  { name: 'udpPort', value: 'PORT', description: 'answers the class 2 %2SRCH search on this UDP port' },
  { name: 'name', value: 'TEXT', description: 'the name NAME? answers', default: PJLINK_DISPLAY_DEFAULTS.name },
  // slow-warmup plays the same delay while the lamp warms up, longer by default.
  { ...replyDelayOption(1000), quirkDefaults: { 'slow-warmup': 2000 } },
  { name: 'lockoutMs', value: 'MS', description: 'how long three wrong passwords lock logins under auth-lockout', default: 60_000 },
  { name: 'notifyPort', value: 'PORT', description: 'the UDP port status notifications go to under notifications', default: PJLINK_PORT },
] as const;
const defaultOf = <N extends (typeof PJLINK_OPTIONS)[number]['name']>(name: N, quirks?: Iterable<string>) => declaredDefault(PJLINK_OPTIONS, name, quirks);

/** A PJLink class 2 display on a real TCP server (and optionally UDP search) on loopback. */
export async function startPjlinkSimulator(options: PjlinkSimulatorOptions = {}): Promise<RunningPjlinkSimulator> {
  const host = options.host ?? defaultOf('host');
  const quirks = knownQuirks(options.quirks ?? [], PJLINK_QUIRKS);
  const slowWarmup = quirks.has('slow-warmup');
  const display = new PjlinkDisplay({
    ...options,
    ...(slowWarmup ? { warmupMs: options.warmupMs ?? defaultOf('warmupMs', quirks) } : {}),
    ...(quirks.has('class1-only') ? { pjlinkClass: 1 as const } : {}),
    ...(quirks.has('avmt-31-only') ? { avmtCombinedOnly: true } : {}),
    ...(quirks.has('unnamed') ? { name: '' } : {}),
    ...(quirks.has('no-identity') ? { identityUnsupported: true } : {}),
  });
  const replyDelayMs = quirks.has('slow-replies') ? (options.replyDelayMs ?? defaultOf('replyDelayMs')) : 0;
  const warmupReplyMs = slowWarmup ? (options.replyDelayMs ?? defaultOf('replyDelayMs', ['slow-warmup'])) : 0;
  const rules: SessionRules = {
    password: options.password ?? defaultOf('password', quirks),
    idleTimeoutMs: options.idleTimeoutMs ?? defaultOf('idleTimeoutMs', quirks),
    replyDelay: () => Math.max(replyDelayMs, display.power === 'warming' ? warmupReplyMs : 0),
    logins: {
      attempts: 0,
      failed: 0,
      failedInARow: 0,
      lockedUntil: 0,
      lockoutMs: quirks.has('auth-lockout') ? (options.lockoutMs ?? defaultOf('lockoutMs')) : undefined,
    },
    notifier: quirks.has('notifications') ? new PjlinkNotifier(options.notifyPort ?? defaultOf('notifyPort')) : undefined,
  };
  let udp: UdpSocket | undefined;
  const tcp = await startTcpSimulatorServer({
    host,
    port: options.port ?? defaultOf('port'),
    noDelay: false,
    onConnection: (socket) => serveSession(socket, display, rules),
    onClose: () => {
      udp?.close();
      rules.notifier?.close();
    },
  });
  if (options.udpPort !== undefined) udp = await answerSearch(display, host, options.udpPort);
  const udpEndpoint = udp ? { host, port: udp.address().port } : undefined;
  const notifyChanges = (run: () => void) => {
    const before = snapshot(display);
    run();
    notifyDifferences(rules.notifier, display, before);
  };
  const setErrorStatus: PjlinkDisplay['setErrorStatus'] = (status) => notifyChanges(() => display.setErrorStatus(status));
  const remote = (line: string) => {
    let reply: string | undefined;
    notifyChanges(() => (reply = display.apply(line)));
    return reply;
  };
  return Object.assign(tcp, { display, udpEndpoint, setErrorStatus, logins: rules.logins, remote, notificationsSent: rules.notifier?.sent ?? [] });
}

/** What notifications report, to compare before and after a command. */
function snapshot(display: PjlinkDisplay) {
  return { power: display.power, input: display.input, avmt: display.apply('%1AVMT ?'), erst: display.apply('%1ERST ?') };
}

/** Notify each field that changed; a power transition is notified again when it settles. */
function notifyDifferences(notifier: PjlinkNotifier | undefined, display: PjlinkDisplay, before: ReturnType<typeof snapshot>): void {
  if (!notifier) return;
  const after = snapshot(display);
  const powerCode = { standby: '0', on: '1', cooling: '2', warming: '3' } as const;
  if (after.power !== before.power) {
    notifier.notify('POWR', powerCode[after.power]);
    if (after.power === 'warming' || after.power === 'cooling') {
      const settle = () => {
        if (display.power === 'warming' || display.power === 'cooling') setTimeout(settle, 50).unref();
        else notifier.notify('POWR', powerCode[display.power]);
      };
      setTimeout(settle, 50).unref();
    }
  }
  if (after.input !== before.input) notifier.notify('INPT', after.input);
  const value = (reply: string | undefined) => reply?.split('=')[1];
  if (after.avmt !== before.avmt && !value(after.avmt)?.startsWith('ERR')) notifier.notify('AVMT', value(after.avmt)!);
  if (after.erst !== before.erst) notifier.notify('ERST', value(after.erst)!);
}

/**
 * One TCP session: greeting, authentication on the first command, then one reply per command.
 * A wrong digest gets `PJLINK ERRA` and the socket closed, as real displays do.
 */
function serveSession(socket: Socket, display: PjlinkDisplay, rules: SessionRules): void {
  const { password, logins } = rules;
  const random = password ? randomBytes(4).toString('hex') : undefined;
  let authenticated = random === undefined;
  const framer = new LineFramer();
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    if (rules.idleTimeoutMs === undefined) return;
    clearTimeout(idle);
    idle = setTimeout(() => socket.end(() => socket.destroy()), rules.idleTimeoutMs);
  };
  const reply = delayedWriter((text) => {
    if (!socket.destroyed) socket.write(text);
  }, rules.replyDelay);
  rules.notifier?.connectedFrom(socket.remoteAddress);
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
      if (random && !authenticated) logins.attempts++;
      // The digest is required on the first command; a later one may repeat it but not get it wrong.
      const locked = logins.lockoutMs !== undefined && Date.now() < logins.lockedUntil && !authenticated;
      if (random && (locked || (digest ? digest.toLowerCase() !== authDigest(random, password!) : !authenticated))) {
        display.received.push(line);
        display.emit('command', line);
        logins.failed++;
        logins.failedInARow++;
        if (logins.lockoutMs !== undefined && logins.failedInARow >= 3 && !locked) logins.lockedUntil = Date.now() + logins.lockoutMs;
        socket.end('PJLINK ERRA\r');
        return;
      }
      if (!authenticated) logins.failedInARow = 0;
      authenticated = true;
      const before = snapshot(display);
      const answer = display.handle(line);
      notifyDifferences(rules.notifier, display, before);
      if (answer !== undefined) reply(`${answer}\r`);
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

export const pjlinkSimulator = defineSimulator({
  driver: 'pjlink',
  description: 'A PJLink class 2 display on TCP.',
  options: PJLINK_OPTIONS,
  quirks: PJLINK_QUIRKS,
  async start({ listen, host, port, ...options }) {
    return startPjlinkSimulator({ ...options, ...(listen ? parseListenOption(listen) : { host, port }) });
  },
});
