import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { tempDb } from '../meetings/testing/temp-db.js';
import { AdminPin } from './admin-pin.js';
import { formatPinHash, hashPin, pinHashOf } from './pin-hash.js';

const code = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (err: RoomctlError) => err.code,
  );
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

it('keeps the PIN as a salted scrypt hash: two hashes of one PIN differ, neither contains its SHA-256', () => {
  const a = formatPinHash(hashPin('482916'));
  const b = formatPinHash(hashPin('482916'));
  expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
  expect(a).not.toBe(b);
  expect(a).not.toContain(sha256('482916'));
  expect(Buffer.from(a.split('$')[5]!, 'base64url').toString('hex')).not.toBe(sha256('482916'));
  // A hash too cheap to be slow is not taken.
  expect(pinHashOf(a.replace(/^scrypt\$15\$/, 'scrypt$10$'))).toBeUndefined();
});

it('verifies against a hash from `roomctl config hash-pin`, and against an old sha256 digest migrated without the PIN', async () => {
  const s = tempDb();
  const hashed = new AdminPin(formatPinHash(hashPin('482916')), s.db);
  expect(await code(hashed.verify('000000'))).toBe('ROOMCTL_E_UNAUTHORIZED');
  expect(await code(hashed.verify('482916'))).toBe('ok');

  const migrated = formatPinHash(hashPin(sha256('123456789'), 'sha256'));
  expect(migrated).toMatch(/^scrypt-sha256\$/);
  const fromDigest = new AdminPin(migrated, s.db);
  expect(await code(fromDigest.verify('0000'))).toBe('ROOMCTL_E_UNAUTHORIZED');
  expect(await code(fromDigest.verify('123456789'))).toBe('ok');

  // The old form itself still opens the room (it is wrapped at once), until IT replaces it.
  expect(await code(new AdminPin(`sha256:${sha256('123456789')}`, s.db).verify('123456789'))).toBe('ok');
  s.close();
});

it('counts a burst of guesses sent together one by one: the sixth is locked out, not hashed', async () => {
  const s = tempDb();
  const pin = new AdminPin('482916', s.db);
  const answers = await Promise.all(['1', '2', '3', '4', '5', '6', '7'].map((d) => code(pin.verify(d.repeat(6)))));
  expect(answers).toEqual([
    'ROOMCTL_E_UNAUTHORIZED',
    'ROOMCTL_E_UNAUTHORIZED',
    'ROOMCTL_E_UNAUTHORIZED',
    'ROOMCTL_E_UNAUTHORIZED',
    'ROOMCTL_E_LOCKED_OUT',
    'ROOMCTL_E_LOCKED_OUT',
    'ROOMCTL_E_LOCKED_OUT',
  ]);
  expect(await code(pin.verify('482916'))).toBe('ROOMCTL_E_LOCKED_OUT');
  s.close();
});
