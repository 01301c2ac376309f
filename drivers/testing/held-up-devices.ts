/**
 * Small devices for the held-up-room tests (room-held-up.ts runs them in a worker thread), where
 * the subject is a wait rather than a protocol. Each tells the test what it heard.
 */
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { probeMatchesMessage, readProbe } from '../onvif/onvif-discovery-messages.js';
import { conversation } from '../visca/testing/visca-ip-test-helpers.js';
import { startViscaIpSimulator } from '../visca/visca-ip-simulator.js';

type Tell = (told: unknown) => void;

function listening(server: Server, backlog?: number): Promise<{ endpoint: { port: number }; close(): Promise<void> }> {
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog }, () =>
      resolve({
        endpoint: { port: (server.address() as { port: number }).port },
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

/** Answers each line `PING` with `PONG`, and nothing else. */
export function startPongDevice(_options: object, tell: Tell) {
  return listening(
    createServer((socket) =>
      socket.on('data', (chunk) => {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          tell(line);
          if (line === 'PING') socket.write('PONG\n');
        }
      }),
    ),
  );
}

/** Raw VISCA over TCP, camera 1: PowerInq → on; power on → ACK, completion; nothing else is answered. */
export function startRawViscaCamera(_options: object, tell: Tell) {
  const answers: Record<string, string[]> = { '81 09 04 00 FF': ['90 50 02 FF'], '81 01 04 00 02 FF': ['90 41 FF', '90 51 FF'] };
  return listening(
    createServer((socket) => {
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (let end = buffered.indexOf(0xff); end >= 0; end = buffered.indexOf(0xff)) {
          const frame = [...buffered.subarray(0, end + 1)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
          buffered = buffered.subarray(end + 1);
          tell(frame);
          for (const reply of answers[frame] ?? []) socket.write(Buffer.from(reply.replaceAll(' ', ''), 'hex'));
        }
      });
    }),
  );
}

/**
 * Takes connections and says nothing. Its queue of connections not yet taken holds two: while its
 * thread is frozen, two connections fill it and a third is not answered at all (the kernel drops
 * its SYN), as with a device that is off the network.
 */
export function startSilentListener(_options: object, tell: Tell) {
  return listening(
    createServer(() => tell('connection')),
    1,
  );
}

/** The VISCA-over-IP camera simulator on UDP, telling each datagram it heard as `command #2: 81 01 06 04 FF`. */
export async function startViscaUdpCamera(_options: object, tell: Tell) {
  const camera = await startViscaIpSimulator({ port: 0, heard: (datagram) => tell(conversation([datagram])[0]) });
  return { endpoint: { port: camera.endpoint.port }, close: () => camera.close() };
}

/**
 * Many ONVIF cameras behind one UDP port: each WS-Discovery probe gets `cameras` ProbeMatches
 * (40 by default) at once, more than Node reads of a socket in one turn of its event loop (32).
 */
export async function startCameraCrowd(options: { cameras?: number }, tell: Tell) {
  const cameras = options.cameras ?? 40;
  const socket = createSocket('udp4');
  socket.on('error', () => undefined); // a searcher that closed before the answers came
  socket.on('message', (datagram, from) => {
    const probe = readProbe(String(datagram));
    if (!probe?.messageId) return;
    for (let n = 1; n <= cameras; n++) {
      const match = {
        urn: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        xaddrs: [`http://127.0.0.1:${8000 + n}/onvif/device_service`],
        scopes: [`onvif://www.onvif.org/name/Camera%20${n}`],
        types: ['dn:NetworkVideoTransmitter'],
      };
      socket.send(probeMatchesMessage(probe.messageId, match), from.port, from.address);
    }
    tell(`answered a probe as ${cameras} cameras`);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const port = socket.address().port;
  return { endpoint: { port }, discoveryPort: port, close: () => new Promise<void>((done) => socket.close(() => done())) };
}
