import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * Bearer tokens, compared in constant time. Hashing both sides first makes the comparison
 * independent of the token's length too, so a wrong guess learns nothing from timing.
 */
export class TokenAuth {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  accepts(token: string): boolean {
    const candidate = digest(token);
    let ok = false;
    // Compare against every token, never stopping early.
    for (const d of this.digests) ok = timingSafeEqual(candidate, d) || ok;
    return ok;
  }

  /** Throws ROOMCTL_E_UNAUTHORIZED unless the request carries a known bearer token. */
  check(request: FastifyRequest): void {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match || !this.accepts(match[1]!)) {
      throw new RoomctlError(
        'ROOMCTL_E_UNAUTHORIZED',
        match ? 'The bearer token is not valid for this room' : 'This request needs an Authorization: Bearer <token> header',
      );
    }
  }
}

/**
 * Every config token of the room: `api.tokens` and `api.panelTokens`. A panel token has the same
 * rights; what it adds is that a request made with it is the room's panel (a kiosk set up with
 * the token rather than paired), which a release records (`releasedVia: panel`).
 */
export function roomTokens(api: { tokens: readonly string[]; panelTokens?: readonly string[] }): string[] {
  return [...api.tokens, ...(api.panelTokens ?? [])];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Two secrets (a meeting code, a pairing code) compared in constant time over their SHA-256 digests. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
