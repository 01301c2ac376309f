import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../appliance-core.js';
import type { Logger } from '../logger.js';
import { PANEL_DIST, VERSION } from '../paths.js';
import { TokenAuth } from './auth.js';
import { installErrorHandling } from './error-handler.js';
import { deviceRoutes } from './routes/device-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import { streamRoute } from './routes/stream-route.js';
import { ErrorBodySchema } from './schemas.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** @fastify/websocket hides WebSocket routes from OpenAPI; the stream is public interface all the same. */
const STREAM_PATH = {
  get: {
    summary: 'Room state as it changes (WebSocket)',
    description:
      'Upgrade to a WebSocket. Messages are JSON: {type:"snapshot",status,devices} on connect, then {type:"device",device} and {type:"status",status} on every change.',
    tags: ['room'],
    responses: { '101': { description: 'Switching to the WebSocket protocol' } },
  },
};

/** The appliance's HTTP face: API, WebSocket stream, OpenAPI + docs, and the panel. */
export async function buildServer(core: ApplianceCore, log: Logger): Promise<FastifyInstance> {
  // The cast keeps FastifyInstance's default logger type, which the route plugins are written against.
  const app = Fastify({
    loggerInstance: log.child({ component: 'api' }) as unknown as FastifyBaseLogger,
    // Per-request logs at info would cost more than the request; onResponse logs at debug.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
  }) as unknown as FastifyInstance;
  const auth = new TokenAuth(core.config.api.tokens);

  installErrorHandling(app);
  app.addSchema(ErrorBodySchema);
  // Every mutation needs a token, whatever route a later issue adds: the rule lives here.
  app.addHook('onRequest', async (request) => {
    if (MUTATING.has(request.method) && request.url.startsWith('/api/')) auth.check(request);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'roomctl appliance API', version: VERSION, description: 'Meeting-room appliance: devices, room state, meetings.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
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
    await streamRoute(api, core);
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (existsSync(PANEL_DIST)) {
    await app.register(fastifyStatic, { root: PANEL_DIST, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<h1>roomctl</h1><p>The panel is not built yet: run <code>npm run build</code>.</p>'),
    );
  }
  return app;
}
