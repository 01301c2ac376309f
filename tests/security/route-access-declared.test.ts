import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { installErrorHandling } from '../../appliance/http/error-handler.js';
import { installRouteAccess } from '../../appliance/api/route-access.js';

const TOKEN = 'route-access-test-token-0123456789';

function appWithAccess() {
  const app = Fastify();
  installErrorHandling(app);
  installRouteAccess(app, { tokens: [TOKEN], openReads: true });
  return app;
}

it('refuses to register a route that does not say who may call it, or names a level that does not exist', async () => {
  const bare = appWithAccess();
  expect(() => bare.get('/api/v1/forgotten', async () => ({ secret: true }))).toThrow(/ROOMCTL_E_ROUTE_ACCESS|declares no access level/);
  const madeUp = appWithAccess();
  // The cast: a level outside the type is exactly the mistake this guards against.
  expect(() => madeUp.post('/api/v1/odd', { config: { access: 'everyone' as unknown as 'room' } }, async () => ({}))).toThrow(/declares no access level/);
  // In a plugin too: the hook reaches every route registered after it, whatever its scope.
  const nested = appWithAccess();
  await expect(nested.register(async (scope) => void scope.get('/api/v1/nested', async () => ({}))).ready()).rejects.toThrow(/declares no access level/);
});

it('decides on the route matched: a room route refuses every spelling the router maps to it, and takes the token', async () => {
  const app = appWithAccess();
  app.post('/api/v1/room/mute', { config: { access: 'room' } }, async () => ({ muted: true }));
  await app.ready();
  for (const url of ['/api/v1/room/mute', '/%61pi/v1/room/mute', '/api/v1/room/%6Dute', '/api/%76%31/room/mute']) {
    expect((await app.inject({ method: 'POST', url })).statusCode, url).toBe(401);
    expect((await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}` } })).json(), url).toEqual({ muted: true });
  }
  await app.close();
});
