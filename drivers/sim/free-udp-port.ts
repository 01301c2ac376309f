import { createSocket } from 'node:dgram';

/**
 * A UDP port nobody uses right now (bound, read, released), for a simulator and a driver to agree
 * on: a display's class 2 notifications. `host` narrows the check to one address (tests on
 * loopback); without it the port is free on every address, as a room listening on all needs it.
 */
export async function freeUdpPort(host?: string): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, resolve);
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
