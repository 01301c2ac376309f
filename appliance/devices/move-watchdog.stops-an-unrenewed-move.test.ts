import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceView } from '../model/device-view.js';
import { MoveWatchdog } from './move-watchdog.js';

/** A host that records what the watchdog runs; the device has `move` and `stop`. */
function recordingHost(actions = ['move', 'stop']) {
  const ran: string[] = [];
  return {
    ran,
    host: {
      execute: async (id: string, action: string, params: unknown) => void ran.push(`${id} ${action} ${JSON.stringify(params)}`),
      get: (id: string) => ({ id, actions: actions.map((name) => ({ name, description: '', params: {} })) }) as unknown as DeviceView,
    },
  };
}

describe('move watchdog: a move that is not renewed is followed by stop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps quiet while heartbeats come, stops 500 ms after the last one', () => {
    const { ran, host } = recordingHost();
    const dog = new MoveWatchdog(host, 500);
    dog.observe('cam', 'move', { pan: 0.5, tilt: 0 });
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(200);
      dog.observe('cam', 'move', { pan: 0.5, tilt: 0 });
    }
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(499);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['cam stop {}']);
    expect(dog.armed).toEqual([]);
  });

  it('disarms on a zero move, a stop, a preset recall or goto; merges axes like the drivers', () => {
    const { ran, host } = recordingHost();
    const dog = new MoveWatchdog(host, 500);
    dog.observe('cam', 'move', { pan: 0.5 });
    dog.observe('cam', 'move', { pan: 0, tilt: 0, zoom: 0 });
    dog.observe('cam', 'move', { zoom: 1 });
    dog.observe('cam', 'stop', {});
    dog.observe('cam', 'move', { tilt: -1 });
    dog.observe('cam', 'preset.recall', { preset: 2 });
    dog.observe('cam', 'move', { pan: -0.4 });
    dog.observe('cam', 'preset.goto', { token: 'PresetToken_1' });
    expect(dog.armed).toEqual([]);
    // pan set, then only tilt zeroed: pan still drives, so the watchdog stays armed.
    dog.observe('cam', 'move', { pan: 0.3 });
    dog.observe('cam', 'move', { tilt: 0 });
    expect(dog.armed).toEqual(['cam']);
    vi.advanceTimersByTime(600);
    expect(ran).toEqual(['cam stop {}']);
  });

  it('sends a zero move to a device without stop, and nothing when switched off', () => {
    const a = recordingHost(['move']);
    new MoveWatchdog(a.host, 500).observe('cam', 'move', { pan: 1 });
    const b = recordingHost();
    new MoveWatchdog(b.host, 0).observe('cam', 'move', { pan: 1 });
    vi.advanceTimersByTime(1000);
    expect(a.ran).toEqual(['cam move {"pan":0,"tilt":0,"zoom":0}']);
    expect(b.ran).toEqual([]);
  });
});
