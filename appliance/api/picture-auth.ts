import type { FastifyRequest } from 'fastify';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { TokenAuth } from '../http/auth.js';

/** Checks a paired panel's credential; undefined when it is not one (PanelRepository.verify). */
export interface PanelCredentials {
  verify(token: string): string | undefined;
}

/**
 * Who may see pictures of the room (the media preview, preset stills): they show people, so
 * unlike the other reads they need a credential. An <img> cannot send headers, so besides
 * `Authorization: Bearer` the credential may come as `?token=`. Panels' own credentials
 * count where `panels` is given (a header one is already settled by PanelAccess).
 */
export class PictureAuth {
  constructor(
    private readonly tokens: TokenAuth,
    private readonly panels?: PanelCredentials,
  ) {}

  check(request: FastifyRequest): void {
    if (this.panels && request.panelId) return;
    const query = (request.query as { token?: unknown } | undefined)?.token;
    if (request.headers.authorization || typeof query !== 'string') return this.tokens.check(request);
    if (this.tokens.accepts(query) || this.panels?.verify(query) !== undefined) return;
    throw new RoomctlError('ROOMCTL_E_UNAUTHORIZED', 'The token is not valid for this room');
  }
}
