import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { listeningWindow, SEARCH_RECEIVE_BUFFER_BYTES } from '../core/reply-deadline.js';
import { probeMessage, readProbeMatch, scopeValue, WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT } from './onvif-discovery-messages.js';

export interface DiscoveredOnvifCamera {
  urn: string;
  /** Host and port of the device service, ready for an `onvif` device entry. */
  host: string;
  port: number;
  xaddrs: string[];
  name?: string;
  hardware?: string;
  scopes: string[];
  /** Address the answer came from. */
  from: string;
}

export interface DiscoverOptions {
  /** Multicast the probe to 239.255.255.250:3702 (default true). */
  multicast?: boolean;
  /** Also probe these addresses directly (cameras on another subnet, or a simulator on loopback). */
  unicast?: { address: string; port?: number }[];
}

/**
 * WS-Discovery: list the ONVIF cameras that answer a Probe within `timeoutMs` (answers waiting
 * unread when the time is up, the room having been held up, are counted; later ones are not). For
 * provisioning (`roomctl provision`). Never rejects: a network that cannot multicast or
 * answers with junk yields fewer cameras, not an exception.
 */
export function discoverOnvifCameras(timeoutMs = 3000, options: DiscoverOptions = {}): Promise<DiscoveredOnvifCamera[]> {
  return new Promise((resolve) => {
    const found = new Map<string, DiscoveredOnvifCamera>();
    const messageId = `urn:uuid:${randomUUID()}`;
    const probe = Buffer.from(probeMessage(messageId));
    const socket = createSocket({ type: 'udp4', reuseAddr: true, recvBufferSize: SEARCH_RECEIVE_BUFFER_BYTES });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      listening.cancel();
      socket.close();
      resolve([...found.values()]);
    };
    const listening = listeningWindow(timeoutMs, finish);
    socket.on('error', () => finish());
    socket.on('message', (datagram: Buffer, from) => {
      listening.heard();
      const match = readProbeMatch(datagram.toString('utf8'), messageId);
      if (!match || found.has(match.urn)) return;
      let url: URL;
      try {
        // Prefer the address the camera answered from when it lists several (one per interface).
        url = new URL(match.xaddrs.find((x) => new URL(x).hostname === from.address) ?? match.xaddrs[0]!);
      } catch {
        return;
      }
      found.set(match.urn, {
        urn: match.urn,
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
        xaddrs: match.xaddrs,
        name: scopeValue(match.scopes, 'name'),
        hardware: scopeValue(match.scopes, 'hardware'),
        scopes: match.scopes,
        from: from.address,
      });
    });
    socket.bind(0, () => {
      const send = (address: string, port: number) => socket.send(probe, port, address, () => undefined);
      if (options.multicast !== false) send(WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT);
      for (const target of options.unicast ?? []) send(target.address, target.port ?? WS_DISCOVERY_PORT);
    });
  });
}
