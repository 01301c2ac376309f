import { createSocket, type Socket } from 'node:dgram';

/** A display that answered the PJLink class 2 search. */
export interface FoundPjlinkDisplay {
  host: string;
  mac?: string;
}

export interface PjlinkSearchOptions {
  /** Where to send `%2SRCH`: the broadcast address by default, or hosts / loopback in tests. */
  addresses?: string[];
  /** UDP port displays listen on (4352). */
  port?: number;
  /**
   * The port to search from. PJLink displays send `%2ACKN` to UDP 4352 of the searcher, so
   * 4352 by default; 0 (any) is enough for displays that answer the sender's port.
   */
  replyPort?: number;
  timeoutMs?: number;
}

export type PjlinkSearch = (options: PjlinkSearchOptions) => Promise<FoundPjlinkDisplay[]>;

const ACKN = /^%2ACKN=([0-9A-Fa-f:]{17})\r?$/;

/** Sends `%2SRCH` and collects every `%2ACKN=<mac>` until the timeout; one entry per host. */
export const searchPjlinkDisplays: PjlinkSearch = async (options) => {
  const port = options.port ?? 4352;
  const addresses = options.addresses ?? ['255.255.255.255'];
  const socket = await openSocket(options.replyPort ?? port);
  const found = new Map<string, FoundPjlinkDisplay>();
  socket.on('message', (message, from) => {
    const m = ACKN.exec(message.toString('latin1'));
    if (m) found.set(from.address, { host: from.address, mac: m[1]!.toLowerCase() });
  });
  try {
    socket.setBroadcast(true);
    for (const address of addresses) socket.send('%2SRCH\r', port, address, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 1500));
  } finally {
    socket.close();
  }
  return [...found.values()];
};

/** Binds the reply port, or any port when it is taken (another controller, a parallel test). */
async function openSocket(port: number): Promise<Socket> {
  try {
    return await bound(port);
  } catch {
    return bound(0);
  }
}

function bound(port: number): Promise<Socket> {
  const socket = createSocket({ type: 'udp4' });
  return new Promise((resolve, reject) => {
    socket.once('error', (err) => {
      socket.close();
      reject(err);
    });
    socket.bind(port, () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}
