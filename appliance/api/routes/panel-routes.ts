import { textIn } from '../../../drivers/core/localized-text.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../../appliance-core.js';
import { adminSessionOf } from '../../panel/panel-access.js';
import type { PanelServices } from '../../panel/panel-services.js';
import { ROOM_LOCALES } from '../../room/room-language.js';
import { ErrorBodySchema, errorResponses } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const refused = { ...errorResponses, 403: Type.Ref(ErrorBodySchema), 429: Type.Ref(ErrorBodySchema) };
const Code = Type.String({ pattern: '^[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}$', description: 'The pairing code the panel shows, e.g. K7QM-4XPA' });
const PairingAnswer = Type.Union([
  Type.Object({ status: Type.Literal('pending'), requestId: Type.String(), claim: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
  Type.Object({
    status: Type.Literal('approved'),
    requestId: Type.String(),
    panelId: Type.String(),
    token: Type.String({ description: 'The panel credential: room actions, not admin ones' }),
  }),
]);
const PanelInfoSchema = Type.Object(
  {
    room: Type.Object({ id: Type.String(), name: Type.String(), timezone: Type.String() }),
    locale: Type.Union(ROOM_LOCALES.map((l) => Type.Literal(l))),
    adminPin: Type.Boolean({ description: 'The room has an admin PIN (the admin view can be opened)' }),
    credential: Type.Union([Type.Literal('token'), Type.Literal('panel'), Type.Literal('none')], {
      description:
        "What the request's bearer is: a config token, the room's panel (a paired panel's credential, or a config token listed in api.panelTokens), or nothing valid",
    }),
    panelId: Type.Union([Type.String(), Type.Null()]),
    presets: Type.Array(Type.Object({ device: Type.String(), preset: Type.Integer(), name: Type.String(), nameZh: Type.Optional(Type.String()) })),
    previewCamera: Type.Union([Type.String(), Type.Null()], {
      description: 'The camera the live media preview shows (media.video.camera); null: no preview in this room',
    }),
    phonesReach: Type.Boolean({
      description:
        "A phone can open the room's QR codes: api.publicUrl is set, or the room listens beyond this machine. False: the codes would carry a loopback address (the panel says so instead)",
    }),
    faultsReported: Type.Optional(
      Type.Boolean({
        description: 'The room reports device faults to facilities (it has an MQTT link to the fleet): the panel can say "facilities have been told"',
      }),
    ),
  },
  { $id: 'PanelInfo' },
);

/** The panel's handshake: what it should show, pairing, and the admin PIN → session. */
export async function panelRoutes(app: FastifyInstance, core: ApplianceCore, panel: PanelServices): Promise<void> {
  const api = declareRoutes(app, { tags: ['panel'], errors: refused });
  const { access } = panel;
  app.addSchema(PanelInfoSchema);

  api.get(
    '/api/v1/panel/info',
    {
      access: 'public',
      summary: 'What a panel needs before its first screen: room, language, whether it is paired',
      response: { 200: Type.Ref(PanelInfoSchema) },
      errors: {},
    },
    async (request) => {
      const { id, name, timezone } = core.config.room;
      return {
        room: { id, name, timezone },
        locale: panel.language.locale,
        adminPin: access.pin.configured,
        // As the room's access check settled it for the Authorization header (route-access.ts).
        credential: request.credential ?? ('none' as const),
        panelId: request.panelId,
        // One name per language in the config, or name + nameZh: the panel gets both as name + nameZh.
        presets: (core.config.panel?.presets ?? []).map((p) => {
          const zh = p.nameZh ?? (typeof p.name === 'string' ? undefined : p.name['zh-CN']);
          return { device: p.device, preset: p.preset, name: textIn(p.name, 'en'), ...(zh ? { nameZh: zh } : {}) };
        }),
        previewCamera: core.media?.settings.video.camera ?? null,
        // The room's side decides: a kiosk opens the panel on loopback while phones use the LAN address.
        phonesReach: core.meetings?.phonesReach() ?? false,
        faultsReported: core.config.mqtt !== undefined,
      };
    },
  );

  api.post(
    '/api/v1/panels/pair',
    {
      access: 'public',
      summary:
        'A panel asks to be paired, showing its code: approved at once when the config lists the code (once per code), else it waits for the admin PIN. A code another client is waiting with is refused (409); 10 requests a minute per client, of which it holds two waiting (its newest replaces its oldest)',
      body: Type.Object({ code: Code, name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })) }, { additionalProperties: false }),
      response: { 200: PairingAnswer },
    },
    async (request) => access.pairing.request(request.body.code, request.body.name ?? `Panel ${request.body.code}`, request.ip),
  );

  api.post(
    '/api/v1/panels/pair/claim',
    {
      access: 'public',
      summary: 'The asking panel polls its request: still pending, or its credential (handed out once)',
      body: Type.Object({ requestId: Type.String({ maxLength: 64 }), claim: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: PairingAnswer },
    },
    async (request) => access.pairing.claim(request.body.requestId, request.body.claim),
  );

  api.post(
    '/api/v1/panels/pair/approve',
    {
      access: 'public',
      summary: 'Approve a waiting panel: with the admin PIN (same lock-out as the admin view) or an admin session',
      body: Type.Object(
        {
          code: Code,
          pin: Type.Optional(Type.String({ maxLength: 64 })),
          requestId: Type.Optional(Type.String({ maxLength: 64, description: 'The waiting request the admin view showed: only that one is approved' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ panelId: Type.String(), name: Type.String() }) },
    },
    async (request) => {
      if (!access.sessions.touch(adminSessionOf(request))) await access.pin.verify(request.body.pin ?? '');
      const approved = access.pairing.approve(request.body.code, request.body.requestId);
      request.log.info({ panel: approved.id, name: approved.name }, 'panel paired with the admin PIN');
      return { panelId: approved.id, name: approved.name };
    },
  );

  api.post(
    '/api/v1/admin/session',
    {
      access: 'public',
      summary: 'Open an admin session with the admin PIN; 5 wrong PINs in a row lock it (30 s, then twice as long each time)',
      tags: ['admin'],
      body: Type.Object({ pin: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ session: Type.String({ description: 'Send as X-Roomctl-Admin' }), expiresAt: Type.String({ format: 'date-time' }) }) },
    },
    async (request) => {
      try {
        await access.pin.verify(request.body.pin);
      } catch (err) {
        request.log.warn({ code: (err as { code?: string }).code }, 'admin PIN refused');
        throw err;
      }
      request.log.info({}, 'admin session opened');
      return access.sessions.open();
    },
  );

  api.delete(
    '/api/v1/admin/session',
    {
      access: 'admin',
      summary: 'Close the admin session',
      tags: ['admin'],
      noContent: true,
    },
    async (request) => {
      access.sessions.close(adminSessionOf(request));
    },
  );
}
