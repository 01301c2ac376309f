import { describe, expect, it } from 'vitest';
import type { HostStatus } from './media-host-supervisor.js';
import { signalHealthOf } from './media-source.js';

const host = (state: HostStatus['state']): HostStatus => ({ state, pid: null, restarts: 0, since: '2026-11-21T00:00:00.000Z', detail: null });
const judge = (waking: boolean, hostState: HostStatus['state'], pipeline: 'stopped' | 'starting' | 'playing' | 'recovering' | 'waiting') =>
  signalHealthOf('video', {
    started: true,
    idle: false,
    waking,
    host: host(hostState),
    pipeline: { state: pipeline, detail: null, rebuilds: 0 },
    verdict: { degraded: false, detail: null },
    metrics: {},
  });

describe('an on-demand pipeline waking for a viewer', () => {
  it('reads as available (not active) while the host and the pipeline start', () => {
    for (const [h, p] of [
      ['starting', 'stopped'],
      ['running', 'stopped'],
      ['running', 'starting'],
    ] as const) {
      expect(judge(true, h, p)).toMatchObject({ available: true, detail: null, state: { active: false } });
    }
    expect(judge(true, 'running', 'playing')).toMatchObject({ available: true, state: { active: true } });
  });

  it('is a fault when it fails on the way, and when it is not waking any more', () => {
    expect(judge(true, 'recovering', 'stopped').available).toBe(false);
    expect(judge(true, 'running', 'recovering').available).toBe(false);
    expect(judge(true, 'running', 'waiting').available).toBe(false);
    expect(judge(false, 'running', 'starting')).toMatchObject({ available: false, detail: 'video starting' });
  });
});
