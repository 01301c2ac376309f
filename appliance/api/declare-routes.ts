import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteHandlerMethod } from 'fastify';
import type { AccessLevel } from './route-access.js';
import type { RoomPace } from './room-pace.js';
import { DoorCodeHeaders } from './routes/door-schemas.js';
import { CodeHeaders, IdParams } from './routes/meeting-schemas.js';

type Schemas = Record<number, TSchema>;
type SecurityRequirement = Record<string, string[]>;

/**
 * What each access level asks a caller for, as the OpenAPI document says it: written here once,
 * from the level the route declares, so the document cannot disagree with the check.
 */
const CREDENTIALS: Record<AccessLevel, { security?: SecurityRequirement[]; headers?: TSchema }> = {
  open: {},
  asset: {},
  public: {},
  room: { security: [{ bearer: [] }] },
  'room-link': { security: [{ bearer: [] }] },
  admin: { security: [{ adminSession: [] }] },
  // The empty requirement: the meeting's code (or a personal minutes link) in a header instead.
  'meeting-code': { security: [{ bearer: [] }, {}], headers: CodeHeaders },
  'door-code': { security: [{ bearer: [] }, { doorCode: [] }], headers: DoorCodeHeaders },
};

type StaticOf<S> = S extends TSchema ? Static<S> : unknown;

/** One route: who may call it, what it takes (validated by Fastify) and what it answers. */
interface RouteSpec<P, B, Q> {
  access: AccessLevel;
  /** A room-wide pace the route's calls count toward (room-pace.ts). */
  pace?: RoomPace;
  summary: string;
  description?: string;
  /** Instead of the module's tags. */
  tags?: string[];
  params?: P;
  body?: B;
  querystring?: Q;
  produces?: string[];
  /** The answers besides the coded errors (none for a route that answers with a stream or a file). */
  response?: Schemas;
  /** Instead of the module's coded errors (`{}`: a read that lists none). */
  errors?: Schemas;
  /** Answers 204 with no body once the handler has done its work (what it returns is not sent). */
  noContent?: true;
}

type Handler<P, B, Q> = (request: FastifyRequest<{ Params: StaticOf<P>; Body: StaticOf<B>; Querystring: StaticOf<Q> }>, reply: FastifyReply) => unknown;

/**
 * Declares a module's routes with what they share said once: the module's OpenAPI tags and its
 * coded error answers, and each route's credentials derived from its access level. The request
 * a handler gets is typed from the route's own schemas.
 */
export function declareRoutes(app: FastifyInstance, module: { tags?: string[]; errors: Schemas }) {
  const declare =
    (method: HTTPMethods) =>
    <P extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined>(
      url: string,
      spec: RouteSpec<P, B, Q>,
      handler: Handler<P, B, Q>,
    ): void => {
      const { access, pace, tags = module.tags, response = {}, errors = module.errors, noContent, ...schema } = spec;
      const answer: Handler<P, B, Q> = noContent
        ? async (request, reply) => {
            await handler(request, reply);
            return reply.status(204).send();
          }
        : handler;
      app.route({
        method,
        url,
        config: pace ? { access, pace } : { access },
        schema: { ...schema, tags, ...CREDENTIALS[access], response: { ...(noContent ? { 204: Type.Null() } : {}), ...response, ...errors } },
        // The handler's request type is the narrower one its schemas give; Fastify checks the request against them first.
        handler: answer as unknown as RouteHandlerMethod,
      });
    };
  return { get: declare('GET'), post: declare('POST'), put: declare('PUT'), patch: declare('PATCH'), delete: declare('DELETE') };
}

type MeetingHandler<T, B, Q> = (
  opened: T,
  request: FastifyRequest<{ Params: Static<typeof IdParams>; Body: StaticOf<B>; Querystring: StaticOf<Q> }>,
  reply: FastifyReply,
) => unknown;

/**
 * A meeting's own routes (`…/meetings/:id/…`): whoever holds the meeting's code (or the room's
 * credential) may call them, and `open` checks the caller against that very meeting before the
 * handler runs, handing it what it opened (the meeting, and who reads it). The access level and
 * the `:id` parameter are the same for every one of them, so they are said here once.
 */
export function declareMeetingRoutes<T>(app: FastifyInstance, module: { tags?: string[]; errors: Schemas }, open: (request: FastifyRequest, id: string) => T) {
  const routes = declareRoutes(app, module);
  const declare =
    (method: 'get' | 'post' | 'put' | 'delete') =>
    <B extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined>(
      url: string,
      spec: Omit<RouteSpec<typeof IdParams, B, Q>, 'access' | 'params'>,
      handler: MeetingHandler<T, B, Q>,
    ): void =>
      routes[method]<typeof IdParams, B, Q>(url, { ...spec, access: 'meeting-code', params: IdParams }, (request, reply) =>
        handler(open(request, request.params.id), request, reply),
      );
  return { get: declare('get'), post: declare('post'), put: declare('put'), delete: declare('delete') };
}
