import { writeField, type HidField, type ParsedDescriptor } from './hid-descriptor-parser.js';

/**
 * Builds LED output reports from the descriptor: LEDs that share a report (Jabra puts all of
 * them in report 3) are written together, keeping the bits we do not drive; LEDs in reports of
 * their own (Poly: Mute = 9, Off-Hook = 0x17) get one report each.
 */
export class LedWriter {
  private readonly payloads = new Map<number, Uint8Array>();

  constructor(private readonly descriptor: ParsedDescriptor) {}

  /** The reports (report ID first) that set these fields; only reports that changed. */
  reports(values: Array<[HidField | undefined, boolean]>, force = false): number[][] {
    const touched = new Map<number, boolean>();
    for (const [field, on] of values) {
      if (!field) continue;
      const payload = this.payload(field.reportId);
      const before = payload.slice();
      writeField(payload, field, on ? 1 : 0);
      touched.set(field.reportId, (touched.get(field.reportId) ?? false) || force || !before.every((b, i) => b === payload[i]));
    }
    return [...touched].filter(([, changed]) => changed).map(([id]) => [this.descriptor.usesReportIds ? id : 0, ...this.payload(id)]);
  }

  private payload(reportId: number): Uint8Array {
    let p = this.payloads.get(reportId);
    if (!p) {
      p = new Uint8Array(Math.max(1, this.descriptor.reportBytes.get(`output:${reportId}`) ?? 1));
      this.payloads.set(reportId, p);
    }
    return p;
  }
}
