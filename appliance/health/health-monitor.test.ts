import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceView } from '../model/device-view.js';
import { RoomEventBus, type RoomEvent } from '../model/room-events.js';
import { openDatabase, type Db } from '../store/database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { FaultRepository } from './fault-repository.js';
import { HealthMonitor } from './health-monitor.js';

/** A device host stand-in that emits the views a real one would (the monitor only reads views). */
class Devices extends EventEmitter {
  views = new Map<string, DeviceView>();
  list() {
    return [...this.views.values()];
  }
  set(id: string, patch: Partial<DeviceView>) {
    const view: DeviceView = {
      id,
      name: id,
      driver: 'pjlink',
      kind: 'display',
      status: 'connecting',
      since: new Date().toISOString(),
      detail: null,
      state: {},
      capabilities: [],
      actions: [],
      ...this.views.get(id),
      ...patch,
    };
    this.views.set(id, view);
    this.emit('device', view);
  }
  /** A failure as the supervisor reports it: the line a person reads, and the coded error beside it. */
  failed(id: string, code: string, message: string) {
    this.set(id, { status: 'offline', detail: `${code}: ${message}`, error: { code, message } });
  }
}

describe('device health and faults', () => {
  let dir: string;
  let db: Db;
  let devices: Devices;
  let bus: RoomEventBus;
  let events: RoomEvent[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-health-'));
    db = openDatabase(dir, ROOM_MIGRATIONS);
    devices = new Devices();
    bus = new RoomEventBus();
    events = [];
    bus.on('event', (e: { event: RoomEvent }) => events.push(e.event));
  });
  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
  const monitor = () => {
    const m = new HealthMonitor({ devices, bus, faults: new FaultRepository(db) });
    m.start();
    return m;
  };

  it('says unknown while connecting, ok once connected, and raises nothing for that', () => {
    devices.set('display', {});
    const m = monitor();
    expect(m.get('display')?.status).toBe('unknown');
    devices.set('display', { status: 'ok' });
    expect(m.get('display')?.status).toBe('ok');
    expect(events).toEqual([]);
  });

  it('raises one fault when a device goes offline and clears it with the same id when it is back', () => {
    devices.set('display', { status: 'ok' });
    monitor();
    devices.failed('display', 'ROOMCTL_E_CONNECT_FAILED', 'connect ECONNREFUSED 127.0.0.1:4352');
    devices.failed('display', 'ROOMCTL_E_CONNECT_FAILED', 'still refused');
    devices.set('display', { status: 'ok', detail: null, error: null });
    expect(events.map((e) => e.type)).toEqual(['fault.raised', 'fault.cleared']);
    const [raised, cleared] = events as [Extract<RoomEvent, { type: 'fault.raised' }>, Extract<RoomEvent, { type: 'fault.cleared' }>];
    expect(cleared.faultId).toBe(raised.faultId);
    expect(raised.detail).toMatch(/ECONNREFUSED.*check its address and network/);
    // The fleet words the fault in its operator's language from these, not from the English detail.
    expect(raised).toMatchObject({ deviceId: 'display', status: 'offline', code: 'ROOMCTL_E_CONNECT_FAILED' });
  });

  it('gives the detail a person can act on and keeps the error code', () => {
    devices.failed('cam', 'ROOMCTL_E_PORT_NOT_FOUND', '/dev/ttyUSB0 is gone');
    const m = monitor();
    expect(m.get('cam')).toMatchObject({
      status: 'offline',
      code: 'ROOMCTL_E_PORT_NOT_FOUND',
      detail: expect.stringMatching(/^\/dev\/ttyUSB0 is gone — The serial port does not exist/),
    });
  });

  it('pairs the cleared event with a fault raised before a restart', () => {
    devices.set('display', { status: 'ok' });
    const first = monitor();
    devices.set('display', { status: 'degraded', detail: 'lamp failure' });
    first.stop();
    const raised = events[0] as Extract<RoomEvent, { type: 'fault.raised' }>;
    expect(raised.status).toBe('degraded');
    expect(raised).not.toHaveProperty('code');
    monitor();
    devices.set('display', { status: 'ok', detail: null, error: null });
    expect(events.map((e) => e.type)).toEqual(['fault.raised', 'fault.cleared']);
    expect((events[1] as { faultId: string }).faultId).toBe(raised.faultId);
  });

  it('clears the open fault of a device taken out of the config', () => {
    devices.set('old', { status: 'offline', detail: 'gone' });
    monitor().stop();
    devices.views.delete('old');
    monitor();
    expect(events.map((e) => e.type)).toEqual(['fault.raised', 'fault.cleared']);
  });

  it('publishes a metric the moment it becomes known (first reply time, lamp hours read after a reconnect)', () => {
    devices.set('display', { status: 'ok' });
    const m = monitor();
    const published: Array<Record<string, number>> = [];
    m.on('health', (_id: string, h: { metrics: Record<string, number> }) => published.push(h.metrics));
    devices.emit('reply', 'display', { kind: 'probe', ms: 12.34, ok: true });
    expect(published).toEqual([{ replyMs: 12.3 }]);
    devices.set('display', { state: { lampHours: 1200, power: 'on' } });
    expect(published).toEqual([{ replyMs: 12.3 }, { lampHours: 1200, replyMs: 12.3 }]);
    // Nothing left for the flush: what was published is what the room knows.
    expect(m.flushMetrics()).toBe(0);
  });

  it('publishes changes of known metrics (reply time, lamp hours) only when flushed', () => {
    devices.set('display', { status: 'ok', state: { lampHours: 1200 } });
    const m = monitor();
    devices.emit('reply', 'display', { kind: 'probe', ms: 12.34, ok: true });
    const published: Array<Record<string, number>> = [];
    m.on('health', (_id: string, h: { metrics: Record<string, number> }) => published.push(h.metrics));
    devices.emit('reply', 'display', { kind: 'probe', ms: 20.01, ok: true });
    devices.set('display', { state: { lampHours: 1201, power: 'on' } });
    expect(published).toEqual([]);
    expect(m.flushMetrics()).toBe(1);
    expect(published).toEqual([{ lampHours: 1201, replyMs: 20 }]);
    expect(m.flushMetrics()).toBe(0);
  });

  it("carries a device's signal ({value, unit} in its state) into its health, published with the metrics", () => {
    devices.set('media-video', { status: 'ok', kind: 'camera', state: { analysedFps: 25, signal: { value: 25, unit: 'fps' } } });
    const m = monitor();
    expect(m.get('media-video')?.signal).toEqual({ value: 25, unit: 'fps' });
    const published: Array<{ value: number; unit: string } | undefined> = [];
    m.on('health', (_id: string, h: { signal?: { value: number; unit: string } }) => published.push(h.signal));
    devices.set('media-video', { state: { analysedFps: 25, signal: { value: 3.5, unit: 'fps' } } });
    expect(m.flushMetrics()).toBe(1);
    expect(published).toEqual([{ value: 3.5, unit: 'fps' }]);
    // Not a signal: no number, or no unit; a device that stops measuring sends none.
    devices.set('media-video', { state: { signal: { value: 'fast', unit: 'fps' } } });
    expect(m.get('media-video')?.signal).toBeUndefined();
    devices.set('media-video', { state: { signal: null } });
    expect(m.get('media-video')?.signal).toBeUndefined();
  });
});
