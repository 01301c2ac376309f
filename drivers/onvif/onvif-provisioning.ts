import { Type } from '@sinclair/typebox';
import type { DeviceIdentity, DriverDiscovery, DriverProbe, DriverProvisioning, ProposeContext, ProposedEntry } from '../core/device-discovery.js';
import { hexPreview } from '../core/device-discovery.js';
import { discoverOnvifCameras } from './onvif-discovery.js';
import { WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT } from './onvif-discovery-messages.js';
import { soapEnvelope } from './onvif-soap.js';

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

/** The device service's path, as every camera we know (and the ONVIF core specification's examples) serves it. */
const DEVICE_SERVICE = '/onvif/device_service';

/** The headers and body of an HTTP answer, once the headers have ended. */
function httpAnswer(bytes: Buffer): { status: number; body: string; whole: boolean } | undefined {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
  const body = bytes.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8');
  const whole = length !== undefined ? Buffer.byteLength(body) >= Number(length) : /<\/([\w-]+:)?Envelope>/.test(body);
  return { status, body, whole };
}

/**
 * A camera IT lists by address (`discovery.hosts`: another VLAN, multicast filtered, so
 * WS-Discovery never reaches it) is asked GetSystemDateAndTime on its device service: the one
 * call ONVIF requires a device to answer before any login.
 */
const onvifProbe: DriverProbe = {
  protocol: 'ONVIF',
  tcp: {
    port: ONVIF_HTTP_PORT,
    label: 'ONVIF GetSystemDateAndTime answer',
    // The Host header names no port: the probe does not know the address it was given, and cameras ignore it.
    request: (() => {
      const body = soapEnvelope('<tds:GetSystemDateAndTime/>');
      return Buffer.from(
        `POST ${DEVICE_SERVICE} HTTP/1.1\r\nHost: camera\r\nContent-Type: application/soap+xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    })(),
    complete: (bytes) => httpAnswer(bytes)?.whole ?? false,
    interpret(bytes, where) {
      const answer = httpAnswer(bytes);
      if (!answer) return { ok: false, why: `answered with bytes that are not HTTP (${hexPreview(bytes, 12)})` };
      if (answer.status === 200 && answer.body.includes('GetSystemDateAndTimeResponse'))
        return { ok: true, settings: {}, detail: `ONVIF camera at http://${where}${DEVICE_SERVICE}` };
      return { ok: false, why: `answers HTTP ${answer.status} at ${DEVICE_SERVICE}, but not as an ONVIF device service` };
    },
  },
};

/** What provisioning asks of the network for ONVIF cameras (WS-Discovery, or a listed address asked directly), their login answers and their entries. */
export const onvifProvisioning: DriverProvisioning = {
  discover: onvifDiscovery,
  probe: onvifProbe,
  credentials: onvifCredentials,
  proposeConfig: proposeOnvif,
};
