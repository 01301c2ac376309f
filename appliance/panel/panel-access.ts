import type { FastifyRequest } from 'fastify';
import type { Db } from '../store/database.js';
import { AdminPin } from './admin-pin.js';
import { ADMIN_SESSION_HEADER, AdminSessions } from './admin-sessions.js';
import { PANEL_DEFAULTS, type PanelConfig } from './panel-config.js';
import { PanelPairing } from './panel-pairing.js';
import { PanelRepository, type PanelRecord } from './panel-repository.js';

/**
 * Who may do what from a panel: paired panels (their own credential, room actions only),
 * the admin (PIN → short session) and the pairing handshake. The API's route-access check
 * (api/route-access.ts) asks `credentials.verify` and `requireAdmin` for the routes that need them.
 */
export class PanelAccess {
  private readonly panels: PanelRepository;
  /** Checks a paired panel's credential: its panel id, or undefined. */
  readonly credentials: { verify(token: string): string | undefined };
  readonly pairing: PanelPairing;
  readonly pin: AdminPin;
  readonly sessions: AdminSessions;

  constructor(config: PanelConfig | undefined, db: Db, now: () => number = Date.now) {
    this.panels = new PanelRepository(db);
    this.credentials = this.panels;
    this.pairing = new PanelPairing(this.panels, config?.pairCodes ?? [], now);
    this.pin = new AdminPin(config?.adminPin, db, now);
    this.sessions = new AdminSessions((config?.adminSessionMinutes ?? PANEL_DEFAULTS.adminSessionMinutes) * 60_000, now);
  }

  /** The paired panels, for the admin view. */
  pairedPanels(): PanelRecord[] {
    return this.panels.list();
  }

  /** Takes a panel's credential away; false when no such panel is paired. */
  unpair(panelId: string): boolean {
    return this.panels.revoke(panelId);
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
