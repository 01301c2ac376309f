import { createHash, randomBytes } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';

/** The header an admin session travels in (next to the panel's bearer credential). */
export const ADMIN_SESSION_HEADER = 'x-roomctl-admin';

/**
 * Admin sessions, opened with the PIN. Short-lived and sliding: each use extends it, and it
 * ends after `idleMs` without use, so a panel left in the admin view locks itself again.
 * Kept in memory only (a restart logs the admin out); only hashes are held.
 */
export class AdminSessions {
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  open(): { session: string; expiresAt: string } {
    this.sweep();
    const session = randomBytes(24).toString('base64url');
    const expires = this.now() + this.idleMs;
    this.sessions.set(hash(session), expires);
    return { session, expiresAt: new Date(expires).toISOString() };
  }

  /** True (and extended) when the session is open. */
  touch(session: string | undefined): boolean {
    if (!session) return false;
    const key = hash(session);
    const expires = this.sessions.get(key);
    if (expires === undefined || expires <= this.now()) {
      this.sessions.delete(key);
      return false;
    }
    this.sessions.set(key, this.now() + this.idleMs);
    return true;
  }

  close(session: string | undefined): void {
    if (session) this.sessions.delete(hash(session));
  }

  require(session: string | undefined): void {
    if (!this.touch(session))
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This needs an admin session: enter the admin PIN on the panel', { header: ADMIN_SESSION_HEADER });
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.sessions) if (e <= t) this.sessions.delete(k);
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
