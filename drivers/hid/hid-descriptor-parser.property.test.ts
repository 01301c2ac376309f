import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, mutatedBytes } from '../testing/fuzz.js';
import { parseReportDescriptor, readField, writeField } from './hid-descriptor-parser.js';
import { jabraSpeak510 } from './recorded/jabra-speak-510.js';
import { plantronicsBlackwire3220 } from './recorded/plantronics-blackwire-3220.js';
import { rfidBadgeReader } from './recorded/rfid-badge-reader.js';
import { specAbsoluteMuteSpeakerphone } from './recorded/spec-absolute-mute-speakerphone.js';
import { telephonyLayout } from './telephony-layout.js';

const real = fc.constantFrom(
  jabraSpeak510.descriptor,
  plantronicsBlackwire3220.descriptor,
  specAbsoluteMuteSpeakerphone.descriptor,
  rfidBadgeReader.descriptor,
);
const descriptors = fc.oneof(mutatedBytes(real), fc.uint8Array({ maxLength: 300 }), real);

describe('HID descriptor parser properties', () => {
  it(
    'never throws, stays bounded, and every field fits inside its report',
    () => {
      fc.assert(
        fc.property(descriptors, (bytes) => {
          // telephonyLayout parses and then looks for the telephony usages: neither may throw.
          const d = telephonyLayout(bytes).descriptor;
          if (d.fields.length > 4096) return false;
          return d.fields.every((f) => {
            const len = d.reportBytes.get(`${f.type}:${f.reportId}`);
            return len !== undefined && f.bitOffset + f.bitSize <= len * 8 && f.bitSize <= 32 && f.usagePage <= 0xffff && f.usage <= 0xffff;
          });
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reading any report never throws and a field written is read back',
    () => {
      fc.assert(
        fc.property(real, fc.uint8Array({ maxLength: 12 }), fc.boolean(), (bytes, report, on) => {
          const d = parseReportDescriptor(bytes);
          for (const f of d.fields) {
            const v = readField(report, f, d.usesReportIds);
            if (v !== undefined && (v < 0 || v >= 2 ** f.bitSize)) return false;
            if (f.bitSize !== 1) continue;
            const payload = new Uint8Array(d.reportBytes.get(`${f.type}:${f.reportId}`)!);
            writeField(payload, f, on ? 1 : 0);
            const withId = d.usesReportIds ? Uint8Array.from([f.reportId, ...payload]) : payload;
            if (readField(withId, f, d.usesReportIds) !== (on ? 1 : 0)) return false;
          }
          return true;
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
