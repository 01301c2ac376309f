import { afterEach, expect, it, vi } from 'vitest';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { hostDevices } from '../../tests/helpers/hosted-devices.js';
import { waitFor } from '../../tests/helpers/test-room.js';
import { DeviceSupervisor } from './device-supervisor.js';

/**
 * A joystick `move` is handed to the camera's driver within the host's `execute` call, before
 * the dead-man's switch is rearmed for it: the watchdog's bookkeeping (and its timer) is not
 * between the joystick and the wire, on every move of every camera.
 */
let sim: RunningViscaIpSimulator | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await stop?.();
  await sim?.close();
});

it('a move reaches the driver first, then the move watchdog; a stop likewise', async () => {
  sim = await startViscaIpSimulator({ port: 0 });
  const room = hostDevices([{ id: 'cam', driver: 'visca-ip', host: '127.0.0.1', port: sim.endpoint.port }], { moveWatchdogMs: 500 });
  stop = room.stop;
  await waitFor(() => room.host.get('cam').status === 'ok', 10_000, 'the camera to connect');
  const order: string[] = [];
  const execute = DeviceSupervisor.prototype.execute;
  vi.spyOn(DeviceSupervisor.prototype, 'execute').mockImplementation(function (this: DeviceSupervisor, action, params) {
    order.push(`driver ${action}`);
    return execute.call(this, action, params);
  });
  const observe = room.host.moveWatchdog.observe.bind(room.host.moveWatchdog);
  vi.spyOn(room.host.moveWatchdog, 'observe').mockImplementation((id, action, params) => {
    order.push(`watchdog ${action}`);
    observe(id, action, params);
  });

  const moving = room.host.execute('cam', 'move', { pan: 0.5 });
  expect(order).toEqual(['driver move', 'watchdog move']);
  await moving;
  expect(room.host.moveWatchdog.armed).toEqual(['cam']);

  await room.host.execute('cam', 'stop', {});
  expect(order).toEqual(['driver move', 'watchdog move', 'driver stop', 'watchdog stop']);
  expect(room.host.moveWatchdog.armed).toEqual([]);
});
