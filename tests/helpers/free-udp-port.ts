import { createSocket } from 'node:dgram';

/** A UDP port nobody uses right now (bound, read, released), for a simulator and a driver to agree on. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
