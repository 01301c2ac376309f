import { discoverOnvifCameras } from '../../drivers/onvif/onvif-discovery.js';

/** A camera that answered the WS-Discovery probe. */
export interface FoundOnvifCamera {
  host: string;
  port: number;
  /** The device service URL (XAddrs), e.g. http://10.0.0.21/onvif/device_service */
  xaddr: string;
  name?: string;
  hardware?: string;
}

export interface OnvifDiscoveryOptions {
  /** WS-Discovery multicast group by default; a host or loopback in tests. */
  address?: string;
  port?: number;
  timeoutMs?: number;
}

export type OnvifDiscovery = (options: OnvifDiscoveryOptions) => Promise<FoundOnvifCamera[]>;

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

/** WS-Discovery through the ONVIF driver's prober: multicast by default, unicast to a given address. */
export const discoverOnvifByProbe: OnvifDiscovery = async (options) => {
  const address = options.address ?? WS_DISCOVERY_ADDRESS;
  const port = options.port ?? WS_DISCOVERY_PORT;
  const multicast = address === WS_DISCOVERY_ADDRESS;
  const cameras = await discoverOnvifCameras(options.timeoutMs ?? 1500, multicast ? { multicast: true } : { multicast: false, unicast: [{ address, port }] });
  return cameras.map((c) => {
    const found: FoundOnvifCamera = { host: c.host, port: c.port, xaddr: c.xaddrs.find((x) => x.includes(c.host)) ?? c.xaddrs[0] ?? `http://${c.host}:${c.port}/` };
    if (c.name) found.name = c.name;
    if (c.hardware) found.hardware = c.hardware;
    return found;
  });
};
