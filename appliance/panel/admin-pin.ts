import { RoomctlError } from '../../drivers/core/errors.js';
import type { Db } from '../store/database.js';
import { storedSetting, type StoredSetting } from '../store/stored-setting.js';
import { pinHashOf, pinMatches, type PinHash } from './pin-hash.js';

/** Wrong PINs in a row that lock the admin view. */
const MAX_FAILURES = 5;
/** First lock-out; each further one doubles, up to MAX_LOCK_MS. */
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 3_600_000;

interface LockState {
  /** Wrong PINs since the last right one or the last lock-out. */
  failures: number;
  /** Lock-outs since the last right PIN: each one is twice as long. */
  lockouts: number;
  /** Epoch ms; 0 when not locked. */
  lockedUntil: number;
}

const SETTINGS_KEY = 'panel.admin-pin-lockout';

/**
 * The admin PIN, checked by the server against a salted scrypt hash (pin-hash.ts); five
 * wrong PINs in a row lock the check for 30 s, then 60 s, 120 s… up to an hour. The lock-out
 * is kept in the settings table, so a restart does not hand out fresh guesses. Checks run
 * one at a time: a burst of guesses sent together is counted guess by guess, never hashed
 * side by side before the first failure is written down.
 */
export class AdminPin {
  private readonly hash: PinHash | undefined;
  private readonly lockout: StoredSetting;
  private state: LockState;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    pin: string | undefined,
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.hash = pin === undefined ? undefined : pinHashOf(pin);
    this.lockout = storedSetting(db, SETTINGS_KEY);
    if (pin !== undefined && !this.hash)
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'panel.adminPin is neither 4–12 digits nor a hash from `roomctl config hash-pin`');
    this.state = this.load();
  }

  get configured(): boolean {
    return this.hash !== undefined;
  }

  /** Seconds until the PIN may be tried again; 0 when it may be tried now. */
  lockedForSeconds(): number {
    return Math.max(0, Math.ceil((this.state.lockedUntil - this.now()) / 1000));
  }

  /**
   * Rejects with ROOMCTL_E_LOCKED_OUT while locked, ROOMCTL_E_UNAUTHORIZED for a wrong PIN
   * (with the attempts left), ROOMCTL_E_ADMIN_PIN_NOT_SET when the config has no PIN.
   */
  verify(pin: string): Promise<void> {
    const turn = this.queue.then(() => this.check(pin));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async check(pin: string): Promise<void> {
    if (!this.hash) throw new RoomctlError('ROOMCTL_E_ADMIN_PIN_NOT_SET', 'This room has no admin PIN: set panel.adminPin in its secrets.yaml');
    const locked = this.lockedForSeconds();
    if (locked > 0) throw lockedOut(locked);
    // Longer than any PIN: refused without spending a hash on it.
    if (pin.length <= 64 && (await pinMatches(pin, this.hash))) {
      this.save({ failures: 0, lockouts: 0, lockedUntil: 0 });
      return;
    }
    const failures = this.state.failures + 1;
    if (failures >= MAX_FAILURES) {
      const ms = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** this.state.lockouts);
      this.save({ failures: 0, lockouts: this.state.lockouts + 1, lockedUntil: this.now() + ms });
      throw lockedOut(Math.ceil(ms / 1000));
    }
    this.save({ ...this.state, failures });
    const attemptsLeft = MAX_FAILURES - failures;
    throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', `Wrong PIN; ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left before the admin view locks`, {
      attemptsLeft,
    });
  }

  private load(): LockState {
    const saved = this.lockout.get();
    try {
      const parsed = saved ? (JSON.parse(saved) as Partial<LockState>) : {};
      return { failures: Number(parsed.failures) || 0, lockouts: Number(parsed.lockouts) || 0, lockedUntil: Number(parsed.lockedUntil) || 0 };
    } catch {
      return { failures: 0, lockouts: 0, lockedUntil: 0 };
    }
  }

  private save(state: LockState): void {
    this.state = state;
    this.lockout.set(JSON.stringify(state), new Date(this.now()).toISOString());
  }
}

function lockedOut(seconds: number): RoomctlError {
  return new RoomctlError('ROOMCTL_E_LOCKED_OUT', `Too many wrong PINs: the admin view is locked for ${seconds} s`, { retryAfterSeconds: seconds });
}
