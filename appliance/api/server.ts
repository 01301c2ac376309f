import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApplianceCore } from '../appliance-core.js';
import type { Logger } from '../logger.js';
import { PANEL_DIST, VERSION } from '../paths.js';
import { TokenAuth } from './auth.js';
import { installErrorHandling } from './error-handler.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { installSecurityHeaders } from './security-headers.js';
import { deviceRoutes } from './routes/device-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import { streamRoute } from './routes/stream-route.js';
import { roomMuteRoutes } from './routes/room-mute-routes.js';
import { meetingApi } from './routes/meeting-api.js';
import { mediaRoutes } from './routes/media-routes.js';
import { metricsRoute } from './routes/metrics-route.js';
import type { ApplianceMetrics } from '../telemetry/prometheus-metrics.js';
import { ErrorBodySchema } from './schemas.js';
import { buildSharedSerializer } from './shared-serializers.js';
import type { PanelServices } from '../panel/panel-services.js';
import { panelApi } from './routes/panel-api.js';
import { presetStillRoutes } from './routes/preset-still-routes.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** @fastify/websocket hides WebSocket routes from OpenAPI; the stream is public interface all the same. */
const STREAM_PATH = {
  get: {
    summary: 'Room state as it changes (WebSocket)',
    description:
      'Upgrade to a WebSocket. Messages are JSON: {type:"snapshot",status,devices} on connect, then {type:"device",device} and {type:"status",status} on every change; {type:"meeting",now,notice?} (room state, current/next meeting, agenda clock, warnings) on connect and on every meeting change; {type:"help",request} when a help call is made or acknowledged.',
    tags: ['room'],
    responses: { '101': { description: 'Switching to the WebSocket protocol' } },
  },
};

/** The appliance's HTTP face: API, WebSocket stream, OpenAPI + docs, and the panel. */
export async function buildServer(core: ApplianceCore, log: Logger, extras: { metrics?: ApplianceMetrics; panel?: PanelServices; commitWrites?: () => void } = {}): Promise<FastifyInstance> {
  // The cast keeps FastifyInstance's default logger type, which the route plugins are written against.
  const app = Fastify({
    loggerInstance: log.child({ component: 'api' }) as unknown as FastifyBaseLogger,
    // Per-request logs at info would cost more than the request; onResponse logs at debug.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    schemaController: { compilersFactory: { buildSerializer: buildSharedSerializer } },
    // Refusals the router makes itself (a malformed URL, a path parameter over 100 characters) leave coded too.
    frameworkErrors: (error, _request, reply) => {
      // The cast: this reply's generics are the router's default ones, too narrow for an error body.
      void (reply as unknown as FastifyReply).code(400).send(new RoomctlError('ROOMCTL_E_BAD_REQUEST', error.message, { fastifyCode: error.code }).toJSON());
    },
  }) as unknown as FastifyInstance;
  const auth = new TokenAuth(core.config.api.tokens);

  installErrorHandling(app);
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
  // Every mutation needs a token, whatever route a later issue adds: the rule lives here.
  // Panels: paired panels' credentials, admin sessions and public pairing routes are settled first.
  extras.panel?.access.install(app);
  app.addHook('onRequest', async (request) => {
    if (extras.panel?.access.screen(request)) return;
    // Routes a phone calls (auth: 'meeting-code' | 'door-code', meeting-auth.ts) check the bearer token or their code themselves.
    if (MUTATING.has(request.method) && request.url.startsWith('/api/') && !request.routeOptions.config?.auth) auth.check(request);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'roomctl appliance API', version: VERSION, description: 'Meeting-room appliance: devices, room state, meetings.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, adminSession: { type: 'apiKey', in: 'header', name: 'X-Roomctl-Admin' }, doorCode: { type: 'apiKey', in: 'header', name: 'X-Door-Code' } } },
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
    if (core.stills) await presetStillRoutes(api, core, core.stills.store, extras.panel?.access.panels);
    await streamRoute(api, core, extras.panel?.help);
    await roomMuteRoutes(api, core);
    await meetingApi(api, core);
    if (core.media) await mediaRoutes(api, core.media, core.config.api.tokens, extras.panel?.access.panels);
    if (extras.panel) await panelApi(api, core, extras.panel);
  });
  if (extras.metrics) await metricsRoute(app, extras.metrics);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (existsSync(PANEL_DIST)) {
    await app.register(fastifyStatic, { root: PANEL_DIST, prefix: '/', index: ['index.html'] });
    // The meeting page a phone opens from the panel's QR code (a page of its own, not the panel).
    app.get('/meeting/:id', { schema: { hide: true } }, (_request, reply) => reply.sendFile('meeting.html'));
    // The booking page a phone opens from the door panel's QR code (the door code is in the URL's fragment).
    app.get('/book', { schema: { hide: true } }, (_request, reply) => reply.sendFile('book.html'));
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<h1>roomctl</h1><p>The panel is not built yet: run <code>npm run build</code>.</p>'),
    );
  }
  return app;
}
