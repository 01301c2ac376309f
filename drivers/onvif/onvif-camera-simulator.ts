import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FAULTS, soapEnvelope, soapFault, type SoapFault } from './onvif-soap.js';
import { OnvifPtzState, type OnvifPtzStateOptions } from './onvif-ptz-state.js';
import { OnvifSimAuth, PRE_AUTH_OPERATIONS, type OnvifAuthMode } from './onvif-sim-auth.js';
import { EIGHT_PRESETS, LOCKOUT, simGeometry, type OnvifQuirk } from './onvif-sim-quirks.js';
import { SimFault, type OnvifSimContext, type OperationHandler } from './onvif-sim-context.js';
import { DEVICE_MEDIA_OPERATIONS } from './onvif-sim-device-media.js';
import { startDiscoveryResponder, type DiscoveryResponder } from './onvif-sim-discovery.js';
import { OnvifSimEvents } from './onvif-sim-events.js';
import { PTZ_OPERATIONS } from './onvif-sim-ptz.js';
import { serveSnapshot } from './onvif-sim-snapshot.js';
import { SIM_SNAPSHOT_JPEG } from './onvif-sim-snapshot-jpeg.js';
import { child, descendant, parseXml, XML_MAX_LENGTH } from './onvif-xml.js';

export interface OnvifSimulatorOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Host written into XAddrs and URIs when it differs from `host` (e.g. listening on 0.0.0.0). */
  advertisedHost?: string;
  /** Credentials the camera checks; none means an open camera. */
  auth?: { username: string; password: string; mode?: OnvifAuthMode };
  /** WS-Discovery: `false` for none, a port (3702 = the real one, multicast) or 0 for a private unicast one. */
  discovery?: false | { port?: number; multicast?: boolean; interfaces?: (string | undefined)[] };
  /** Offer the pull-point event service (default true). */
  events?: boolean;
  /** Longest a PullMessages waits for an event before answering with none. */
  eventWaitMs?: number;
  ptz?: OnvifPtzStateOptions;
  name?: string;
  rtspUri?: string;
  /** The JPEG behind GetSnapshotUri (default: a 256×144 test picture); null: the camera offers no snapshot. */
  snapshot?: Buffer | null;
  /** Quirk profiles to play (onvif-sim-quirks.ts). */
  quirks?: readonly OnvifQuirk[];
  /** How long SetPreset/GotoPreset take under `slow-presets` (default 1.5 s, as measured on real firmware). */
  presetDelayMs?: number;
  /** GetNodes without SupportedPTZSpaces (a trimmed node), so only GetConfigurationOptions tells the ranges. */
  spacesOnlyInOptions?: boolean;
}

export interface SimRequestRecord {
  operation: string;
  auth: 'none' | 'ws-security' | 'digest';
  status: number;
}

export interface RunningOnvifSimulator {
  readonly endpoint: { host: string; port: number };
  readonly urn: string;
  readonly discoveryPort: number | undefined;
  readonly ptz: OnvifPtzState;
  readonly events: OnvifSimEvents | undefined;
  /** Every SOAP request, in order (capped), with how it was authenticated; snapshot GETs as `GET snapshot`. */
  readonly requests: SimRequestRecord[];
  readonly auth: OnvifSimAuth;
  /** Someone changes the password on the camera: the configured one stops working. */
  setPassword(password: string): void;
  /** What the snapshot URI serves from now on (any bytes, to play a broken camera); null: no snapshot. */
  setSnapshot(jpeg: Buffer | null): void;
  /** The camera loses power: the HTTP port stops answering (connections refused). */
  unplug(): Promise<void>;
  /** Power back: the same port answers again, state as it was. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

const MAX_RECORDS = 10_000;

/**
 * An ONVIF PTZ camera on loopback: a real HTTP SOAP server for the Device, Media, PTZ and
 * (pull-point) Event services, WS-UsernameToken and HTTP digest authentication, a snapshot
 * URI serving a real JPEG (digest-protected), and WS-Discovery on UDP. Its position moves over time (OnvifPtzState). Real enough for the
 * `onvif` npm client and for libonvif's onvif-util.
 */
export async function startOnvifSimulator(options: OnvifSimulatorOptions = {}): Promise<RunningOnvifSimulator> {
  const host = options.host ?? '127.0.0.1';
  const urn = `urn:uuid:${randomUUID()}`;
  const quirks: ReadonlySet<OnvifQuirk> = new Set(options.quirks ?? []);
  const ptz = new OnvifPtzState({ ...(quirks.has('eight-presets') ? { maxPresets: EIGHT_PRESETS } : {}), ...options.ptz });
  const auth = new OnvifSimAuth(options.auth ? (options.auth.mode ?? 'any') : 'none', options.auth, quirks.has('lockout') ? LOCKOUT : undefined);
  const requests: SimRequestRecord[] = [];
  const name = options.name ?? 'roomctl ONVIF simulator';
  let server: Server | undefined;
  let port = options.port ?? 0;
  let closed = false;

  const ctx = {
    ptz,
    quirks,
    geometry: simGeometry([...quirks]),
    presetDelayMs: options.presetDelayMs,
    spacesOnlyInOptions: options.spacesOnlyInOptions,
    snapshot: options.snapshot === undefined ? SIM_SNAPSHOT_JPEG : options.snapshot,
    info: { manufacturer: 'roomctl', model: 'SIM-PTZ', firmwareVersion: '1.0.0', serialNumber: 'SIM-0001', hardwareId: 'sim-ptz-1' },
  } as OnvifSimContext;
  const operations: Record<string, OperationHandler> = { ...DEVICE_MEDIA_OPERATIONS, ...PTZ_OPERATIONS };

  const respond = (res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}) => {
    const body = Buffer.from(xml, 'utf8');
    // Explicit Content-Length, in this spelling: libonvif reads it from the raw header text.
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': String(body.length), ...headers });
    res.end(body);
  };
  const fault = (res: ServerResponse, f: SoapFault, headers?: Record<string, string>) => respond(res, f.side === 'Sender' ? 400 : 500, soapFault(f), headers);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url?.startsWith('/snapshot/')) {
      const served = serveSnapshot(req, res, auth, ctx.snapshot);
      if (requests.length < MAX_RECORDS) requests.push({ operation: 'GET snapshot', ...served });
      return;
    }
    if (req.method !== 'POST') return respond(res, 405, soapFault(FAULTS.actionNotSupported));
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > XML_MAX_LENGTH) return respond(res, 413, soapFault(FAULTS.wellFormed), { Connection: 'close' });
      chunks.push(chunk);
    }
    const envelope = parseXml(Buffer.concat(chunks).toString('utf8'));
    const request = envelope?.name === 'Envelope' ? child(envelope, 'Body')?.children[0] : undefined;
    if (!envelope || !request) return fault(res, FAULTS.wellFormed);
    const operation = request.name;
    const record: SimRequestRecord = { operation, auth: 'none', status: 200 };
    if (requests.length < MAX_RECORDS) requests.push(record);
    const reply = (status: number, xml: string, headers?: Record<string, string>) => {
      record.status = status;
      respond(res, status, xml, headers);
    };

    // ONVIF lets anyone read the clock (clients need it for their password digests) and the services.
    if (auth.mode !== 'none' && !PRE_AUTH_OPERATIONS.has(operation)) {
      const hasToken = descendant(child(envelope, 'Header'), 'UsernameToken') !== undefined;
      const tried = hasToken || req.headers.authorization !== undefined;
      const locked = auth.locked;
      const ws = !locked && (auth.mode === 'ws-security' || auth.mode === 'any') && auth.checkUsernameToken(envelope);
      const digest = !locked && !ws && (auth.mode === 'digest' || auth.mode === 'any') && auth.checkDigest(req.headers.authorization, 'POST');
      record.auth = ws ? 'ws-security' : digest ? 'digest' : 'none';
      if (!ws && !digest) {
        if (tried && !locked) auth.noteFailure();
        if (auth.mode === 'digest' || (auth.mode === 'any' && !hasToken && !req.headers.authorization)) {
          return reply(401, soapFault(FAULTS.notAuthorized), { 'WWW-Authenticate': auth.digestChallenge() });
        }
        return reply(400, soapFault(FAULTS.notAuthorized));
      }
    }
    if (operation === 'CreatePullPointSubscription' && quirks.has('events-refused')) return reply(500, soapFault(FAULTS.actionNotSupported));
    const handler = operations[operation] ?? ctx.events?.operations[operation];
    if (!handler) return reply(500, soapFault(FAULTS.actionNotSupported));
    try {
      reply(200, soapEnvelope(await handler(ctx, request, envelope, req.url ?? '/')));
    } catch (err) {
      const f: SoapFault = err instanceof SimFault ? err.fault : { side: 'Receiver', subcodes: ['Action'], reason: String(err) };
      reply(f.side === 'Sender' ? 400 : 500, soapFault(f));
    }
  };

  const listen = async () => {
    const s = createServer((req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) respond(res, 500, soapFault({ side: 'Receiver', subcodes: ['Action'], reason: 'internal error' }));
        else res.destroy();
      });
    });
    s.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => resolve());
    });
    const address = s.address();
    port = typeof address === 'object' && address ? address.port : port;
    server = s;
  };
  await listen();

  const advertised = options.advertisedHost ?? host;
  ctx.baseUrl = `http://${advertised}:${port}`;
  ctx.rtspUri = options.rtspUri ?? `rtsp://${advertised}:8554/sim`;
  ctx.hostname = 'roomctl-onvif-sim';
  ctx.scopes = [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/type/ptz',
    'onvif://www.onvif.org/Profile/Streaming',
    `onvif://www.onvif.org/name/${encodeURIComponent(name)}`,
    'onvif://www.onvif.org/hardware/SIM-PTZ',
  ];
  const events = options.events === false ? undefined : new OnvifSimEvents(ctx.baseUrl, options.eventWaitMs);
  ctx.events = events;
  // Movement start and end become events, as PTZ cameras report them on the event service.
  ptz.on('moving', (p) =>
    events?.publish({
      topic: 'tns1:PTZController/MoveStatus',
      source: { PTZConfigurationToken: 'ptz_cfg' },
      data: { MoveStatus: 'MOVING', PanTilt: `${p.pan},${p.tilt}` },
    }),
  );
  ptz.on('idle', (p) =>
    events?.publish({
      topic: 'tns1:PTZController/MoveStatus',
      source: { PTZConfigurationToken: 'ptz_cfg' },
      data: { MoveStatus: 'IDLE', PanTilt: `${p.pan},${p.tilt}` },
    }),
  );

  let discovery: DiscoveryResponder | undefined;
  if (options.discovery !== false) {
    discovery = await startDiscoveryResponder({
      port: options.discovery?.port ?? 0,
      multicast: options.discovery?.multicast,
      interfaces: options.discovery?.interfaces,
      match: () => ({ urn, xaddrs: [`${ctx.baseUrl}/onvif/device_service`], scopes: ctx.scopes, types: ['dn:NetworkVideoTransmitter', 'tds:Device'] }),
    });
  }

  const stopServer = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  return {
    endpoint: { host: advertised, port },
    urn,
    discoveryPort: discovery?.port,
    ptz,
    events,
    requests,
    auth,
    setPassword: (password) => auth.setPassword(password),
    setSnapshot: (jpeg) => {
      ctx.snapshot = jpeg;
    },
    unplug: stopServer,
    replug: async () => {
      if (!server) await listen();
    },
    async close() {
      if (closed) return;
      closed = true;
      ptz.close();
      await stopServer();
      await discovery?.close();
    },
  };
}
