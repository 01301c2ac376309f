import { expect, it } from 'vitest';
import { TypedBus } from './typed-bus.js';

type Events = { device: [{ id: string; status: string }]; reply: [string, number]; tick: [] };

function recordingLog() {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { lines, log: { error: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } };
}

it('hands each listener the arguments its event declares, in the order listeners were added', () => {
  const bus = new TypedBus<Events>();
  const heard: string[] = [];
  bus.on('device', (d) => heard.push(`first ${d.id}=${d.status}`));
  bus.on('device', (d) => heard.push(`second ${d.id}`));
  bus.on('reply', (id, ms) => heard.push(`${id} in ${ms}`));
  bus.on('tick', () => heard.push('tick'));
  expect(bus.emit('device', { id: 'cam', status: 'ok' })).toBe(true);
  bus.emit('reply', 'cam', 12);
  bus.emit('tick');
  // @ts-expect-error a reply carries the device id and the milliseconds
  bus.emit('reply', 12);
  // @ts-expect-error no such event on this bus
  bus.on('devices', () => undefined);
  expect(heard.slice(0, 4)).toEqual(['first cam=ok', 'second cam', 'cam in 12', 'tick']);
});

it('a listener that throws is logged and skipped: the emitter and the other listeners go on', async () => {
  const { lines, log } = recordingLog();
  const bus = new TypedBus<Events>(log);
  const heard: string[] = [];
  bus.on('device', () => {
    throw new Error('stills broke');
  });
  bus.on('device', async () => {
    throw new Error('async broke');
  });
  bus.on('device', (d) => heard.push(d.id));
  expect(() => bus.emit('device', { id: 'cam', status: 'offline' })).not.toThrow();
  await new Promise((r) => setImmediate(r));
  expect(heard).toEqual(['cam']);
  expect(lines.map((l) => l.fields)).toEqual([
    { event: 'device', err: 'stills broke' },
    { event: 'device', err: 'async broke' },
  ]);
});

it('off removes a listener, and emit says when nobody listened', () => {
  const bus = new TypedBus<Events>();
  const heard: number[] = [];
  const listener = (_id: string, ms: number) => heard.push(ms);
  bus.on('reply', listener);
  bus.emit('reply', 'a', 1);
  bus.off('reply', listener);
  expect(bus.emit('reply', 'a', 2)).toBe(false);
  expect(bus.listenerCount('reply')).toBe(0);
  expect(heard).toEqual([1]);
});
