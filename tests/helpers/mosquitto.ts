import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';

export interface MosquittoUser {
  username: string;
  password: string;
}

export interface MosquittoOptions {
  /** Users for a password file; with users, anonymous clients are refused unless `allowAnonymous`. */
  users?: MosquittoUser[];
  allowAnonymous?: boolean;
  /** Contents of an ACL file (`user x` / `topic readwrite roomctl/#` / `pattern …`). */
  acl?: string;
  /** Make the listener TLS: PEM file paths; `requireCertificate` asks clients for one. */
  tls?: { ca: string; cert: string; key: string; requireCertificate?: boolean };
  /** Per-client queue bound; 0 (default here) = none, so a slow test subscriber loses nothing. */
  maxQueuedMessages?: number;
  /** Extra lines for mosquitto.conf. */
  extraConfig?: string[];
}

export interface RunningMosquitto {
  host: string;
  port: number;
  /** mqtt://127.0.0.1:port, or mqtts:// with `tls` */
  url: string;
  /** The folder the test owns: config, password and ACL files, data/ for persistence, log. */
  dir: string;
  configPath: string;
  logPath: string;
  readonly running: boolean;
  /** The broker's process id while it runs (CPU figures in benchmarks). */
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** SIGTERM and wait: Mosquitto writes its persistence file (sessions, queued and retained messages). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing saved since the last autosave. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Stop and remove the folder. */
  close(): Promise<void>;
}

/** A free loopback TCP port (bound once and released; Mosquitto takes it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real Mosquitto on a random loopback port, with a config, data folder and log the test
 * creates (and `close()` removes). Runs as root with `user root` so it can write its data
 * folder; persistence on, so sessions and queued messages survive `stop()` + `start()`.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-mosquitto-'));
  const host = '127.0.0.1';
  const port = await freePort();
  const configPath = join(dir, 'mosquitto.conf');
  const logPath = join(dir, 'mosquitto.log');
  const lines = [
    `listener ${port} ${host}`,
    `allow_anonymous ${options.allowAnonymous ?? !options.users?.length}`,
    'persistence true',
    `persistence_location ${dir}/`,
    'persistence_file data.db',
    'autosave_interval 1',
    `max_queued_messages ${options.maxQueuedMessages ?? 0}`,
    'max_inflight_messages 100',
    `log_dest file ${logPath}`,
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'connection_messages true',
  ];
  if (process.getuid?.() === 0) lines.push('user root');
  if (options.users?.length) {
    const passwordFile = join(dir, 'passwords');
    await writeFile(passwordFile, '');
    for (const u of options.users) await run('mosquitto_passwd', ['-b', passwordFile, u.username, u.password]);
    lines.push(`password_file ${passwordFile}`);
  }
  if (options.acl !== undefined) {
    const aclFile = join(dir, 'acl');
    await writeFile(aclFile, options.acl);
    lines.push(`acl_file ${aclFile}`);
  }
  if (options.tls) {
    lines.push(
      `cafile ${options.tls.ca}`,
      `certfile ${options.tls.cert}`,
      `keyfile ${options.tls.key}`,
      `require_certificate ${options.tls.requireCertificate ?? false}`,
    );
  }
  lines.push(...(options.extraConfig ?? []));
  await writeFile(configPath, `${lines.join('\n')}\n`);

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stderr = '';

  const start = async () => {
    if (child) return;
    stderr = '';
    const proc = spawn(MOSQUITTO_BIN, ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (d) => (stderr += d));
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === proc) child = undefined;
    });
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(host, port))) {
      if (!child) throw new Error(`mosquitto exited at start: ${stderr.trim() || `see ${logPath}`}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${host}:${port} within 10 s: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const signal = async (sig: NodeJS.Signals) => {
    const proc = child;
    if (!proc) return;
    proc.kill(sig);
    await exited;
    child = undefined;
  };

  await start();
  return {
    host,
    port,
    url: `${options.tls ? 'mqtts' : 'mqtt'}://${host}:${port}`,
    dir,
    configPath,
    logPath,
    get running() {
      return child !== undefined;
    },
    get pid() {
      return child?.pid;
    },
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGTERM');
      await start();
    },
    async close() {
      await signal('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface SubOptions {
  topic: string | string[];
  /** Stop after this many messages (-C). */
  count?: number;
  /** Give up after this many seconds without the count (-W); default 5. */
  timeoutS?: number;
  /** MQTT 5 (-V mqttv5); default 3.1.1. */
  v5?: boolean;
  user?: MosquittoUser;
  /** Only retained messages… and stop at the first non-retained one (--retained-only). */
  retainedOnly?: boolean;
  extraArgs?: string[];
}

/** A plain `mosquitto_sub -v` against the broker: resolves with "topic payload" lines. */
export function mosquittoSub(broker: Pick<RunningMosquitto, 'host' | 'port'>, options: SubOptions): Promise<string[]> {
  const args = ['-h', broker.host, '-p', String(broker.port), '-v', '-W', String(options.timeoutS ?? 5)];
  for (const t of Array.isArray(options.topic) ? options.topic : [options.topic]) args.push('-t', t);
  if (options.count !== undefined) args.push('-C', String(options.count));
  if (options.v5) args.push('-V', 'mqttv5');
  if (options.user) args.push('-u', options.user.username, '-P', options.user.password);
  if (options.retainedOnly) args.push('--retained-only');
  args.push(...(options.extraArgs ?? []));
  return new Promise((resolve, reject) => {
    execFile('mosquitto_sub', args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const lines = stdout.split('\n').filter((l) => l.length > 0);
      // -W ends with exit code 27 ("timed out"): return what arrived and let the test judge.
      if (err && (err as { code?: number }).code !== 27) return reject(new Error(`mosquitto_sub failed: ${stderr || err.message}`));
      resolve(lines);
    });
  });
}

/** Starts `mosquitto_sub` and keeps collecting until `stop()` (for things that happen later). */
export function watchWithMosquittoSub(
  broker: Pick<RunningMosquitto, 'host' | 'port'>,
  options: Omit<SubOptions, 'count' | 'timeoutS'>,
): { lines: string[]; ready: Promise<void>; stop(): Promise<void> } {
  const args = ['-h', broker.host, '-p', String(broker.port), '-v'];
  for (const t of Array.isArray(options.topic) ? options.topic : [options.topic]) args.push('-t', t);
  if (options.v5) args.push('-V', 'mqttv5');
  if (options.user) args.push('-u', options.user.username, '-P', options.user.password);
  args.push(...(options.extraArgs ?? []), '-d');
  const proc = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      // -d prints the protocol exchange; SUBACK means the subscription is in place.
      if (line.startsWith('Client ') && line.includes('received SUBACK')) resolveReady();
      else if (!line.startsWith('Client ') && !line.startsWith('Subscribed') && line.length > 0) lines.push(line);
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    lines,
    ready,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
