import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../../appliance-core.js';
import { StatusViewSchema } from '../schemas.js';

export async function statusRoutes(app: FastifyInstance, core: ApplianceCore): Promise<void> {
  app.get(
    '/api/v1/status',
    { config: { access: 'open' }, schema: { summary: 'Room, room state, device summary, version', tags: ['room'], response: { 200: StatusViewSchema } } },
    async () => core.status(),
  );
}
