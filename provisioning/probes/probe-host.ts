import { connect } from 'node:net';
import { hexPreview as hex } from '../../drivers/core/device-discovery.js';
import { replyDeadline } from '../../drivers/core/reply-deadline.js';
import type { PortVerdict } from './probe-serial-port.js';
import type { ExchangeReply } from './serial-exchange.js';
import type { TcpProtocolProbe } from './driver-probes.js';

export interface HostProbeOptions {
  host: string;
  port: number;
  timeoutMs?: number;
}

/** One TCP connection a probe talks over: each exchange writes a question and reads until its answer is whole. */
interface TcpSession {
  exchange(request: Uint8Array | undefined, complete: (bytes: Buffer) => boolean): Promise<ExchangeReply>;
  close(): void;
}

/**
 * Connects; every exchange on the connection shares one deadline, so follow-up questions stay
 * within the probe's time. It is a reply deadline: a provisioning run held up on a busy room PC
 * reads the answer waiting in the socket before it calls the host silent.
 */
function openTcpSession(options: HostProbeOptions): TcpSession {
  let expired = false;
  const deadline = replyDeadline(options.timeoutMs ?? 1500, () => {
    expired = true;
    woken();
  });
  const socket = connect({ host: options.host, port: options.port });
  let pending = Buffer.alloc(0);
  let ended: ExchangeReply | undefined;
  let wake: (() => void) | undefined;
  const woken = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    woken();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    ended ??= { kind: 'error', message: err.code === 'ECONNREFUSED' ? 'connection refused (nothing listens there)' : err.message };
    woken();
  });
  socket.on('close', () => {
    ended ??= { kind: 'error', message: 'closed the connection without a word' };
    woken();
  });
  const take = (): Buffer => {
    const bytes = pending;
    pending = Buffer.alloc(0);
    return bytes;
  };
  return {
    async exchange(request, complete) {
      // Written before the connection is up, Node sends it once it is.
      if (request && !ended && !socket.destroyed) socket.write(request);
      for (;;) {
        if (pending.length > 0 && complete(pending)) return { kind: 'reply', bytes: take() };
        if (ended || expired) {
          const bytes = take();
          if (bytes.length > 0) return { kind: 'partial', bytes };
          return ended ?? { kind: 'silent' };
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    close() {
      deadline.cancel();
      socket.destroy();
    },
  };
}

/**
 * Asks one host:port one driver's question, in that driver's protocol, and when the answer is
 * that protocol's, the driver's follow-up questions (what the device calls itself) on the same connection.
 */
export async function probeHostWith(probe: TcpProtocolProbe, options: HostProbeOptions, credentials?: Record<string, unknown>): Promise<PortVerdict> {
  const where = `${options.host}:${options.port}`;
  const session = openTcpSession(options);
  try {
    const reply = await session.exchange(probe.tcp.request, probe.tcp.complete);
    if (reply.kind === 'error') return { verdict: 'error', detail: `${where}: ${reply.message}` };
    if (reply.kind === 'silent') return { verdict: 'silent', detail: `${where}: connected, but no ${probe.tcp.label} arrived` };
    const reading = probe.tcp.interpret(reply.bytes, where);
    if (!reading.ok) return { verdict: 'garbage', bytes: hex(reply.bytes), detail: `${where}: ${reading.why}` };
    const conversation = {
      ask: async (request: Uint8Array, complete: (bytes: Buffer) => boolean) => {
        const answer = await session.exchange(request, complete);
        return answer.kind === 'reply' ? answer.bytes : undefined;
      },
    };
    // What the device tells of itself is a bonus: a device that says nothing is still found.
    const told = reply.kind === 'reply' && probe.tcp.identify ? await probe.tcp.identify(conversation, reply.bytes, credentials).catch(() => ({})) : {};
    return { verdict: 'match', driver: probe.driver, protocol: probe.protocol, settings: { ...reading.settings, ...told }, detail: reading.detail };
  } finally {
    session.close();
  }
}

/**
 * Asks a host each protocol's question, at the port given or else at each protocol's own
 * port, until one is answered in its protocol (a probe that logs in to ask more takes its
 * driver's answers section from `credentialsOf`). When none is: garbage when some protocol got
 * bytes it could not read, else what happened to every question (not only the first's), by
 * port. Says which port answered.
 */
export async function probeHost(
  probes: readonly TcpProtocolProbe[],
  host: string,
  port: number | undefined,
  timeoutMs?: number,
  credentialsOf: (driver: string) => Record<string, unknown> | undefined = () => undefined,
): Promise<{ verdict: PortVerdict; port: number }> {
  let first: { verdict: PortVerdict; port: number } | undefined;
  let garbage: { verdict: PortVerdict; port: number } | undefined;
  const unanswered = new Map<number, string[]>();
  for (const probe of probes) {
    const at = port ?? probe.tcp.port;
    const verdict = await probeHostWith(probe, { host, port: at, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }, credentialsOf(probe.driver));
    if (verdict.verdict === 'match') return { verdict, port: at };
    first ??= { verdict, port: at };
    if (verdict.verdict === 'garbage') garbage ??= { verdict, port: at };
    const said = verdict.detail.replace(`${host}:${at}: `, '');
    unanswered.set(at, [...(unanswered.get(at) ?? []), ...(unanswered.get(at)?.includes(said) ? [] : [said])]);
  }
  if (garbage) return garbage;
  if (!first) return { verdict: { verdict: 'error', detail: `${host}: no driver in this build asks network devices what they are` }, port: port ?? 0 };
  const detail = [...unanswered].map(([at, said]) => `${host}:${at}: ${said.join('; ')}`).join('; ');
  return { verdict: { ...first.verdict, detail } as PortVerdict, port: first.port };
}
