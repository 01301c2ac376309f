import type { DeviceGrant } from '../proposals.js';

/** Node flags a room runs with (the same as bin/roomctl.js's shebang and scripts/demo.sh): a small young generation keeps the idle footprint low. */
const NODE_FLAGS = ['--max-semi-space-size=2'] as const;

/**
 * What the unit's sandbox hides: PrivateTmp gives the service its own /tmp and /var/tmp,
 * ProtectHome hides /home, /root and /run/user. A program there cannot be started by the unit.
 */
export function hiddenFromService(path: string): string | undefined {
  const m = /^\/(tmp|var\/tmp|home|root|run\/user)(\/|$)/.exec(path);
  if (!m) return undefined;
  return m[1]!.endsWith('tmp') ? `/${m[1]} (PrivateTmp=yes gives the service its own)` : `/${m[1]} (ProtectHome=yes hides it from the service)`;
}

interface UnitInputs {
  user: string;
  /** Absolute path of node and of the roomctl entry script. */
  nodePath: string;
  roomctlBin: string;
  configPath: string;
  dataDir: string;
  /** Kernel device classes the room's devices use (char-ttyUSB, char-hidraw, …), for DeviceAllow. */
  deviceClasses: string[];
  watchdogSec?: number;
}

/**
 * The appliance's unit. Type=notify: systemd waits for READY=1 (the API listens) before it
 * calls the room started, and restarts it when WATCHDOG=1 stops coming. The appliance sends
 * both through `systemd-notify` (Node has no unix datagram sockets), whose messages come from
 * a child process: hence NotifyAccess=all.
 */
export function applianceUnit(u: UnitInputs): string {
  const lines = [
    '# Written by `roomctl provision`; rerun it rather than editing this file.',
    '[Unit]',
    'Description=roomctl meeting-room appliance',
    'Documentation=https://roomctl.dev/docs/PROVISIONING',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=notify',
    'NotifyAccess=all',
    `WatchdogSec=${u.watchdogSec ?? 30}`,
    // The young-generation flag of bin/roomctl.js's shebang: V8 reads it only at start, so the unit passes it to node itself.
    `ExecStart=${u.nodePath} ${NODE_FLAGS.join(' ')} ${u.roomctlBin} start --config ${u.configPath}`,
    'Restart=on-failure',
    'RestartSec=2',
    // SIGTERM to the room alone: it ends the recording, stops the media host and leaves the call
    // (its browser) itself; what is left once it exited gets SIGKILL. The default (control-group)
    // would signal the media host at the same moment, cutting the recording's last file short.
    'KillMode=mixed',
    'TimeoutStartSec=90',
    `User=${u.user}`,
    `Group=${u.user}`,
    'Environment=NODE_ENV=production',
    'StandardOutput=journal',
    'StandardError=journal',
    'SyslogIdentifier=roomctl',
    '',
    '# Sandbox: the room reads its config, writes its data folder, talks to its devices, nothing else.',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    'PrivateTmp=yes',
    `ReadWritePaths=${u.dataDir}`,
    // AF_NETLINK: libudev (serialport's and node-hid's device lists) listens to the kernel over netlink.
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK',
    'CapabilityBoundingSet=',
    'AmbientCapabilities=',
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectKernelLogs=yes',
    'ProtectControlGroups=yes',
    'ProtectClock=yes',
    'ProtectHostname=yes',
    'RestrictNamespaces=yes',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    'LockPersonality=yes',
    'SystemCallArchitectures=native',
    'UMask=0027',
    // The device nodes themselves are granted by the udev rules; this only opens the classes.
    'DevicePolicy=closed',
    ...u.deviceClasses.map((c) => `DeviceAllow=${c} rw`),
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ];
  return lines.join('\n');
}

/**
 * The panel's kiosk: cage (a Wayland kiosk compositor) running Chromium full-screen on tty1.
 * The panel URL carries a token, so it comes from an EnvironmentFile only root can read.
 */
export function kioskUnit(k: { user: string; envFile: string; chromium: string; cage: string }): string {
  return [
    '# Written by `roomctl provision`: the touch panel of this room, full-screen on the local display.',
    '[Unit]',
    'Description=roomctl panel kiosk',
    'After=roomctl.service systemd-user-sessions.service',
    'Wants=roomctl.service',
    'Conflicts=getty@tty1.service',
    '',
    '[Service]',
    `User=${k.user}`,
    'PAMName=login',
    'TTYPath=/dev/tty1',
    'TTYReset=yes',
    'TTYVHangup=yes',
    'StandardInput=tty-fail',
    'UtmpIdentifier=tty1',
    'UtmpMode=user',
    `EnvironmentFile=${k.envFile}`,
    `ExecStart=${k.cage} -- ${k.chromium} --kiosk --noerrdialogs --disable-translate --no-first-run --disable-pinch --overscroll-history-navigation=0 \${ROOMCTL_PANEL_URL}`,
    'Restart=always',
    'RestartSec=3',
    '',
    '[Install]',
    'WantedBy=graphical.target',
    '',
  ].join('\n');
}

const quote = (s: string) => s.replace(/["\\]/g, '');

/** The rule line for one device: its node goes to the service user, mode 0600, nobody else. */
function udevMatch(grant: DeviceGrant, user: string): string | undefined {
  const match: string[] = [`SUBSYSTEM=="${grant.subsystem}"`];
  if (grant.vendorId && grant.productId) {
    match.push(`ATTRS{idVendor}=="${quote(grant.vendorId)}"`, `ATTRS{idProduct}=="${quote(grant.productId)}"`);
    if (grant.serialNumber) match.push(`ATTRS{serial}=="${quote(grant.serialNumber)}"`);
  } else if (grant.idSerial) {
    match.push(`ENV{ID_SERIAL}=="${quote(grant.idSerial)}"`);
  } else {
    return undefined;
  }
  return `${match.join(', ')}, OWNER="${user}", GROUP="${user}", MODE="0600"`;
}

/**
 * The rules file: one rule per adapter or HID device (a VISCA chain shares its adapter's
 * rule), each under a comment naming the room's devices on it. Rules of devices kept from a
 * previous run (not found this time) are carried over from the old file, so an unplugged
 * camera keeps its grant for when it comes back.
 */
export function udevRules(grants: DeviceGrant[], user: string, previous: string | undefined, keptDeviceIds: string[]): string {
  const rules = new Map<string, { ids: string[]; path: string }>();
  const unmatched: string[] = [];
  for (const grant of grants) {
    const rule = udevMatch(grant, user);
    if (!rule) {
      unmatched.push(`# ${grant.deviceId} — ${grant.path} has no USB identity; not granted (on-board ports: add ${user} to the dialout group)`);
      continue;
    }
    const entry = rules.get(rule) ?? { ids: [], path: grant.path };
    entry.ids.push(grant.deviceId);
    rules.set(rule, entry);
  }
  const blocks = [...rules].map(([rule, { ids, path }]) => `# ${ids.join(', ')} — ${path}\n${rule}`);
  for (const id of keptDeviceIds) {
    const old = previous ? oldBlock(previous, id) : undefined;
    if (old && !blocks.includes(old)) blocks.push(old);
  }
  return [
    '# Written by `roomctl provision`: the serial adapters and HID devices of this room, and nothing',
    `# else, belong to the service user ${user}. Matched by USB vendor/product/serial, so a device keeps`,
    '# its grant whatever socket it is plugged into.',
    ...blocks,
    ...new Set(unmatched),
    '',
  ].join('\n');
}

function oldBlock(text: string, deviceId: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('# ') && l.includes(' — ') && l.slice(2, l.indexOf(' — ')).split(', ').includes(deviceId));
  const next = lines[at + 1];
  return at >= 0 && next?.startsWith('SUBSYSTEM==') ? `${lines[at]}\n${next}` : undefined;
}

/**
 * DeviceAllow classes: USB serial adapters and hidraw always (so plugging a second adapter
 * only needs a udev rule, not a new unit), plus the classes of the other nodes found.
 */
export function deviceClassesOf(devicePaths: string[]): string[] {
  const classes = new Set<string>(['char-ttyUSB', 'char-ttyACM', 'char-hidraw']);
  for (const p of devicePaths) {
    const m = /\/dev\/(ttyUSB|ttyACM|ttyS|ttyAMA|hidraw)\d+$/.exec(p);
    if (m) classes.add(`char-${m[1]}`);
  }
  return [...classes].sort();
}
