import type { FastifyInstance } from 'fastify';
import type { ApplianceMetrics } from '../../telemetry/prometheus-metrics.js';

/**
 * GET /metrics in the Prometheus text format. Open like the other health reads (`access:
 * 'open'`): it says what /api/v1/status and /api/v1/devices say already (device ids and
 * health) plus process figures, and a scraper with a bearer token is one more secret to
 * rotate on every Prometheus. `api.openReads: false` closes it with them.
 */
export async function metricsRoute(app: FastifyInstance, metrics: ApplianceMetrics): Promise<void> {
  app.get('/metrics', { config: { access: 'open' }, schema: { hide: true } }, async (_request, reply) => {
    const text = await metrics.text();
    return reply.type(metrics.contentType).send(text);
  });
}
