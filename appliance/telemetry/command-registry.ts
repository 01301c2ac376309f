import { RoomctlError } from '../../drivers/core/errors.js';

export interface CommandContext {
  name: string;
  /** Which configured key signed the command. */
  keyId: string;
}

export type CommandHandler = (params: Record<string, unknown>, ctx: CommandContext) => unknown;

/** A command a module answers: what its `commands` list holds (room-module.ts registers them). */
export interface CommandSpec {
  name: string;
  description: string;
  handler: CommandHandler;
}

interface Entry {
  handler: CommandHandler;
  description: string;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Central commands (`cmd/<name>`), pluggable: each module registers what it can do
 * (the meetings module: `refresh-calendar`, `self-test`; the CLI: `reload-config`).
 * Only registered names run; the MQTT layer checks the signature before it gets here.
 */
export class CommandRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Adds a command; returns a function that removes it again. */
  register(name: string, handler: CommandHandler, description = ''): () => void {
    if (!NAME.test(name)) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `Command names are lower-case words with dashes, got "${name}"`);
    if (this.entries.has(name)) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `The command "${name}" is registered already`);
    const entry = { handler, description };
    this.entries.set(name, entry);
    return () => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
    };
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  list(): Array<{ name: string; description: string }> {
    return [...this.entries].map(([name, e]) => ({ name, description: e.description }));
  }

  async run(name: string, params: Record<string, unknown>, ctx: Omit<CommandContext, 'name'>): Promise<unknown> {
    const entry = this.entries.get(name);
    if (!entry) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `This room has no command "${name}"`, { allowed: [...this.entries.keys()] });
    return await entry.handler(params, { ...ctx, name });
  }
}
