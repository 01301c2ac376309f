import { createHmac } from 'node:crypto';
import type { SignedCommand } from './commands.js';

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
export type { SignedCommand };

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

export function signingInput(topic: string, c: Pick<SignedCommand, 'ts' | 'nonce' | 'replyTo' | 'params'>): string {
  return `${topic}\n${c.ts}\n${c.nonce}\n${c.replyTo ?? ''}\n${canonicalJson(c.params ?? {})}`;
}

/** What a central sender (or a test) runs to sign a command. */
export function signCommand(topic: string, key: CommandKey, command: Omit<SignedCommand, 'keyId' | 'sig'>): SignedCommand {
  const sig = createHmac('sha256', key.secret).update(signingInput(topic, command)).digest('hex');
  return { ...command, keyId: key.id, sig };
}
