import type { FastifyRequest } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { DoorCodes } from '../../meetings/door-codes.js';
import type { DoorCaller } from '../../meetings/door-booking.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import type { MinutesReaderLinks } from '../../meetings/minutes-reader-links.js';
import type { MinutesReader } from '../../meetings/minutes-service.js';
import { sameSecret, type TokenAuth } from '../../http/auth.js';

export const DOOR_CODE_HEADER = 'x-door-code';
/** The personal link's token (the phone page takes it from the link's `reader=` and sends it here). */
export const MINUTES_READER_HEADER = 'x-minutes-reader';

/** Who is asking, for the meeting routes: the panel (bearer token) or a phone with the meeting code. */
export class MeetingAuth {
  constructor(
    private readonly tokens: TokenAuth,
    /** Verifies the personal links of the minutes emails; without it only tokens and codes are taken. */
    private readonly readerLinks?: MinutesReaderLinks,
  ) {}

  /** True when the request carries a room credential: a config token, or a paired panel's (settled by route-access.ts). */
  hasToken(request: FastifyRequest): boolean {
    if (request.credential) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
    return !!match && this.tokens.accepts(match[1]!);
  }

  private code(request: FastifyRequest): string | undefined {
    const header = request.headers['x-meeting-code'];
    if (typeof header === 'string' && header) return header;
    const query = request.query as { code?: unknown } | undefined;
    return typeof query?.code === 'string' ? query.code : undefined;
  }

  /** Bearer token, a personal link from the minutes email, or the meeting's own code; throws ROOMCTL_E_UNAUTHORIZED otherwise. */
  forMeeting(request: FastifyRequest, meeting: Meeting): MinutesReader {
    const link = request.headers[MINUTES_READER_HEADER];
    if (typeof link === 'string' && link.trim() && this.readerLinks) {
      const who = this.readerLinks.verify(meeting, link);
      if (!who) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', "This personal link is not one of this meeting's: open the link from your own minutes email");
      return { via: 'reader-link', who };
    }
    if (this.hasToken(request)) return { via: 'token' };
    const code = this.code(request);
    if (code && sameSecret(code.toUpperCase(), meeting.code)) return { via: 'meeting-code' };
    throw new RoomctlError(
      'ROOMCTL_E_UNAUTHORIZED',
      code ? 'The meeting code is not right for this meeting' : 'Send the bearer token, or the meeting code (X-Meeting-Code) from the meeting page',
    );
  }

  /**
   * The email a personal link from the minutes email was made for, for what only that person
   * does (their own rating): the room's credential or the meeting's code is not that person.
   */
  personOf(request: FastifyRequest, meeting: Meeting): string {
    const reader = this.forMeeting(request, meeting);
    if (reader.via !== 'reader-link')
      throw new RoomctlError(
        'ROOMCTL_E_FORBIDDEN',
        'Only the personal link from your minutes email (X-Minutes-Reader) does this; the room rates from its panel',
      );
    return reader.who;
  }

  /**
   * Bearer token or a door code of the current or the previous window, compared in constant
   * time; throws ROOMCTL_E_UNAUTHORIZED for a wrong one, ROOMCTL_E_DOOR_CODE_EXPIRED for an old one.
   */
  forDoor(request: FastifyRequest, codes: DoorCodes): DoorCaller {
    if (this.hasToken(request)) return { via: 'token' };
    const header = request.headers[DOOR_CODE_HEADER];
    if (typeof header !== 'string' || !header.trim())
      throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'Send the bearer token, or the door code (X-Door-Code) from the QR code on the door');
    return checkDoorCode(header, codes);
  }

  /** Bearer token only (reads that would reveal the meeting code, like the QR). */
  requireToken(request: FastifyRequest): void {
    if (!this.hasToken(request)) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'This needs an Authorization: Bearer <token> header');
  }
}

/** A door code the room takes now (current or previous window), or the coded reason it does not. */
export function checkDoorCode(code: string, codes: DoorCodes): Extract<DoorCaller, { via: 'door-code' }> {
  const given = code.trim().toUpperCase();
  const window = codes.windowOf(given);
  // The window is in the open; only the whole code, compared with the right one, says it is real.
  if (window === undefined || !sameSecret(given, codes.codeFor(window)) || codes.ageOf(window) === 'future') {
    throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'The door code is not right: scan the QR code on the door again');
  }
  if (codes.ageOf(window) === 'expired')
    throw new RoomctlError('ROOMCTL_E_DOOR_CODE_EXPIRED', 'The door code has expired: scan the QR code on the door again', {
      expiredAt: codes.expiresAt(window).toISOString(),
    });
  return { via: 'door-code', window, expiresAt: codes.expiresAt(window) };
}
