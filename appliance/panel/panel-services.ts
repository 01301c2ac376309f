import type { RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus } from '../model/room-events.js';
import { HelpDesk } from '../help/help-desk.js';
import { HelpRepository } from '../help/help-repository.js';
import { processLogRing, type LogRing } from '../log-ring.js';
import type { Db } from '../store/database.js';
import { PanelAccess } from './panel-access.js';
import type { RoomLanguage } from '../room/room-language.js';

/** What the panel's server side needs: access (pairing, PIN, sessions), the room's language, help, logs. */
export interface PanelServices {
  access: PanelAccess;
  language: RoomLanguage;
  help: HelpDesk;
  logs: LogRing;
  close(): void;
}

/** The panel module (modules.ts) calls this before the server is built; `close` stops the help desk listening. */
export function createPanelServices(config: RoomConfig, deps: { db: Db; bus: RoomEventBus; language: RoomLanguage; now?: () => number }): PanelServices {
  const help = new HelpDesk(deps.bus, new HelpRepository(deps.db));
  return {
    access: new PanelAccess(config.panel, deps.db, deps.now),
    language: deps.language,
    help,
    logs: processLogRing,
    close() {
      help.close();
    },
  };
}
