import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/database.js';
import { storedSecret } from '../store/stored-setting.js';
import type { Meeting } from './meeting-types.js';

const SECRET_KEY = 'minutes.reader-secret';
const MAC_BYTES = 18;

/**
 * Personal links to a meeting's minutes: each recipient of the minutes email gets a token
 * that names them and is signed under the room's secret (kept in `settings`, never sent):
 * `<email, base64url>.<HMAC-SHA256(secret, meeting id + email), 18 bytes>`. Holding it proves
 * the holder got that person's email — unlike a typed-in address or badge id, which anyone
 * can guess. The phone page sends it as `X-Minutes-Reader`.
 */
export class MinutesReaderLinks {
  private readonly secret: Buffer;

  constructor(db: Db) {
    this.secret = storedSecret(db, SECRET_KEY);
  }

  /** The token for one person (by email) and one meeting. */
  tokenFor(meetingId: string, email: string): string {
    const who = email.trim().toLowerCase();
    return `${Buffer.from(who, 'utf8').toString('base64url')}.${this.mac(meetingId, who).toString('base64url')}`;
  }

  /** The email a token was made for, when it is one of this room's for this meeting; else undefined. */
  verify(meeting: Pick<Meeting, 'id'>, token: string): string | undefined {
    const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{24})$/.exec(token.trim());
    if (!match) return undefined;
    const who = Buffer.from(match[1]!, 'base64url').toString('utf8');
    const given = Buffer.from(match[2]!, 'base64url');
    const expected = this.mac(meeting.id, who);
    return given.length === expected.length && timingSafeEqual(given, expected) ? who : undefined;
  }

  private mac(meetingId: string, who: string): Buffer {
    return createHmac('sha256', this.secret).update(`roomctl minutes reader v1\n${meetingId}\n${who}`).digest().subarray(0, MAC_BYTES);
  }
}
