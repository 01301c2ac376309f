import { describe, expect, it } from 'vitest';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { tempDb } from '../meetings/testing/temp-db.js';
import { AdminPin } from './admin-pin.js';

const code = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (err: RoomctlError) => err.code,
  );

describe('admin PIN: five wrong PINs lock the admin view, each lock-out twice as long', () => {
  const store = tempDb();

  it('counts down the tries, locks for 30 s, refuses even the right PIN meanwhile, then 60 s after the next five', async () => {
    let now = 1_000_000;
    const pin = new AdminPin('482916', store.db, () => now);
    expect(await code(pin.verify('482916'))).toBe('ok');
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        await pin.verify('000000').then(
          () => undefined,
          (err: RoomctlError) => err.details,
        ),
      );
    expect(answers).toEqual([{ attemptsLeft: 4 }, { attemptsLeft: 3 }, { attemptsLeft: 2 }, { attemptsLeft: 1 }]);
    expect(await code(pin.verify('000000'))).toBe('ROOMCTL_E_LOCKED_OUT');
    expect(pin.lockedForSeconds()).toBe(30);
    expect(await code(pin.verify('482916'))).toBe('ROOMCTL_E_LOCKED_OUT');

    now += 30_000;
    for (let i = 0; i < 4; i++) expect(await code(pin.verify('1111'))).toBe('ROOMCTL_E_UNAUTHORIZED');
    expect(await code(pin.verify('1111'))).toBe('ROOMCTL_E_LOCKED_OUT');
    expect(pin.lockedForSeconds()).toBe(60);

    // The lock-out survives a restart (a new AdminPin over the same database).
    const restarted = new AdminPin('482916', store.db, () => now);
    expect(restarted.lockedForSeconds()).toBe(60);
    now += 60_000;
    expect(await code(restarted.verify('482916'))).toBe('ok');
    expect(restarted.lockedForSeconds()).toBe(0);
    store.close();
  });
});
