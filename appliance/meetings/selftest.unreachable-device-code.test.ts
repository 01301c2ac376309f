import { expect, it } from 'vitest';
import type { DeviceView } from '../model/device-view.js';
import { runSelfTest } from './self-test.js';

const projector: DeviceView = {
  id: 'projector',
  name: 'Projector',
  driver: 'pjlink',
  kind: 'display',
  status: 'offline',
  since: '2026-12-06T09:00:00.000Z',
  // The line a person reads; the code travels beside it, never parsed back out of it.
  detail: 'Cannot reach 10.0.0.31:4352: connect ETIMEDOUT',
  error: { code: 'ROOMCTL_E_DEVICE_UNREACHABLE', message: 'Cannot reach 10.0.0.31:4352: connect ETIMEDOUT' },
  state: {},
  capabilities: [],
  actions: [],
};

it("a device the self-test cannot reach fails with the device's own error code, read from its structured error", async () => {
  const host = { list: () => [projector], execute: async () => undefined };
  const report = await runSelfTest(host, null, new Date('2026-12-06T09:05:00Z'));
  expect(report.passed).toBe(false);
  expect(report.results).toEqual([expect.objectContaining({ deviceId: 'projector', check: 'reachable', ok: false, code: 'ROOMCTL_E_DEVICE_UNREACHABLE' })]);
});

it('a check the device never answers fails coded as a timeout', async () => {
  const camera: DeviceView = {
    ...projector,
    id: 'camera',
    kind: 'camera',
    status: 'ok',
    detail: null,
    error: null,
    actions: [{ name: 'status', description: '', params: {} }],
  };
  const host = { list: () => [camera], execute: () => new Promise<never>(() => undefined) };
  const report = await runSelfTest(host, null, new Date('2026-12-06T09:05:00Z'), 50);
  expect(report.results).toContainEqual(expect.objectContaining({ deviceId: 'camera', check: 'answers', ok: false, code: 'ROOMCTL_E_DEVICE_TIMEOUT' }));
});
