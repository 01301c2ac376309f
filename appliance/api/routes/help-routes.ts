import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { HelpDesk } from '../../help/help-desk.js';
import { errorResponses } from '../schemas.js';

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
  app.addSchema(HelpRequestSchema);
  const ref = Type.Ref(HelpRequestSchema);
  app.post<{ Body: { message?: string } }>(
    '/api/v1/help',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Call facilities (publishes help.requested); facilities acknowledge with the central command cmd/ack-help',
        tags: ['help'],
        body: Type.Optional(Type.Object({ message: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false })),
        security: [{ bearer: [] }],
        response: { 201: ref, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(help.request(request.body?.message)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/help/:id',
    {
      config: { access: 'room' },
      schema: {
        summary: 'One help request: has someone seen it?',
        tags: ['help'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        security: [{ bearer: [] }],
        response: { 200: ref, ...errorResponses },
      },
    },
    async (request) => help.get(request.params.id),
  );
  app.get(
    '/api/v1/help',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Recent help requests, newest last',
        tags: ['help'],
        security: [{ bearer: [] }],
        response: { 200: Type.Array(ref), ...errorResponses },
      },
    },
    async () => help.recent(),
  );
}
