import type { DeviceView } from '../../appliance/api/api-types.js';

/**
 * `n` health changes of a virtual microphone that is not in the room's config (offline, ok,
 * offline…), each a fault raised or cleared: what a flapping device piles up in the room's
 * outbox. Change `from + i` is offline when even, with "flap <number>" in its coded detail.
 */
export function flapDevice(health: { update(view: DeviceView): unknown }, device: { id: string; name: string }, n: number, from = 0): void {
  const base: DeviceView = {
    ...device,
    driver: 'shure-mxa',
    kind: 'microphone',
    status: 'ok',
    since: '',
    detail: null,
    state: {},
    capabilities: [],
    actions: [],
  };
  for (let i = from; i < from + n; i++) {
    health.update({
      ...base,
      status: i % 2 === 0 ? 'offline' : 'ok',
      detail: i % 2 === 0 ? `ROOMCTL_E_DEVICE_TIMEOUT: flap ${i}` : null,
      since: new Date().toISOString(),
    });
  }
}
