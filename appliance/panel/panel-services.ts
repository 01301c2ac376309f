import type { RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus } from '../model/room-events.js';
import { HelpDesk } from '../help/help-desk.js';
import { HelpRepository } from '../help/help-repository.js';
import { processLogRing, type LogRing } from '../log-ring.js';
import type { Db } from '../store/database.js';
import type { CommandRegistry } from '../telemetry/command-registry.js';
import { PanelAccess } from './panel-access.js';
import { PanelSettings } from './panel-settings.js';

/** What the panel's server side needs: access (pairing, PIN, sessions), settings, help, logs. */
export interface PanelServices {
  access: PanelAccess;
  settings: PanelSettings;
  help: HelpDesk;
  logs: LogRing;
  close(): void;
}

/** app.ts calls this before the server is built; `close` undoes the command registration. */
export function createPanelServices(config: RoomConfig, deps: { db: Db; bus: RoomEventBus; commands: CommandRegistry; now?: () => number }): PanelServices {
  const help = new HelpDesk(deps.bus, new HelpRepository(deps.db));
  const unregister = help.registerCommands(deps.commands);
  return {
    access: new PanelAccess(config.panel, deps.db, deps.now),
    settings: new PanelSettings(deps.db, config.room.locale ?? 'en'),
    help,
    logs: processLogRing,
    close() {
      unregister();
      help.close();
    },
  };
}
