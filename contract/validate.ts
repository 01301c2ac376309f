/**
 * Compiled checks of the contract's schemas, for the reading end: a payload that does not
 * fit comes back as a coded error saying where, never as an exception.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ErrorCode } from '../drivers/core/errors.js';

export interface ContractError {
  code: Extract<ErrorCode, 'ROOMCTL_E_MQTT_TOPIC' | 'ROOMCTL_E_MQTT_PAYLOAD'>;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/**
 * The largest payload a reader parses (bytes). The largest a room sends is an agenda clock of 100
 * items with 30 speakers each, all names at their longest (about 0.5 MB of CJK text); anything
 * bigger is refused before `JSON.parse` sees it, so a room whose broker login was stolen cannot
 * make every reader parse, store and show a 100 MB title.
 */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** A payload over MAX_PAYLOAD_BYTES, refused before it is decoded or parsed. */
export function oversized(name: string, payload: Buffer): ContractError | undefined {
  if (payload.length <= MAX_PAYLOAD_BYTES) return undefined;
  return { code: 'ROOMCTL_E_MQTT_PAYLOAD', message: `${name}: ${payload.length} bytes, more than the ${MAX_PAYLOAD_BYTES} a payload may have` };
}

/**
 * A compiled reader of one schema: `payload(buffer)` for a message from the broker (its size
 * checked before it is decoded), `read(text)` for JSON text, `check(value)` for a value already parsed.
 */
export function compileReader<S extends TSchema>(name: string, schema: S) {
  const compiled = TypeCompiler.Compile(schema);
  const check = (value: unknown): Checked<Static<S>> => {
    if (compiled.Check(value)) return { ok: true, value: value as Static<S> };
    const first = compiled.Errors(value).First();
    // A schema may say in words what it allows (`errorMessage`); otherwise TypeBox's own message.
    const said = first && typeof first.schema.errorMessage === 'string' ? `${first.path.slice(1)} ${first.schema.errorMessage}` : undefined;
    const where = said ?? (first ? `${first.path || '/'}: ${first.message}` : 'does not match');
    return { ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD', message: `${name}: ${where}` } };
  };
  const read = (text: string): Checked<Static<S>> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD', message: `${name} is not JSON` } };
    }
    return check(value);
  };
  const payload = (buffer: Buffer): Checked<Static<S>> => {
    const tooBig = oversized(name, buffer);
    return tooBig ? { ok: false, error: tooBig } : read(buffer.toString('utf8'));
  };
  return { check, read, payload };
}
