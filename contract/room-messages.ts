/**
 * The room's side of the contract: typed builders of what it publishes, so a payload that
 * would not pass the fleet's reader does not compile. Each returns the topic and the text.
 */
import type { RoomEventMessage } from './events.js';
import type { DeviceErrorPayload, DeviceHealthPayload, DeviceSignalPayload, RoomOnline } from './health.js';
import { roomTopics } from './topics.js';

export interface OutgoingMessage {
  topic: string;
  payload: string;
}

/** A device's health as the room always sends it: every field filled. */
export interface RoomDeviceHealth {
  status: DeviceHealthPayload['status'];
  since: string;
  detail: string | null;
  /** The coded cause of a status that is not ok; absent when there is none. */
  error?: DeviceErrorPayload;
  metrics: Record<string, number>;
  /** Sent only by devices that measure a signal. */
  signal?: DeviceSignalPayload;
}

export function roomMessages(site: string, room: string) {
  const topics = roomTopics(site, room);
  return {
    topics,
    online: (online: RoomOnline): OutgoingMessage => ({ topic: topics.status, payload: online }),
    state: (state: Record<string, unknown>, at: string): OutgoingMessage => ({ topic: topics.state, payload: JSON.stringify({ ...state, at }) }),
    health(deviceId: string, health: RoomDeviceHealth, at: string): OutgoingMessage {
      // `code` repeats the error's code for fleets of the previous release, which read only that.
      const body: DeviceHealthPayload = { ...health, ...(health.error ? { code: health.error.code } : {}), at };
      return { topic: topics.deviceHealth(deviceId), payload: JSON.stringify(body) };
    },
    event: (message: RoomEventMessage): OutgoingMessage => ({ topic: topics.events, payload: JSON.stringify(message) }),
  };
}
