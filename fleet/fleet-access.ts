import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { RoomctlError } from '../drivers/core/errors.js';
import { TokenAuth } from '../appliance/http/auth.js';
import type { FleetOperators, OperatorRole } from './fleet-operators.js';

/**
 * Who may call a fleet route: `open` (the dashboard's files, room health tiles, metrics),
 * `operator` (issues, people's words, history: any named operator), `admin` (managing
 * operators). Declared by every route in `config.fleetAccess`; checked on the route Fastify
 * matched, never on the raw URL.
 */
type FleetAccess = 'open' | 'operator' | 'admin';
const LEVELS: readonly FleetAccess[] = ['open', 'operator', 'admin'];

/** Who is asking: the operator the token belongs to. */
interface FleetActor {
  name: string;
  role: OperatorRole;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    fleetAccess?: FleetAccess;
    /** The WebSocket route takes its token from `?token=` (a browser cannot set the header there). */
    tokenInQuery?: boolean;
  }
  interface FastifyRequest {
    fleetActor: FleetActor | null;
  }
}

/** The name the fleet's start-up tokens (`--token`) act under: they are the installation's admin. */
const START_TOKEN_ACTOR = 'facilities';

/** Routes plugins register (the dashboard's built files). */
const PLUGIN_ASSETS = [/^\/\*$/, /^\/$/];

/** A route and the level it declared (tests walk them all). */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: FleetAccess;
}

/** Installs the check; returns the list of routes with their levels, filled as routes register. */
export function installFleetAccess(app: FastifyInstance, options: { tokens: readonly string[]; operators: FleetOperators }): DeclaredRoute[] {
  const startTokens = new TokenAuth(options.tokens);
  const declared: DeclaredRoute[] = [];
  app.decorateRequest('fleetActor', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { fleetAccess?: FleetAccess };
    if (config.fleetAccess === undefined && PLUGIN_ASSETS.some((p) => p.test(route.url))) {
      route.config = { ...config, fleetAccess: 'open' };
    } else if (!config.fleetAccess || !LEVELS.includes(config.fleetAccess)) {
      throw new RoomctlError(
        'ROOMCTL_E_ROUTE_ACCESS',
        `${route.method.toString()} ${route.url} declares no access level (config.fleetAccess: ${LEVELS.join(' | ')})`,
        { url: route.url },
      );
    }
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access: (route.config as { fleetAccess: FleetAccess }).fleetAccess });
  });

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined) return;
    const config = request.routeOptions.config;
    const access = config.fleetAccess;
    if (access === 'open') return;
    const token = bearerOf(request) ?? (config.tokenInQuery ? queryToken(request) : undefined);
    if (token === undefined)
      throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'Send an operator token: Authorization: Bearer <token> (`roomctl fleet operators add NAME` makes one)');
    const actor = startTokens.accepts(token) ? { name: START_TOKEN_ACTOR, role: 'admin' as const } : await options.operators.byToken(token);
    if (!actor) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'This token belongs to no operator of this fleet (it may have been removed)');
    if (access === 'admin' && actor.role !== 'admin')
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', `${actor.name} is an operator; managing operators needs an admin`);
    if (access !== 'operator' && access !== 'admin') throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This route declares no access level');
    request.fleetActor = actor;
  });
  return declared;
}

/** The operator a route's handler acts for (its access level made sure there is one). */
export function actorOf(request: FastifyRequest): FleetActor {
  if (!request.fleetActor) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'Send an operator token');
  return request.fleetActor;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function queryToken(request: FastifyRequest): string | undefined {
  const q = request.query as { token?: unknown } | undefined;
  return typeof q?.token === 'string' && q.token.length > 0 ? q.token : undefined;
}
