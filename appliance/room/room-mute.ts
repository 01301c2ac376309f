import { TypedBus } from '../model/typed-bus.js';
import type { DriverLogger } from '../../drivers/core/definition.js';
import { toRoomctlError } from '../../drivers/core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../../drivers/core/reply-deadline.js';
import type { DeviceKind, DeviceView } from '../model/device-view.js';

/** The device host as the coordinator needs it (a DeviceHost, or a stand-in in unit tests). */
interface MuteDevices {
  list(): DeviceView[];
  on(event: 'device', listener: (device: DeviceView) => void): unknown;
  off(event: 'device', listener: (device: DeviceView) => void): unknown;
  execute(id: string, action: string, params: unknown, options?: { via?: 'room-mute' }): Promise<unknown>;
  /** Lets the room answer a display's own `mute` (DeviceHost.redirect); absent in unit stand-ins. */
  redirect?(action: string, redirect: (device: DeviceView, params: Record<string, unknown>) => Promise<unknown> | undefined): () => void;
}

/** Who changed the mute: a person on the panel or API, a device's own button, the appliance's start, the end of a meeting (`scene`), or a linked room's speaker holding the floor (`floor`). */
export type MuteSource = { kind: 'panel' } | { kind: 'device'; deviceId: string } | { kind: 'start' } | { kind: 'scene' } | { kind: 'floor' };

export interface RoomMuteView {
  on: boolean;
  /** ISO time of the last change. */
  since: string;
  /** Who changed it last: `panel`, `start`, `scene` (a meeting ended), `floor` (another room's speaker), or a device id. */
  source: string;
  /** Each mute-capable device: what it last reported and whether it agrees. */
  devices: Array<{ id: string; reported: boolean | null; agrees: boolean; pending: boolean }>;
}

/** Kinds whose mute is the room's microphone mute; cameras have none. */
const FOLLOWING_KINDS: readonly DeviceKind[] = ['dsp', 'microphone', 'speakerphone', 'display'];
/** Kinds whose own mute button or logic changes the room's mute; displays only follow. */
const SOURCE_KINDS: readonly DeviceKind[] = ['dsp', 'microphone', 'speakerphone'];

const isConnected = (d: DeviceView) => d.status === 'ok' || d.status === 'degraded';
const canMute = (d: DeviceView) => FOLLOWING_KINDS.includes(d.kind) && d.actions.some((a) => a.name === 'mute');
/** A display's power as its driver publishes it ('standby', 'cooling', or MDC's `false`): it refuses a mute until it is turned on. */
const ASLEEP_POWER: readonly unknown[] = ['standby', 'cooling', 'off', false];
/** A display in standby takes no mute (a PJLink projector answers ERR3): it follows the room when it is turned on. */
const isAsleep = (d: DeviceView) => d.kind === 'display' && ASLEEP_POWER.includes(d.state.power);

/**
 * One mute for the whole room. Every mute-capable device follows it and reports back through
 * its state (`{mute}`). A change a microphone, DSP or speakerphone reports that the room did
 * not ask for is a press on that device: the room follows it, then everyone else does. A
 * display only follows (its remote is not the room's microphone), so a display that reports
 * the other value, like any device that comes back with it or does not take a command, is
 * corrected and the disagreement logged.
 * Emits 'change' (RoomMuteView) and 'confirmed' (deviceId, on) when a device reports the room's value.
 */
export class RoomMute extends TypedBus<{ change: [RoomMuteView]; confirmed: [string, boolean] }> {
  private mutedNow = false;
  private since = new Date();
  private source: MuteSource = { kind: 'start' };
  private readonly reported = new Map<string, boolean>();
  /** Commands in flight: the value we are waiting for each device to report. */
  private readonly pending = new Map<string, boolean>();
  private readonly connected = new Set<string>();
  /** Displays seen in standby: each is brought in line when it is turned on. */
  private readonly asleep = new Set<string>();
  private readonly listener = (device: DeviceView) => this.onDevice(device);
  private undoRedirect: (() => void) | undefined;

  constructor(
    private readonly devices: MuteDevices,
    private readonly log: DriverLogger,
    private readonly now: () => Date = () => new Date(),
    /** How long `set` waits for the devices before answering with some still pending. */
    private readonly answerWithinMs = 2500,
  ) {
    super();
  }

  start(): void {
    this.devices.on('device', this.listener);
    // A display only follows the room mute: its own `mute` (API, MQTT, a scene) would be undone
    // at once, so it is taken as the room's mute and every follower, the display too, goes along.
    this.undoRedirect = this.devices.redirect?.('mute', (device, params) => {
      if (!canMute(device) || SOURCE_KINDS.includes(device.kind)) return undefined;
      return this.set(Boolean(params.on)).then((view) => ({ mute: view.on, routedTo: 'room-mute', room: view }));
    });
    for (const d of this.devices.list()) this.onDevice(d);
  }

  stop(): void {
    this.devices.off('device', this.listener);
    this.undoRedirect?.();
  }

  get muted(): boolean {
    return this.mutedNow;
  }

  view(): RoomMuteView {
    const sourceText = this.source.kind === 'device' ? this.source.deviceId : this.source.kind;
    const devices = this.devices
      .list()
      .filter(canMute)
      .map((d) => {
        const reported = this.reported.get(d.id);
        return { id: d.id, reported: reported ?? null, agrees: reported === this.mutedNow, pending: this.pending.has(d.id) };
      });
    return { on: this.mutedNow, since: this.since.toISOString(), source: sourceText, devices };
  }

  /** Set the room's mute (panel, API) and bring every device along; resolves when all have answered. */
  async set(on: boolean, source: MuteSource = { kind: 'panel' }): Promise<RoomMuteView> {
    if (on !== this.mutedNow || source.kind === 'panel') {
      this.mutedNow = on;
      this.since = this.now();
      this.source = source;
      this.log.info({ mute: on, source: source.kind === 'device' ? source.deviceId : source.kind }, 'room mute');
    }
    const except = source.kind === 'device' ? source.deviceId : undefined;
    const targets = this.devices.list().filter((d) => canMute(d) && isConnected(d) && !isAsleep(d) && d.id !== except);
    this.emit('change', this.view());
    // A display warming up holds its command for up to a minute; the caller hears back sooner,
    // with that device still `pending` (it follows when it can, or is corrected when back). A
    // reply deadline: an answer that came while the room's process was held up is read first,
    // so the caller is not told a device that answered in time is still pending.
    let patience: ReplyDeadline | undefined;
    const waited = new Promise<void>((resolve) => (patience = replyDeadline(this.answerWithinMs, resolve)));
    await Promise.race([Promise.all(targets.map((d) => this.command(d.id, on))), waited]);
    patience?.cancel();
    return this.view();
  }

  private async command(id: string, on: boolean): Promise<void> {
    this.pending.set(id, on);
    try {
      await this.devices.execute(id, 'mute', { on }, { via: 'room-mute' });
    } catch (err) {
      const error = toRoomctlError(err);
      this.log.warn({ device: id, mute: on, code: error.code, err: error.message }, 'device did not take the room mute; it is corrected when it is back');
    } finally {
      if (this.pending.get(id) === on) this.pending.delete(id);
    }
    // The device answered but says otherwise: one correction, logged.
    const reported = this.reported.get(id);
    if (reported !== undefined && reported !== this.mutedNow && this.mutedNow === on && !this.pending.has(id)) {
      this.log.warn({ device: id, room: this.mutedNow, device_mute: reported }, 'device disagrees with the room mute after a command; correcting once');
      this.pending.set(id, on);
      await this.devices.execute(id, 'mute', { on }, { via: 'room-mute' }).catch(() => undefined);
      if (this.pending.get(id) === on) this.pending.delete(id);
    }
  }

  private onDevice(device: DeviceView): void {
    if (!canMute(device)) return;
    const wasConnected = this.connected.has(device.id);
    const nowConnected = isConnected(device);
    if (nowConnected) this.connected.add(device.id);
    else this.connected.delete(device.id);
    const wasAsleep = this.asleep.has(device.id);
    const nowAsleep = isAsleep(device);
    if (nowAsleep) this.asleep.add(device.id);
    else this.asleep.delete(device.id);

    const value = device.state.mute;
    const previous = this.reported.get(device.id);
    if (typeof value === 'boolean' && value !== previous) {
      this.reported.set(device.id, value);
      const expected = this.pending.get(device.id);
      if (expected !== undefined) {
        if (value === expected) this.emit('confirmed', device.id, value);
      } else if (wasConnected && nowConnected && !nowAsleep) {
        if (value === this.mutedNow) this.emit('confirmed', device.id, value);
        else if (SOURCE_KINDS.includes(device.kind)) {
          // Nobody asked this device to change: a press on it (or a panel of its own). The room follows.
          void this.set(value, { kind: 'device', deviceId: device.id });
        } else {
          // A display only follows: its remote control is not the room's microphone. Correct it.
          this.log.warn({ device: device.id, room: this.mutedNow, device_mute: value }, 'device disagrees with the room mute; correcting');
          void this.command(device.id, this.mutedNow);
        }
      }
    }

    // Back from offline (or first seen), or a display just turned on: bring it in line, and say
    // so when it disagreed. A display in standby is left alone until it is turned on.
    if (nowConnected && !nowAsleep && (!wasConnected || wasAsleep)) {
      const reported = this.reported.get(device.id);
      if (reported !== undefined && reported !== this.mutedNow)
        this.log.warn({ device: device.id, room: this.mutedNow, device_mute: reported }, 'device disagrees with the room mute; correcting');
      // Always: what a device said before it went away may be stale (a replugged USB device comes back dark).
      if (!this.pending.has(device.id)) void this.command(device.id, this.mutedNow);
    }
  }
}
