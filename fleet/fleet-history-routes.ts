import type { FastifyInstance } from 'fastify';
import { sendCsv } from './csv-export.js';
import { FAULTS_CSV_MAX_ROWS, ISSUES_CSV_MAX_ROWS } from './export-bounds.js';
import type { FleetAlertFeed } from './fleet-alert-feed.js';
import type { FleetHistory } from './fleet-history.js';
import type { IssueDesk } from './fleet-issue-desk.js';
import { searchOf, type IssueQuery } from './issue-search.js';
import { actorOf } from './fleet-access.js';
import { issueSearchQuery, limitUpTo, queryOf, ROOM_PARAMS } from './fleet-route-schemas.js';

/** History, trends, the alerts the rules fired, and CSV exports: for operators. */
export async function fleetHistoryRoutes(app: FastifyInstance, deps: { history: FleetHistory; desk: IssueDesk; alerts: FleetAlertFeed }): Promise<void> {
  app.get<{ Params: { site: string; room: string } }>(
    '/api/fleet/rooms/:site/:room/history',
    { config: { fleetAccess: 'operator' }, schema: { params: ROOM_PARAMS } },
    async (request) => deps.history.room(request.params.site, request.params.room),
  );

  app.get('/api/fleet/trends', { config: { fleetAccess: 'operator' } }, async () => ({
    flappers: await deps.history.flappers(),
    busiestRooms: await deps.history.busiestRooms(),
  }));

  app.get<{ Querystring: { limit?: number } }>(
    '/api/fleet/alerts',
    {
      config: { fleetAccess: 'operator' },
      schema: { querystring: queryOf({ limit: limitUpTo(500) }) },
    },
    async (request) => deps.alerts.recent(request.query.limit ?? 50),
  );

  // Newest first, at most `limit` rows, streamed a page at a time.
  app.get<{ Querystring: { site?: string; room?: string; limit?: number } }>(
    '/api/fleet/export/faults.csv',
    {
      config: { fleetAccess: 'operator' },
      schema: { querystring: queryOf({ ...ROOM_PARAMS.properties, limit: limitUpTo(FAULTS_CSV_MAX_ROWS) }) },
    },
    async (request, reply) => sendCsv(reply, { name: 'fleet-faults.csv', ...(await deps.history.faultsCsv(request.query)) }),
  );

  // The issues a search finds: newest first, at most `limit` rows, streamed a page at a time.
  app.get<{ Querystring: IssueQuery }>(
    '/api/fleet/export/issues.csv',
    {
      config: { fleetAccess: 'operator' },
      schema: { querystring: issueSearchQuery(ISSUES_CSV_MAX_ROWS) },
    },
    async (request, reply) => sendCsv(reply, { name: 'fleet-issues.csv', ...(await deps.desk.csv(searchOf(request.query, actorOf(request).name))) }),
  );
}
