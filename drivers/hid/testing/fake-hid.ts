import { EventEmitter } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readHidrawDescriptor, type HidBackend, type HidDeviceInfo, type HidHandle } from '../hid-backend.js';
import type { HidFirmware, HidRecording } from '../recorded/hid-recording.js';

/**
 * The one fake the project allows: node-hid's device object. There is no USB (and no
 * /dev/uhid) on these machines, so tests plug recorded devices into a FakeHidBus. The bus
 * lists them the way node-hid's devices() does, hands out handles shaped like node-hid's
 * `HID`, and publishes each descriptor where hidraw does (a sysfs-like folder), so the
 * drivers' own descriptor reading runs for real.
 */
export class FakeHidDevice {
  readonly firmware: HidFirmware;
  /** Output reports the host wrote, in order (report ID first). */
  readonly written: number[][] = [];
  readonly handles = new Set<FakeHidHandle>();
  path = '';
  plugged = false;

  constructor(
    readonly recording: HidRecording,
    readonly serialNumber = recording.serialNumber,
  ) {
    this.firmware = recording.firmware();
  }

  info(): HidDeviceInfo {
    const r = this.recording;
    return {
      vendorId: r.vendorId,
      productId: r.productId,
      path: this.path,
      serialNumber: this.serialNumber,
      manufacturer: r.manufacturer,
      product: r.product,
      release: 0x0100,
      interface: 0,
      usagePage: r.usagePage,
      usage: r.usage,
    };
  }

  /** A person presses a button on the device. */
  press(button: 'mute' | 'hook'): void {
    this.send(this.firmware.press(button));
  }

  /** The device sends input reports (recorded bytes) to every open handle. */
  send(reports: Uint8Array[]): void {
    for (const report of reports) for (const h of this.handles) h.deliver(Buffer.from(report));
  }
}

/** Shaped like node-hid's `HID`: 'data' and 'error' events, write, sendFeatureReport, getDeviceInfo, close. */
export class FakeHidHandle extends EventEmitter implements HidHandle {
  private closed = false;

  constructor(private readonly device: FakeHidDevice) {
    super();
    device.handles.add(this);
  }

  deliver(report: Buffer): void {
    if (!this.closed) this.emit('data', report);
  }

  write(values: number[] | Buffer): number {
    // node-hid throws these words when the device is gone.
    if (this.closed) throw new Error('Cannot write to a closed HID device');
    if (!this.device.plugged) throw new Error('Cannot write to hid device');
    const report = [...values];
    this.device.written.push(report);
    const answers = this.device.firmware.onOutput(Uint8Array.from(report));
    // A device answers after the transfer, not inside the write call.
    if (answers.length) setImmediate(() => this.device.send(answers));
    return report.length;
  }

  sendFeatureReport(data: number[] | Buffer): number {
    if (!this.device.plugged) throw new Error('could not send feature report to device');
    return data.length;
  }

  getDeviceInfo(): HidDeviceInfo {
    return this.device.info();
  }

  close(): void {
    this.closed = true;
    this.device.handles.delete(this);
  }

  /** What node-hid does when the device vanishes under a read. */
  fail(): void {
    if (this.closed) return;
    this.emit('error', new Error('could not read from HID device'));
  }
}

export class FakeHidBus {
  private readonly devices = new Set<FakeHidDevice>();
  private nextIndex = 0;
  /** Every enumerate() call, so a test can see the driver polling. */
  enumerations = 0;

  /** `sysfsRoot` is a temp folder standing in for /sys/class/hidraw. */
  constructor(readonly sysfsRoot: string) {}

  /** Plug a device in: it gets a fresh /dev/hidrawN path, as a real replug does. */
  async plug(device: FakeHidDevice): Promise<void> {
    const name = `hidraw${this.nextIndex++}`;
    device.path = `/dev/${name}`;
    await mkdir(join(this.sysfsRoot, name, 'device'), { recursive: true });
    await writeFile(join(this.sysfsRoot, name, 'device', 'report_descriptor'), device.recording.descriptor);
    device.plugged = true;
    this.devices.add(device);
  }

  /**
   * Pull the cable: the device leaves the list and open handles fail their read, unless
   * `readError` is false (hidraw sometimes just goes quiet; only the device list tells).
   */
  async unplug(device: FakeHidDevice, options: { readError?: boolean } = {}): Promise<void> {
    device.plugged = false;
    this.devices.delete(device);
    if (options.readError !== false) for (const h of [...device.handles]) h.fail();
    await rm(join(this.sysfsRoot, device.path.replace('/dev/', '')), { recursive: true, force: true });
  }

  readonly backend: HidBackend = {
    enumerate: async () => {
      this.enumerations++;
      return [...this.devices].map((d) => d.info());
    },
    open: async (path) => {
      const device = [...this.devices].find((d) => d.path === path);
      if (!device) throw new Error(`cannot open device with path ${path}`);
      return new FakeHidHandle(device);
    },
    readReportDescriptor: (path) => readHidrawDescriptor(path, this.sysfsRoot),
  };
}
