import { expect, it } from 'vitest';
import { emqxAcl, mosquittoAcl } from './mqtt-identity.js';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { installPathProblems } from '../provision.js';
import { applianceUnit, udevRules } from './service-files.js';

it('grants each adapter to the service user by vendor/product/serial, one rule for a shared VISCA chain', () => {
  const rules = udevRules(
    [
      { subsystem: 'tty', vendorId: '0403', productId: '6001', serialNumber: 'A50285BI', path: '/dev/serial/by-id/usb-FTDI-port0', deviceId: 'camera-1' },
      { subsystem: 'tty', vendorId: '0403', productId: '6001', serialNumber: 'A50285BI', path: '/dev/serial/by-id/usb-FTDI-port0', deviceId: 'camera-2' },
      { subsystem: 'hidraw', vendorId: '0b0e', productId: '0422', serialNumber: '50C2ED1A2B3C', path: '/dev/hidraw0', deviceId: 'speakerphone-1' },
      { subsystem: 'tty', idSerial: 'Prolific_USB-Serial', path: '/dev/serial/by-id/usb-Prolific_USB-Serial-if00-port0', deviceId: 'display-1' },
    ],
    'roomctl',
    undefined,
    [],
  );
  const lines = rules.split('\n').filter((l) => l.startsWith('SUBSYSTEM'));
  expect(lines).toEqual([
    'SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", ATTRS{serial}=="A50285BI", OWNER="roomctl", GROUP="roomctl", MODE="0600"',
    'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0b0e", ATTRS{idProduct}=="0422", ATTRS{serial}=="50C2ED1A2B3C", OWNER="roomctl", GROUP="roomctl", MODE="0600"',
    'SUBSYSTEM=="tty", ENV{ID_SERIAL}=="Prolific_USB-Serial", OWNER="roomctl", GROUP="roomctl", MODE="0600"',
  ]);
  expect(rules).toContain('# camera-1, camera-2 — /dev/serial/by-id/usb-FTDI-port0');
});

it('keeps the rule of a device not found this time, so it works again when plugged back', () => {
  const before = udevRules(
    [{ subsystem: 'hidraw', vendorId: '0b0e', productId: '0422', path: '/dev/hidraw0', deviceId: 'speakerphone-1' }],
    'roomctl',
    undefined,
    [],
  );
  const after = udevRules([], 'roomctl', before, ['speakerphone-1']);
  expect(after).toBe(before);
});

it('prints ACL lines that keep the room to writing roomctl/<site>/<room>/# and its own Home Assistant entities, and to reading what linked rooms send it, for Mosquitto and EMQX', () => {
  expect(mosquittoAcl('roomctl-hq-aurora', 'hq', 'aurora')).toBe(
    '# roomctl room hq/aurora\nuser roomctl-hq-aurora\ntopic readwrite roomctl/hq/aurora/#\ntopic write homeassistant/+/roomctl_hq_aurora/+/config\ntopic read homeassistant/status\n' +
      'topic read roomctl/+/+/meetings/+/records\ntopic read roomctl/+/+/links/hq/aurora\ntopic read roomctl/+/+/status\n',
  );
  expect(emqxAcl('roomctl-hq-aurora', 'hq', 'aurora')).toBe(
    '%% roomctl room hq/aurora\n{allow, {username, "roomctl-hq-aurora"}, all, ["roomctl/hq/aurora/#"]}.\n' +
      '{allow, {username, "roomctl-hq-aurora"}, publish, ["homeassistant/+/roomctl_hq_aurora/+/config"]}.\n' +
      '{allow, {username, "roomctl-hq-aurora"}, subscribe, ["homeassistant/status"]}.\n' +
      '{allow, {username, "roomctl-hq-aurora"}, subscribe, ["roomctl/+/+/meetings/+/records", "roomctl/+/+/links/hq/aurora", "roomctl/+/+/status"]}.\n' +
      '{deny, {username, "roomctl-hq-aurora"}, all, ["#"]}.\n',
  );
});

/** The unit of a room installed under /opt/roomctl, as the tests below read it. */
const AURORA_UNIT = {
  user: 'roomctl',
  nodePath: '/usr/bin/node',
  roomctlBin: '/opt/roomctl/bin/roomctl.js',
  configPath: '/etc/roomctl/room.yaml',
  dataDir: '/var/lib/roomctl',
  deviceClasses: [],
};

it('starts node with the young-generation flag, and refuses a program the sandbox hides (/tmp, /home) on a real install', () => {
  const unit = applianceUnit(AURORA_UNIT);
  expect(unit).toContain('\nExecStart=/usr/bin/node --max-semi-space-size=2 /opt/roomctl/bin/roomctl.js start --config /etc/roomctl/room.yaml\n');

  const at = (roomctlBin: string, more: { root?: string; dryRun?: boolean } = {}) => {
    try {
      return installPathProblems({ roomctlBin, nodePath: '/usr/bin/node', ...more });
    } catch (err) {
      return `${(err as RoomctlError).code}: ${(err as Error).message}`;
    }
  };
  expect(at('/opt/roomctl/bin/roomctl.js')).toEqual([]);
  expect(at('/tmp/roomctl/bin/roomctl.js')).toMatch(
    /^ROOMCTL_E_INSTALL_PATH: the service could not start roomctl from here: \/tmp\/roomctl\/bin\/roomctl\.js is under \/tmp \(PrivateTmp=yes gives the service its own\)\. Install roomctl .* \/opt\/roomctl/,
  );
  expect(at('/home/it/roomctl/bin/roomctl.js')).toMatch(/is under \/home \(ProtectHome=yes hides it from the service\)/);
  expect(at('/root/roomctl/bin/roomctl.js')).toMatch(/^ROOMCTL_E_INSTALL_PATH/);
  // An image built with --root, or a dry run, is told rather than refused.
  expect(at('/home/it/roomctl/bin/roomctl.js', { root: '/srv/image' })).toEqual([
    '/home/it/roomctl/bin/roomctl.js is under /home (ProtectHome=yes hides it from the service)',
  ]);
  expect(at('/tmp/roomctl/bin/roomctl.js', { dryRun: true })).toHaveLength(1);
});

it('has systemctl stop signal the room alone (KillMode=mixed): it stops its media host and call browser itself, the rest is killed after it', () => {
  const unit = applianceUnit(AURORA_UNIT);
  const service = unit.slice(unit.indexOf('[Service]\n'), unit.indexOf('\n[Install]'));
  expect(service.split('\n').filter((l) => /^Kill|^SendSIG|^TimeoutStopSec/.test(l))).toEqual(['KillMode=mixed']);
});
