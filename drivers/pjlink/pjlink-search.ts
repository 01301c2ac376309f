import { createSocket, type Socket } from 'node:dgram';
import { Type } from '@sinclair/typebox';
import type { Discovered, DriverDiscovery } from '../core/device-discovery.js';
import { listeningWindow, type ListeningWindow, SEARCH_RECEIVE_BUFFER_BYTES } from '../core/reply-deadline.js';
import { parseSearchAck, PJLINK_PORT, PJLINK_SEARCH } from './pjlink-codec.js';

export const pjlinkSearchOptions = Type.Object(
  {
    search: Type.Optional(Type.Boolean({ default: true, description: 'Send the class 2 search (class 1 displays do not answer it: list those under hosts)' })),
    searchAddresses: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { default: ['255.255.255.255'], description: 'Where %2SRCH goes: the broadcast address, or hosts' }),
    ),
    searchPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: PJLINK_PORT, description: 'UDP port displays listen on' })),
    replyPort: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 65535,
        default: PJLINK_PORT,
        description: "Port to search from: displays answer to UDP 4352 of the searcher; 0 (any) for those that answer the sender's port",
      }),
    ),
    tcpPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: PJLINK_PORT, description: 'TCP port the found displays are asked on' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 30_000, default: 1500, description: 'How long the search listens for answers' })),
  },
  { additionalProperties: false },
);

export interface PjlinkSearchOptions {
  searchAddresses?: string[];
  searchPort?: number;
  replyPort?: number;
  tcpPort?: number;
  timeoutMs?: number;
}

/**
 * The class 2 search: send `%2SRCH` and collect every `%2ACKN=<mac>` until the timeout, one
 * entry per host whatever it repeats; garbage answers are ignored, silence is an empty list.
 * Answers waiting unread when the time is up (the room was held up) are counted; later ones are not.
 */
export async function searchPjlinkDisplays(options: PjlinkSearchOptions): Promise<Discovered[]> {
  const port = options.searchPort ?? PJLINK_PORT;
  const socket = await openSocket(options.replyPort ?? PJLINK_PORT);
  const found = new Map<string, Discovered>();
  let listening: ListeningWindow | undefined;
  socket.on('message', (message, from) => {
    listening?.heard();
    const mac = parseSearchAck(message.toString('latin1'));
    if (mac && !found.has(from.address)) found.set(from.address, { host: from.address, port: options.tcpPort ?? PJLINK_PORT, settings: { mac } });
  });
  try {
    socket.setBroadcast(true);
    for (const address of options.searchAddresses ?? ['255.255.255.255']) socket.send(PJLINK_SEARCH, port, address, () => undefined);
    await new Promise<void>((resolve) => (listening = listeningWindow(options.timeoutMs ?? 1500, resolve)));
  } finally {
    socket.close();
  }
  return [...found.values()];
}

export const pjlinkDiscovery: DriverDiscovery = {
  finds: 'PJLink display(s) answered the search',
  options: pjlinkSearchOptions,
  search: (options) => searchPjlinkDisplays(options as PjlinkSearchOptions),
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
  const socket = createSocket({ type: 'udp4', recvBufferSize: SEARCH_RECEIVE_BUFFER_BYTES });
  return new Promise((resolve, reject) => {
    socket.once('error', (err) => {
      socket.close();
      reject(err);
    });
    socket.bind(port, () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // a failed send shows as "nothing found", not a crash
      resolve(socket);
    });
  });
}
