import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { HelpDesk } from '../../help/help-desk.js';
import { errorResponses, HelpParams } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const HelpRequestSchema = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    message: Type.Union([Type.String(), Type.Null()]),
    acknowledgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When facilities said they have seen it (cmd/ack-help)' }),
    acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
    resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When facilities said it is dealt with (cmd/resolve-help)' }),
    resolvedBy: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'HelpRequest' },
);

/** The help button: a request goes to facilities (MQTT event `help.requested`); the panel watches for the acknowledgement. */
export async function helpRoutes(app: FastifyInstance, help: HelpDesk): Promise<void> {
  const api = declareRoutes(app, { tags: ['help'], errors: errorResponses });
  app.addSchema(HelpRequestSchema);
  const ref = Type.Ref(HelpRequestSchema);
  api.post(
    '/api/v1/help',
    {
      access: 'room',
      pace: 'help',
      summary: 'Call facilities (publishes help.requested); facilities acknowledge with the central command cmd/ack-help',
      body: Type.Optional(Type.Object({ message: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false })),
      response: { 201: ref },
    },
    async (request, reply) => reply.status(201).send(help.request(request.body?.message)),
  );
  api.get(
    '/api/v1/help/:id',
    {
      access: 'room',
      summary: 'One help request: has someone seen it?',
      params: HelpParams,
      response: { 200: ref },
    },
    async (request) => help.get(request.params.id),
  );
  api.get(
    '/api/v1/help',
    {
      access: 'room',
      summary: 'Recent help requests, newest last',
      response: { 200: Type.Array(ref) },
    },
    async () => help.recent(),
  );
}
