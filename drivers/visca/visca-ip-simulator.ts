import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Socket as TcpSocket } from 'node:net';
import { defineSimulator } from '../sim/define-simulator.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { startTcpSimulatorServer } from '../sim/tcp-simulator-server.js';
import { ViscaCameraSimulator, type ViscaCameraSimulatorOptions } from './visca-camera-simulator.js';
import { ViscaFrameParser } from './visca-frame-parser.js';
import { decodeViscaIp, encodeViscaIp, sameBytes, VISCA_IP_CONTROL, VISCA_IP_PORT, viscaIpTypeOf, type ViscaIpType } from './visca-ip-header.js';
import { parseViscaQuirks, VISCA_QUIRKS } from './visca-sim-quirks.js';
import { VISCA_MODELS } from './visca-profiles.js';
import { ViscaReplyRouter } from './visca-reply-router.js';

export interface ViscaIpSimulatorOptions {
  host?: string;
  /** UDP port for VISCA over IP; 0 picks a free one. */
  port?: number;
  /** Also accept raw VISCA over TCP on this port (0 picks one); off when undefined. */
  tcpPort?: number;
  camera?: Omit<ViscaCameraSimulatorOptions, 'address'>;
  /** Told each datagram as it arrives (a test whose camera runs in another thread counts them). */
  heard?: (datagram: Uint8Array) => void;
}

/** What one controller (UDP address:port) has said: its last sequence number and what we answered. */
interface Peer {
  /** Undefined after RESET: any number is accepted as the next one. */
  lastSequence: number | undefined;
  lastReplies: Uint8Array[];
}

export interface RunningViscaIpSimulator extends RunningSimulator {
  readonly endpoint: { host: string; port: number; tcpPort?: number };
  readonly camera: ViscaCameraSimulator;
  /** Every datagram that arrived (dropped ones included), as received. */
  readonly datagrams: Uint8Array[];
  readonly stats: { dropped: number; duplicates: number; sequenceErrors: number; messageErrors: number; resets: number; repliesSent: number };
  /** Lose the next `count` datagrams that arrive, before the camera sees them. */
  dropIncoming(count?: number): void;
  /** Lose the next `count` replies the camera sends. */
  dropOutgoing(count?: number): void;
  /** The camera restarted or another controller spoke: it now expects numbers above `sequence`. */
  expectSequenceAbove(sequence: number): void;
  /** Powered off: stop answering anything (no ICMP either, as on a real network). */
  silence(on: boolean): void;
  close(): Promise<void>;
}

/**
 * A VISCA camera on the network: Sony VISCA over IP on UDP (header, sequence numbers,
 * RESET, control errors, repeats recognised by their sequence number and answered again
 * without running the command twice) and, optionally, raw VISCA over TCP. The camera
 * itself is the transport-agnostic ViscaCameraSimulator.
 */
export async function startViscaIpSimulator(options: ViscaIpSimulatorOptions = {}): Promise<RunningViscaIpSimulator> {
  const host = options.host ?? '127.0.0.1';
  const camera = new ViscaCameraSimulator({ ...options.camera, address: 1 });
  const router = new ViscaReplyRouter(camera);
  const peers = new Map<string, Peer>();
  const datagrams: Uint8Array[] = [];
  const stats = { dropped: 0, duplicates: 0, sequenceErrors: 0, messageErrors: 0, resets: 0, repliesSent: 0 };
  let dropIn = 0;
  let dropOut = 0;
  let silent = false;
  let minimumSequence: number | undefined;
  let closed = false;

  const udp: Socket = createSocket('udp4');
  const send = (type: ViscaIpType, sequence: number, payload: Uint8Array, to: RemoteInfo, peer?: Peer) => {
    const datagram = encodeViscaIp(type, sequence, payload);
    // Kept for a repeat of this message; a late completion of an older one is not part of it.
    if (peer && peer.lastSequence === sequence) peer.lastReplies.push(datagram);
    if (silent) return;
    if (dropOut > 0) {
      dropOut--;
      stats.dropped++;
      return;
    }
    stats.repliesSent++;
    udp.send(datagram, to.port, to.address);
  };

  const receive = (datagram: Buffer, from: RemoteInfo) => {
    datagrams.push(Uint8Array.from(datagram));
    options.heard?.(datagram);
    if (silent) return;
    if (dropIn > 0) {
      dropIn--;
      stats.dropped++;
      return;
    }
    const key = `${from.address}:${from.port}`;
    const peer = peers.get(key) ?? { lastSequence: minimumSequence, lastReplies: [] };
    peers.set(key, peer);
    const packet = decodeViscaIp(datagram);
    if (packet.kind === 'invalid') {
      // A header we can read but a message we cannot: say so, with its sequence number.
      stats.messageErrors++;
      if (datagram.length >= 8) send('controlReply', datagram.readUInt32BE(4), VISCA_IP_CONTROL.messageError, from);
      return;
    }
    const { type, sequence, payload } = packet;
    if (type === 'control') {
      if (!sameBytes(payload, VISCA_IP_CONTROL.reset)) {
        stats.messageErrors++;
        return send('controlReply', sequence, VISCA_IP_CONTROL.messageError, from);
      }
      stats.resets++;
      peer.lastSequence = undefined;
      peer.lastReplies = [];
      return send('controlReply', sequence, VISCA_IP_CONTROL.reset, from);
    }
    if ((type !== 'command' && type !== 'inquiry') || viscaIpTypeOf(payload) !== type) {
      stats.messageErrors++;
      return send('controlReply', sequence, VISCA_IP_CONTROL.messageError, from);
    }
    if (peer.lastSequence !== undefined && sequence === peer.lastSequence) {
      // A retransmission: the controller missed our answer. Answer again; do not run it twice.
      stats.duplicates++;
      for (const reply of peer.lastReplies) {
        stats.repliesSent++;
        if (!silent) udp.send(reply, from.port, from.address);
      }
      return;
    }
    if (peer.lastSequence !== undefined && sequence < peer.lastSequence) {
      stats.sequenceErrors++;
      return send('controlReply', sequence, VISCA_IP_CONTROL.sequenceError, from);
    }
    peer.lastSequence = sequence;
    peer.lastReplies = [];
    router.handle(payload, (reply) => send('reply', sequence, reply, from, peer));
  };
  udp.on('message', receive);
  udp.on('error', () => undefined); // a controller that went away is not the camera's problem
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(options.port ?? 0, host, () => {
      udp.off('error', reject);
      resolve();
    });
  });

  const serveTcp = (conn: TcpSocket) => {
    const parser = new ViscaFrameParser({ maxFrameLength: 64 });
    conn.on('data', (chunk: Buffer) => {
      if (silent) return;
      for (const frame of parser.push(chunk)) router.handle(frame, (reply) => !conn.destroyed && !silent && conn.write(reply));
    });
  };
  const tcp =
    options.tcpPort === undefined ? undefined : await startTcpSimulatorServer({ host, port: options.tcpPort, noDelay: false, onConnection: serveTcp });
  const endpoint = { host, port: udp.address().port, ...(tcp ? { tcpPort: tcp.endpoint.port } : {}) };

  return {
    endpoint,
    camera,
    datagrams,
    stats,
    dropIncoming: (count = 1) => void (dropIn += count),
    dropOutgoing: (count = 1) => void (dropOut += count),
    expectSequenceAbove(sequence) {
      minimumSequence = sequence;
      for (const peer of peers.values()) peer.lastSequence = sequence;
    },
    silence(on) {
      silent = on;
    },
    async close() {
      if (closed) return;
      closed = true;
      camera.close();
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await tcp?.close();
    },
  };
}

export const viscaIpSimulator = defineSimulator({
  driver: 'visca-ip',
  description: 'A VISCA-over-IP camera on UDP (and raw VISCA on TCP with --tcpPort).',
  options: [
    { name: 'host', value: 'HOST', description: 'the address it serves on', default: '127.0.0.1' },
    { name: 'port', value: 'PORT', description: 'its UDP port; 0 picks a free one', default: VISCA_IP_PORT },
    { name: 'tcpPort', value: 'PORT', description: 'also raw VISCA on this TCP port' },
    { name: 'model', value: 'MODEL', choices: VISCA_MODELS, description: `the camera it plays: ${VISCA_MODELS.join(', ')}` },
  ],
  quirks: VISCA_QUIRKS,
  async start({ host, port, tcpPort, model, quirks }) {
    return startViscaIpSimulator({ host, port, tcpPort, camera: { ...(model ? { model } : {}), quirks: parseViscaQuirks(quirks) } });
  },
});
