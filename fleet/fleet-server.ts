import type { FleetBrokerLink } from './fleet-broker-link.js';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { RoomctlError } from '../drivers/core/errors.js';
import { installErrorHandling } from '../appliance/http/error-handler.js';
import { fleetStorageFailure } from './fleet-storage-error.js';
import { answerClientError } from '../appliance/http/client-errors.js';
import { apiLimits, installConnectionLimits, timeoutOptions } from '../appliance/http/connection-limits.js';
import { installSecurityHeaders } from '../appliance/http/security-headers.js';
import { panelAssets } from '../appliance/http/panel-assets.js';
import { StreamClients } from '../appliance/http/stream-clients.js';
import { TokenAuth } from '../appliance/http/auth.js';
import type { Logger } from '../appliance/logger.js';
import type { ApiLimitsConfig } from '../appliance/config/config-schema.js';
import { PANEL_DIST } from '../appliance/paths.js';
import type { FleetAlertFeed } from './fleet-alert-feed.js';
import type { FleetAlertView, FleetIssue, FleetStreamMessage } from './fleet-api-types.js';
import { installFleetAccess, type DeclaredRoute } from './fleet-access.js';
import type { FleetChangeFeed } from './fleet-change-feed.js';
import { emptyChanges } from './fleet-changes.js';
import type { FleetHistory } from './fleet-history.js';
import { fleetHistoryRoutes } from './fleet-history-routes.js';
import type { FleetIngest } from './fleet-ingest.js';
import type { IssueDesk } from './fleet-issue-desk.js';
import { fleetIssueRoutes } from './fleet-issue-routes.js';
import { limitUpTo, queryOf, ROOM_PARAMS, SLUG } from './fleet-route-schemas.js';
import type { FleetMetrics } from './fleet-metrics.js';
import type { FleetOperators } from './fleet-operators.js';
import { roomKey, roomMatches, type FleetChanges, type FleetStore } from './fleet-store.js';
import { sharedRead } from './shared-read.js';
import { buildSharedSerializer } from '../appliance/http/shared-serializers.js';

const EVENTS_PER_MESSAGE = 200;
const MAX_PENDING_EVENTS = 5_000;
/**
 * What a dashboard may have unsent before it is closed (it starts over from a snapshot when it
 * reconnects): more than the room's stream allows, as one push names up to thousands of rooms.
 */
const STREAM_BUFFER_BYTES = 4 * 1024 * 1024;
/** The open reads over every room (tiles, stats) are queried at most this often; callers meanwhile share the answer. */
const OPEN_READ_MS = 1_000;

/**
 * The fleet dashboard's HTTP face: the dashboard page (panel-ui's fleet.html), a JSON API,
 * and a WebSocket that pushes what changed (batched, at most every `pushMs`), so the page
 * is live without reloads. Every route declares who may call it (fleet-access.ts): room
 * health tiles and metrics are open like the room's own health routes; issues, people's
 * words and history need a named operator's token; managing operators needs an admin.
 */
export async function buildFleetServer(deps: {
  store: FleetStore;
  ingest: FleetIngest;
  metrics: FleetMetrics;
  /** Start-up tokens (`--token`): they act as the admin "facilities". */
  tokens: readonly string[];
  operators: FleetOperators;
  desk: IssueDesk;
  history: FleetHistory;
  alerts: FleetAlertFeed;
  log: Logger;
  /** The database as a person finds it (DIR/fleet.sqlite, or the PostgreSQL URL without its password), named when it refuses a write. */
  database: string;
  pushMs?: number;
  /** What other instances sharing the database committed (PostgreSQL), so this dashboard shows every room live. */
  feed?: FleetChangeFeed;
  /** Staff acknowledged or resolved an issue (the help relay tells the room). */
  onIssueAction?: (issue: FleetIssue) => void | Promise<void>;
  /** Instead of the default bounds on clients (connection-limits.ts). */
  httpLimits?: ApiLimitsConfig;
  now?: () => number;
  /** The link to the broker: the dashboards say when the rooms they show are only as last heard. */
  broker?: FleetBrokerLink;
}): Promise<{ app: FastifyInstance; routes: readonly DeclaredRoute[] }> {
  const { store, ingest } = deps;
  // The room's bounds on what a client may hold (connection-limits.ts): the dashboard is a page on the network too.
  const limits = apiLimits({ streamBufferBytes: STREAM_BUFFER_BYTES, ...deps.httpLimits });
  // The open reads over every room: at most one query a second, whoever asks and how often (shared-read.ts).
  const openRooms = sharedRead(() => store.rooms(), OPEN_READ_MS, deps.now);
  const eventCount = sharedRead(() => store.eventCount(), OPEN_READ_MS, deps.now);
  const app = Fastify({
    ...timeoutOptions(limits),
    loggerInstance: deps.log.child({ component: 'fleet-api' }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
    // Refusals Node makes before routing (headers over 16 KB, malformed HTTP, too slow) leave coded too.
    clientErrorHandler: answerClientError,
    schemaController: { compilersFactory: { buildSerializer: buildSharedSerializer } },
  }) as unknown as FastifyInstance;
  installErrorHandling(app, { storageFailure: fleetStorageFailure(deps.database) });
  installConnectionLimits(app, limits);
  // CSP, nosniff, no referrer, no framing (an operator's click on acknowledge must not be borrowed by another page).
  installSecurityHeaders(app);
  app.removeContentTypeParser('text/plain');
  const routes = installFleetAccess(app, { tokens: deps.tokens, operators: deps.operators });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 } });

  // Live dashboards within the room's caps (in all, per address, unsent bytes, pings): one that stops reading is closed, not buffered for.
  // An operator removed while their dashboard is open stops hearing within seconds (checked again like a room's unpaired panel).
  const startTokens = new TokenAuth(deps.tokens);
  const stillOperator = {
    verify: async (token: string) => startTokens.accepts(token) || (await deps.operators.byToken(token)) !== undefined,
    revoked: 'This token belongs to no operator of this fleet any more',
  };
  const clients = new StreamClients<FleetStreamMessage>(limits, stillOperator, app.log, 'The fleet');
  const broadcast = (message: FleetStreamMessage) => clients.broadcast(message);
  // Changes pile up between pushes: a burst of 10,000 heartbeats is one message per client, and
  // a burst of events goes out in messages of EVENTS_PER_MESSAGE (a burst is not a loss: an
  // instance restarted after a kill delivers its backlog at once).
  const pendingRooms = new Set<string>();
  const pendingIssues = new Set<string>();
  let pendingEvents: FleetChanges['events'] = [];
  let pushTimer: NodeJS.Timeout | undefined;
  const push = async () => {
    const rooms = [...pendingRooms].map((k) => k.split('/') as [string, string]);
    pendingRooms.clear();
    const ids = [...pendingIssues];
    pendingIssues.clear();
    const events = pendingEvents;
    pendingEvents = [];
    // A few statements whatever the burst (a broker back after an outage changes thousands of rooms at once).
    const summaries = await store.roomSummaries(rooms);
    if (summaries.length) broadcast({ type: 'rooms', rooms: summaries });
    const issues = await store.issuesByIds(ids);
    if (issues.length) broadcast({ type: 'issues', issues });
    for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) broadcast({ type: 'events', events: events.slice(i, i + EVENTS_PER_MESSAGE) });
  };
  const pushNow = () => {
    pushTimer = undefined;
    push().catch((err: Error) => deps.log.warn({ err: err.message }, 'the fleet could not read what changed for the dashboard'));
  };
  const schedulePush = () => {
    if (clients.size === 0) {
      pendingRooms.clear();
      pendingIssues.clear();
      pendingEvents = [];
      return;
    }
    pushTimer ??= setTimeout(pushNow, deps.pushMs ?? 200);
  };
  const onChanges = (changes: FleetChanges) => {
    for (const k of changes.rooms) pendingRooms.add(k);
    for (const id of changes.issues) pendingIssues.add(id);
    pendingEvents.push(...changes.events);
    // Bounded: a burst beyond this keeps its newest (the dashboard lists the latest 100 anyway).
    if (pendingEvents.length > MAX_PENDING_EVENTS) pendingEvents = pendingEvents.slice(-MAX_PENDING_EVENTS);
    if (changes.rooms.size || changes.issues.size || changes.events.length) schedulePush();
  };
  const snapshot = async (): Promise<FleetStreamMessage> => ({
    type: 'snapshot',
    rooms: await store.rooms(),
    issues: await store.issues('unresolved'),
    alerts: await deps.alerts.recent(30),
    brokerConnected: deps.broker?.connected ?? true,
  });
  // The feed was cut: what other instances did meanwhile is unknown, so every dashboard starts over.
  const onResync = () => {
    if (clients.size === 0) return;
    snapshot().then(
      (message) => broadcast(message),
      (err: Error) => deps.log.warn({ err: err.message }, 'the fleet could not read a snapshot for the dashboard'),
    );
  };
  ingest.on('changes', onChanges);
  deps.feed?.on('changes', onChanges);
  deps.feed?.on('resync', onResync);
  const onAlert = (alert: FleetAlertView) => broadcast({ type: 'alerts', alerts: [alert] });
  deps.alerts.on('alert', onAlert);
  const onBroker = (connected: boolean) => broadcast({ type: 'broker', connected });
  deps.broker?.on('connection', onBroker);
  app.addHook('onClose', async () => {
    deps.broker?.off('connection', onBroker);
    ingest.off('changes', onChanges);
    deps.feed?.off('changes', onChanges);
    deps.feed?.off('resync', onResync);
    deps.alerts.off('alert', onAlert);
    clearTimeout(pushTimer);
    clients.closeAll();
  });

  app.get(
    '/api/fleet/stream',
    {
      websocket: true,
      config: { fleetAccess: 'operator', tokenInQuery: true },
      // Refused before the upgrade, with a coded answer, when the fleet or this address is at its cap.
      onRequest: async (request) => clients.refuseWhenFull(request.ip),
    },
    async (socket: WebSocket, request) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = bearer ?? (request.query as { token?: string }).token;
      if (!clients.add(socket, request.ip, token)) return;
      clients.send(socket, await snapshot());
    },
  );

  app.get<{ Querystring: { site?: string; status?: string } }>(
    '/api/fleet/rooms',
    {
      config: { fleetAccess: 'open' },
      schema: {
        querystring: queryOf({
          site: { type: 'string', pattern: SLUG },
          status: { type: 'string', enum: ['ok', 'degraded', 'offline', 'auth-failed', 'unknown', 'online'] },
        }),
      },
    },
    async (request) => (await openRooms()).filter((r) => roomMatches(r, request.query)),
  );

  app.get<{ Params: { site: string; room: string }; Querystring: { events?: number } }>(
    '/api/fleet/rooms/:site/:room',
    {
      config: { fleetAccess: 'operator' },
      schema: { params: ROOM_PARAMS, querystring: queryOf({ events: limitUpTo(1000) }) },
    },
    async (request) => {
      const detail = await store.room(request.params.site, request.params.room, request.query.events ?? 100);
      if (!detail) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `The fleet has heard nothing from ${request.params.site}/${request.params.room}`);
      return detail;
    },
  );

  app.get<{ Querystring: { limit?: number } }>(
    '/api/fleet/events',
    {
      config: { fleetAccess: 'operator' },
      schema: { querystring: queryOf({ limit: limitUpTo(1000) }) },
    },
    async (request) => store.events({ limit: request.query.limit ?? 100 }),
  );

  // An operator changed an issue: this dashboard now, the other instances' through the feed.
  const issueChanged = (issue: FleetIssue) => {
    pendingIssues.add(issue.id);
    pendingRooms.add(roomKey(issue.site, issue.room));
    schedulePush();
    store
      .announce({ ...emptyChanges(), rooms: new Set([roomKey(issue.site, issue.room)]), issues: new Set([issue.id]) })
      .catch((err: Error) => deps.log.warn({ err: err.message }, 'the fleet could not tell the other instances'));
  };
  await fleetIssueRoutes(app, { store, desk: deps.desk, operators: deps.operators, onIssueAction: deps.onIssueAction, issueChanged });
  await fleetHistoryRoutes(app, { history: deps.history, desk: deps.desk, alerts: deps.alerts });

  app.get('/api/fleet/stats', { config: { fleetAccess: 'open' } }, async () => ({
    ingest: ingest.stats,
    rooms: (await openRooms()).length,
    events: await eventCount(),
  }));
  app.get('/metrics', { config: { fleetAccess: 'open' } }, async (_request, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.text()));

  if (existsSync(PANEL_DIST)) {
    await app.register(fastifyStatic, panelAssets('fleet.html'));
  } else {
    app.get('/', { config: { fleetAccess: 'open' } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send('<h1>roomctl fleet</h1><p>The dashboard is not built yet: run <code>npm run build</code>. The API is at /api/fleet/rooms.</p>'),
    );
  }
  return { app, routes };
}
