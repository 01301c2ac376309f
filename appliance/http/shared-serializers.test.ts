import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildSharedSerializer } from './shared-serializers.js';

const errorBody = { type: 'object', properties: { code: { anyOf: [{ const: 'A' }, { const: 'B' }] }, message: { type: 'string' } } };

describe('shared response serializers', () => {
  it('compiles a schema once however many routes and statuses use it', () => {
    const compile = buildSharedSerializer({}, {});
    const a = compile({ schema: errorBody, method: 'GET', url: '/a', httpStatus: '404' });
    const b = compile({ schema: structuredClone(errorBody), method: 'POST', url: '/b', httpStatus: '400' });
    const other = compile({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } }, method: 'GET', url: '/a', httpStatus: '200' });
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });

  it('compiles a schema only when a response first needs it', () => {
    const compile = buildSharedSerializer({}, {});
    // A reference fast-json-stringify cannot resolve: compiling it throws.
    const broken = compile({ schema: { type: 'object', properties: { x: { $ref: 'nowhere#' } } }, method: 'GET', url: '/x', httpStatus: '200' });
    expect(() => broken({ x: 1 })).toThrow();
    const fine = compile({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } }, method: 'GET', url: '/y', httpStatus: '200' });
    expect(fine({ ok: true, extra: 1 })).toBe('{"ok":true}');
  });

  it('still shapes each response by its schema: unknown fields never leave', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: buildSharedSerializer } } });
    for (const url of ['/one', '/two'])
      app.get(url, { schema: { response: { 404: errorBody } } }, async (_req, reply) => reply.code(404).send({ code: 'B', message: url, secret: 'x' }));
    expect((await app.inject('/one')).json()).toEqual({ code: 'B', message: '/one' });
    expect((await app.inject('/two')).json()).toEqual({ code: 'B', message: '/two' });
    await app.close();
  });
});
