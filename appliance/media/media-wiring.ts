import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import type { DeviceConfig, RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { mediaSettings } from './media-config.js';
import type { MediaService, MediaServiceOptions, StreamUriSource } from './media-service.js';

/** What the appliance needs to host media: the service, and its two signal pseudo-devices. */
export interface RoomMedia {
  service: MediaService;
  drivers: AnyDriverDefinition[];
  devices: DeviceConfig[];
  /**
   * Connects the service to the room: the ONVIF camera's stream URI from the device host,
   * and the meeting lifecycle from the event bus (recording and mic liveness follow
   * `meeting.started` / `meeting.ended`). Returns the undo.
   */
  connect(deps: { devices: StreamUriSource; bus: RoomEventBus }): () => void;
}

/** Test and benchmark overrides (display sink, timings, host environment). */
export type MediaOverrides = Partial<Omit<MediaServiceOptions, 'settings' | 'storageDir' | 'db' | 'log'>>;

/**
 * The room's media, or undefined when the config has no (enabled) `media:` section. The
 * service (host supervisor, pipelines, recordings) is loaded only then: most rooms have no media.
 */
export async function createRoomMedia(config: RoomConfig, deps: { db: Db; log: Logger; overrides?: MediaOverrides }): Promise<RoomMedia | undefined> {
  if (!config.media || config.media.enabled === false) return undefined;
  const settings = mediaSettings(config.media);
  const [{ MediaService }, { mediaSignalDevices, mediaSignalDrivers }] = await Promise.all([import('./media-service.js'), import('./media-signal-devices.js')]);
  const service = new MediaService({ ...deps.overrides, settings, storageDir: config.storage.dir, db: deps.db, log: deps.log });
  return {
    service,
    drivers: mediaSignalDrivers(service),
    devices: mediaSignalDevices(service),
    connect({ devices, bus }) {
      service.attachDevices(devices);
      const onEvent = ({ event }: RoomEventEnvelope) => {
        // A confidential meeting is never recorded by the room, whatever the recording rules say.
        if (event.type === 'meeting.started') service.meetingStarted(event.meetingId, { record: event.confidential !== true });
        if (event.type === 'meeting.ended') service.meetingEnded(event.meetingId);
      };
      bus.on('event', onEvent);
      return () => bus.off('event', onEvent);
    },
  };
}
