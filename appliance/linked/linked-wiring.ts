import type { IClientOptions, MqttClient } from 'mqtt';
import { loadMqttConnect } from '../telemetry/mqtt-library.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import type { MeetingRoom } from '../meetings/meeting-room.js';
import type { Db } from '../store/database.js';
import { type MqttSettings, mqttConnectOptions, roomClientId } from '../telemetry/mqtt-connect-options.js';
import { invitationPolicy, withoutProofPolicy } from './invitation-policy.js';
import { LinkStore } from './link-store.js';
import { senderOf } from '../../contract/link-topics.js';
import { readInvitation, readRecord } from '../../contract/link-readers.js';
import { CONVERSATION_CHANNEL } from '../../contract/conversation-wire.js';
import { LinkedRooms } from './linked-rooms.js';
import { RefusalLog } from './refusal-log.js';
import type { RecordSender } from './record-sender.js';
import { forOtherRooms, type ConversationRecord } from '../conversation/conversation-records.js';
import { replicateLog } from './replicated-log.js';
import type { DeviceList } from './local-facts.js';

/** How often the link looks for facts to send that no change event announced (health, notes). */
const SYNC_MS = 1000;

export interface RunningLink {
  rooms: LinkedRooms;
  /** Records and invitations refused since start: malformed, from another room than their topic's, about another meeting, from a room that is not one of the meeting's, not applicable here, or naming another meeting's link. */
  readonly refused: number;
  stop(): Promise<void>;
}

/**
 * The link's own connection: the room's broker settings under its own client id (the room's, with
 * `-link`). Like every connection of the room it subscribes again itself on each connect (the
 * client library does not): so it knows when the broker confirmed each meeting's subscription.
 */
export function linkConnectOptions(mqtt: MqttSettings, room: { site: string; id: string }): IClientOptions {
  const clientId = roomClientId(mqtt, room, 'link');
  return mqttConnectOptions({ ...mqtt, clientId }, { clientId });
}

/**
 * Links this room's meetings with the other rooms that hold them, over the room's broker:
 * records go out through the telemetry outbox (`sender`); a connection of its own (same
 * identity, its own client id and persistent session) hears the other rooms. Without an
 * `mqtt` section there is nothing to link over.
 */
export async function startLinkedRooms(
  config: RoomConfig,
  deps: {
    db: Db;
    meetings: MeetingRoom;
    devices: DeviceList;
    sender: RecordSender | undefined;
    log: Logger;
    /** A write the data folder refused: the room's storage status says so. */
    noteStorageFailure?: (err: unknown) => void;
  },
): Promise<RunningLink | undefined> {
  if (!config.mqtt || !deps.sender) return undefined;
  const connect = await loadMqttConnect();
  const log = deps.log.child({ component: 'linked-rooms' });
  const self = `${config.room.site}/${config.room.id}`;
  const topics = new Set<string>();
  /** The topics the broker confirmed (SUBACK) on the link's current connection. */
  const confirmed = new Set<string>();
  let client: MqttClient | undefined;
  const subscribeOn = (c: MqttClient, wanted: string[]) =>
    c.subscribe(wanted, { qos: 1 }, (err, granted) => {
      if (client !== c || !c.connected || err || !granted) return;
      for (const g of granted) if (g.qos < 0x80) confirmed.add(g.topic);
      // A meeting whose subscription is now in place: the room says it takes part there (its join would reach it back).
      rooms.sync();
    });
  const subscribe = (topic: string): boolean => {
    if (!topics.has(topic)) {
      topics.add(topic);
      if (client?.connected) subscribeOn(client, [topic]);
    }
    return confirmed.has(topic);
  };
  const rooms = new LinkedRooms({
    self,
    roomName: config.room.name,
    ctx: deps.meetings.ctx,
    store: new LinkStore(deps.db),
    devices: deps.devices,
    sender: deps.sender,
    log,
    subscribe,
    accepts: invitationPolicy(self, config.meetings?.links?.acceptFrom),
    heardWithoutProof: withoutProofPolicy(config.meetings?.links?.withoutProof),
    noteStorageFailure: deps.noteStorageFailure,
  });
  deps.meetings.ctx.linked = rooms;
  // The floor and polls: every hand, turn, poll and vote replicates as it is (counted once by id); a confidential meeting's without names.
  const ctx = deps.meetings.ctx;
  const unreplicate = replicateLog<ConversationRecord>(
    rooms,
    CONVERSATION_CHANNEL,
    ctx.conversation,
    (id) => ctx.meetings.get(id),
    (r, m) => forOtherRooms(r, m.confidentiality === 'confidential'),
  );
  const unread = new RefusalLog(log, 'a linked-room message was refused');
  const refuse = (topic: string, why: string) => unread.refused({ topic, why });

  const own = connect(config.mqtt.url, linkConnectOptions(config.mqtt, config.room));
  client = own;
  own.on('connect', () => {
    // A connack can still arrive while the room stops: nothing more to do then.
    if (client !== own) return;
    confirmed.clear();
    if (topics.size > 0) subscribeOn(own, [...topics]);
    rooms.connected();
  });
  own.on('message', (topic, payload) => {
    if (client !== own) return;
    const from = senderOf(topic);
    if (!from) return;
    try {
      if (from.room === self) {
        // This room's own record, back from the broker: read only while it waits to hear its join back.
        const link = from.rest.length === 3 && from.rest[0] === 'meetings' && from.rest[2] === 'records' ? from.rest[1]! : undefined;
        const record = link !== undefined && rooms.awaitsEcho(link) ? readRecord(payload, self, link) : undefined;
        if (record?.ok) rooms.ownRecordHeard(record.value);
        return;
      }
      if (from.rest.length === 1 && from.rest[0] === 'status') return rooms.statusOf(from.room, payload.toString() !== 'offline');
      if (from.rest.length === 3 && from.rest[0] === 'meetings' && from.rest[2] === 'records') {
        const record = readRecord(payload, from.room, from.rest[1]!);
        return record.ok ? rooms.receive(record.value) : refuse(topic, record.error.message);
      }
      if (from.rest[0] === 'links' && `${from.rest[1]}/${from.rest[2]}` === self) {
        const invitation = readInvitation(payload, from.room);
        return invitation.ok ? rooms.invited(invitation.value) : refuse(topic, invitation.error.message);
      }
    } catch (err) {
      log.warn({ topic, err: (err as Error).message }, 'a linked-room message could not be handled');
    }
  });
  own.on('close', () => {
    confirmed.clear();
    if (client === own) rooms.disconnected();
  });
  own.on('error', () => undefined); // telemetry logs the broker's troubles once; the link retries with it

  const onChange = () => rooms.sync();
  deps.meetings.on('change', onChange);
  const timer = setInterval(() => rooms.sync(), SYNC_MS);
  timer.unref();

  return {
    rooms,
    get refused() {
      return unread.count + rooms.refused;
    },
    async stop() {
      clearInterval(timer);
      unreplicate();
      rooms.stop();
      deps.meetings.off('change', onChange);
      deps.meetings.ctx.linked = undefined;
      const c = client;
      client = undefined;
      await c?.endAsync().catch(() => c.end(true));
    },
  };
}
