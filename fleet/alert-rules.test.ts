import { describe, expect, it } from 'vitest';
import type { Alert } from './alert-sink.js';
import { AlertEngine } from './alert-rules.js';
import { emptyChanges } from './fleet-changes.js';
import type { FleetChanges } from './fleet-store.js';

const changes = (patch: Partial<FleetChanges>): FleetChanges => ({ ...emptyChanges(), ...patch });
const offline = (deviceId: string, status: 'offline' | 'ok' = 'offline') =>
  changes({ devices: [{ site: 'hq', room: 'aurora', deviceId, status, previous: undefined, detail: 'refused' }] });

describe('fleet alert rules (manual clock)', () => {
  const setup = () => {
    let now = 1_000_000;
    const alerts: Alert[] = [];
    const engine = new AlertEngine(
      { deviceOfflineAfterS: 30, roomOfflineAfterS: 60, problemReports: true, helpRequests: true },
      (a) => alerts.push(a),
      () => now,
    );
    return { engine, alerts, advance: (ms: number) => ((now += ms), engine.tick()) };
  };

  it('alerts once when a device stays offline longer than N seconds, and says when it is back', () => {
    const { engine, alerts, advance } = setup();
    engine.observe(offline('display'));
    advance(29_000);
    expect(alerts).toEqual([]);
    advance(1_000);
    advance(60_000);
    expect(alerts).toEqual([expect.objectContaining({ rule: 'device-offline', state: 'firing', deviceId: 'display', title: 'display offline in hq/aurora' })]);
    engine.observe(offline('display', 'ok'));
    expect(alerts.map((a) => a.state)).toEqual(['firing', 'resolved']);
    expect(alerts[1]!.key).toBe(alerts[0]!.key);
  });

  it('stays quiet about a device that comes back within N seconds', () => {
    const { engine, alerts, advance } = setup();
    engine.observe(offline('display'));
    advance(10_000);
    engine.observe(offline('display', 'ok'));
    advance(60_000);
    expect(alerts).toEqual([]);
  });

  it('alerts when a room appliance stays offline (its last will)', () => {
    const { engine, alerts, advance } = setup();
    engine.observe(changes({ roomStatus: [{ site: 'hq', room: 'aurora', online: 'offline' }] }));
    advance(60_000);
    expect(alerts).toEqual([expect.objectContaining({ rule: 'room-offline', state: 'firing', title: 'Room hq/aurora offline' })]);
  });

  it('alerts at once on a problem report and a help call', () => {
    const { engine, alerts } = setup();
    const event = (type: string, body: Record<string, unknown>) => ({
      seq: 1,
      id: `e-${type}`,
      site: 'hq',
      room: 'aurora',
      type,
      deviceId: null,
      at: '2026-01-01T00:00:00.000Z',
      body,
    });
    engine.observe(
      changes({
        events: [event('problem.reported', { reportId: 'r1', categories: ['display'], comment: 'no picture' }), event('help.requested', { requestId: 'h1' })],
      }),
    );
    expect(alerts.map((a) => [a.rule, a.text])).toEqual([
      ['problem-report', 'display: no picture'],
      ['help-request', 'Someone in the room asked for help.'],
    ]);
  });
});

describe('fleet alert rules: a failed self-test check', () => {
  const event = (type: string, body: Record<string, unknown>, deviceId: string | null = 'mic') => ({
    seq: 1,
    id: `e-${type}-${String(body.faultId)}`,
    site: 'hq',
    room: 'aurora',
    type,
    deviceId,
    at: '2026-01-01T00:00:00.000Z',
    body,
  });
  const raised = event('fault.raised', {
    faultId: 'selftest-r1-mic-mic-level',
    code: 'ROOMCTL_E_SELFTEST_MIC_SILENT',
    detail: 'Self-test failed: mic mic-level',
  });
  const cleared = event('fault.cleared', { faultId: 'selftest-r1-mic-mic-level', detail: 'self-test passed' });
  // A device's own fault (its health) is the device-offline rule's, after its delay.
  const healthFault = event('fault.raised', { faultId: 'display-offline-1', code: 'ROOMCTL_E_CONNECT_FAILED', detail: 'no route' }, 'display');

  it('alerts at once, naming the device, and resolves under the same key when the check passes', () => {
    const alerts: Alert[] = [];
    const engine = new AlertEngine({ deviceOfflineAfterS: 30, roomOfflineAfterS: 60, problemReports: true, helpRequests: true }, (a) => alerts.push(a));
    engine.observe(changes({ events: [healthFault, raised] }));
    engine.observe(changes({ events: [event('fault.cleared', { faultId: 'display-offline-1' }, 'display'), cleared] }));
    expect(alerts.map((a) => [a.rule, a.state, a.deviceId, a.key, a.params.code])).toEqual([
      ['self-test', 'firing', 'mic', 'selftest/selftest-r1-mic-mic-level', 'ROOMCTL_E_SELFTEST_MIC_SILENT'],
      ['self-test', 'resolved', 'mic', 'selftest/selftest-r1-mic-mic-level', null],
    ]);
  });

  it('leaves a device the self-test could not reach to the device-offline rule (one alert for one unplugged projector)', () => {
    const alerts: Alert[] = [];
    const engine = new AlertEngine({ deviceOfflineAfterS: 30, roomOfflineAfterS: 60, problemReports: true, helpRequests: true }, (a) => alerts.push(a));
    const faultId = 'selftest-r1-display-reachable';
    engine.observe(changes({ events: [event('fault.raised', { faultId, deviceId: 'display', code: 'ROOMCTL_E_SELFTEST_UNREACHABLE' }, 'display')] }));
    engine.observe(changes({ events: [event('fault.cleared', { faultId, deviceId: 'display' }, 'display')] }));
    expect(alerts).toEqual([]);
  });

  it('stays quiet when the rules turn it off', () => {
    const alerts: Alert[] = [];
    const rules = { deviceOfflineAfterS: 30, roomOfflineAfterS: 60, problemReports: true, helpRequests: true, selfTestFaults: false };
    new AlertEngine(rules, (a) => alerts.push(a)).observe(changes({ events: [raised, cleared] }));
    expect(alerts).toEqual([]);
  });
});
