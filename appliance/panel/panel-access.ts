import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { Db } from '../store/database.js';
import { AdminPin } from './admin-pin.js';
import { ADMIN_SESSION_HEADER, AdminSessions } from './admin-sessions.js';
import { PANEL_DEFAULTS, type PanelConfig } from './panel-config.js';
import { PanelPairing } from './panel-pairing.js';
import { PANEL_TOKEN_PREFIX, PanelRepository } from './panel-repository.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'public': a mutation anyone may try (pairing, the PIN itself — each guarded on its own);
     * 'admin': needs an open admin session (X-Roomctl-Admin), whatever the method.
     */
    access?: 'public' | 'admin';
  }
  interface FastifyRequest {
    /** The paired panel whose credential the request carries; null for config tokens and anonymous requests. */
    panelId: string | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who may do what from a panel: paired panels (their own credential, room actions only),
 * the admin (PIN → short session) and the pairing handshake. server.ts asks `screen` first
 * on every request; what it does not settle falls to the config-token check.
 */
export class PanelAccess {
  readonly panels: PanelRepository;
  readonly pairing: PanelPairing;
  readonly pin: AdminPin;
  readonly sessions: AdminSessions;

  constructor(config: PanelConfig | undefined, db: Db, now: () => number = Date.now) {
    this.panels = new PanelRepository(db);
    this.pairing = new PanelPairing(this.panels, config?.pairCodes ?? [], now);
    this.pin = new AdminPin(config?.adminPin, db, now);
    this.sessions = new AdminSessions((config?.adminSessionMinutes ?? PANEL_DEFAULTS.adminSessionMinutes) * 60_000, now);
  }

  /** Adds request.panelId (once, on the root instance). */
  install(app: FastifyInstance): void {
    app.decorateRequest('panelId', null);
  }

  /**
   * True when the request is settled here: an admin route with an open session, a public
   * route, or a valid panel credential (recorded in request.panelId). Throws for an admin
   * route without a session and for a revoked panel's mutation. False: not ours to decide.
   */
  screen(request: FastifyRequest): boolean {
    if (!request.url.startsWith('/api/')) return false;
    const access = request.routeOptions.config?.access;
    if (access === 'admin') {
      this.sessions.require(adminSessionOf(request));
      return true;
    }
    const bearer = bearerOf(request);
    if (bearer?.startsWith(PANEL_TOKEN_PREFIX)) {
      const id = this.panels.verify(bearer);
      if (id) {
        request.panelId = id;
        return true;
      }
      if (MUTATING.has(request.method) && access !== 'public') {
        throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'This panel is no longer paired with the room: pair it again', { panelRevoked: true });
      }
    }
    return access === 'public';
  }

  /** Throws unless the request carries an open admin session (for routes that check inside). */
  requireAdmin(request: FastifyRequest): void {
    this.sessions.require(adminSessionOf(request));
  }
}

export function adminSessionOf(request: FastifyRequest): string | undefined {
  const value = request.headers[ADMIN_SESSION_HEADER];
  return typeof value === 'string' && value ? value : undefined;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
  return match?.[1];
}
