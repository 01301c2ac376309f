import type { FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';
import type { Migration } from './store/migrations.js';
import type { CommandRegistry, CommandSpec } from './telemetry/command-registry.js';

/**
 * One part of the room, in one shape. `R` is what the modules share: each module's `start`
 * may put its services there for the modules after it.
 */
export interface RoomModule<R> {
  name: string;
  /** Its tables (store/migrations.ts): applied before any module starts. */
  migrations?: readonly Migration[];
  start(room: R): void | Promise<void>;
  /** Undoes `start`: called in reverse order, also when a later module failed to start. */
  stop(room: R): void | Promise<void>;
  /** Its HTTP routes, registered by the API when the server is built (after every module before the API started). */
  routes?(api: FastifyInstance, room: R): Promise<void>;
  /** Its central commands: registered once it started, removed before it stops. */
  commands?(room: R): CommandSpec[];
}

export interface StartedModules {
  /** Stops every started module, last started first; a module that fails to stop does not keep the others running. */
  stop(): Promise<void>;
}

/**
 * Starts the modules in order. A module that fails to start stops the ones already started
 * (no timer may outlive a failed start), and its error is thrown.
 */
export async function startModules<R>(modules: readonly RoomModule<R>[], room: R, deps: { commands: CommandRegistry; log: Logger }): Promise<StartedModules> {
  const undo: Array<{ name: string; run: () => Promise<void> }> = [];
  const stopAll = async () => {
    let first: unknown;
    for (const step of undo.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        first ??= err;
        deps.log.error({ module: step.name, err: (err as Error).message }, 'module did not stop cleanly');
      }
    }
    if (first !== undefined) throw first;
  };
  for (const module of modules) {
    try {
      await module.start(room);
      const unregister: Array<() => void> = [];
      undo.push({
        name: module.name,
        run: async () => {
          for (const off of unregister) off();
          await module.stop(room);
        },
      });
      for (const c of module.commands?.(room) ?? []) unregister.push(deps.commands.register(c.name, c.handler, c.description));
    } catch (err) {
      await stopAll().catch(() => undefined);
      throw err;
    }
  }
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll();
    },
  };
}

/** Every module's migrations, in module order (what the room's database is opened with). */
export function migrationsOf<R>(modules: readonly RoomModule<R>[]): Migration[] {
  return modules.flatMap((m) => m.migrations ?? []);
}
