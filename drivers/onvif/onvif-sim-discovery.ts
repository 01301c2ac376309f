import { createSocket, type Socket } from 'node:dgram';
import { probeMatchesMessage, readProbe, WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT, type ProbeMatch } from './onvif-discovery-messages.js';

export interface DiscoveryResponderOptions {
  /** UDP port to listen on: 3702 for real WS-Discovery (shared with others), 0 for a private one in tests. */
  port?: number;
  /** Join 239.255.255.250 (default: when listening on 3702). */
  multicast?: boolean;
  /** IPv4 addresses of the interfaces to hear multicast on; default the default interface and loopback. */
  interfaces?: (string | undefined)[];
  /** The answer: who this camera is and where its device service lives. */
  match: () => ProbeMatch;
}

export interface DiscoveryResponder {
  readonly port: number;
  /** Probes answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

/** Types this camera is: a probe for any of them (or for nothing in particular) gets an answer. */
const OUR_TYPES = new Set(['NetworkVideoTransmitter', 'Device']);

/**
 * The camera side of WS-Discovery: answer each Probe for a video transmitter with a
 * ProbeMatches sent straight back to the prober. Several simulators can share port 3702
 * (SO_REUSEADDR), as several cameras on one host would; each answers for itself.
 */
export async function startDiscoveryResponder(options: DiscoveryResponderOptions): Promise<DiscoveryResponder> {
  const port = options.port ?? WS_DISCOVERY_PORT;
  const multicast = options.multicast ?? port === WS_DISCOVERY_PORT;
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  let answered = 0;
  socket.on('error', () => undefined); // a prober that vanished is no reason to stop answering others
  socket.on('message', (datagram: Buffer, from) => {
    const probe = readProbe(datagram.toString('utf8'));
    if (!probe || !probe.messageId) return;
    if (probe.types.length > 0 && !probe.types.some((t) => OUR_TYPES.has(t))) return;
    answered++;
    socket.send(Buffer.from(probeMatchesMessage(probe.messageId, options.match())), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    // Multicast arrives only on a socket bound to the wildcard address.
    socket.bind(port, multicast ? undefined : '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  if (multicast) {
    // The default interface, and loopback so a controller on this host finds us too.
    for (const iface of options.interfaces ?? [undefined, '127.0.0.1']) {
      try {
        socket.addMembership(WS_DISCOVERY_ADDRESS, iface);
      } catch {
        // No multicast route (a container without networking): unicast probes still work.
      }
    }
  }
  return {
    port: socket.address().port,
    get answered() {
      return answered;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
