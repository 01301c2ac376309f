import { describe, expect, it } from 'vitest';
import { readInvitation, readRecord } from './link-readers.js';
import { linkTopics, senderOf } from './link-topics.js';

/**
 * The link between rooms is a wire contract: records and invitations recorded from a room's
 * outbox (one of each kind, as rooms of the previous release sent them) read back through the
 * compiled schemas as the very same bytes, on the topics `linkTopics` names.
 */
const RECORDED_RECORDS: Array<[topic: string, payload: string]> = [
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"cf4cf284-161a-4abd-9875-597b9c868e9f","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"links.set","rooms":["hq/aurora","sz/lotus"]}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"f43d00d7-3437-42c2-ab75-4b674a3cc2eb","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"host.set","host":"hq/aurora","reason":"organiser"}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"c788741d-4bc0-4e8b-a79c-fcd08efba2c8","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"room.joined","name":"Aurora"}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"1a1f6065-eb08-449e-b0e6-2bd8c2449aea","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"room.health","status":"ok","problems":[]}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"f28b95cf820ac2af7eca7382cbccd1bf","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"checkin","person":"f2813fb9d3379cf8321f151e","name":"Ann"}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"5a9d4ec4-432d-45d0-ae60-85e4a3cfa735","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"agenda.clock","status":"in_progress","items":[{"title":"Welcome","minutes":10,"startedAt":"2026-04-01T08:00:00.000Z","endedAt":null}]}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"conversation:5763ec69-5111-4252-b06a-ec8067ee9016","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"channel","channel":"conversation","record":{"id":"5763ec69-5111-4252-b06a-ec8067ee9016","meetingId":"5dc1779e-eaa3-4270-b2eb-0cbcc3cb0ca7","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"hand.raised","handId":"b8730c79-dd0b-4ab5-94cf-51e849e446a6","who":{"name":"Ann","key":"4f2472e8b803c7ab8e0db16e"}}}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"9c60eca3390f12ead74161f77d52bdb4","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"minutes.entry","entryId":"9168d484-4594-478b-ba3b-d51bef3af698","entryKind":"decision","text":"Ship it","author":"Ann"}',
  ],
  [
    'roomctl/hq/aurora/meetings/61d8e261f6b0b16e0b29c72fab0eec35/records',
    '{"id":"2104da1712e9754fc5a34f8e1b2f790b","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"minutes.action","actionId":"a1d5f2f4-6007-4399-8694-160f186ca13a","text":"Write notes","owner":"Ann","ownerEmail":"ann@example.com","deadline":"2026-04-08"}',
  ],
];
const RECORDED_INVITATION: [topic: string, payload: string] = [
  'roomctl/hq/aurora/links/sz/lotus',
  '{"id":"ccdfa585-754b-4022-862e-04542dbef1b6","link":"61d8e261f6b0b16e0b29c72fab0eec35","room":"hq/aurora","at":"2026-04-01T08:00:00.000Z","kind":"invitation","occurrenceKey":"adhoc:82e6b978-3752-46a9-b874-cf4411d2b582","title":"Across sites","start":"2026-04-01T08:00:00.000Z","end":"2026-04-01T09:00:00.000Z","confidentiality":"normal","rooms":["hq/aurora","sz/lotus"]}',
];

describe('linked-room records and invitations', () => {
  it('every kind of record reads back from its topic as the same bytes', () => {
    expect(RECORDED_RECORDS.map(([, p]) => JSON.parse(p).kind).sort()).toEqual([
      'agenda.clock',
      'channel',
      'checkin',
      'host.set',
      'links.set',
      'minutes.action',
      'minutes.entry',
      'room.health',
      'room.joined',
    ]);
    for (const [topic, payload] of RECORDED_RECORDS) {
      const from = senderOf(topic)!;
      const link = from.rest[1]!;
      expect(linkTopics.records(from.room, link)).toBe(topic);
      const read = readRecord(Buffer.from(payload), from.room, link);
      if (!read.ok) throw new Error(`${payload}: ${read.error.message}`);
      expect(JSON.stringify(read.value)).toBe(payload);
    }
  });

  it('an invitation reads back from its topic as the same bytes', () => {
    const [topic, payload] = RECORDED_INVITATION;
    expect(linkTopics.invitation('hq/aurora', 'sz/lotus')).toBe(topic);
    const read = readInvitation(Buffer.from(payload), senderOf(topic)!.room);
    if (!read.ok) throw new Error(read.error.message);
    expect(JSON.stringify(read.value)).toBe(payload);
  });

  it('what does not fit is refused with a coded reason, never half-read', () => {
    const [topic, payload] = RECORDED_RECORDS[0]!;
    const link = senderOf(topic)!.rest[1]!;
    const refusal = (p: string, sender = 'hq/aurora', about = link) => {
      const read = readRecord(Buffer.from(p), sender, about);
      return read.ok ? 'read' : read.error;
    };
    const changed = (patch: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(payload), ...patch });
    expect(refusal(payload, 'sz/lotus')).toEqual({ code: 'ROOMCTL_E_MQTT_PAYLOAD', message: "linked-room record: claims room hq/aurora on sz/lotus's topic" });
    expect(refusal(payload, 'hq/aurora', 'another')).toMatchObject({ message: expect.stringContaining('another meeting') });
    expect(refusal('{nope')).toMatchObject({ code: 'ROOMCTL_E_MQTT_PAYLOAD', message: 'linked-room record is not JSON' });
    expect(refusal(changed({ kind: 'room.left' }))).toMatchObject({ code: 'ROOMCTL_E_MQTT_PAYLOAD' });
    expect(refusal(changed({ rooms: ['hq/aurora', 'not a room'] }))).toMatchObject({ code: 'ROOMCTL_E_MQTT_PAYLOAD' });
    expect(refusal(changed({ at: '2026-04-01 08:00' }))).toMatchObject({ code: 'ROOMCTL_E_MQTT_PAYLOAD' });
    const [invitationTopic, invitation] = RECORDED_INVITATION;
    const sender = senderOf(invitationTopic)!.room;
    expect(readInvitation(Buffer.from(invitation), 'ny/hudson')).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
    const noLink = JSON.stringify({ ...JSON.parse(invitation), link: 'not-a-digest' });
    expect(readInvitation(Buffer.from(noLink), sender)).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
  });
});
