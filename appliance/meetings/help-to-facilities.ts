import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { MeetingContext } from './meeting-context.js';

/**
 * A help call reaches facilities over MQTT when the room has a broker; without one (or
 * with the broker down) nobody would hear it. So every call also goes out through the
 * room's own channels: the facilities addresses and the group webhooks, from the outbox,
 * which keeps it until a channel takes it. Returns the unsubscribe function.
 */
export function sendHelpCallsToFacilities(
  bus: RoomEventBus,
  ctx: Pick<MeetingContext, 'notifier' | 'texts' | 'meetings' | 'clock'>,
  current: () => { id: string; title: string; confidentiality: string } | null,
): () => void {
  const onEvent = ({ event }: RoomEventEnvelope) => {
    if (event.type !== 'help.requested') return;
    ctx.notifier.notifyFacilities(ctx.texts.facilities.helpRequested(event.message ?? null, current(), ctx.clock.now()));
  };
  bus.on('event', onEvent);
  return () => bus.off('event', onEvent);
}
