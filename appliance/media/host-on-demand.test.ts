import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostStatus } from './media-host-supervisor.js';
import { HostOnDemand } from './host-on-demand.js';

/** A host whose leaving takes as long as the test says: a loaded machine lets a process go late. */
function slowHost() {
  const status: HostStatus = { state: 'stopped', pid: null, restarts: 0, since: '2026-12-07T00:00:00.000Z', detail: null };
  let leave = () => {};
  let wanted = false;
  return {
    status,
    start: vi.fn(() => {
      wanted = true;
      status.state = 'running';
    }),
    // As the supervisor: a start() while the old process leaves owns the new one.
    stop: vi.fn(() => {
      wanted = false;
      return new Promise<void>((resolve) => {
        leave = () => {
          if (!wanted) status.state = 'stopped';
          resolve();
        };
      });
    }),
    leave: () => leave(),
  };
}

function onDemandFor(host: ReturnType<typeof slowHost>) {
  const rejudge = vi.fn();
  const onDemand = new HostOnDemand({
    host,
    onDemand: () => true,
    startTimeoutMs: 15_000,
    idleStopMs: 300,
    now: () => Date.now(),
    running: () => true,
    busy: () => false,
    rejudge,
  });
  return { onDemand, rejudge };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('an on-demand host told to rest', () => {
  it('is at rest from the moment it is asked to stop, not once the process has gone', async () => {
    vi.useFakeTimers();
    const host = slowHost();
    const { onDemand, rejudge } = onDemandFor(host);
    onDemand.demand();
    expect(onDemand.idle).toBe(false);
    onDemand.scheduleIdleStop();
    await vi.advanceTimersByTimeAsync(300);
    expect(host.stop).toHaveBeenCalledOnce();
    expect(host.status.state).toBe('running');
    // The picture has stopped coming: judged now, it would read as frozen.
    expect(onDemand.idle).toBe(true);
    expect(rejudge).toHaveBeenCalled();
    host.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(onDemand.idle).toBe(true);
  });

  it('wakes again for a viewer who comes while it is still leaving', async () => {
    vi.useFakeTimers();
    const host = slowHost();
    const { onDemand } = onDemandFor(host);
    onDemand.demand();
    onDemand.scheduleIdleStop();
    await vi.advanceTimersByTimeAsync(300);
    onDemand.demand();
    expect(host.start).toHaveBeenCalledTimes(2);
    expect(onDemand.idle).toBe(false);
    expect(onDemand.waking).toBe(true);
    // The old process leaving late does not put the woken host back to rest.
    host.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(onDemand.idle).toBe(false);
  });
});
