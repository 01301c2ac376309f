import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../drivers/core/errors.js';
import { actorOf } from './fleet-access.js';
import type { FleetIssue, FleetIssueAnswer } from './fleet-api-types.js';
import type { IssueDesk } from './fleet-issue-desk.js';
import { searchOf, type IssueQuery } from './issue-search.js';
import type { FleetOperators, OperatorRole } from './fleet-operators.js';
import { issueSearchQuery, limitUpTo, MINE, paramsOf, queryOf } from './fleet-route-schemas.js';
import type { FleetStore } from './fleet-store.js';
import { OPEN_ISSUES_CURSOR_PATTERN, OPEN_ISSUES_MAX_PAGE, OPEN_ISSUES_PAGE } from './open-issues-page.js';

const IssueId = paramsOf({ id: { type: 'string', minLength: 1, maxLength: 128 } });

/**
 * Issues and the people who work them. The actor of every step is the operator whose token
 * came with the request; a body never names who did it.
 */
export async function fleetIssueRoutes(
  app: FastifyInstance,
  deps: {
    store: FleetStore;
    desk: IssueDesk;
    operators: FleetOperators;
    onIssueAction?: (issue: FleetIssue) => void | Promise<void>;
    issueChanged(issue: FleetIssue): void;
  },
): Promise<void> {
  const { desk } = deps;

  app.get('/api/fleet/me', { config: { fleetAccess: 'operator' } }, async (request) => actorOf(request));

  app.get<{ Querystring: IssueQuery }>(
    '/api/fleet/issues',
    {
      config: { fleetAccess: 'operator' },
      schema: { querystring: issueSearchQuery(1000) },
    },
    async (request) => desk.search(searchOf(request.query, actorOf(request).name)),
  );

  // The dashboard's open-issues column, a page at a time (the search above is for finding, not for paging);
  // with `mine`, the asking operator's own: their page, their total, their cursor.
  app.get<{ Querystring: { limit?: number; after?: string; mine?: boolean } }>(
    '/api/fleet/open-issues',
    {
      config: { fleetAccess: 'operator' },
      schema: {
        querystring: queryOf({
          limit: limitUpTo(OPEN_ISSUES_MAX_PAGE),
          after: { type: 'string', pattern: OPEN_ISSUES_CURSOR_PATTERN },
          ...MINE,
        }),
      },
    },
    async (request) => {
      const { limit = OPEN_ISSUES_PAGE, after, mine } = request.query;
      return deps.store.openIssuesPage(limit, after, mine ? actorOf(request).name : undefined);
    },
  );

  app.get<{ Params: { id: string } }>('/api/fleet/issues/:id', { config: { fleetAccess: 'operator' }, schema: { params: IssueId } }, async (request) => {
    const issue = await deps.store.issue(request.params.id);
    if (!issue) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No issue "${request.params.id}"`);
    return { issue, log: await desk.log(issue.id) };
  });

  const changed = async (issue: FleetIssue, tellRoom: boolean) => {
    if (tellRoom) await deps.onIssueAction?.(issue);
    deps.issueChanged(issue);
    // Telling the room may have marked the issue (no command key): answer with what is stored now.
    return (await deps.store.issue(issue.id)) ?? issue;
  };
  // Only the press that acknowledged or resolved the issue tells the room (and ends its alert);
  // one that came second answers with the issue as the first left it.
  for (const action of ['acknowledge', 'resolve'] as const)
    app.post<{ Params: { id: string } }>(
      `/api/fleet/issues/:id/${action}`,
      { config: { fleetAccess: 'operator' }, schema: { params: IssueId } },
      async (request) => {
        const step = await desk[action](request.params.id, actorOf(request).name);
        const issue: FleetIssueAnswer = await changed(step.issue, step.changed);
        return step.stillDown ? { ...issue, stillDown: step.stillDown } : issue;
      },
    );
  app.post<{ Params: { id: string }; Body: { to: string | null } }>(
    '/api/fleet/issues/:id/assign',
    {
      config: { fleetAccess: 'operator' },
      schema: {
        params: IssueId,
        body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: ['string', 'null'], minLength: 1, maxLength: 80 } } },
      },
    },
    async (request) => changed(await desk.assign(request.params.id, request.body.to, actorOf(request).name), false),
  );
  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/api/fleet/issues/:id/notes',
    {
      config: { fleetAccess: 'operator' },
      schema: {
        params: IssueId,
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } } },
      },
    },
    async (request, reply) => {
      const entry = await desk.note(request.params.id, request.body.text, actorOf(request).name);
      const issue = await deps.store.issue(request.params.id);
      if (issue) deps.issueChanged(issue);
      return reply.status(201).send(entry);
    },
  );

  app.get('/api/fleet/operators', { config: { fleetAccess: 'admin' } }, async () => deps.operators.list());
  // Any operator may give an issue to a colleague, so the names (never roles or tokens) are open to them.
  app.get('/api/fleet/operators/names', { config: { fleetAccess: 'operator' } }, async () => (await deps.operators.list()).map((o) => o.name));
  app.post<{ Body: { name: string; role?: OperatorRole } }>(
    '/api/fleet/operators',
    {
      config: { fleetAccess: 'admin' },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, role: { type: 'string', enum: ['operator', 'admin'] } },
        },
      },
    },
    async (request, reply) => {
      const role = request.body.role ?? 'operator';
      const token = await deps.operators.add(request.body.name, role);
      return reply.status(201).send({ name: request.body.name.trim(), role, token });
    },
  );
  app.delete<{ Params: { name: string } }>(
    '/api/fleet/operators/:name',
    {
      config: { fleetAccess: 'admin' },
      schema: { params: paramsOf({ name: { type: 'string', minLength: 1, maxLength: 80 } }) },
    },
    async (request, reply) => {
      if (!(await deps.operators.remove(request.params.name))) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No operator named "${request.params.name}"`);
      return reply.status(204).send();
    },
  );
}
