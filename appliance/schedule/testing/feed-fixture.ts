import { RoomEventBus, type RoomEventEnvelope } from '../../model/room-events.js';
import { createLogger } from '../../logger.js';
import { AgendaRepository } from '../../meetings/agenda-repository.js';
import { MeetingRepository } from '../../meetings/meeting-repository.js';
import { tempDb } from '../../meetings/testing/temp-db.js';
import { CalendarFeed } from '../calendar-feed.js';
import type { CalendarConfig } from '../calendar-config.js';
import { ManualClock } from '../../model/manual-clock.js';

export interface FeedFixture {
  feed: CalendarFeed;
  meetings: MeetingRepository;
  clock: ManualClock;
  events: RoomEventEnvelope[];
  /** How often the feed said the room should redraw (bookings or health changed). */
  changes: number;
  close(): void;
}

/** A CalendarFeed over a real SQLite file and a ManualClock, reading `config.url` over real HTTP. */
export function feedFixture(config: CalendarConfig, options: { start: string; roomTimeZone?: string }): FeedFixture {
  const store = tempDb();
  const clock = new ManualClock(options.start);
  const bus = new RoomEventBus(() => clock.now());
  const meetings = new MeetingRepository(store.db);
  const fixture = { meetings, clock, events: [] as RoomEventEnvelope[], changes: 0 } as FeedFixture;
  bus.on('event', (e: RoomEventEnvelope) => fixture.events.push(e));
  fixture.feed = new CalendarFeed({
    db: store.db,
    meetings,
    agenda: new AgendaRepository(store.db),
    config,
    clock,
    bus,
    log: createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false }),
    roomTimeZone: options.roomTimeZone ?? 'Europe/Berlin',
    onChange: () => void fixture.changes++,
  });
  fixture.close = () => {
    fixture.feed.stop();
    store.close();
  };
  return fixture;
}
