import { connect } from 'node:net';
import { hexPreview as hex } from '../../drivers/core/device-discovery.js';
import type { PortVerdict } from './probe-serial-port.js';
import type { ExchangeReply } from './serial-exchange.js';
import type { TcpProtocolProbe } from './driver-probes.js';

export interface HostProbeOptions {
  host: string;
  port: number;
  timeoutMs?: number;
}

/** Connects, writes the probe's question if it has one, and reads until the probe says the answer is whole. */
function tcpExchange(options: HostProbeOptions, probe: TcpProtocolProbe): Promise<ExchangeReply> {
  return new Promise((resolve) => {
    const socket = connect({ host: options.host, port: options.port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (reply: ExchangeReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => {
      const bytes = Buffer.concat(chunks);
      finish(bytes.length ? { kind: 'partial', bytes } : { kind: 'silent' });
    }, options.timeoutMs ?? 1500);
    socket.on('connect', () => {
      if (probe.tcp.request) socket.write(probe.tcp.request);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      if (probe.tcp.complete(bytes)) finish({ kind: 'reply', bytes });
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish({ kind: 'error', message: err.code === 'ECONNREFUSED' ? 'connection refused (nothing listens there)' : err.message }),
    );
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      finish(bytes.length ? { kind: 'partial', bytes } : { kind: 'error', message: 'closed the connection without a word' });
    });
  });
}

/** Asks one host:port one driver's question, in that driver's protocol. */
export async function probeHostWith(probe: TcpProtocolProbe, options: HostProbeOptions): Promise<PortVerdict> {
  const where = `${options.host}:${options.port}`;
  const reply = await tcpExchange(options, probe);
  if (reply.kind === 'error') return { verdict: 'error', detail: `${where}: ${reply.message}` };
  if (reply.kind === 'silent') return { verdict: 'silent', detail: `${where}: connected, but no ${probe.tcp.label} arrived` };
  const reading = probe.tcp.interpret(reply.bytes, where);
  if (reading.ok) return { verdict: 'match', driver: probe.driver, protocol: probe.protocol, settings: reading.settings, detail: reading.detail };
  return { verdict: 'garbage', bytes: hex(reply.bytes), detail: `${where}: ${reading.why}` };
}

/**
 * Asks a host each protocol's question, at the port given or else at each protocol's own
 * port, until one is answered in its protocol. When none is, the first protocol's verdict
 * stands, or garbage when some protocol got bytes it could not read. Says which port answered.
 */
export async function probeHost(
  probes: readonly TcpProtocolProbe[],
  host: string,
  port: number | undefined,
  timeoutMs?: number,
): Promise<{ verdict: PortVerdict; port: number }> {
  let first: { verdict: PortVerdict; port: number } | undefined;
  let garbage: { verdict: PortVerdict; port: number } | undefined;
  for (const probe of probes) {
    const at = port ?? probe.tcp.port;
    const verdict = await probeHostWith(probe, { host, port: at, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    if (verdict.verdict === 'match') return { verdict, port: at };
    first ??= { verdict, port: at };
    if (verdict.verdict === 'garbage') garbage ??= { verdict, port: at };
  }
  return garbage ?? first ?? { verdict: { verdict: 'error', detail: `${host}: no driver in this build asks network devices what they are` }, port: port ?? 0 };
}
