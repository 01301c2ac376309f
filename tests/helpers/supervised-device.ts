import { DeviceSupervisor } from '../../appliance/devices/device-supervisor.js';
import { probeIntervalOf, type AnyDriverDefinition, type DeviceStatus } from '../../drivers/core/definition.js';
import { waitFor } from './test-room.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** One device under the real DeviceSupervisor, as the appliance runs it, with its status history. */
export function superviseDevice(definition: AnyDriverDefinition, config: Record<string, unknown>, options: { probeIntervalMs?: number } = {}) {
  const supervisor = new DeviceSupervisor({
    deviceId: String(config.id ?? 'device'),
    log: quiet,
    probeIntervalMs: options.probeIntervalMs ?? probeIntervalOf(definition),
    createDriver: (ctx) => definition.create({ id: 'device', driver: definition.id, ...config }, ctx),
  });
  const history: { status: DeviceStatus; at: number }[] = [];
  supervisor.on('status', (s: { status: DeviceStatus }) => history.push({ status: s.status, at: Date.now() }));
  supervisor.start();
  return {
    supervisor,
    history,
    /** Resolves with the time it took `supervisor` to reach `status`, failing after `timeoutMs`. */
    async reaches(status: DeviceStatus, timeoutMs: number): Promise<number> {
      const from = Date.now();
      await waitFor(() => supervisor.status.status === status, timeoutMs, `status ${status}`);
      return Date.now() - from;
    },
    stop: () => supervisor.stop(),
  };
}
