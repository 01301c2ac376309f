/**
 * A small HID report descriptor parser (HID 1.11 §6.2.2): items in, fields out. Pure and
 * bounded: whatever bytes come in, it returns at most MAX_FIELDS fields and never throws.
 * It knows enough for telephony devices and keyboards: usage pages, usages and ranges,
 * report IDs, sizes and counts, push/pop, and the Input/Output/Feature flags that matter
 * (constant, variable, relative).
 */
export type ReportType = 'input' | 'output' | 'feature';

export interface HidField {
  type: ReportType;
  /** 0 when the device uses no report IDs. */
  reportId: number;
  usagePage: number;
  usage: number;
  /** Bit offset inside the report's payload (after the report ID byte). */
  bitOffset: number;
  bitSize: number;
  /** Relative (press = one event, a toggle) rather than absolute (the value is the state). */
  relative: boolean;
  /** Array fields hold usage indexes (keyboards, keypads); variable fields hold one usage's value. */
  array: boolean;
  /** Devices mark some real controls Constant (Jabra does); kept, but flagged. */
  constant: boolean;
  logicalMin: number;
  logicalMax: number;
  /** For array fields: the usage range the indexes map onto. */
  usageMin?: number;
}

export interface ParsedDescriptor {
  fields: HidField[];
  /** Payload length in bytes of each report, keyed `${type}:${reportId}`. */
  reportBytes: Map<string, number>;
  usesReportIds: boolean;
  /** Top-level application collections as page<<16 | usage. */
  applications: number[];
  /** Items the parser could not make sense of (truncated, unknown long items). */
  problems: number;
}

const MAX_FIELDS = 4096;
const MAX_COUNT = 1024;
const MAX_ARRAY_SLOTS = 64;
const ITEM_SIZES = [0, 1, 2, 4] as const;

interface Globals {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

export function parseReportDescriptor(bytes: Uint8Array): ParsedDescriptor {
  const fields: HidField[] = [];
  const bits = new Map<string, number>();
  const applications: number[] = [];
  let usesReportIds = false;
  let problems = 0;
  let g: Globals = { usagePage: 0, logicalMin: 0, logicalMax: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const stack: Globals[] = [];
  let usages: number[] = [];
  let usageMin: number | undefined;
  let usageMax: number | undefined;
  let depth = 0;

  const fullUsage = (value: number, size: number) => (size === 4 ? value >>> 0 : ((g.usagePage << 16) | value) >>> 0);

  for (let i = 0; i < bytes.length; ) {
    const prefix = bytes[i]!;
    if (prefix === 0xfe) {
      // Long item: size in the next byte; nothing in HID 1.11 defines one, so skip it.
      const size = bytes[i + 1];
      if (size === undefined) break;
      i += 3 + size;
      problems++;
      continue;
    }
    const size = ITEM_SIZES[prefix & 0x03]!;
    if (i + 1 + size > bytes.length) {
      problems++;
      break;
    }
    let unsigned = 0;
    for (let b = 0; b < size; b++) unsigned |= bytes[i + 1 + b]! << (8 * b);
    unsigned >>>= 0;
    const signed = size === 0 ? 0 : size === 4 ? unsigned | 0 : (unsigned << (32 - 8 * size)) >> (32 - 8 * size);
    const tag = prefix & 0xfc;
    i += 1 + size;

    switch (tag) {
      // --- global items
      case 0x04:
        g.usagePage = unsigned & 0xffff;
        break;
      case 0x14:
        g.logicalMin = signed;
        break;
      case 0x24:
        g.logicalMax = g.logicalMin < 0 ? signed : unsigned;
        break;
      case 0x74:
        g.reportSize = Math.min(unsigned, 32);
        break;
      case 0x84:
        g.reportId = unsigned & 0xff;
        usesReportIds = true;
        break;
      case 0x94:
        g.reportCount = Math.min(unsigned, MAX_COUNT);
        break;
      case 0xa4:
        if (stack.length < 16) stack.push({ ...g });
        else problems++;
        break;
      case 0xb4:
        g = stack.pop() ?? (problems++, g);
        break;
      // --- local items
      case 0x08:
        if (usages.length < MAX_COUNT) usages.push(fullUsage(unsigned, size));
        break;
      case 0x18:
        usageMin = fullUsage(unsigned, size);
        break;
      case 0x28:
        usageMax = fullUsage(unsigned, size);
        break;
      // --- main items
      case 0xa0: {
        if (unsigned === 0x01 && depth === 0) applications.push(usages[0] ?? usageMin ?? 0);
        depth++;
        if (usages.length) usages = [];
        usageMin = usageMax = undefined;
        break;
      }
      case 0xc0:
        depth = Math.max(0, depth - 1);
        if (usages.length) usages = [];
        usageMin = usageMax = undefined;
        break;
      case 0x80:
      case 0x90:
      case 0xb0: {
        const type: ReportType = tag === 0x80 ? 'input' : tag === 0x90 ? 'output' : 'feature';
        const key = `${type}:${g.reportId}`;
        let offset = bits.get(key) ?? 0;
        const constant = (unsigned & 0x01) !== 0;
        const array = (unsigned & 0x02) === 0;
        const relative = (unsigned & 0x04) !== 0;
        const total = g.reportSize * g.reportCount;
        const hasUsages = usages.length > 0 || usageMin !== undefined;
        if (hasUsages && fields.length < MAX_FIELDS) {
          const base = { type, reportId: g.reportId, relative, array, constant, logicalMin: g.logicalMin, logicalMax: g.logicalMax, bitSize: g.reportSize };
          if (array) {
            const first = usageMin ?? usages[0]!;
            // Keyboards have 6 slots, keypads 1; more than MAX_ARRAY_SLOTS is no device we drive.
            for (let n = 0; n < Math.min(g.reportCount, MAX_ARRAY_SLOTS) && fields.length < MAX_FIELDS; n++) {
              fields.push({ ...base, usagePage: first >>> 16, usage: first & 0xffff, usageMin: first, bitOffset: offset + n * g.reportSize });
            }
          } else {
            const list = usages.length > 0 ? usages : rangeList(usageMin!, usageMax ?? usageMin!, g.reportCount);
            // Past the end of the list the last usage repeats (HID 1.11 §6.2.2.8); one field for it is enough.
            for (let n = 0; n < Math.min(g.reportCount, list.length) && fields.length < MAX_FIELDS; n++) {
              const u = list[n]!;
              fields.push({ ...base, usagePage: u >>> 16, usage: u & 0xffff, bitOffset: offset + n * g.reportSize });
            }
          }
        }
        offset += total;
        bits.set(key, offset);
        if (usages.length) usages = [];
        usageMin = usageMax = undefined;
        break;
      }
      default:
        // Physical min/max, units, exponents, designators, strings, delimiters: not needed here.
        break;
    }
  }
  const reportBytes = new Map<string, number>();
  for (const [key, total] of bits) reportBytes.set(key, Math.ceil(total / 8));
  return { fields, reportBytes, usesReportIds, applications, problems };
}

function rangeList(min: number, max: number, count: number): number[] {
  const out: number[] = [];
  for (let u = min; u <= max && out.length < Math.min(count, MAX_COUNT); u++) out.push(u);
  return out.length ? out : [min];
}

/** Reads a field's value from an input report as node-hid delivers it (report ID first when used). */
export function readField(report: Uint8Array, field: HidField, usesReportIds: boolean): number | undefined {
  const payload = usesReportIds ? (report[0] === field.reportId ? report.subarray(1) : undefined) : report;
  if (!payload) return undefined;
  let value = 0;
  for (let b = 0; b < field.bitSize; b++) {
    const bit = field.bitOffset + b;
    const byte = payload[bit >> 3];
    if (byte === undefined) return undefined;
    if ((byte >> (bit & 7)) & 1) value |= 1 << b;
  }
  return value >>> 0;
}

/** Sets a 1-bit or wider field in a report payload (without the report ID byte). */
export function writeField(payload: Uint8Array, field: HidField, value: number): void {
  for (let b = 0; b < field.bitSize; b++) {
    const bit = field.bitOffset + b;
    const index = bit >> 3;
    if (index >= payload.length) return;
    if ((value >> b) & 1) payload[index]! |= 1 << (bit & 7);
    else payload[index]! &= ~(1 << (bit & 7));
  }
}
