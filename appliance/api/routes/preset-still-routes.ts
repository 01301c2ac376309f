import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { ApplianceCore } from '../../appliance-core.js';
import type { PresetStillStore } from '../../stills/preset-still-store.js';
import { PictureAuth, type PanelCredentials } from '../picture-auth.js';
import { DeviceId, ErrorBodySchema, errorResponses } from '../schemas.js';
import { roomTokens, TokenAuth } from '../../http/auth.js';
import { declareRoutes } from '../declare-routes.js';

const StillParams = Type.Object({
  id: DeviceId,
  preset: Type.Integer({ minimum: 0, maximum: 255, description: 'Preset number' }),
});
const errors = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404], 403: Type.Ref(ErrorBodySchema) };

/** True when the client's copy (If-None-Match, else If-Modified-Since) is the still it would get. */
function unchanged(headers: Record<string, string | string[] | undefined>, etag: string, savedAt: string): boolean {
  const match = headers['if-none-match'];
  if (typeof match === 'string') return match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = Date.parse(String(headers['if-modified-since'] ?? ''));
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(Date.parse(savedAt) / 1000) * 1000 <= since;
}

/**
 * GET /api/v1/devices/:id/presets/:preset/still.jpg — the still taken when the preset was
 * saved. It shows people, so it needs a credential: a config token, a paired panel's
 * credential, or either as `?token=`. `no-cache` with an ETag and Last-Modified: a client
 * asks again each time and gets 304 until the preset is saved anew.
 */
export async function presetStillRoutes(
  app: FastifyInstance,
  core: ApplianceCore,
  store: PresetStillStore,
  panels: PanelCredentials | undefined,
): Promise<void> {
  const api = declareRoutes(app, { tags: ['devices'], errors: errorResponses });
  const auth = new PictureAuth(new TokenAuth(roomTokens(core.config.api)), panels);
  api.get(
    '/api/v1/devices/:id/presets/:preset/still.jpg',
    {
      access: 'room-link',
      summary: 'The still of a camera preset (JPEG), taken when the preset was saved',
      description:
        "The device view lists the presets that have one (`presetStills`, with a `version` that is this response's ETag). Needs a credential like the media preview: `Authorization: Bearer`, a paired panel's credential, or `?token=` for an <img>.",
      params: StillParams,
      querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }),
      errors: errors,
    },
    async (request, reply) => {
      auth.check(request);
      const { id, preset } = request.params;
      core.devices.get(id); // unknown device: ROOMCTL_E_DEVICE_NOT_FOUND with the room's devices
      const found = await store.read(id, preset);
      if (!found) throw new RoomctlError('ROOMCTL_E_STILL_NOT_FOUND', `Preset ${preset} of ${id} has no still`, { device: id, preset });
      const etag = `"${found.still.version}"`;
      void reply.header('cache-control', 'private, no-cache').header('etag', etag).header('last-modified', new Date(found.still.savedAt).toUTCString());
      if (unchanged(request.headers, etag, found.still.savedAt)) return reply.status(304).send();
      return reply.type('image/jpeg').header('content-length', found.jpeg.length).send(found.jpeg);
    },
  );
}
