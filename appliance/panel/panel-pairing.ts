import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { PanelRecord, PanelRepository } from './panel-repository.js';

/** How long a panel's pairing request waits for someone with the PIN. */
export const PAIRING_TTL_MS = 15 * 60_000;
/** Pending requests kept at most (unauthenticated callers must not fill the memory). */
export const MAX_PENDING = 20;

interface PendingRequest {
  id: string;
  code: string;
  name: string;
  claim: Buffer;
  createdAt: number;
  approved?: { panel: PanelRecord; token: string };
}

export type PairingAnswer =
  | { status: 'pending'; requestId: string; claim: string; expiresAt: string }
  | { status: 'approved'; requestId: string; panelId: string; token: string };

/** "k7qm-4xpa" → "K7QM4XPA": panels show the code with a dash, people type it either way. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Pairing: a panel shows a code (its own, kept across reloads) and asks to be paired; the
 * request is approved with the admin PIN, or at once when the config lists the code. Only
 * the panel that asked can collect the credential: it holds the request's claim secret.
 */
export class PanelPairing {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly preApproved: Set<string>;

  constructor(
    private readonly panels: PanelRepository,
    pairCodes: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.preApproved = new Set(pairCodes.map(normaliseCode));
  }

  request(code: string, name: string): PairingAnswer {
    const normal = normaliseCode(code);
    this.expire();
    if (this.preApproved.has(normal)) {
      const { panel, token } = this.panels.create(name, normal, 'config', new Date(this.now()));
      return { status: 'approved', requestId: randomUUID(), panelId: panel.id, token };
    }
    // A panel that reloads asks again with the same code: the newer request replaces the older.
    for (const [id, r] of this.pending) if (r.code === normal && !r.approved) this.pending.delete(id);
    if (this.pending.size >= MAX_PENDING) throw new RoomctlError('ROOMCTL_E_DEVICE_BUSY', 'Too many panels are waiting to be paired; approve or let them expire first');
    const claim = randomBytes(24);
    const request: PendingRequest = { id: randomUUID(), code: normal, name, claim, createdAt: this.now() };
    this.pending.set(request.id, request);
    return { status: 'pending', requestId: request.id, claim: claim.toString('base64url'), expiresAt: new Date(request.createdAt + PAIRING_TTL_MS).toISOString() };
  }

  /** Approves the waiting request showing `code` (the caller has checked the PIN or the admin session). */
  approve(code: string): PanelRecord {
    this.expire();
    const normal = normaliseCode(code);
    const request = [...this.pending.values()].find((r) => r.code === normal && !r.approved);
    if (!request) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No panel is waiting to be paired with the code ${code}`);
    request.approved = this.panels.create(request.name, normal, 'pin', new Date(this.now()));
    return request.approved.panel;
  }

  /** What the asking panel polls: still pending, or its credential (handed out once). */
  claim(requestId: string, claim: string): PairingAnswer {
    this.expire();
    const request = this.pending.get(requestId);
    const given = Buffer.from(claim, 'base64url');
    if (!request || given.length !== request.claim.length || !timingSafeEqual(given, request.claim)) {
      throw new RoomctlError('ROOMCTL_E_NOT_FOUND', 'No such pairing request (it may have expired): ask again');
    }
    if (!request.approved) return { status: 'pending', requestId, claim, expiresAt: new Date(request.createdAt + PAIRING_TTL_MS).toISOString() };
    this.pending.delete(requestId);
    return { status: 'approved', requestId, panelId: request.approved.panel.id, token: request.approved.token };
  }

  /** Codes waiting for approval, for the admin view. */
  waiting(): { code: string; name: string; since: string }[] {
    this.expire();
    return [...this.pending.values()].filter((r) => !r.approved).map((r) => ({ code: r.code, name: r.name, since: new Date(r.createdAt).toISOString() }));
  }

  private expire(): void {
    const cutoff = this.now() - PAIRING_TTL_MS;
    for (const [id, r] of this.pending) if (r.createdAt < cutoff) this.pending.delete(id);
  }
}
