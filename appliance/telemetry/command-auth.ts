import { createHmac, timingSafeEqual } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import { MemoryNonceStore, type NonceStore } from './command-nonces.js';

/**
 * Central commands are signed with a shared secret (config `mqtt.commandKeys`):
 *
 *   sig = hex(HMAC-SHA256(secret, topic + "\n" + ts + "\n" + nonce + "\n" + (replyTo ?? "") + "\n" + canonical(params)))
 *
 * where `canonical` is JSON with object keys sorted and no spaces (Python:
 * `json.dumps(params, sort_keys=True, separators=(",", ":"))`). The topic is in the signature so
 * a command for one room cannot be replayed to another; `replyTo` so the answer cannot be
 * redirected; `ts` (ms since the epoch) and a one-time `nonce` so it cannot be replayed later.
 */
interface SignedCommand {
  keyId: string;
  ts: number;
  nonce: string;
  sig: string;
  params?: Record<string, unknown>;
  /** MQTT 3.1.1 has no response topic property: the answer goes here. */
  replyTo?: string;
  /** Echoed in the answer (3.1.1; MQTT 5 uses correlationData). */
  correlationId?: string;
}

export interface CommandKey {
  id: string;
  secret: string;
}

/** JSON with sorted keys, the form both sides sign. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function signingInput(topic: string, c: Pick<SignedCommand, 'ts' | 'nonce' | 'replyTo' | 'params'>): string {
  return `${topic}\n${c.ts}\n${c.nonce}\n${c.replyTo ?? ''}\n${canonicalJson(c.params ?? {})}`;
}

/** What a central sender (or a test) runs to sign a command. */
export function signCommand(topic: string, key: CommandKey, command: Omit<SignedCommand, 'keyId' | 'sig'>): SignedCommand {
  const sig = createHmac('sha256', key.secret).update(signingInput(topic, command)).digest('hex');
  return { ...command, keyId: key.id, sig };
}

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
    const expected = key ? createHmac('sha256', key.secret).update(signingInput(topic, c as SignedCommand)).digest() : undefined;
    const given = /^[0-9a-f]{64}$/i.test(c.sig) ? Buffer.from(c.sig, 'hex') : Buffer.alloc(0);
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', key ? 'The command signature does not match' : `No command key "${c.keyId}" in this room's config`);
    }
    const now = this.now();
    if (Math.abs(now - c.ts) > this.windowMs) {
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', `The command is ${Math.round((now - c.ts) / 1000)} s off this room's clock (allowed ±${this.windowMs / 1000} s)`);
    }
    // Forgetting is a DELETE: once a window is plenty, not on every command.
    if (now - this.lastForget > this.windowMs) {
      this.lastForget = now;
      this.nonces.forget(now - this.windowMs);
    }
    // Kept until the time check refuses the command anyway (ts + window), plus a window of slack for clock steps.
    if (!this.nonces.remember(c.nonce, c.ts + this.windowMs)) throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This command was already received (replayed nonce)');
    return c as SignedCommand;
  }
}
