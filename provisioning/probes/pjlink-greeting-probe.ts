import { connect } from 'node:net';
import { hex, type ExchangeReply } from './serial-exchange.js';
import type { PortVerdict } from './probe-serial-port.js';

export interface TcpProbeOptions {
  host: string;
  port?: number;
  timeoutMs?: number;
}

/** Connects and reads what the device says first, up to its first CR. */
function readGreeting(options: TcpProbeOptions): Promise<ExchangeReply> {
  return new Promise((resolve) => {
    const socket = connect({ host: options.host, port: options.port ?? 4352 });
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
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      if (bytes.includes(0x0d) || bytes.length > 256) finish({ kind: 'reply', bytes });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'error', message: err.code === 'ECONNREFUSED' ? 'connection refused (nothing listens there)' : err.message }));
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      finish(bytes.length ? { kind: 'partial', bytes } : { kind: 'error', message: 'closed the connection without a word' });
    });
  });
}

/**
 * A PJLink display greets every connection with `PJLINK 0` (no password) or `PJLINK 1 <random>`
 * (password needed) before it is asked anything, so the greeting alone names the protocol.
 */
export async function probePjlinkGreeting(options: TcpProbeOptions): Promise<PortVerdict> {
  const where = `${options.host}:${options.port ?? 4352}`;
  const reply = await readGreeting(options);
  if (reply.kind === 'error') return { verdict: 'error', detail: `${where}: ${reply.message}` };
  if (reply.kind === 'silent') return { verdict: 'silent', detail: `${where}: connected, but no PJLink greeting arrived` };
  const text = reply.bytes.toString('latin1');
  const m = /^PJLINK ([01])(?: ([0-9a-f]{8}))?\r/i.exec(text);
  if (m) {
    const auth = m[1] === '1';
    return {
      verdict: 'match',
      driver: 'pjlink',
      protocol: 'PJLink',
      settings: { host: options.host, port: options.port ?? 4352, auth },
      detail: `PJLink display at ${where}${auth ? ' (password required)' : ''}`,
    };
  }
  if (/^PJLINK ERRA/i.test(text)) return { verdict: 'garbage', bytes: hex(reply.bytes), detail: `${where}: PJLink refused the session (ERRA) before any command` };
  return { verdict: 'garbage', bytes: hex(reply.bytes), detail: `${where}: greeted with bytes that are not PJLink (${hex(reply.bytes)})` };
}
