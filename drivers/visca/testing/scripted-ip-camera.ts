import { createSocket, type RemoteInfo } from 'node:dgram';
import { bytes, hex } from '../../testing/hex.js';
import { decodeViscaIp, encodeViscaIp, type ViscaIpType } from '../visca-ip-header.js';

/** One datagram from the driver, readable in a test: `{ type: 'command', sequence: 1, payload: '81 01 06 04 FF' }`. */
export interface SeenPacket {
  type: ViscaIpType | 'invalid';
  sequence: number;
  payload: string;
}

/**
 * A VISCA-over-IP camera played by a test, datagram by datagram, for what the simulator
 * would never do on its own (control errors on demand, silence, odd replies).
 */
export interface ScriptedIpCamera {
  readonly port: number;
  next(timeoutMs?: number): Promise<SeenPacket>;
  /** Answer the last sender: `reply('reply', 1, '90 41 FF')`. */
  reply(type: ViscaIpType, sequence: number, payload: string): Promise<void>;
  /** Send any bytes at all to the last sender, as one datagram. */
  sendRaw(datagram: Uint8Array): Promise<void>;
  /** Take the RESET and the PowerInq of a connect and answer them (power on). */
  answerConnect(): Promise<void>;
  close(): Promise<void>;
}

export async function openScriptedIpCamera(): Promise<ScriptedIpCamera> {
  const socket = createSocket('udp4');
  const backlog: SeenPacket[] = [];
  const waiters: ((p: SeenPacket) => void)[] = [];
  let peer: RemoteInfo | undefined;
  socket.on('message', (datagram: Buffer, from: RemoteInfo) => {
    peer = from;
    const d = decodeViscaIp(datagram);
    const seen: SeenPacket =
      d.kind === 'packet' ? { type: d.type, sequence: d.sequence, payload: hex(d.payload) } : { type: 'invalid', sequence: -1, payload: hex(datagram) };
    const waiter = waiters.shift();
    if (waiter) waiter(seen);
    else backlog.push(seen);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));

  const next = (timeoutMs = 2000) => {
    const ready = backlog.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<SeenPacket>((resolve, reject) => {
      const waiter = (p: SeenPacket) => {
        clearTimeout(timer);
        resolve(p);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`the driver sent nothing within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };
  const reply = (type: ViscaIpType, sequence: number, payload: string) =>
    new Promise<void>((resolve) => socket.send(encodeViscaIp(type, sequence, bytes(payload)), peer!.port, peer!.address, () => resolve()));
  return {
    port: socket.address().port,
    next,
    reply,
    sendRaw: (datagram) => new Promise<void>((resolve) => socket.send(datagram, peer!.port, peer!.address, () => resolve())),
    async answerConnect() {
      const reset = await next();
      await reply('controlReply', reset.sequence, '01');
      const inquiry = await next();
      await reply('reply', inquiry.sequence, '90 50 02 FF');
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
