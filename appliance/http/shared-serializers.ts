import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type SerializerFactory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;
type Serialize = (data: unknown) => string;

/**
 * Fastify compiles a serializer per route and status code, and fast-json-stringify gives
 * every schema with a union (our ErrorBody's `code`) an Ajv instance of its own: 8 error
 * statuses × ~80 routes made 636 of them, ~10 MB of a room's memory. The same schema
 * yields the same serializer, so each distinct schema is compiled once per server — and
 * only when a response first needs it: an idle room answers a handful of routes and
 * statuses, and the generated code of the others (with their Ajv instances) would sit in
 * its memory unused.
 */
export const buildSharedSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const shared = new Map<string, Serialize>();
  return (route) => {
    const key = JSON.stringify(route.schema);
    let serialize = shared.get(key);
    if (!serialize) {
      let compiled: Serialize | undefined;
      serialize = (data) => (compiled ??= compile(route))(data);
      shared.set(key, serialize);
    }
    return serialize;
  };
};
