import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteHandlerMethod } from 'fastify';
import type { AccessLevel } from './route-access.js';
import { DoorCodeHeaders } from './routes/door-schemas.js';
import { CodeHeaders } from './routes/meeting-schemas.js';

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
      const { access, tags = module.tags, response = {}, errors = module.errors, ...schema } = spec;
      app.route({
        method,
        url,
        config: { access },
        schema: { ...schema, tags, ...CREDENTIALS[access], response: { ...response, ...errors } },
        // The handler's request type is the narrower one its schemas give; Fastify checks the request against them first.
        handler: handler as unknown as RouteHandlerMethod,
      });
    };
  return { get: declare('GET'), post: declare('POST'), put: declare('PUT'), patch: declare('PATCH'), delete: declare('DELETE') };
}
