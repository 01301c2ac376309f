import { randomUUID } from 'node:crypto';
import { TypedBus } from '../model/typed-bus.js';
import type { DeviceView } from '../model/device-view.js';
import type { ReplyTiming } from '../devices/device-supervisor.js';
import type { RoomEventBus } from '../model/room-events.js';
import { healthOfView, type DeviceHealth } from './device-health.js';
import type { FaultRepository, OpenFault } from './fault-repository.js';

/** What the monitor watches: the device host, or anything shaped like it (tests). */
interface DeviceSource {
  list(): DeviceView[];
  on(event: 'device', listener: (device: DeviceView) => void): unknown;
  on(event: 'reply', listener: (deviceId: string, timing: ReplyTiming) => void): unknown;
  off(event: 'device', listener: (device: DeviceView) => void): unknown;
  off(event: 'reply', listener: (deviceId: string, timing: ReplyTiming) => void): unknown;
}

interface HealthMonitorOptions {
  devices: DeviceSource;
  bus: RoomEventBus;
  faults: FaultRepository;
  now?: () => Date;
}

/**
 * Every device's health, and the faults that pair with it. Faults come from events first
 * (the supervisor marks a device offline the moment its port or socket closes) and from
 * the watchdog probe second (the supervisor marks a silent device offline after a probe
 * times out); either way the monitor sees a status change and:
 *  - leaving `ok`/`unknown` for `offline`/`degraded` raises a fault (`fault.raised`, new id);
 *  - back to `ok` clears it (`fault.cleared` with the same id);
 *  - `degraded` → `offline` keeps the open fault (one incident, the health shows the worse state).
 *
 * Emits 'health' (deviceId, DeviceHealth) at once when a status or detail changes, or when a
 * metric becomes known (the lamp hours read by the first probe after a reconnect: the fleet
 * should not go a minute without them); when only known metrics changed, at most once per
 * `flushMetrics()` (the caller's timer), so reply times measured on every probe do not flood
 * the broker.
 */
export class HealthMonitor extends TypedBus<{ health: [string, DeviceHealth] }> {
  private readonly health = new Map<string, DeviceHealth>();
  private readonly replyMs = new Map<string, number>();
  private readonly dirtyMetrics = new Set<string>();
  /** Write-through copy of the repository: one read at start, not one per update. */
  private readonly openFaults = new Map<string, OpenFault>();
  private readonly now: () => Date;
  private started = false;

  constructor(private readonly options: HealthMonitorOptions) {
    super();
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const devices = this.options.devices.list();
    const known = new Set(devices.map((d) => d.id));
    // A device taken out of the config cannot come back to clear its fault: close it now.
    for (const fault of this.options.faults.list()) {
      if (known.has(fault.deviceId)) {
        this.openFaults.set(fault.deviceId, fault);
        continue;
      }
      this.options.faults.close(fault.deviceId);
      this.options.bus.publish({
        type: 'fault.cleared',
        faultId: fault.faultId,
        deviceId: fault.deviceId,
        detail: 'The device is no longer in the room config',
      });
    }
    for (const device of devices) this.update(device);
    this.options.devices.on('device', this.onDevice);
    this.options.devices.on('reply', this.onReply);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.options.devices.off('device', this.onDevice);
    this.options.devices.off('reply', this.onReply);
    this.options.faults.flush();
  }

  get(deviceId: string): DeviceHealth | undefined {
    return this.health.get(deviceId);
  }

  list(): Array<{ deviceId: string; health: DeviceHealth }> {
    return [...this.health].map(([deviceId, health]) => ({ deviceId, health }));
  }

  /** Takes a device view (status or state changed) and publishes what follows from it. */
  update(device: DeviceView): void {
    const previous = this.health.get(device.id);
    const next = healthOfView(device);
    const reply = this.replyMs.get(device.id);
    if (reply !== undefined) next.metrics.replyMs = reply;
    this.health.set(device.id, next);
    const statusChanged = !previous || previous.status !== next.status || previous.detail !== next.detail;
    this.trackFault(device.id, next);
    if (statusChanged || newlyKnown(previous.metrics, next.metrics)) {
      this.dirtyMetrics.delete(device.id);
      this.emit('health', device.id, next);
    } else if (!sameMetrics(previous.metrics, next.metrics) || previous.signal?.value !== next.signal?.value || previous.signal?.unit !== next.signal?.unit) {
      this.dirtyMetrics.add(device.id);
    }
  }

  /** A reply time measured by the host around a probe or an action. */
  recordReply(deviceId: string, timing: ReplyTiming): void {
    if (!timing.ok) return;
    const ms = Math.round(timing.ms * 10) / 10;
    this.replyMs.set(deviceId, ms);
    const current = this.health.get(deviceId);
    if (!current) return;
    const firstReply = current.metrics.replyMs === undefined;
    current.metrics = { ...current.metrics, replyMs: ms };
    if (!firstReply) {
      this.dirtyMetrics.add(deviceId);
      return;
    }
    this.dirtyMetrics.delete(deviceId);
    this.emit('health', deviceId, current);
  }

  /** Emits 'health' for every device whose metrics changed since the last flush. */
  flushMetrics(): number {
    const ids = [...this.dirtyMetrics];
    this.dirtyMetrics.clear();
    for (const id of ids) {
      const health = this.health.get(id);
      if (health) this.emit('health', id, health);
    }
    return ids.length;
  }

  private trackFault(deviceId: string, health: DeviceHealth): void {
    const open = this.openFaults.get(deviceId);
    const status = health.status;
    const faulty = status === 'offline' || status === 'degraded' || status === 'auth-failed' ? status : null;
    if (faulty && !open) {
      const faultId = randomUUID();
      const detail = health.detail ?? `${deviceId} is ${health.status}`;
      const fault = { deviceId, faultId, raisedAt: this.now().toISOString(), detail };
      this.options.faults.open(fault);
      this.openFaults.set(deviceId, fault);
      const code = health.error?.code ?? health.code;
      this.options.bus.publish({ type: 'fault.raised', faultId, deviceId, detail, status: faulty, ...(code ? { code } : {}) });
    } else if (health.status === 'ok' && open) {
      this.options.faults.close(deviceId);
      this.openFaults.delete(deviceId);
      this.options.bus.publish({ type: 'fault.cleared', faultId: open.faultId, deviceId, detail: `${deviceId} is answering again` });
    }
  }

  private readonly onDevice = (device: DeviceView) => this.update(device);
  private readonly onReply = (deviceId: string, timing: ReplyTiming) => this.recordReply(deviceId, timing);
}

/** A metric in `next` that `previous` did not have: unknown until now. */
function newlyKnown(previous: Record<string, number>, next: Record<string, number>): boolean {
  return Object.keys(next).some((k) => previous[k] === undefined);
}

function sameMetrics(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
