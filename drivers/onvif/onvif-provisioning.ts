import { Type } from '@sinclair/typebox';
import type { DeviceIdentity, DriverDiscovery, DriverProvisioning, ProposeContext, ProposedEntry } from '../core/device-discovery.js';
import { discoverOnvifCameras } from './onvif-discovery.js';
import { WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT } from './onvif-discovery-messages.js';

/** ONVIF's device service listens on HTTP's own port unless the camera says otherwise. */
const ONVIF_HTTP_PORT = 80;

export const onvifSearchOptions = Type.Object(
  {
    search: Type.Optional(Type.Boolean({ default: true, description: 'Send the WS-Discovery probe' })),
    address: Type.Optional(
      Type.String({ minLength: 1, default: WS_DISCOVERY_ADDRESS, description: 'The WS-Discovery multicast group, or one host to ask directly' }),
    ),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: WS_DISCOVERY_PORT, description: 'WS-Discovery UDP port' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 30_000, default: 1500, description: 'How long the probe listens for answers' })),
  },
  { additionalProperties: false },
);

interface OnvifSearchOptions {
  address?: string;
  port?: number;
  timeoutMs?: number;
}

/** WS-Discovery: multicast by default, unicast to a given address. A ProbeMatch names the camera: no probe follows. */
const onvifDiscovery: DriverDiscovery = {
  finds: 'ONVIF camera(s) answered WS-Discovery',
  options: onvifSearchOptions,
  async search(raw) {
    const options = raw as OnvifSearchOptions;
    const address = options.address ?? WS_DISCOVERY_ADDRESS;
    const multicast = address === WS_DISCOVERY_ADDRESS;
    const cameras = await discoverOnvifCameras(
      options.timeoutMs ?? 1500,
      multicast ? { multicast: true } : { multicast: false, unicast: [{ address, port: options.port ?? WS_DISCOVERY_PORT }] },
    );
    return cameras
      .map((c) => {
        const xaddr = c.xaddrs.find((x) => x.includes(c.host)) ?? c.xaddrs[0] ?? `http://${c.host}:${c.port}/`;
        return {
          host: c.host,
          port: c.port,
          settings: { xaddr, name: c.name, hardware: c.hardware },
          detail: `ONVIF camera ${c.name ?? ''} ${c.hardware ?? ''} at ${xaddr}`.replace(/\s+/g, ' '),
        };
      })
      .sort((a, b) => a.settings.xaddr.localeCompare(b.settings.xaddr));
  },
};

/** The answers' `devices.onvif`: the login the room's cameras share. */
const onvifCredentials = Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }, { additionalProperties: false });

function proposeOnvif(identity: DeviceIdentity, context: ProposeContext): ProposedEntry[] {
  if (!('host' in identity.at)) return [];
  const login = context.credentials;
  if (!login) context.note(`${context.endpoint}: ONVIF cameras need a login; add devices.onvif.username and password to the answers`);
  const { host, port } = identity.at;
  const name = cameraName(identity.settings);
  return [
    {
      fields: { host, port: port === ONVIF_HTTP_PORT ? undefined : port, username: login?.username, password: login?.password },
      detail: identity.detail,
      ...(name ? { name } : {}),
    },
  ];
}

/** The camera's own words from its ProbeMatch scopes: its name and its hardware (the model), once each. */
function cameraName(settings: Record<string, unknown>): string | undefined {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = text(settings.name);
  const hardware = text(settings.hardware);
  const both = name.toLowerCase().includes(hardware.toLowerCase())
    ? name
    : hardware.toLowerCase().includes(name.toLowerCase())
      ? hardware
      : `${name} ${hardware}`;
  return both.trim().slice(0, 80) || undefined;
}

/** What provisioning asks of the network for ONVIF cameras (WS-Discovery), their login answers and their entries. */
export const onvifProvisioning: DriverProvisioning = { discover: onvifDiscovery, credentials: onvifCredentials, proposeConfig: proposeOnvif };
