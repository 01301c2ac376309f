import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isValidInputCode, parseErrorStatus, parseMuteState, parsePowerState, parseResponse, type ErrorStatus, type PowerState } from './pjlink-codec.js';

/** What one notification line tells (`%2POWR=1` → `{power: 'on'}`); undefined for lines that tell nothing we show. */
export interface NotificationNews {
  power?: PowerState;
  input?: string;
  mute?: boolean;
  blank?: boolean;
  errors?: ErrorStatus;
}

export function parseNotification(line: string): NotificationNews | undefined {
  const reply = parseResponse(line);
  if (reply.kind !== 'value' || reply.pjlinkClass !== 2) return undefined;
  const { command, value } = reply;
  if (command === 'POWR') {
    const power = parsePowerState(value);
    return power ? { power } : undefined;
  }
  if (command === 'INPT') return isValidInputCode(value, 2) ? { input: value } : undefined;
  if (command === 'AVMT') {
    const mute = parseMuteState(value);
    return mute ? { mute: mute.audio, blank: mute.video } : undefined;
  }
  if (command === 'ERST') {
    const errors = parseErrorStatus(value);
    return errors ? { errors } : undefined;
  }
  // LKUP (the display came up) and the rest: the next probe reads what matters.
  return undefined;
}

type Listener = { from: string; onLine(line: string): void };

interface SharedPort {
  socket: UdpSocket;
  bound: Promise<void>;
  listeners: Set<Listener>;
}

/**
 * Class 2 displays send status notifications (`%2POWR=1`, `%2INPT=31`, `%2ERST=…`, `%2LKUP=…`)
 * by UDP to port 4352 of the controller that last connected. Several displays of one room
 * share that port, so one socket per port is shared and each line goes to the driver of the
 * display it came from (by address). The port is released when its last driver stops.
 */
const ports = new Map<number, SharedPort>();

export async function listenForNotifications(port: number, displayHost: string, onLine: (line: string) => void): Promise<() => void> {
  const from = await lookup(displayHost, { family: 4 }).then(
    (a) => a.address,
    () => displayHost,
  );
  let shared = ports.get(port);
  if (!shared) {
    const socket = createSocket('udp4');
    const listeners = new Set<Listener>();
    socket.on('message', (message, rinfo) => {
      const address = rinfo.address.replace(/^::ffff:/, '');
      for (const line of message.toString('latin1').split('\r')) {
        if (!line.startsWith('%2')) continue;
        for (const l of listeners) if (l.from === address) l.onLine(line);
      }
    });
    const bound = new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        socket.unref();
        resolve();
      });
    });
    shared = { socket, bound, listeners };
    ports.set(port, shared);
    bound.catch(() => ports.delete(port));
  }
  await shared.bound;
  const listener: Listener = { from, onLine };
  shared.listeners.add(listener);
  const owner = shared;
  return () => {
    owner.listeners.delete(listener);
    if (owner.listeners.size === 0 && ports.get(port) === owner) {
      ports.delete(port);
      owner.socket.close();
    }
  };
}
