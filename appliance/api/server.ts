import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApplianceCore } from '../appliance-core.js';
import type { Logger } from '../logger.js';
import { panelAssets } from '../http/panel-assets.js';
import { PANEL_DIST, PANEL_NOT_BUILT_HEADER, VERSION } from '../paths.js';
import { apiLimits, installConnectionLimits, timeoutOptions } from '../http/connection-limits.js';
import { installRouteAccess } from './route-access.js';
import { installRoomPace } from './room-pace.js';
import { BODY_LIMIT_BYTES, installErrorHandling } from '../http/error-handler.js';
import { answerClientError } from '../http/client-errors.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { installSecurityHeaders } from '../http/security-headers.js';
import { deviceRoutes } from './routes/device-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import { streamRoute } from './routes/stream-route.js';
import type { StreamClients } from '../http/stream-clients.js';
import type { StreamMessage } from './api-types.js';
import { metricsRoute } from './routes/metrics-route.js';
import type { ApplianceMetrics } from '../telemetry/prometheus-metrics.js';
import { ErrorBodySchema } from './schemas.js';
import { buildSharedSerializer } from '../http/shared-serializers.js';
import type { PanelServices } from '../panel/panel-services.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** @fastify/websocket hides WebSocket routes from OpenAPI; the stream is public interface all the same. */
const STREAM_PATH = {
  get: {
    summary: 'Room state as it changes (WebSocket)',
    description:
      'Upgrade to a WebSocket, with a room credential (a config token or a paired panel\'s) as `Authorization: Bearer` or `?token=`. A client that does not read (a ping unanswered, or 128 KB unsent) is closed; a panel unpaired meanwhile is closed with code 4401. Messages are JSON: {type:"snapshot",status,devices} on connect, then {type:"device",device} and {type:"status",status} on every change; {type:"meeting",now,notice?} (room state, current/next meeting, agenda clock, warnings) on connect and on every meeting change; {type:"help",request} when a help call is made or acknowledged.',
    tags: ['room'],
    security: [{ bearer: [] }],
    responses: {
      '101': { description: 'Switching to the WebSocket protocol' },
      '401': { description: 'No room credential' },
      '503': { description: 'The room or this address is at its cap of live streams' },
    },
  },
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The open live streams: how many, and how many were closed for not reading. */
    streamClients?: StreamClients<StreamMessage>;
  }
}

interface ServerExtras {
  metrics?: ApplianceMetrics;
  panel?: PanelServices;
  commitWrites?: () => void;
  /** The modules' own routes (modules.ts), registered beside the room's status, devices and stream. */
  routes?: ReadonlyArray<(api: FastifyInstance) => Promise<void>>;
}

/** The appliance's HTTP face: API, WebSocket stream, OpenAPI + docs, and the panel. */
export async function buildServer(core: ApplianceCore, log: Logger, extras: ServerExtras = {}): Promise<FastifyInstance> {
  const limits = apiLimits(core.config.api.limits);
  // The cast keeps FastifyInstance's default logger type, which the route plugins are written against.
  const app = Fastify({
    // Timeouts for headers, whole requests and silent connections (connection-limits.ts).
    ...timeoutOptions(limits),
    loggerInstance: log.child({ component: 'api' }) as unknown as FastifyBaseLogger,
    // Per-request logs at info would cost more than the request; onResponse logs at debug.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Refusals Node makes before routing (headers over 16 KB, malformed HTTP, too slow) leave coded too.
    clientErrorHandler: answerClientError,
    schemaController: { compilersFactory: { buildSerializer: buildSharedSerializer } },
    // Refusals the router makes itself (a malformed URL, a path parameter over 100 characters) leave coded too.
    frameworkErrors: (error, _request, reply) => {
      // The cast: this reply's generics are the router's default ones, too narrow for an error body.
      void (reply as unknown as FastifyReply).code(400).send(new RoomctlError('ROOMCTL_E_BAD_REQUEST', error.message, { fastifyCode: error.code }).toJSON());
    },
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  installConnectionLimits(app, limits);
  // JSON is the only body the API takes: anything else is refused with 415, not read as text.
  app.removeContentTypeParser('text/plain');
  // CSP, nosniff, no referrer, no framing, and no CORS header on every response (security-headers.ts).
  installSecurityHeaders(app);
  // A write the disk refused turns the room's storage status to "full" (the panel and /status show it).
  app.addHook('onError', async (_request, _reply, err) => {
    core.storage?.noteFailure(err);
  });
  // Acknowledged means on disk: writes a mutation deferred to the group commit (its outbox events) are committed before the reply leaves.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (MUTATING.has(request.method)) extras.commitWrites?.();
    return payload;
  });
  app.addSchema(ErrorBodySchema);
  // Who may call each route is the route's own `config.access`, checked on the route Fastify
  // matched (route-access.ts); a route that declares none does not register.
  const access = extras.panel?.access;
  installRouteAccess(app, {
    tokens: core.config.api.tokens,
    panelTokens: core.config.api.panelTokens ?? [],
    panels: access?.credentials,
    requireAdmin: access ? (request) => access.requireAdmin(request) : undefined,
    openReads: core.config.api.openReads ?? true,
    meetingCodeWritesPerMinute: limits.meetingCodeWritesPerMinute,
  });
  // After the access check: only callers let in count toward the room's pace of help calls and feedback.
  installRoomPace(app, limits);
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'roomctl appliance API', version: VERSION, description: 'Meeting-room appliance: devices, room state, meetings.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          adminSession: { type: 'apiKey', in: 'header', name: 'X-Roomctl-Admin' },
          doorCode: { type: 'apiKey', in: 'header', name: 'X-Door-Code' },
        },
      },
    },
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const { openapiObject } = documentObject;
      return { ...openapiObject, paths: { ...openapiObject.paths, '/api/v1/stream': STREAM_PATH } };
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  await app.register(async (api) => {
    await statusRoutes(api, core);
    await deviceRoutes(api, core);
    app.decorate('streamClients', await streamRoute(api, core, { help: extras.panel?.help, limits, panels: extras.panel?.access.credentials }));
    for (const routes of extras.routes ?? []) await routes(api);
  });
  if (extras.metrics) {
    if (app.streamClients) extras.metrics.watchStream(app.streamClients);
    await metricsRoute(app, extras.metrics);
  }
  app.get('/openapi.json', { config: { access: 'asset' }, schema: { hide: true } }, async () => app.swagger());

  if (existsSync(PANEL_DIST)) {
    await app.register(fastifyStatic, panelAssets('index.html'));
    // The meeting page a phone opens from the panel's QR code (a page of its own, not the panel).
    app.get('/meeting/:id', { config: { access: 'asset' }, schema: { hide: true } }, (_request, reply) => reply.sendFile('meeting.html'));
    // The booking page a phone opens from the door panel's QR code (the door code is in the URL's fragment).
    app.get('/book', { config: { access: 'asset' }, schema: { hide: true } }, (_request, reply) => reply.sendFile('book.html'));
  } else {
    // Marked, so doctor tells this page from the panel and says what to do.
    app.get('/', { config: { access: 'asset' }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .header(PANEL_NOT_BUILT_HEADER, 'not-built')
        .send('<h1>roomctl</h1><p>The panel is not built yet: run <code>npm run build</code>.</p>'),
    );
  }
  return app;
}
