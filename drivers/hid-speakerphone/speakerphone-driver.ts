import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import type { SpeakerphoneCapabilities } from './speakerphone-capabilities.js';
import { EventEmitter } from 'node:events';
import type { Clock } from '../core/clock.js';
import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { describeMatch, nodeHidBackend, type HidBackend, type HidMatch } from '../hid/hid-backend.js';
import { readField } from '../hid/hid-descriptor-parser.js';
import { HidLink } from '../hid/hid-link.js';
import { LedWriter } from '../hid/led-writer.js';
import { TELEPHONY_PAGE, telephonyLayout, type TelephonyLayout } from '../hid/telephony-layout.js';

export interface SpeakerphoneOptions {
  match: HidMatch;
  backend?: HidBackend;
  clock?: Clock;
  presencePollMs?: number;
}

/**
 * The host's hook intent outlives one driver object: the device host makes a fresh driver for
 * each connect, and a speakerphone replugged mid-meeting must go back off-hook by itself or its
 * mute button stays silent. Keyed by device id; process memory only.
 */
const hookIntent = new Map<string, boolean>();

/**
 * A USB speakerphone on the HID telephony page. Its report descriptor says where Phone Mute and
 * Hook Switch are, whether mute is relative (a press asks to toggle) or absolute (the value is
 * the state), and where the Mute and Off-Hook LEDs are. Devices report their mute button only
 * while off-hook, and expect the host to echo the LED, or their light falls out of step.
 * Emits 'mute' (boolean) for a press on the device, besides publishing `{mute}`.
 */
export class SpeakerphoneDriver extends EventEmitter implements DeviceDriver {
  private link: HidLink | undefined;
  private layout: TelephonyLayout | undefined;
  private leds: LedWriter | undefined;
  private mute = false;
  private lastMuteBit = 0;
  private stopped = true;

  constructor(
    private readonly options: SpeakerphoneOptions,
    private readonly ctx: DriverContext,
  ) {
    super();
  }

  private get offHook(): boolean {
    return hookIntent.get(this.ctx.deviceId) ?? false;
  }

  async connect(): Promise<void> {
    this.stopped = false;
    const link = new HidLink({
      backend: this.options.backend ?? nodeHidBackend(),
      match: { usagePage: TELEPHONY_PAGE, ...this.options.match },
      clock: this.options.clock,
      presencePollMs: this.options.presencePollMs,
    });
    await link.open();
    const layout = telephonyLayout(link.descriptor);
    if (!layout.phoneMute && !layout.ledMute) {
      link.close();
      throw new RoomctlError(
        'ROOMCTL_E_NOT_SUPPORTED',
        `${describeMatch(this.options.match)} has no telephony Phone Mute or Mute LED in its report descriptor; is it the right interface?`,
      );
    }
    this.link = link;
    this.layout = layout;
    this.leds = new LedWriter(layout.descriptor);
    link.on('report', (report: Buffer) => this.onReport(report));
    link.on('gone', (error: RoomctlError) => {
      this.link = undefined;
      if (!this.stopped) this.ctx.linkLost(error);
    });
    this.ctx.publishState({
      product: link.info?.product ?? null,
      muteButton: layout.phoneMute ? (layout.phoneMute.relative ? 'relative' : 'absolute') : 'none',
      offHook: this.offHook,
      // A freshly opened device shows no mute until the room says (the LEDs are written next).
      mute: this.mute,
    });
    // A replugged device comes back on-hook and dark: restore what the room had asked.
    this.writeLeds(true);
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    this.link?.close();
    this.link = undefined;
  }

  async probe(): Promise<void> {
    if (!this.link?.isOpen) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${describeMatch(this.options.match)} is not plugged in`);
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<SpeakerphoneCapabilities> = {
    mute: async (params) => {
      this.mute = Boolean(params.on);
      this.writeLeds();
      this.ctx.publishState({ mute: this.mute });
      return { mute: this.mute };
    },
    hook: async (params) => {
      hookIntent.set(this.ctx.deviceId, Boolean(params.offHook));
      this.writeLeds();
      this.ctx.publishState({ offHook: this.offHook });
      return { offHook: this.offHook };
    },
  };

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    return runAction(this.handlers, action, params, 'hid-speakerphone');
  }

  private writeLeds(force = false): void {
    const { link, layout, leds } = this;
    if (!link || !layout || !leds) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${describeMatch(this.options.match)} is not plugged in`);
    const reports = leds.reports(
      [
        [layout.ledOffHook, this.offHook],
        [layout.ledMute, this.mute],
      ],
      force,
    );
    for (const report of reports) link.write(report);
  }

  private onReport(report: Buffer): void {
    const layout = this.layout;
    if (!layout) return;
    const usesIds = layout.descriptor.usesReportIds;
    if (layout.hookSwitch && !layout.hookSwitch.relative) {
      const hook = readField(report, layout.hookSwitch, usesIds);
      if (hook !== undefined) this.ctx.publishState({ deviceOffHook: hook === 1 });
    }
    const field = layout.phoneMute;
    if (!field) return;
    const bit = readField(report, field, usesIds);
    if (bit === undefined) return;
    const previous = this.lastMuteBit;
    this.lastMuteBit = bit;
    let next: boolean;
    if (field.relative) {
      // Relative: a press (0 → 1) asks to toggle; the release is no news.
      if (!(previous === 0 && bit === 1)) return;
      next = !this.mute;
    } else {
      next = bit === 1;
      if (next === this.mute) return;
    }
    this.mute = next;
    // Echo at once: the device resets its light if the host does not answer the press.
    try {
      this.writeLeds();
    } catch (err) {
      this.ctx.log.warn({ err: String(err) }, 'could not echo the mute LED');
    }
    this.ctx.log.info({ mute: next }, 'mute pressed on the speakerphone');
    this.ctx.publishState({ mute: next });
    this.emit('mute', next);
  }
}

/** Tests only: forget hook intents between tests that reuse device ids. */
export function resetHookIntents(): void {
  hookIntent.clear();
}
