import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import type { BadgeReaderCapabilities } from './badge-reader-capabilities.js';
import { EventEmitter } from 'node:events';
import type { Clock } from '../core/clock.js';
import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { describeMatch, nodeHidBackend, type HidBackend, type HidMatch } from '../hid/hid-backend.js';
import { parseReportDescriptor } from '../hid/hid-descriptor-parser.js';
import { HidLink } from '../hid/hid-link.js';
import { KeyboardWedge, type KeyboardWedgeOptions } from './keyboard-wedge.js';

export interface BadgeReaderOptions extends Omit<KeyboardWedgeOptions, 'clock'> {
  match: HidMatch;
  backend?: HidBackend;
  clock?: Clock;
  presencePollMs?: number;
}

export interface BadgeEvent {
  id: string;
  at: string;
}

const KEYBOARD_PAGE = 0x07;

/**
 * A keyboard-wedge badge or QR reader. It reads the reader's HID reports directly (not the
 * typed keys the desktop would see), so badge numbers never land in some text field. Each badge
 * is published as `{lastBadge: {id, at}}` and emitted as 'badge' (BadgeEvent) for check-in.
 */
export class BadgeReaderDriver extends EventEmitter implements DeviceDriver {
  private link: HidLink | undefined;
  private wedge: KeyboardWedge | undefined;
  private reportId = 0;
  private stopped = true;
  private count = 0;

  constructor(
    private readonly options: BadgeReaderOptions,
    private readonly ctx: DriverContext,
  ) {
    super();
  }

  async connect(): Promise<void> {
    this.stopped = false;
    const { match, backend, clock, presencePollMs } = this.options;
    const link = new HidLink({ backend: backend ?? nodeHidBackend(), match: { usagePage: 0x01, ...match }, clock, presencePollMs });
    await link.open();
    const descriptor = parseReportDescriptor(link.descriptor);
    const keys = descriptor.fields.find((f) => f.type === 'input' && f.array && f.usagePage === KEYBOARD_PAGE);
    if (!keys) {
      link.close();
      throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `${describeMatch(match)} is not a keyboard (no key-code array in its report descriptor)`);
    }
    // Composite readers put the keyboard behind a report ID; the boot layout follows it.
    this.reportId = descriptor.usesReportIds ? keys.reportId : 0;
    this.wedge = new KeyboardWedge((id) => this.onBadge(id), { ...this.options, clock });
    this.link = link;
    link.on('report', (report: Buffer) => {
      if (this.reportId && report[0] !== this.reportId) return;
      this.wedge?.push(this.reportId ? report.subarray(1) : report);
    });
    link.on('gone', (error: RoomctlError) => {
      this.link = undefined;
      this.wedge?.stop();
      if (!this.stopped) this.ctx.linkLost(error);
    });
    this.ctx.publishState({ product: link.info?.product ?? null });
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    this.wedge?.stop();
    this.link?.close();
    this.link = undefined;
  }

  async probe(): Promise<void> {
    if (!this.link?.isOpen) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${describeMatch(this.options.match)} is not plugged in`);
  }

  /** One handler per declared action. */
  readonly handlers: ActionHandlers<BadgeReaderCapabilities> = {
    status: async () => ({ badges: this.count, discarded: this.wedge?.discarded ?? 0 }),
  };

  execute(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
    return runAction(this.handlers, action, params, 'hid-badge-reader');
  }

  private onBadge(id: string): void {
    this.count++;
    const event: BadgeEvent = { id, at: new Date((this.options.clock ?? { now: () => Date.now() }).now()).toISOString() };
    this.ctx.log.info({ badge: id }, 'badge read');
    this.ctx.publishState({ lastBadge: event, badges: this.count });
    this.emit('badge', event);
  }
}
