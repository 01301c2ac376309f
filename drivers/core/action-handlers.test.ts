import { expect, it } from 'vitest';
import { type ActionHandlers, runAction } from './action-handlers.js';
import { mute, power, volume } from './capabilities.js';

const capabilities = [power(), mute(), volume()] as const;

it('types each handler from its declared action, and refuses a table that misses one or types one wrong (checked by tsc)', () => {
  const complete: ActionHandlers<typeof capabilities> = {
    power: async ({ on }) => (on ? 'on' : 'standby'),
    mute: async ({ on }) => on,
    volume: async ({ level }) => level + 1,
  };
  // @ts-expect-error volume is declared but has no handler
  const missing: ActionHandlers<typeof capabilities> = { power: async () => undefined, mute: async () => undefined };
  const extra: ActionHandlers<typeof capabilities> = {
    ...complete,
    // @ts-expect-error volume's level is a number, not a string
    volume: async ({ level }: { level: string }) => level,
  };
  expect(Object.keys(complete).sort()).toEqual(['mute', 'power', 'volume']);
  expect(Object.keys(missing)).not.toContain('volume');
  expect(Object.keys(extra)).toContain('volume');
});

it('runs the named handler with its params, and answers ROOMCTL_E_ACTION_NOT_FOUND for any other name', async () => {
  const handlers: ActionHandlers<typeof capabilities> = { power: async ({ on }) => ({ on }), mute: async () => undefined, volume: async () => undefined };
  await expect(runAction(handlers, 'power', { on: true }, 'test display')).resolves.toEqual({ on: true });
  await expect(runAction(handlers, 'toString', {}, 'test display')).rejects.toMatchObject({
    code: 'ROOMCTL_E_ACTION_NOT_FOUND',
    message: "test display has no action 'toString'",
  });
});
