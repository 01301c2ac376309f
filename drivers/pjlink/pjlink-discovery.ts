import { createSocket } from 'node:dgram';
import { PJLINK_PORT } from './pjlink-codec.js';

/** A display that answered the class 2 search. */
export interface DiscoveredPjlinkDisplay {
  host: string;
  mac: string;
}

export interface PjlinkDiscoveryOptions {
  /** Where the search goes: the LAN broadcast by default; a simulator's address in tests. */
  address?: string;
  port?: number;
}

/**
 * `%2ACKN=00:11:22:33:44:55` → the MAC (upper-case, colon-separated); anything else undefined.
 * Class 2 prints the MAC as six hex pairs separated by colons.
 */
export function parseSearchAck(text: string): string | undefined {
  const m = /^%2ACKN=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\r?$/.exec(typeof text === 'string' ? text : '');
  return m ? m[1]!.toUpperCase() : undefined;
}

/**
 * The PJLink class 2 search for provisioning: broadcast `%2SRCH` on UDP 4352 and collect the
 * `%2ACKN=<mac>` answers for `timeoutMs`. Each display is listed once (by address), whatever
 * it repeats; garbage answers are ignored. Class 1 displays do not answer: list those by hand.
 */
export async function discoverPjlinkDisplays(timeoutMs = 2000, options: PjlinkDiscoveryOptions = {}): Promise<DiscoveredPjlinkDisplay[]> {
  const address = options.address ?? '255.255.255.255';
  const port = options.port ?? PJLINK_PORT;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const found = new Map<string, DiscoveredPjlinkDisplay>();
  socket.on('message', (message, from) => {
    const mac = parseSearchAck(message.toString('latin1'));
    if (mac && !found.has(from.address)) found.set(from.address, { host: from.address, mac });
  });
  socket.on('error', () => undefined); // a failed send shows as "nothing found", not a crash
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.setBroadcast(true);
  await new Promise<void>((resolve) => socket.send('%2SRCH\r', port, address, () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  socket.close();
  return [...found.values()];
}
