import { CALLS_MIGRATIONS } from './calls/call-migrations.js';
import { CONVERSATION_MIGRATIONS } from './conversation/conversation-migrations.js';
import { HEALTH_MIGRATIONS } from './health/health-migrations.js';
import { HELP_MIGRATIONS } from './help/help-migrations.js';
import { LINKED_MIGRATIONS } from './linked/linked-migrations.js';
import { MEDIA_MIGRATIONS } from './media/media-migrations.js';
import { MEETING_MIGRATIONS } from './meetings/meeting-migrations.js';
import { PANEL_MIGRATIONS } from './panel/panel-migrations.js';
import { ROOM_LANGUAGE_MIGRATIONS } from './room/room-language-migrations.js';
import { STORE_MIGRATIONS, type Migration } from './store/migrations.js';
import { TELEMETRY_MIGRATIONS } from './telemetry/telemetry-migrations.js';

/**
 * Every room module's migrations, in module order: what the room's database is opened with, for
 * the code that opens one without starting the room (tests, tools). The store knows none of
 * them; it applies what it is given (store/database.ts). modules.test.ts holds this list to
 * the modules' own (`migrations` in modules.ts).
 */
export const ROOM_MIGRATIONS: readonly Migration[] = [
  ...STORE_MIGRATIONS,
  ...ROOM_LANGUAGE_MIGRATIONS,
  ...MEDIA_MIGRATIONS,
  ...HEALTH_MIGRATIONS,
  ...MEETING_MIGRATIONS,
  ...CONVERSATION_MIGRATIONS,
  ...CALLS_MIGRATIONS,
  ...TELEMETRY_MIGRATIONS,
  ...PANEL_MIGRATIONS,
  ...HELP_MIGRATIONS,
  ...LINKED_MIGRATIONS,
];
