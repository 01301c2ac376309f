import type { FastifyRequest } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import type { MinutesReader } from '../../meetings/minutes-service.js';
import { sameSecret, TokenAuth } from '../auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'meeting-code': a mutation a phone makes from the meeting's QR page. The server's
     * onRequest hook lets it through without a bearer token; the route itself then demands
     * the bearer token or the meeting's code (X-Meeting-Code header or ?code=).
     */
    auth?: 'meeting-code';
  }
}

/** Who is asking, for the meeting routes: the panel (bearer token) or a phone with the meeting code. */
export class MeetingAuth {
  private readonly tokens: TokenAuth;

  constructor(tokens: readonly string[]) {
    this.tokens = new TokenAuth(tokens);
  }

  /** True when the request carries a valid bearer token. */
  hasToken(request: FastifyRequest): boolean {
    // A paired panel's credential, already checked by the server's hook (issue 6), counts as the token.
    if (request.panelId) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
    return !!match && this.tokens.accepts(match[1]!);
  }

  private code(request: FastifyRequest): string | undefined {
    const header = request.headers['x-meeting-code'];
    if (typeof header === 'string' && header) return header;
    const query = request.query as { code?: unknown } | undefined;
    return typeof query?.code === 'string' ? query.code : undefined;
  }

  private reader(request: FastifyRequest): string | undefined {
    const who = request.headers['x-roomctl-reader'];
    return typeof who === 'string' && who.trim() ? who.trim() : undefined;
  }

  /** Bearer token or the meeting's own code; throws ROOMCTL_E_UNAUTHORIZED otherwise. */
  forMeeting(request: FastifyRequest, meeting: Meeting): MinutesReader {
    const who = this.reader(request);
    if (this.hasToken(request)) return who ? { via: 'token', who } : { via: 'token' };
    const code = this.code(request);
    if (code && sameSecret(code.toUpperCase(), meeting.code)) return who ? { via: 'meeting-code', who } : { via: 'meeting-code' };
    throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', code ? 'The meeting code is not right for this meeting' : 'Send the bearer token, or the meeting code (X-Meeting-Code) from the meeting page');
  }

  /** Bearer token only (reads that would reveal the meeting code, like the QR). */
  requireToken(request: FastifyRequest): void {
    if (!this.hasToken(request)) throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'This needs an Authorization: Bearer <token> header');
  }
}
