import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { RoomctlError } from '../drivers/core/errors.js';
import { TokenAuth } from '../appliance/http/auth.js';
import { installErrorHandling } from '../appliance/http/error-handler.js';
import type { Logger } from '../appliance/logger.js';
import { PANEL_DIST } from '../appliance/paths.js';
import type { FleetIssue, FleetStreamMessage } from './fleet-api-types.js';
import type { FleetChangeFeed } from './fleet-change-feed.js';
import type { FleetIngest } from './fleet-ingest.js';
import type { FleetMetrics } from './fleet-metrics.js';
import { roomKey, type FleetChanges, type FleetStore } from './fleet-store.js';
import { buildSharedSerializer } from '../appliance/http/shared-serializers.js';

const SLUG = '^[a-z0-9][a-z0-9-]{0,62}$';
const IssueAction = { type: 'object', additionalProperties: false, properties: { by: { type: 'string', minLength: 1, maxLength: 80 } } } as const;

/**
 * The fleet dashboard's HTTP face: the dashboard page (panel-ui's fleet.html), a JSON API,
 * and a WebSocket that pushes what changed (batched, at most every `pushMs`), so the page
 * is live without reloads. Reads are open like the room API's; acknowledging and resolving
 * need a bearer token.
 */
export async function buildFleetServer(deps: {
  store: FleetStore;
  ingest: FleetIngest;
  metrics: FleetMetrics;
  tokens: readonly string[];
  log: Logger;
  pushMs?: number;
  /** What other instances sharing the database committed (PostgreSQL), so this dashboard shows every room live. */
  feed?: FleetChangeFeed;
  /** Staff acknowledged or resolved an issue (the help relay tells the room). */
  onIssueAction?: (issue: FleetIssue) => void | Promise<void>;
}): Promise<FastifyInstance> {
  const { store, ingest } = deps;
  const app = Fastify({ loggerInstance: deps.log.child({ component: 'fleet-api' }) as unknown as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 16 * 1024, schemaController: { compilersFactory: { buildSerializer: buildSharedSerializer } } }) as unknown as FastifyInstance;
  const auth = new TokenAuth(deps.tokens);
  installErrorHandling(app);
  app.addHook('onRequest', async (request) => {
    if (request.method === 'POST') auth.check(request);
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 } });

  const clients = new Set<WebSocket>();
  const broadcast = (message: FleetStreamMessage) => {
    if (clients.size === 0) return;
    const text = JSON.stringify(message);
    for (const socket of clients) if (socket.readyState === socket.OPEN) socket.send(text);
  };
  // Changes pile up between pushes: a burst of 10,000 heartbeats is one message per client.
  const pendingRooms = new Set<string>();
  const pendingIssues = new Set<string>();
  let pendingEvents: FleetChanges['events'] = [];
  let pushTimer: NodeJS.Timeout | undefined;
  const push = async () => {
    const rooms = [...pendingRooms].map((k) => k.split('/') as [string, string]);
    pendingRooms.clear();
    const ids = [...pendingIssues];
    pendingIssues.clear();
    const events = pendingEvents.slice(-200);
    pendingEvents = [];
    const summaries = (await Promise.all(rooms.map(([site, room]) => store.roomSummary(site, room)))).filter((r) => r !== undefined);
    if (summaries.length) broadcast({ type: 'rooms', rooms: summaries });
    const issues = (await Promise.all(ids.map((id) => store.issue(id)))).filter((i): i is FleetIssue => i !== undefined);
    if (issues.length) broadcast({ type: 'issues', issues });
    if (events.length) broadcast({ type: 'events', events });
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
    if (changes.rooms.size || changes.issues.size || changes.events.length) schedulePush();
  };
  const snapshot = async (): Promise<FleetStreamMessage> => ({ type: 'snapshot', rooms: await store.rooms(), issues: await store.issues('unresolved') });
  // The feed was cut: what other instances did meanwhile is unknown, so every dashboard starts over.
  const onResync = () => {
    if (clients.size === 0) return;
    snapshot().then((message) => broadcast(message), (err: Error) => deps.log.warn({ err: err.message }, 'the fleet could not read a snapshot for the dashboard'));
  };
  ingest.on('changes', onChanges);
  deps.feed?.on('changes', onChanges);
  deps.feed?.on('resync', onResync);
  app.addHook('onClose', async () => {
    ingest.off('changes', onChanges);
    deps.feed?.off('changes', onChanges);
    deps.feed?.off('resync', onResync);
    clearTimeout(pushTimer);
    for (const socket of clients) socket.close(1001, 'fleet view stopping');
  });

  app.get('/api/fleet/stream', { websocket: true }, async (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
    const first = await snapshot();
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(first));
  });

  app.get<{ Querystring: { site?: string; status?: string } }>('/api/fleet/rooms', {
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { site: { type: 'string', pattern: SLUG }, status: { type: 'string', enum: ['ok', 'degraded', 'offline', 'auth-failed', 'unknown', 'online'] } } } },
  }, async (request) => store.rooms(request.query));

  app.get<{ Params: { site: string; room: string }; Querystring: { events?: number } }>('/api/fleet/rooms/:site/:room', {
    schema: {
      params: { type: 'object', properties: { site: { type: 'string', pattern: SLUG }, room: { type: 'string', pattern: SLUG } }, required: ['site', 'room'] },
      querystring: { type: 'object', properties: { events: { type: 'integer', minimum: 1, maximum: 1000 } } },
    },
  }, async (request) => {
    const detail = await store.room(request.params.site, request.params.room, request.query.events ?? 100);
    if (!detail) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `The fleet has heard nothing from ${request.params.site}/${request.params.room}`);
    return detail;
  });

  app.get<{ Querystring: { state?: 'open' | 'acknowledged' | 'resolved' | 'unresolved' } }>('/api/fleet/issues', {
    schema: { querystring: { type: 'object', properties: { state: { type: 'string', enum: ['open', 'acknowledged', 'resolved', 'unresolved'] } } } },
  }, async (request) => store.issues(request.query.state));

  app.get<{ Querystring: { limit?: number } }>('/api/fleet/events', {
    schema: { querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } } },
  }, async (request) => store.events({ limit: request.query.limit ?? 100 }));

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.post<{ Params: { id: string }; Body: { by?: string } | undefined }>(`/api/fleet/issues/:id/${action}`, {
      schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 128 } }, required: ['id'] }, body: IssueAction },
    }, async (request) => {
      const issue = await store.setIssueState(request.params.id, action === 'acknowledge' ? 'acknowledged' : 'resolved', request.body?.by ?? 'facilities');
      if (!issue) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No issue "${request.params.id}"`);
      await deps.onIssueAction?.(issue);
      pendingIssues.add(issue.id);
      pendingRooms.add(roomKey(issue.site, issue.room));
      schedulePush();
      return (await store.issue(issue.id)) ?? issue;
    });
  }

  app.get('/api/fleet/stats', async () => ({ ingest: ingest.stats, rooms: (await store.rooms()).length, events: await store.eventCount() }));
  app.get('/metrics', async (_request, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.text()));

  if (existsSync(PANEL_DIST)) {
    await app.register(fastifyStatic, { root: PANEL_DIST, prefix: '/', index: ['fleet.html'] });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/html').send('<h1>roomctl fleet</h1><p>The dashboard is not built yet: run <code>npm run build</code>. The API is at /api/fleet/rooms.</p>'));
  }
  return app;
}
