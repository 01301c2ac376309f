import { describe, expect, it } from 'vitest';
import { HELD_BYTES_MAX, HELD_MESSAGES_MAX, HeldMessages, type OutboxMessage } from './held-messages.js';

let seq = 0;
const message = (topic: string, payload: string | Buffer, retain = false, createdAt = 0): OutboxMessage => ({
  seq: ++seq,
  topic,
  payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  qos: 1,
  retain,
  createdAt,
});
const payloads = (held: HeldMessages) => held.all().map((m) => m.payload.toString());

describe('messages held in memory while the disk is full', () => {
  it(`holds ${HELD_MESSAGES_MAX} events in order; the next one lets the oldest go, counted`, () => {
    const held = new HeldMessages();
    let lost = 0;
    for (let i = 0; i < HELD_MESSAGES_MAX; i++) lost += held.hold(message('events', String(i)));
    expect(lost).toBe(0);
    expect(held.size).toBe(HELD_MESSAGES_MAX);
    expect(held.hold(message('events', 'one more'))).toBe(1);
    expect(held.size).toBe(HELD_MESSAGES_MAX);
    const kept = payloads(held);
    expect(kept[0]).toBe('1');
    expect(kept.at(-1)).toBe('one more');
  });

  it(`holds ${HELD_BYTES_MAX} bytes (payloads and topics) and no byte more`, () => {
    const held = new HeldMessages();
    const topic = 'events';
    const quarter = HELD_BYTES_MAX / 4 - topic.length;
    for (let i = 0; i < 4; i++) expect(held.hold(message(topic, Buffer.alloc(quarter)))).toBe(0);
    expect(held.byteSize).toBe(HELD_BYTES_MAX);
    expect(held.hold(message(topic, 'x'))).toBe(1);
    expect(held.byteSize).toBe(HELD_BYTES_MAX - quarter - topic.length + 1 + topic.length);
  });

  it("keeps only a retained topic's newest message, so a device takes one place however often it changes", () => {
    const held = new HeldMessages({ maxMessages: 3, maxBytes: HELD_BYTES_MAX });
    for (let i = 0; i < 50; i++) expect(held.hold(message('devices/display/health', `display ${i}`, true))).toBe(0);
    held.hold(message('events', 'fault'));
    held.hold(message('devices/mic/health', 'mic', true));
    expect(payloads(held)).toEqual(['display 49', 'fault', 'mic']);
  });

  it('lets the oldest event go before any device state', () => {
    const held = new HeldMessages({ maxMessages: 3, maxBytes: HELD_BYTES_MAX });
    held.hold(message('devices/display/health', 'display', true));
    held.hold(message('events', 'first'));
    held.hold(message('events', 'second'));
    expect(held.hold(message('devices/mic/health', 'mic', true))).toBe(1);
    expect(payloads(held)).toEqual(['display', 'second', 'mic']);
  });

  it('forgets what the broker acknowledged and hands out the rest after a seq', () => {
    const held = new HeldMessages();
    const first = message('events', 'a');
    for (const m of [first, message('events', 'b'), message('events', 'c')]) held.hold(m);
    held.acknowledgeThrough(first.seq);
    expect(payloads(held)).toEqual(['b', 'c']);
    expect(held.after(first.seq + 1, 10).map((m) => m.payload.toString())).toEqual(['c']);
  });

  it('lets go of what was enqueued before the cutoff, retained states too, and frees their bytes and topics', () => {
    const held = new HeldMessages();
    held.hold(message('events', 'old', false, 100));
    held.hold(message('state', 'old state', true, 100));
    held.hold(message('events', 'new', false, 200));
    expect(held.expireBefore(200)).toBe(2);
    expect(payloads(held)).toEqual(['new']);
    expect(held.byteSize).toBe('new'.length + 'events'.length);
    // The expired state's topic is free: a newer state for it is held, not taken for a replacement of a message gone.
    held.hold(message('state', 'new state', true, 300));
    expect(payloads(held)).toEqual(['new', 'new state']);
    expect(held.expireBefore(200)).toBe(0);
  });
});
