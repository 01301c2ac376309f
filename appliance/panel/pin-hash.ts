import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * How the admin PIN is kept: a salted scrypt hash, so a copied config or secrets file does
 * not give the PIN away in the second an unsalted SHA-256 of 4–12 digits takes to reverse.
 *
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<hash, base64url>          (made from the PIN)
 *   scrypt-sha256$<log2 N>$<r>$<p>$<salt>$<hash>                          (made from an old "sha256:<hex>")
 *
 * The second form migrates an old digest without knowing the PIN: scrypt over the digest's
 * hex, and verifying hashes the typed PIN with SHA-256 first. `roomctl config hash-pin` makes both.
 */
export const PIN_HASH_PATTERN = '^(scrypt|scrypt-sha256)\\$[0-9]{1,2}\\$[0-9]{1,2}\\$[0-9]{1,2}\\$[A-Za-z0-9_-]{16,64}\\$[A-Za-z0-9_-]{32,128}$';
const LEGACY_SHA256_PATTERN = '^sha256:[0-9a-f]{64}$';

/** 2^15 × 8 × 128 B = 32 MB and about 0.1 s per guess on a mini-PC; the lock-out covers guesses online. */
const DEFAULT = { logN: 15, r: 8, p: 1 };
const KEY_BYTES = 32;

export interface PinHash {
  /** What goes into scrypt: the PIN itself, or the hex SHA-256 of it (migrated digests). */
  input: 'pin' | 'sha256';
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const options = (h: Pick<PinHash, 'logN' | 'r' | 'p'>): ScryptOptions => ({ N: 2 ** h.logN, r: h.r, p: h.p, maxmem: 256 * 2 ** h.logN * h.r + 1024 * 1024 });
const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** A new salted hash of a PIN (or of an old digest's hex, with input 'sha256'). */
export function hashPin(secret: string, input: PinHash['input'] = 'pin'): PinHash {
  const salt = randomBytes(16);
  return { input, ...DEFAULT, salt, hash: scryptSync(secret, salt, KEY_BYTES, options(DEFAULT)) };
}

export function formatPinHash(h: PinHash): string {
  return [h.input === 'pin' ? 'scrypt' : 'scrypt-sha256', h.logN, h.r, h.p, h.salt.toString('base64url'), h.hash.toString('base64url')].join('$');
}

/**
 * The config's `panel.adminPin` as a hash to verify against: digits are hashed here (with a
 * fresh salt, so no unsalted form of the PIN is ever held), `sha256:<hex>` is wrapped, and the
 * scrypt forms are parsed. Undefined for anything else.
 */
export function pinHashOf(configured: string): PinHash | undefined {
  if (/^[0-9]{4,12}$/.test(configured)) return hashPin(configured);
  if (new RegExp(LEGACY_SHA256_PATTERN).test(configured)) return hashPin(configured.slice(7), 'sha256');
  if (!new RegExp(PIN_HASH_PATTERN).test(configured)) return undefined;
  const [kind, logN, r, p, salt, hash] = configured.split('$') as [string, string, string, string, string, string];
  const parsed = {
    input: kind === 'scrypt' ? ('pin' as const) : ('sha256' as const),
    logN: Number(logN),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  };
  // Cost bounds: weaker than 2^14 is not slow, stronger than 2^20 would take the box's memory.
  if (parsed.logN < 14 || parsed.logN > 20 || parsed.r < 1 || parsed.r > 32 || parsed.p < 1 || parsed.p > 16) return undefined;
  return parsed;
}

/** True when `pin` is the one hashed; off the event loop (libuv's pool), compared in constant time. */
export function pinMatches(pin: string, h: PinHash): Promise<boolean> {
  const secret = h.input === 'pin' ? pin : sha256Hex(pin);
  return new Promise((resolve, reject) => {
    scrypt(secret, h.salt, h.hash.length, options(h), (err, derived) => (err ? reject(err) : resolve(timingSafeEqual(derived, h.hash))));
  });
}
