import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { roomModules } from './modules.js';
import { ROOM_MIGRATIONS } from './room-migrations.js';
import { migrationsOf, startModules, type RoomModule } from './room-module.js';
import { CommandRegistry } from './telemetry/command-registry.js';

/** A module that writes what happens to it into the shared journal. */
function recording(name: string, journal: string[], failAt?: 'start'): RoomModule<string[]> {
  return {
    name,
    start() {
      if (failAt === 'start') throw new Error(`${name} cannot start`);
      journal.push(`start ${name}`);
    },
    stop() {
      journal.push(`stop ${name}`);
    },
    commands: () => [{ name: `ping-${name}`, description: '', handler: () => name }],
  };
}

describe('room modules', () => {
  const log = createLogger({ level: 'silent' });

  it('start in order and stop in reverse order, their commands registered only while they run', async () => {
    const journal: string[] = [];
    const commands = new CommandRegistry();
    const started = await startModules([recording('a', journal), recording('b', journal)], journal, { commands, log });
    expect(commands.list().map((c) => c.name)).toEqual(['ping-a', 'ping-b']);
    await started.stop();
    await started.stop();
    expect(journal).toEqual(['start a', 'start b', 'stop b', 'stop a']);
    expect(commands.list()).toEqual([]);
  });

  it('a module that fails to start stops the ones already started, and its error comes out', async () => {
    const journal: string[] = [];
    const commands = new CommandRegistry();
    const modules = [recording('a', journal), recording('b', journal), recording('c', journal, 'start'), recording('d', journal)];
    await expect(startModules(modules, journal, { commands, log })).rejects.toThrow('c cannot start');
    expect(journal).toEqual(['start a', 'start b', 'stop b', 'stop a']);
    expect(commands.list()).toEqual([]);
  });

  it('a module that fails to stop does not keep the others running', async () => {
    const journal: string[] = [];
    const stubborn: RoomModule<string[]> = { name: 'stubborn', start() {}, stop: () => Promise.reject(new Error('still busy')) };
    const started = await startModules([recording('a', journal), stubborn, recording('b', journal)], journal, { commands: new CommandRegistry(), log });
    await expect(started.stop()).rejects.toThrow('still busy');
    expect(journal).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });

  it("the room's database gets exactly the modules' migrations, in module order", () => {
    expect(migrationsOf(roomModules())).toEqual(ROOM_MIGRATIONS);
  });
});
