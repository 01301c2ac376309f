import { expect, it } from 'vitest';
import { PROVISIONING_DRIVERS } from './provisioning-drivers.js';
import { validateAnswers } from './answers/answers-load.js';
import { hidEndpoint, type Finding } from './discovery/discover.js';
import type { HidCandidate } from './discovery/hid-devices.js';
import { proposeDevices } from './proposals.js';

const answers = validateAnswers({ room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' } }, 'test');
const hid = (h: HidCandidate): Finding => ({ source: 'hid', endpoint: hidEndpoint(h), hid: h });

it('turns a speakerphone and a badge reader into entries their drivers accept, named as they call themselves, with a hidraw grant each', () => {
  const findings = [
    hid({
      path: '/dev/hidraw0',
      vendorId: '0b0e',
      productId: '0422',
      serialNumber: '50C2ED1A2B3C',
      product: 'Jabra SPEAK 510 USB',
      role: 'speakerphone',
      driver: 'hid-speakerphone',
    }),
    hid({ path: '/dev/hidraw1', vendorId: '16c0', productId: '27db', product: 'HXGCoLtd Keyboard', role: 'badge-reader', driver: 'hid-badge-reader' }),
  ];

  const proposal = proposeDevices(findings, answers, PROVISIONING_DRIVERS);

  expect(proposal.notes).toEqual([]);
  expect(proposal.devices.map((d) => d.entry)).toEqual([
    { id: 'speakerphone-1', name: 'Jabra SPEAK 510 USB', driver: 'hid-speakerphone', vendorId: 0x0b0e, productId: 0x0422, serialNumber: '50C2ED1A2B3C' },
    { id: 'badge-reader-1', name: 'HXGCoLtd Keyboard', driver: 'hid-badge-reader', vendorId: 0x16c0, productId: 0x27db },
  ]);
  expect(proposal.devices.map((d) => d.grant)).toEqual([
    { subsystem: 'hidraw', vendorId: '0b0e', productId: '0422', serialNumber: '50C2ED1A2B3C', path: '/dev/hidraw0', deviceId: 'speakerphone-1' },
    { subsystem: 'hidraw', vendorId: '16c0', productId: '27db', path: '/dev/hidraw1', deviceId: 'badge-reader-1' },
  ]);
});

it('keeps the id and name a previous run (or IT) gave a device found at the same place', () => {
  const finding = hid({
    path: '/dev/hidraw4',
    vendorId: '0b0e',
    productId: '0422',
    serialNumber: 'X1',
    product: 'Jabra',
    role: 'speakerphone',
    driver: 'hid-speakerphone',
  });
  const previous = [{ id: 'table-mic', name: 'Table speakerphone', driver: 'hid-speakerphone', vendorId: 0x0b0e, productId: 0x0422, serialNumber: 'X1' }];
  expect(proposeDevices([finding], answers, PROVISIONING_DRIVERS, previous).devices.map((d) => [d.entry.id, d.entry.name])).toEqual([
    ['table-mic', 'Table speakerphone'],
  ]);
});

it('names a device that reported no product by its kind and number, in both panel languages', () => {
  const finding = hid({ path: '/dev/hidraw2', vendorId: '0b0e', productId: '0423', product: '0b0e:0423', role: 'speakerphone', driver: 'hid-speakerphone' });
  expect(proposeDevices([finding], answers, PROVISIONING_DRIVERS).devices.map((d) => d.entry.name)).toEqual([{ en: 'Speakerphone 1', 'zh-CN': '会议电话 1' }]);
});

it('gives a new device an id no entry of the config has: a device missing this time keeps its id and its entry', () => {
  const unplugged = { id: 'speakerphone-1', name: 'Table speakerphone', driver: 'hid-speakerphone', vendorId: 0x0b0e, productId: 0x0422, serialNumber: 'X1' };
  const added = hid({
    path: '/dev/hidraw5',
    vendorId: '0b0e',
    productId: '0422',
    serialNumber: 'Y2',
    product: 'Jabra',
    role: 'speakerphone',
    driver: 'hid-speakerphone',
  });

  const proposal = proposeDevices([added], answers, PROVISIONING_DRIVERS, [unplugged]);

  expect(proposal.devices.map((d) => [d.entry.id, d.entry.serialNumber, d.kept === true])).toEqual([
    ['speakerphone-1', 'X1', true],
    ['speakerphone-2', 'Y2', false],
  ]);
});
