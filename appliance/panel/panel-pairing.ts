import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import { ClientRateLimit } from './client-rate-limit.js';
import type { PanelRecord, PanelRepository } from './panel-repository.js';
import { clientNetwork } from '../http/client-network.js';

/** How long a panel's pairing request waits for someone with the PIN. */
const PAIRING_TTL_MS = 15 * 60_000;
/** Pending requests kept at most (unauthenticated callers must not fill the memory). */
const MAX_PENDING = 100;
/** Pending requests one client may hold: a panel needs one; a reload replaces its own. */
export const MAX_PENDING_PER_CLIENT = 2;
/** Pairing requests one client may make per minute (a panel asks once per load). */
export const PAIR_REQUESTS_PER_MINUTE = 10;

interface PendingRequest {
  id: string;
  code: string;
  name: string;
  claim: Buffer;
  /** Who asked (the client's address): only the same client may replace its own request. */
  client: string;
  createdAt: number;
  /** Every client that asked with this code while it waited, the holder included. */
  askedBy: Set<string>;
  approved?: { panel: PanelRecord; token: string };
}

export type PairingAnswer =
  | { status: 'pending'; requestId: string; claim: string; expiresAt: string }
  | { status: 'approved'; requestId: string; panelId: string; token: string };

/** A waiting request as the admin view shows it. */
export interface WaitingPanel {
  requestId: string;
  code: string;
  name: string;
  since: string;
  /** The address the request came from. */
  from: string;
  /** How many clients asked with this code; more than 1 means someone else typed the panel's code. */
  askedBy: number;
}

/** "k7qm-4xpa" → "K7QM4XPA": panels show the code with a dash, people type it either way. */
function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Pairing: a panel shows a code (its own, kept across reloads) and asks to be paired; the
 * request is approved with the admin PIN, or at once when the config lists the code (once:
 * a listed code makes one credential). Only the panel that asked can collect the credential:
 * it holds the request's claim secret. A code has one claimant: whoever else asks with it is
 * refused and counted, never put in its place, so the admin's approval cannot be diverted.
 */
export class PanelPairing {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly preApproved: Set<string>;
  private readonly rate: ClientRateLimit;

  constructor(
    private readonly panels: PanelRepository,
    pairCodes: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.preApproved = new Set(pairCodes.map(normaliseCode));
    this.rate = new ClientRateLimit(PAIR_REQUESTS_PER_MINUTE, 60_000, now);
  }

  request(code: string, name: string, address: string): PairingAnswer {
    // An IPv6 host holds a whole /64: its requests count as one client's, whichever address they come from.
    const client = clientNetwork(address);
    this.rate.take(client, 'pairing requests');
    const normal = normaliseCode(code);
    this.expire();
    if (this.preApproved.has(normal) && !this.panels.configCodeUsed(normal)) {
      const { panel, token } = this.panels.create(name, normal, 'config', new Date(this.now()));
      return { status: 'approved', requestId: randomUUID(), panelId: panel.id, token };
    }
    const holder = [...this.pending.values()].find((r) => r.code === normal);
    if (holder && holder.client !== client) {
      holder.askedBy.add(client);
      throw new RoomctlError('ROOMCTL_E_PAIRING_TAKEN', 'Another panel is already waiting to be paired with this code', { askedBy: holder.askedBy.size });
    }
    const askedBy = holder?.askedBy ?? new Set([client]);
    // The same panel reloading asks again: its newer request replaces its own older one.
    if (holder) this.drop(holder);
    // A kiosk browser without a kept profile shows a new code after each restart: its newest
    // request replaces its oldest, so the panel on screen can always be paired and one client
    // still holds no more than its share.
    const own = [...this.pending.values()].filter((r) => r.client === client && !r.approved);
    if (own.length >= MAX_PENDING_PER_CLIENT) this.drop(own[0]!);
    if (this.pending.size >= MAX_PENDING) {
      // Said as a wait the panel can act on (it asks again by itself): a place frees when the oldest request expires.
      const oldest = Math.min(...[...this.pending.values()].map((r) => r.createdAt));
      const seconds = Math.max(1, Math.ceil((oldest + PAIRING_TTL_MS - this.now()) / 1000));
      throw new RoomctlError('ROOMCTL_E_RATE_LIMITED', `${MAX_PENDING} panels are waiting to be paired already: approve them, or wait ${seconds} s`, {
        retryAfterSeconds: seconds,
        waiting: MAX_PENDING,
      });
    }
    const claim = randomBytes(24);
    const request: PendingRequest = { id: randomUUID(), code: normal, name, claim, client, createdAt: this.now(), askedBy };
    this.pending.set(request.id, request);
    return {
      status: 'pending',
      requestId: request.id,
      claim: claim.toString('base64url'),
      expiresAt: new Date(request.createdAt + PAIRING_TTL_MS).toISOString(),
    };
  }

  /**
   * Approves the waiting request showing `code` (the caller has checked the PIN or the admin
   * session). With `requestId` (the admin view sends the one it showed) only that request is
   * approved: if the panel asked again meanwhile, the admin looks again.
   */
  approve(code: string, requestId?: string): PanelRecord {
    this.expire();
    const normal = normaliseCode(code);
    const request = [...this.pending.values()].find((r) => r.code === normal && !r.approved);
    if (!request) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No panel is waiting to be paired with the code ${code}`);
    if (requestId !== undefined && requestId !== request.id)
      throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `The request for ${code} has changed since it was shown: look at the waiting panels again`);
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

  /** Codes waiting for approval, for the admin view, with how many clients asked with each. */
  waiting(): WaitingPanel[] {
    this.expire();
    return [...this.pending.values()]
      .filter((r) => !r.approved)
      .map((r) => ({ requestId: r.id, code: r.code, name: r.name, since: new Date(r.createdAt).toISOString(), from: r.client, askedBy: r.askedBy.size }));
  }

  /** Forgets a request; an approved one nobody collected leaves no usable credential behind. */
  private drop(request: PendingRequest): void {
    this.pending.delete(request.id);
    if (request.approved) this.panels.revoke(request.approved.panel.id, new Date(this.now()));
  }

  private expire(): void {
    const cutoff = this.now() - PAIRING_TTL_MS;
    for (const r of this.pending.values()) if (r.createdAt < cutoff) this.drop(r);
  }
}
