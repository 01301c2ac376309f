import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../../appliance-core.js';
import { DeviceId, DeviceParams, DeviceViewSchema, errorResponses } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const ActionParams = Type.Object({ id: DeviceId, action: Type.String() });

export async function deviceRoutes(app: FastifyInstance, core: ApplianceCore): Promise<void> {
  const api = declareRoutes(app, { tags: ['devices'], errors: errorResponses });
  api.get(
    '/api/v1/devices',
    {
      access: 'open',
      summary: 'Every device with its status and actions',
      response: { 200: Type.Array(DeviceViewSchema) },
      errors: {},
    },
    async () => core.devices.list(),
  );

  api.get(
    '/api/v1/devices/:id',
    {
      access: 'open',
      summary: 'One device',
      params: DeviceParams,
      response: { 200: DeviceViewSchema, 404: errorResponses[404] },
      errors: {},
    },
    async (request) => core.devices.get(request.params.id),
  );

  api.post(
    '/api/v1/devices/:id/actions/:action',
    {
      access: 'room',
      summary: 'Run a device action',
      description:
        "The body is validated by the action's JSON Schema, listed in GET /api/v1/devices. A `move` with a non-zero speed must be sent again within panel.moveWatchdogMs (default 500 ms) while the motion should go on; otherwise the appliance sends `stop` itself (dead-man's switch), whoever sent the move (API, MQTT, a scene). A camera's motor commands reach it in the order accepted. Once a command is on the wire, a lost link answers ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN (sent, outcome unknown; never re-sent). A display that follows the room mute takes `mute` as the room mute.",
      params: ActionParams,
      body: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      response: { 200: Type.Object({ ok: Type.Literal(true), result: Type.Unknown() }) },
    },
    async (request) => {
      const result = await core.devices.execute(request.params.id, request.params.action, request.body ?? {});
      return { ok: true as const, result: result ?? null };
    },
  );
}
