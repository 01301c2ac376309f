import type { Static } from '@sinclair/typebox';
import type { ActionHandlerTable, Capability } from './definition.js';
import { RoomctlError } from './errors.js';

type DeclaredActions<C extends readonly Capability[]> = C[number]['actions'][number];

/**
 * A driver's handler table for the actions its capabilities declare: one key per action
 * name, each handler's params typed from that action's TypeBox schema, as
 * zigbee-herdsman-converters keys `toZigbee` by attribute and a Companion action carries its
 * `callback`. A declared action without a handler does not compile; nor does a handler for an
 * action nobody declared (an object literal with an extra key).
 */
export type ActionHandlers<C extends readonly Capability[]> = {
  readonly [A in DeclaredActions<C> as A['name']]: (params: Static<A['params']>) => Promise<unknown>;
};

/**
 * Runs the handler of `action` with params the host has already validated against the
 * action's schema (so the one cast here is the schema's promise). An action without a
 * handler is rejected with ROOMCTL_E_ACTION_NOT_FOUND.
 */
export function runAction(handlers: ActionHandlerTable, action: string, params: Record<string, unknown>, device: string): Promise<unknown> {
  const handler = Object.hasOwn(handlers, action) ? (handlers[action] as (p: Record<string, unknown>) => Promise<unknown>) : undefined;
  // A rejection, never a throw: callers may chain on the promise.
  if (!handler) return Promise.reject(new RoomctlError('ROOMCTL_E_ACTION_NOT_FOUND', `${device} has no action '${action}'`, { action }));
  return handler(params);
}
