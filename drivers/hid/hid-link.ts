import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type ClockTimer } from '../core/clock.js';
import { RoomctlError } from '../core/errors.js';
import { describeMatch, findHidDevice, type HidBackend, type HidDeviceInfo, type HidHandle, type HidMatch } from './hid-backend.js';

export interface HidLinkOptions {
  backend: HidBackend;
  match: HidMatch;
  clock?: Clock;
  /** How often the device list is looked at to notice an unplug. */
  presencePollMs?: number;
}

/**
 * One open HID device, found by vendor/product (and serial), with its descriptor. It watches
 * for the device leaving: node-hid's 'error' on a failed read, or the device missing from the
 * list on a presence poll (hidraw does not always fail a read on unplug). Emits 'report'
 * (Buffer) and, once, 'gone' (RoomctlError). Re-finding after a replug is a new open().
 */
export class HidLink extends EventEmitter {
  private handle: HidHandle | undefined;
  private poll: ClockTimer | undefined;
  private goneReported = false;
  info: HidDeviceInfo | undefined;
  descriptor: Buffer = Buffer.alloc(0);

  constructor(private readonly options: HidLinkOptions) {
    super();
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    const { backend, match } = this.options;
    const info = findHidDevice(await backend.enumerate(), match);
    if (!info?.path) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `no HID device ${describeMatch(match)} is plugged in`);
    this.descriptor = await backend.readReportDescriptor(info.path);
    const handle = await backend.open(info.path);
    this.info = info;
    this.handle = handle;
    this.goneReported = false;
    handle.on('data', (data: Buffer) => this.emit('report', data));
    handle.on('error', (err: Error) => this.lost(`${describeMatch(match)} stopped answering: ${err.message}`));
    const clock = this.options.clock ?? systemClock;
    this.poll = clock.every(this.options.presencePollMs ?? 1000, () => void this.checkPresence());
  }

  /** Send an output report (first byte the report ID, 0 when the device uses none). */
  write(report: number[]): void {
    const handle = this.handle;
    if (!handle) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${describeMatch(this.options.match)} is not plugged in`);
    try {
      handle.write(report);
    } catch (err) {
      const error = this.lost(`${describeMatch(this.options.match)} refused a write: ${err instanceof Error ? err.message : String(err)}`);
      throw error;
    }
  }

  close(): void {
    this.poll?.cancel();
    this.poll = undefined;
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return;
    handle.removeAllListeners('data');
    handle.removeAllListeners('error');
    try {
      handle.close();
    } catch {
      // Closing a handle whose device is gone may throw; it is closed either way.
    }
  }

  private async checkPresence(): Promise<void> {
    if (!this.handle || !this.info) return;
    const list = await this.options.backend.enumerate().catch(() => undefined);
    if (!list) return;
    const still = list.some(
      (d) =>
        d.path === this.info!.path && d.vendorId === this.info!.vendorId && d.productId === this.info!.productId && d.serialNumber === this.info!.serialNumber,
    );
    if (!still) this.lost(`${describeMatch(this.options.match)} was unplugged`);
  }

  private lost(message: string): RoomctlError {
    const error = new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', message);
    if (this.goneReported) return error;
    this.goneReported = true;
    this.close();
    this.emit('gone', error);
    return error;
  }
}
