import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingInput, type CommandKey, type SignedCommand } from '../../contract/command-signing.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { MemoryNonceStore, type NonceStore } from './command-nonces.js';

// The signing is part of the room–fleet contract: both ends compute it the same way.
export { canonicalJson, signCommand, signingInput, type CommandKey, type SignedCommand } from '../../contract/command-signing.js';

/**
 * Checks signature, time window and nonce. Throws ROOMCTL_E_UNAUTHORIZED (unsigned, unknown
 * key, bad signature) or ROOMCTL_E_FORBIDDEN (stale or replayed), with a message saying which.
 */
export class CommandVerifier {
  private lastForget = 0;

  constructor(
    private readonly keys: readonly CommandKey[],
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Accepted nonces; the room keeps them in SQLite so a restart does not forget them. */
    private readonly nonces: NonceStore = new MemoryNonceStore(),
  ) {}

  verify(topic: string, raw: unknown): SignedCommand {
    const c = raw as Partial<SignedCommand> | null;
    if (!c || typeof c !== 'object' || typeof c.keyId !== 'string' || typeof c.sig !== 'string' || typeof c.nonce !== 'string' || typeof c.ts !== 'number') {
      throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'Commands must be signed: keyId, ts, nonce and sig are required');
    }
    if (c.params !== undefined && (typeof c.params !== 'object' || c.params === null || Array.isArray(c.params))) {
      throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'params must be an object');
    }
    if (c.nonce.length < 8 || c.nonce.length > 128) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'The nonce must be 8 to 128 characters');
    const key = this.keys.find((k) => k.id === c.keyId);
    const expected = key
      ? createHmac('sha256', key.secret)
          .update(signingInput(topic, c as SignedCommand))
          .digest()
      : undefined;
    const given = /^[0-9a-f]{64}$/i.test(c.sig) ? Buffer.from(c.sig, 'hex') : Buffer.alloc(0);
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', key ? 'The command signature does not match' : `No command key "${c.keyId}" in this room's config`);
    }
    const now = this.now();
    if (Math.abs(now - c.ts) > this.windowMs) {
      throw new RoomctlError(
        'ROOMCTL_E_FORBIDDEN',
        `The command is ${Math.round((now - c.ts) / 1000)} s off this room's clock (allowed ±${this.windowMs / 1000} s)`,
      );
    }
    // Forgetting is a DELETE: once a window is plenty, not on every command.
    if (now - this.lastForget > this.windowMs) {
      this.lastForget = now;
      this.nonces.forget(now - this.windowMs);
    }
    // Kept until the time check refuses the command anyway (ts + window), plus a window of slack for clock steps.
    if (!this.nonces.remember(c.nonce, c.ts + this.windowMs))
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This command was already received (replayed nonce)');
    return c as SignedCommand;
  }
}
