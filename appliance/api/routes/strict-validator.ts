import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Validation for the meeting routes with the TypeBox schemas themselves: unknown keys are
 * refused (Fastify's default Ajv setup silently drops them, and a typo'd field would be
 * lost without a word), defaults are filled, and path/query strings are converted.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (v) => EMAIL.test(v));
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v)));

interface ValidationIssue {
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

export const strictValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  return (data: unknown) => {
    let value = data;
    if (httpPart === 'querystring' || httpPart === 'params') value = Value.Convert(schema, value);
    if (httpPart !== 'headers') value = Value.Default(schema, value);
    if (check.Check(value)) return { value };
    const validation: ValidationIssue[] = [...check.Errors(value)].slice(0, 10).map((e) => ({
      instancePath: e.path,
      message: e.message.startsWith('Unexpected property') ? 'is not a known field' : e.message.toLowerCase(),
      params: {},
    }));
    const error = Object.assign(new Error(validation.map((v) => `${v.instancePath || '/'} ${v.message}`).join('; ')), { validation, statusCode: 400 });
    return { error };
  };
};
