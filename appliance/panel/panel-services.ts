import type { RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus } from '../model/room-events.js';
import { HelpDesk } from '../help/help-desk.js';
import { HelpRepository } from '../help/help-repository.js';
import { processLogRing, type LogRing } from '../log-ring.js';
import type { Db } from '../store/database.js';
import { PanelAccess } from './panel-access.js';
import type { PanelSettings } from './panel-settings.js';

/** What the panel's server side needs: access (pairing, PIN, sessions), settings, help, logs. */
export interface PanelServices {
  access: PanelAccess;
  settings: PanelSettings;
  help: HelpDesk;
  logs: LogRing;
  close(): void;
}

/** The panel module (modules.ts) calls this before the server is built; `close` stops the help desk listening. */
export function createPanelServices(config: RoomConfig, deps: { db: Db; bus: RoomEventBus; settings: PanelSettings; now?: () => number }): PanelServices {
  const help = new HelpDesk(deps.bus, new HelpRepository(deps.db));
  return {
    access: new PanelAccess(config.panel, deps.db, deps.now),
    settings: deps.settings,
    help,
    logs: processLogRing,
    close() {
      help.close();
    },
  };
}
