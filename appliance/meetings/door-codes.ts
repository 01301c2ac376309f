import { createHmac } from 'node:crypto';
import type { Clock } from '../model/clock.js';
import type { Db } from '../store/database.js';
import { storedSecret } from '../store/stored-setting.js';

/** How long one door code is shown before the next one replaces it. */
const DOOR_CODE_WINDOW_MS = 5 * 60_000;
/** Bookings one door code may make: enough for a person who got it wrong twice, not for a script. */
export const DOOR_CODE_BOOKINGS = 3;

const SECRET_KEY = 'door.secret';
/** Crockford's base32: no I, L, O, U, so a code read aloud or typed survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAC_CHARS = 10; // 50 bits: far beyond guessing online within the ten minutes a code lives
const CODE_SHAPE = /^([0-9A-Z]{1,10})-([0-9A-Z]{10})$/;

interface DoorCode {
  code: string;
  /** The time window the code belongs to (ms since the epoch / window length). */
  window: number;
  /** When the panel should show the next code (the start of the next window). */
  refreshAt: Date;
  /** When the server stops taking it (the end of the next window). */
  expiresAt: Date;
}

/**
 * The door code: a room-level booking credential the door panel shows in its QR code, so a
 * phone can book without ever seeing the API token. It is `<window>-<mac>`: the window
 * number in the open, and an HMAC-SHA256 of it under the room's secret. The secret is made
 * at the room's first start and kept in the store (settings), never sent anywhere; codes of
 * the current and the previous window are taken, so a code scanned just before it rotates
 * still works. Comparing a code (in constant time) is the API's job (meeting-auth.ts).
 */
export class DoorCodes {
  private readonly secret: Buffer;

  constructor(
    db: Db,
    private readonly clock: Clock,
    readonly windowMs = DOOR_CODE_WINDOW_MS,
  ) {
    this.secret = storedSecret(db, SECRET_KEY);
  }

  current(): DoorCode {
    const window = this.windowAt(this.clock.now());
    return { code: this.codeFor(window), window, refreshAt: new Date((window + 1) * this.windowMs), expiresAt: this.expiresAt(window) };
  }

  /** The end of the window after the code's own: the last moment its code is taken. */
  expiresAt(window: number): Date {
    return new Date((window + 2) * this.windowMs);
  }

  /** The one right code of a window. */
  codeFor(window: number): string {
    const mac = createHmac('sha256', this.secret).update(`roomctl door code v1 ${window}`).digest();
    // Five bits of each byte: 32 divides 256, so every letter is as likely as the next.
    return `${window.toString(36).toUpperCase()}-${[...mac.subarray(0, MAC_CHARS)].map((b) => ALPHABET[b & 31]).join('')}`;
  }

  /** The window a code claims to be from (undefined: not the shape of a door code). Says nothing about whether it is right. */
  windowOf(code: string): number | undefined {
    const match = CODE_SHAPE.exec(code.trim().toUpperCase());
    if (!match) return undefined;
    const window = parseInt(match[1]!, 36);
    return Number.isSafeInteger(window) ? window : undefined;
  }

  /** 'fresh' for the current and the previous window, 'expired' before, 'future' after (a clock set back). */
  ageOf(window: number): 'fresh' | 'expired' | 'future' {
    const age = this.windowAt(this.clock.now()) - window;
    return age < 0 ? 'future' : age <= 1 ? 'fresh' : 'expired';
  }

  private windowAt(time: Date): number {
    return Math.floor(time.getTime() / this.windowMs);
  }
}
