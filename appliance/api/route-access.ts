import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { RoomctlError } from '../../drivers/core/errors.js';
import { PANEL_TOKEN_PREFIX } from '../panel/panel-repository.js';
import { TokenAuth } from '../http/auth.js';
import { apiLimits } from '../http/connection-limits.js';
import { ClientRateLimit } from '../panel/client-rate-limit.js';
import { clientNetwork } from '../http/client-network.js';

/**
 * Who may call a route. Every route declares one in its `config.access`; a route without
 * one does not register. The level is read from the route Fastify matched, never from the
 * raw URL, so `/%61pi/…`, `//api/…` or `/api/./…` reach the same check as `/api/…`.
 */
export type AccessLevel =
  /** Room health (status, devices, metrics): open, unless `api.openReads: false` asks for a room credential. */
  | 'open'
  /** The panel's files and the API documents: always open, they hold nothing of the room. */
  | 'asset'
  /** Anyone may try (pairing, the admin PIN, the panel's handshake); each guards itself. */
  | 'public'
  /** A room credential in the Authorization header: a config token or a paired panel's. */
  | 'room'
  /** A room credential in the header or as `?token=` (an <img> or a WebSocket cannot send headers). */
  | 'room-link'
  /** An open admin session (X-Roomctl-Admin); the room token is not enough. */
  | 'admin'
  /** A room credential, or the meeting's own code, which the route checks against its meeting. */
  | 'meeting-code'
  /** A room credential, or the room's current door code, which the route checks. */
  | 'door-code';

const ACCESS_LEVELS: readonly AccessLevel[] = ['open', 'asset', 'public', 'room', 'room-link', 'admin', 'meeting-code', 'door-code'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessLevel;
    /** A WebSocket route: the only kind an upgrade request may reach. */
    upgrade?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, with the level it declared (tests walk them all). */
    routeLevels: ReadonlyArray<{ method: string; url: string; access: AccessLevel }>;
  }
  interface FastifyRequest {
    /** The paired panel whose credential the request carries; null for config tokens (panel tokens too) and anonymous requests. */
    panelId: string | null;
    /**
     * What the request proved: a config token (`api.tokens`), the room's panel — a paired panel's
     * credential or a config token marked as a panel's (`api.panelTokens`) — or nothing.
     */
    credential: 'token' | 'panel' | null;
  }
}

interface RouteAccessOptions {
  tokens: readonly string[];
  /** Config tokens of the room's own panels set up with a token rather than paired (`api.panelTokens`): a request with one is the panel's. */
  panelTokens?: readonly string[];
  /** Checks a paired panel's credential; undefined when it is not one. */
  panels?: { verify(token: string): string | undefined };
  /** Throws unless the request carries an open admin session. */
  requireAdmin?: (request: FastifyRequest) => void;
  /** `api.openReads`: false puts the health reads behind a room credential too. */
  openReads: boolean;
  /** Changes per minute one address may make with a meeting's code or a personal minutes link (default: connection-limits.ts). */
  meetingCodeWritesPerMinute?: number;
}

/** Routes that plugins register (the panel's files, the API docs): assets, whatever their URL. */
const PLUGIN_ASSETS = [/^\/docs(\/|$)/, /^\/\*$/, /^\/$/];

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Installs the access check: an onRoute hook that refuses a route without a level (before
 * any route registers) and an onRequest hook that settles the credential for the level of
 * the route Fastify matched.
 */
export function installRouteAccess(app: FastifyInstance, options: RouteAccessOptions): void {
  const tokens = new TokenAuth(options.tokens);
  const panelTokens = new TokenAuth(options.panelTokens ?? []);
  // Per address, whatever the code: a code holder cannot reset the count by sending other codes.
  const codeWrites = new ClientRateLimit(options.meetingCodeWritesPerMinute ?? apiLimits(undefined).meetingCodeWritesPerMinute, 60_000);
  app.decorateRequest('panelId', null);
  app.decorateRequest('credential', null);
  const levels: Array<{ method: string; url: string; access: AccessLevel }> = [];
  app.decorate('routeLevels', levels);

  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: AccessLevel };
    const declared = (access: AccessLevel) => {
      for (const method of [route.method].flat()) levels.push({ method, url: route.url, access });
    };
    if (config.access === undefined && PLUGIN_ASSETS.some((p) => p.test(route.url))) {
      route.config = { ...config, access: 'asset' };
      return declared('asset');
    }
    if (!config.access || !ACCESS_LEVELS.includes(config.access)) {
      throw new RoomctlError(
        'ROOMCTL_E_ROUTE_ACCESS',
        `${route.method.toString()} ${route.url} declares no access level (config.access: ${ACCESS_LEVELS.join(' | ')})`,
        { url: route.url },
      );
    }
    declared(config.access);
  });

  app.addHook('onRequest', async (request) => {
    // No route matched: the 404 handler answers, and it serves nothing of the room.
    if (request.routeOptions.url === undefined) return;
    const access = request.routeOptions.config.access;
    // @fastify/websocket would upgrade on any route (then close at once): only WebSocket routes take one.
    if (request.headers.upgrade && !request.routeOptions.config.upgrade) {
      throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]} takes a WebSocket`);
    }
    const bearer = bearerOf(request);
    const given = bearer ?? (access === 'room-link' ? queryToken(request) : undefined);
    let revokedPanel = false;
    if (given?.startsWith(PANEL_TOKEN_PREFIX)) {
      const id = options.panels?.verify(given);
      if (id) {
        request.panelId = id;
        request.credential = 'panel';
      } else revokedPanel = true;
    } else if (given !== undefined && panelTokens.accepts(given)) request.credential = 'panel';
    else if (given !== undefined && tokens.accepts(given)) request.credential = 'token';

    switch (access) {
      case 'asset':
      case 'public':
        return;
      case 'open':
        if (options.openReads) return;
        return requireRoom(request, bearer !== undefined, revokedPanel);
      case 'admin':
        if (!options.requireAdmin) throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This appliance has no admin view');
        return options.requireAdmin(request);
      case 'meeting-code':
      case 'door-code': {
        // The route compares the code with its meeting or the door; here only that one came at all,
        // so a request with neither is refused before its body is even read.
        if (request.credential) return;
        if (revokedPanel && MUTATING.has(request.method)) throw revoked();
        // A personal link from a minutes email (X-Minutes-Reader) counts as a meeting's credential too; the route checks it.
        if (access === 'meeting-code' ? (meetingCodeOf(request) ?? headerOf(request, 'x-minutes-reader')) : headerOf(request, 'x-door-code')) {
          // What a phone changes with a code is bounded per meeting (meeting-limits.ts) and in pace here.
          if (access === 'meeting-code' && MUTATING.has(request.method)) codeWrites.take(clientNetwork(request.ip), "changes with a meeting's code");
          return;
        }
        throw new RoomctlError(
          'ROOMCTL_E_UNAUTHORIZED',
          access === 'meeting-code'
            ? 'Send the bearer token, the meeting code (X-Meeting-Code) from the meeting page, or the personal link from your minutes email (X-Minutes-Reader)'
            : 'Send the bearer token, or the door code (X-Door-Code) from the QR code on the door',
        );
      }
      case 'room':
      case 'room-link':
        return requireRoom(request, given !== undefined, revokedPanel);
      default:
        // Unreachable while onRoute holds; refusing is the safe answer if it ever is not.
        throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This route declares no access level');
    }
  });
}

function requireRoom(request: FastifyRequest, tried: boolean, revokedPanel: boolean): void {
  if (request.credential) return;
  if (revokedPanel) throw revoked();
  throw new RoomctlError(
    'ROOMCTL_E_UNAUTHORIZED',
    tried ? 'The credential is not valid for this room' : "This needs a room credential: Authorization: Bearer <token> (a config token or a paired panel's)",
  );
}

const revoked = () => new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'This panel is no longer paired with the room: pair it again', { panelRevoked: true });

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function meetingCodeOf(request: FastifyRequest): string | undefined {
  const code = (request.query as { code?: unknown } | undefined)?.code;
  return headerOf(request, 'x-meeting-code') ?? (typeof code === 'string' && code ? code : undefined);
}

function queryToken(request: FastifyRequest): string | undefined {
  const token = (request.query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token ? token : undefined;
}
