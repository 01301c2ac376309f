import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { DeviceView, StreamMessage } from '../api-types.js';
import type { ApplianceCore } from '../../appliance-core.js';
import type { HelpDesk, HelpRequestView } from '../../help/help-desk.js';
import type { ApiLimits } from '../../http/connection-limits.js';
import { StreamClients } from '../../http/stream-clients.js';

/** Device updates that go out at once before a device is held to one per tick. */
const STREAM_BURST = 10;

interface StreamRouteOptions {
  help?: HelpDesk;
  limits: ApiLimits;
  /** Paired panels, to close the stream of one unpaired while it listens. */
  panels?: { verify(token: string): string | undefined };
}

/**
 * WebSocket /api/v1/stream: a snapshot on connect, then every change, to a room credential
 * (a config token or a paired panel's, as `Authorization: Bearer` or `?token=`, since a
 * browser's WebSocket cannot send headers). A panel that reconnects gets a fresh snapshot and
 * so never misses a state; that is what lets the stream coalesce a chatty device's updates
 * and drop a client that does not read instead of buffering for it.
 */
export async function streamRoute(app: FastifyInstance, core: ApplianceCore, options: StreamRouteOptions): Promise<StreamClients<StreamMessage>> {
  const { help, limits } = options;
  const clients = new StreamClients<StreamMessage>(limits, options.panels, app.log);
  // The status goes out when it changed: a meter level moves the device, not the room's summary.
  let lastStatus = '';
  const broadcastStatus = () => {
    const status = core.status();
    const text = JSON.stringify(status);
    if (text === lastStatus) return;
    lastStatus = text;
    clients.broadcast({ type: 'status', status });
  };
  // Per device, a token bucket: a few updates in a row go out at once (a camera's answers reach
  // the panel without delay), then one per tick, the newest, however fast the device talks.
  const buckets = new Map<string, { tokens: number; at: number; timer?: NodeJS.Timeout; pending?: DeviceView }>();
  const send = (device: DeviceView) => {
    clients.broadcast({ type: 'device', device });
    broadcastStatus();
  };
  const onDevice = (device: DeviceView) => {
    const now = performance.now();
    const bucket = buckets.get(device.id) ?? { tokens: STREAM_BURST, at: now };
    buckets.set(device.id, bucket);
    if (bucket.timer) {
      bucket.pending = device;
      return;
    }
    bucket.tokens = Math.min(STREAM_BURST, bucket.tokens + (now - bucket.at) / limits.streamTickMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      send(device);
      return;
    }
    bucket.pending = device;
    bucket.timer = setTimeout(
      () => {
        const pending = bucket.pending!;
        bucket.timer = undefined;
        bucket.pending = undefined;
        bucket.tokens = 0;
        bucket.at = performance.now();
        send(pending);
      },
      (1 - bucket.tokens) * limits.streamTickMs,
    );
  };
  core.devices.on('device', onDevice);
  // Meeting changes (room state, check-ins, warnings) carry their own message, then the status.
  const onMeeting = (message: StreamMessage) => {
    clients.broadcast(message);
    broadcastStatus();
  };
  core.meetings?.on('change', onMeeting);
  // The data folder filling up (or freed) changes what the room can do: panels hear it at once.
  const onStorage = () => broadcastStatus();
  core.storage?.on('change', onStorage);
  // The call's state (joining, in the call, failed) is in the status: panels show it as it changes.
  core.calls?.on('change', onStorage);
  // A help call answered from the fleet shows on the panel at once, not at its next poll.
  const onHelp = (request: HelpRequestView) => clients.broadcast({ type: 'help', request });
  help?.on('change', onHelp);
  app.addHook('onClose', async () => {
    for (const { timer } of buckets.values()) clearTimeout(timer);
    core.devices.off('device', onDevice);
    core.meetings?.off('change', onMeeting);
    core.storage?.off('change', onStorage);
    core.calls?.off('change', onStorage);
    help?.off('change', onHelp);
    clients.closeAll();
  });

  app.get(
    '/api/v1/stream',
    {
      websocket: true,
      config: { access: 'room-link', upgrade: true },
      // Refused before the upgrade, with a coded answer, when the room or this client is at its cap.
      onRequest: async (request) => clients.refuseWhenFull(request.ip),
    },
    (socket: WebSocket, request) => {
      const panelToken = request.panelId ? bearerOrQuery(request.headers.authorization, request.query) : undefined;
      if (!clients.add(socket, request.ip, panelToken)) return;
      clients.send(socket, { type: 'snapshot', status: core.status(), devices: core.devices.list() });
      if (core.meetings) clients.send(socket, core.meetings.streamMessage());
    },
  );
  return clients;
}

function bearerOrQuery(header: string | undefined, query: unknown): string | undefined {
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  const token = (query as { token?: unknown } | undefined)?.token;
  return bearer ?? (typeof token === 'string' ? token : undefined);
}
