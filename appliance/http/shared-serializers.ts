import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type SerializerFactory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

/**
 * Fastify compiles a serializer per route and status code, and fast-json-stringify gives
 * every schema with a union (our ErrorBody's `code`) an Ajv instance of its own: 8 error
 * statuses × ~80 routes made 636 of them, ~10 MB of a room's memory. The same schema
 * yields the same serializer, so each distinct schema is compiled once per server.
 */
export const buildSharedSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const compiled = new Map<string, ReturnType<typeof compile>>();
  return (route) => {
    const key = JSON.stringify(route.schema);
    let serialize = compiled.get(key);
    if (!serialize) {
      serialize = compile(route);
      compiled.set(key, serialize);
    }
    return serialize;
  };
};
