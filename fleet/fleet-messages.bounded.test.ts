import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../contract/validate.js';
import { parseFleetMessage } from './fleet-messages.js';

/**
 * What one room may make the fleet parse and store is bounded: a payload over
 * MAX_PAYLOAD_BYTES is refused by its size before it is decoded, and a device's health and an
 * event's envelope have bounded fields — each refused with ROOMCTL_E_MQTT_PAYLOAD, never stored.
 */
const BASE = 'roomctl/hq/thief';
const parse = (topic: string, body: unknown) => parseFleetMessage(`${BASE}/${topic}`, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
const refused = { code: 'ROOMCTL_E_MQTT_PAYLOAD' };
const at = '2026-03-02T09:00:00.000Z';

describe('the fleet reads a bounded payload from a room', () => {
  it.each(['state', 'events', 'devices/cam/health'])('%s: at the size limit it is read; a byte over, refused before it is parsed', (topic) => {
    const body = topic === 'state' ? { at } : topic === 'events' ? { id: 'e-1', at, type: 'feedback' } : { status: 'ok', at };
    const text = JSON.stringify(body);
    const padded = (bytes: number) => text + ' '.repeat(bytes - text.length);
    expect(parse(topic, padded(MAX_PAYLOAD_BYTES))).not.toHaveProperty('error');
    expect(parse(topic, padded(MAX_PAYLOAD_BYTES + 1))).toMatchObject({ ...refused, error: expect.stringContaining(`${MAX_PAYLOAD_BYTES + 1} bytes`) });
  });

  it("a device's health: detail, code, time and metrics bounded", () => {
    const health = (fields: object) => parse('devices/cam/health', { status: 'offline', at, ...fields });
    expect(health({ detail: 'd'.repeat(4000), code: 'C'.repeat(64) })).not.toHaveProperty('error');
    expect(health({ detail: 'd'.repeat(4001) })).toMatchObject(refused);
    expect(health({ code: 'C'.repeat(65) })).toMatchObject(refused);
    expect(health({ since: 's'.repeat(41) })).toMatchObject(refused);
    const metrics = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, i]));
    expect(health({ metrics: metrics(64) })).not.toHaveProperty('error');
    expect(health({ metrics: metrics(65) })).toMatchObject(refused);
  });

  it("a room's state: its name, version and devices' names bounded as the room's config bounds them", () => {
    const room = (name: string) => ({ id: 'thief', name, site: 'hq', timezone: 'Asia/Shanghai' });
    expect(parse('state', { at, room: room('n'.repeat(80)), version: 'v'.repeat(64) })).not.toHaveProperty('error');
    expect(parse('state', { at, room: room('n'.repeat(81)) })).toMatchObject(refused);
    expect(parse('state', { at, version: 'v'.repeat(65) })).toMatchObject(refused);
    const names = (n: number, length = 10) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, { en: 'e'.repeat(length), 'zh-CN': '名' }]));
    expect(parse('state', { at, deviceNames: names(256, 80) })).not.toHaveProperty('error');
    expect(parse('state', { at, deviceNames: names(257) })).toMatchObject(refused);
    expect(parse('state', { at, deviceNames: names(1, 81) })).toMatchObject(refused);
  });

  it("an event's type, time and device bounded", () => {
    const event = (fields: object) => parse('events', { id: 'e-1', at, type: 'feedback', ...fields });
    expect(event({ type: 't'.repeat(64), deviceId: 'd'.repeat(64) })).not.toHaveProperty('error');
    expect(event({ type: 't'.repeat(65) })).toMatchObject(refused);
    expect(event({ deviceId: 'd'.repeat(65) })).toMatchObject(refused);
    expect(event({ at: 'x'.repeat(41) })).toMatchObject(refused);
  });
});
