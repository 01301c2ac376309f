import { describe, expect, it } from 'vitest';
import { readInvitation, readRecord } from './link-readers.js';
import { LINK_BOUNDS } from './link-records.js';
import { MAX_PAYLOAD_BYTES } from './validate.js';

/**
 * What one room may put on every linked room's panel and disk is bounded as the room's own API
 * bounds it: each field at its bound is read, one character more is refused with a code, and a
 * payload over MAX_PAYLOAD_BYTES is refused by its size before it is parsed.
 */
const LINK = '61d8e261f6b0b16e0b29c72fab0eec35';
const FROM = 'hq/aurora';
const base = { id: 'r-1', link: LINK, room: FROM, at: '2026-04-01T08:00:00.000Z' };
const read = (record: object) => readRecord(Buffer.from(JSON.stringify({ ...base, ...record })), FROM, LINK);
const item = (fields: object) => ({ title: 'Welcome', minutes: 10, startedAt: null, endedAt: null, ...fields });
const clock = (fields: object) => ({ kind: 'agenda.clock', status: 'in_progress', items: [item(fields)] });

/** [what, a record with the field `n` characters long, the field's bound] */
const FIELDS: Array<[string, (n: number) => object, number]> = [
  ['an agenda item title', (n) => clock({ title: 't'.repeat(n) }), LINK_BOUNDS.title],
  ['an agenda item owner', (n) => clock({ owner: 'o'.repeat(n) }), LINK_BOUNDS.name],
  ['a speaker name', (n) => clock({ speakers: [{ name: 's'.repeat(n), minutes: 2 }] }), LINK_BOUNDS.name],
  ['a note', (n) => ({ kind: 'minutes.entry', entryId: 'e-1', entryKind: 'note', text: 'n'.repeat(n), author: null }), LINK_BOUNDS.note],
  ['a note author', (n) => ({ kind: 'minutes.entry', entryId: 'e-1', entryKind: 'note', text: 'x', author: 'a'.repeat(n) }), LINK_BOUNDS.name],
  [
    'an action item',
    (n) => ({ kind: 'minutes.action', actionId: 'a-1', text: 'a'.repeat(n), owner: 'Ann', ownerEmail: null, deadline: null }),
    LINK_BOUNDS.action,
  ],
  [
    'an action owner',
    (n) => ({ kind: 'minutes.action', actionId: 'a-1', text: 'x', owner: 'o'.repeat(n), ownerEmail: null, deadline: null }),
    LINK_BOUNDS.name,
  ],
  ['a checked-in name', (n) => ({ kind: 'checkin', person: 'p-1', name: 'n'.repeat(n) }), LINK_BOUNDS.email],
  ['a record id', (n) => ({ kind: 'room.joined', name: 'Aurora', id: 'i'.repeat(n) }), LINK_BOUNDS.id],
  ["a release's id", (n) => ({ kind: 'channel', channel: 'room.released', record: { id: 'i'.repeat(n), releasedBy: 'by-hand' } }), LINK_BOUNDS.id],
  [
    'a person whose check-in was set aside',
    (n) => ({ kind: 'channel', channel: 'checkin.set-aside', record: { id: 's-1', person: 'p'.repeat(n), setAside: true } }),
    LINK_BOUNDS.id,
  ],
  ["a room's proof that it holds the meeting", (n) => ({ kind: 'room.joined', name: 'Aurora', proof: 'a'.repeat(n) }), 128],
  ['a join a re-send answers', (n) => ({ kind: 'room.joined', name: 'Aurora', resentFor: ['j'.repeat(n)] }), LINK_BOUNDS.id],
];

describe('a linked room record is bounded as the API bounds the same fields', () => {
  it.each(FIELDS)('%s: read at its bound, refused one character over', (_what, record, bound) => {
    expect(read(record(bound)).ok).toBe(true);
    const over = read(record(bound + 1));
    expect(over).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
  });

  it('an agenda time is an ISO time, not free text', () => {
    expect(read(clock({ startedAt: '2026-04-01T08:00:00.000Z' })).ok).toBe(true);
    expect(read(clock({ startedAt: 'x'.repeat(10_000) }))).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
    expect(read({ kind: 'minutes.action', actionId: 'a-1', text: 'x', owner: 'Ann', ownerEmail: null, deadline: 'soon' }).ok).toBe(false);
  });

  it("a room's release says one of the ways a booking is released, or null (booked again), and nothing else", () => {
    const release = (releasedBy: unknown) => read({ kind: 'channel', channel: 'room.released', record: { id: 'r-1', releasedBy } });
    for (const by of ['no-check-in', 'by-hand', 'ahead-of-time', null]) expect(release(by).ok).toBe(true);
    expect(release('x'.repeat(5000))).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
    expect(release(undefined).ok).toBe(false);
  });

  it('a check-in set aside says whether it is set aside or counts again, and nothing else', () => {
    const setAside = (fields: object) => read({ kind: 'channel', channel: 'checkin.set-aside', record: { id: 's-1', person: 'p-1', ...fields } });
    for (const aside of [true, false]) expect(setAside({ setAside: aside }).ok).toBe(true);
    expect(setAside({ setAside: 'yes' })).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
    expect(setAside({}).ok).toBe(false);
  });

  it('a payload one byte over the limit is refused by its size, before it is parsed', () => {
    const record = JSON.stringify({ ...base, kind: 'room.joined', name: 'Aurora' });
    const padded = (bytes: number) => Buffer.from(record + ' '.repeat(bytes - Buffer.byteLength(record)));
    expect(readRecord(padded(MAX_PAYLOAD_BYTES), FROM, LINK).ok).toBe(true);
    const over = readRecord(padded(MAX_PAYLOAD_BYTES + 1), FROM, LINK);
    expect(over).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD', message: expect.stringContaining(`${MAX_PAYLOAD_BYTES + 1} bytes`) } });
  });

  it('a poll or a hand from another room is bounded as the API bounds them, and made in the room that sent it', () => {
    const talk = (fields: object) =>
      read({
        kind: 'channel',
        channel: 'conversation',
        record: { id: 'c-1', meetingId: 'm-1', room: FROM, at: '2026-04-01T08:00:00.000Z', ...fields },
      });
    const poll = (question: string, options = ['yes', 'no']) => talk({ kind: 'poll.opened', pollId: 'p-1', question, options });
    expect(poll('q'.repeat(300)).ok).toBe(true);
    expect(poll('q'.repeat(301))).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
    expect(
      poll(
        'Which?',
        Array.from({ length: 11 }, (_, n) => `o${n}`),
      ).ok,
    ).toBe(false);
    const counted = (yes: number) => talk({ kind: 'hands.counted', pollId: 'p-1', counts: { yes } });
    expect(counted(10_000).ok).toBe(true);
    expect(counted(1e9).ok).toBe(false);
    expect(talk({ kind: 'hand.raised', handId: 'h-1', who: { name: 'n'.repeat(LINK_BOUNDS.name + 1), key: 'k' } }).ok).toBe(false);
    expect(talk({ kind: 'hand.raised', handId: 'h-1', who: null }).ok).toBe(false);
    // A show of hands said to be another room's would replace that room's count.
    expect(talk({ kind: 'hands.counted', pollId: 'p-1', counts: { yes: 1 }, room: 'hq/boardroom' })).toMatchObject({
      ok: false,
      error: { code: 'ROOMCTL_E_MQTT_PAYLOAD', message: expect.stringContaining('claims room hq/boardroom') },
    });
  });

  it('an invitation: title and rooms bounded', () => {
    const invitation = (fields: object) =>
      readInvitation(
        Buffer.from(
          JSON.stringify({
            ...base,
            kind: 'invitation',
            occurrenceKey: 'adhoc:1',
            title: 'Across sites',
            start: '2026-04-01T08:00:00.000Z',
            end: '2026-04-01T09:00:00.000Z',
            confidentiality: 'normal',
            rooms: [FROM, 'sz/lotus'],
            ...fields,
          }),
        ),
        FROM,
      );
    expect(invitation({ title: 't'.repeat(LINK_BOUNDS.title) }).ok).toBe(true);
    expect(invitation({ title: 't'.repeat(LINK_BOUNDS.title + 1) }).ok).toBe(false);
    const rooms = Array.from({ length: 52 }, (_, n) => `hq/r${n}`);
    expect(invitation({ rooms: rooms.slice(0, 51) }).ok).toBe(true);
    expect(invitation({ rooms })).toMatchObject({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD' } });
  });
});
