import { describe, expect, it } from 'vitest';
import { parseReportDescriptor, readField } from './hid-descriptor-parser.js';
import { jabraSpeak510 } from './recorded/jabra-speak-510.js';
import { plantronicsBlackwire3220 } from './recorded/plantronics-blackwire-3220.js';
import { rfidBadgeReader } from './recorded/rfid-badge-reader.js';
import { specAbsoluteMuteSpeakerphone } from './recorded/spec-absolute-mute-speakerphone.js';
import { telephonyLayout } from './telephony-layout.js';

describe('report descriptors of real devices', () => {
  it('Jabra SPEAK 510: Phone Mute is relative bit 4 of report 3; LEDs share output report 3', () => {
    const l = telephonyLayout(jabraSpeak510.descriptor);
    expect(l.phoneMute).toMatchObject({ reportId: 3, bitOffset: 4, bitSize: 1, relative: true, constant: true });
    expect(l.hookSwitch).toMatchObject({ reportId: 3, bitOffset: 0, relative: false });
    expect(l.ledOffHook).toMatchObject({ type: 'output', reportId: 3, bitOffset: 0 });
    expect(l.ledMute).toMatchObject({ type: 'output', reportId: 3, bitOffset: 2 });
    expect(l.descriptor.reportBytes.get('output:3')).toBe(2);
    expect(l.descriptor.reportBytes.get('input:3')).toBe(2);
    expect(l.descriptor.applications).toEqual([0x000c0001, 0xff000001, 0x000b0005]);
    // The recorded press `03 13 00`: mute bit set; the release `03 03 00`: clear; hook held both times.
    expect(readField(Uint8Array.of(3, 0x13, 0), l.phoneMute!, true)).toBe(1);
    expect(readField(Uint8Array.of(3, 0x03, 0), l.phoneMute!, true)).toBe(0);
    expect(readField(Uint8Array.of(3, 0x03, 0), l.hookSwitch!, true)).toBe(1);
    expect(readField(Uint8Array.of(4, 0x13, 0), l.phoneMute!, true)).toBeUndefined(); // another report
  });

  it('Plantronics Blackwire 3220: every LED in its own report; mute relative, hook absolute', () => {
    const l = telephonyLayout(plantronicsBlackwire3220.descriptor);
    expect(l.phoneMute).toMatchObject({ reportId: 8, bitOffset: 0, relative: true, constant: false });
    expect(l.hookSwitch).toMatchObject({ reportId: 8, bitOffset: 1, relative: false });
    expect(l.ledMute).toMatchObject({ reportId: 9, bitOffset: 0 });
    expect(l.ledOffHook).toMatchObject({ reportId: 0x17, bitOffset: 0 });
    expect(l.ledRing).toMatchObject({ reportId: 0x18 });
  });

  it('a spec-built speakerphone with absolute mute reads as absolute', () => {
    const l = telephonyLayout(specAbsoluteMuteSpeakerphone.descriptor);
    expect(l.phoneMute).toMatchObject({ reportId: 1, bitOffset: 1, relative: false });
    expect(l.ledMute).toMatchObject({ reportId: 2, bitOffset: 1 });
  });

  it('the boot keyboard: no report IDs, six 8-bit key-code array slots after modifier and reserved bytes', () => {
    const d = parseReportDescriptor(rfidBadgeReader.descriptor);
    expect(d.usesReportIds).toBe(false);
    const keys = d.fields.filter((f) => f.type === 'input' && f.array);
    expect(keys.map((k) => k.bitOffset)).toEqual([16, 24, 32, 40, 48, 56]);
    expect(keys[0]).toMatchObject({ usagePage: 7, bitSize: 8 });
    expect(d.reportBytes.get('input:0')).toBe(8);
    expect(d.reportBytes.get('output:0')).toBe(1);
    expect(d.problems).toBe(0);
  });

  it('copes with a truncated descriptor: what was read is kept, the cut is counted', () => {
    const cut = jabraSpeak510.descriptor.subarray(0, 0x145);
    const d = parseReportDescriptor(cut);
    expect(d.problems).toBe(1);
    expect(d.fields.some((f) => f.usagePage === 0x0b && f.usage === 0x2f && f.reportId === 3)).toBe(true);
  });
});
