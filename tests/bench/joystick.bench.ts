/**
 * joystick: a panel joystick sends 100 move updates a second for 10 s (2 s quick), without
 * waiting for answers, to a VISCA serial camera (PTY), a VISCA-over-IP camera (UDP) and an
 * ONVIF camera (HTTP). Midway through, zoom and focus travel fill both VISCA sockets, so the
 * moves must wait and coalesce. Checked and reported: the camera never held more than two
 * commands and never answered "buffer full"; no reply was left unmatched; the camera ends
 * up doing what the last update asked for.
 */
import type { DeviceDriver } from '../../drivers/core/definition.js';
import { startOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { OnvifDriver } from '../../drivers/onvif/onvif-driver.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { createTestContext } from '../../drivers/testing/test-context.js';
import { directionOf, panTiltDrive } from '../../drivers/visca/visca-codec.js';
import type { ViscaCameraSimulator } from '../../drivers/visca/visca-camera-simulator.js';
import { axisSpeed } from '../../drivers/visca/visca-camera-actions.js';
import { ViscaIpDriver } from '../../drivers/visca/visca-ip-driver.js';
import { startViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { viscaProfile } from '../../drivers/visca/visca-profiles.js';
import { ViscaSerialDriver } from '../../drivers/visca/visca-serial-driver.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import type { ViscaUdpLink } from '../../drivers/visca/visca-udp-link.js';
import type { Benchmark } from './bench-types.js';
import { round } from './stats.js';

const RATE_HZ = 100;
const LAST = { pan: 0.3, tilt: -0.6 };

/** The joystick: a slow circle, then LAST. Returns when every update has settled. */
async function joystick(driver: DeviceDriver, seconds: number, midway?: () => Promise<unknown>): Promise<{ sent: number; failed: number; lateMs: number[] }> {
  const total = seconds * RATE_HZ;
  const pending: Promise<unknown>[] = [];
  let failed = 0;
  const lateMs: number[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE_HZ;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lateMs.push(Math.max(0, performance.now() - due));
    const angle = (i / RATE_HZ) * Math.PI;
    const update = i === total - 1 ? LAST : { pan: round(Math.cos(angle), 2), tilt: round(Math.sin(angle), 2) };
    pending.push(driver.execute('move', update).catch(() => void failed++));
    if (midway && i === Math.floor(total / 4)) pending.push(midway().catch(() => void failed++));
  }
  await Promise.all(pending);
  return { sent: total, failed, lateMs };
}

const expectedLastDrive = (model: Parameters<typeof viscaProfile>[0]) => {
  const p = viscaProfile(model);
  return Buffer.from(panTiltDrive(1, directionOf(LAST.pan, LAST.tilt), axisSpeed(LAST.pan, p.panSpeedMax), axisSpeed(LAST.tilt, p.tiltSpeedMax))).toString(
    'hex',
  );
};
const lastDriveSeen = (camera: ViscaCameraSimulator) => {
  const drives = camera.received.filter((f) => f[1] === 0x01 && f[2] === 0x06 && f[3] === 0x01);
  return Buffer.from(drives.at(-1) ?? []).toString('hex');
};
/** Fill both sockets: zoom and focus travel across their range (about a second each). */
const fillSockets = (driver: DeviceDriver) =>
  Promise.all([driver.execute('zoom.direct', { position: 0x4000 }), driver.execute('focus.direct', { position: 0xc000 })]);

const bench: Benchmark = {
  name: 'joystick',
  async run({ quick }) {
    const seconds = quick ? 2 : 10;
    const figures: Record<string, number> = {};
    const units: Record<string, string> = {};
    const put = (name: string, value: number, unit: string) => {
      figures[name] = round(value);
      units[name] = unit;
    };

    // VISCA serial over a real PTY.
    const pair = await createPtyPair();
    const serialSim = await startViscaSerialSimulator({ path: pair.simulatorPath });
    const serial = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext('joystick-serial'));
    try {
      await serial.connect();
      const run = await joystick(serial, seconds, () => fillSockets(serial));
      const cam = serialSim.camera;
      put('serial_updates_sent', run.sent, 'updates');
      put('serial_drives_on_wire', cam.received.filter((f) => f[3] === 0x01 && f[2] === 0x06).length, 'frames');
      put('serial_max_busy_sockets', cam.maxBusySockets, 'sockets');
      put('serial_buffer_full_replies', cam.errorsSent.buffer_full ?? 0, 'replies');
      put('serial_unmatched_replies', serial.currentChannel?.unmatchedReplies ?? -1, 'replies');
      put('serial_failed_updates', run.failed, 'updates');
      put('serial_last_update_wins', lastDriveSeen(cam) === expectedLastDrive('generic') && cam.moving ? 1 : 0, 'bool');
      await serial.execute('stop', {});
    } finally {
      await serial.disconnect();
      await serialSim.close();
      await pair.close();
    }

    // VISCA over IP on UDP.
    const ipSim = await startViscaIpSimulator();
    const ip = new ViscaIpDriver({ host: '127.0.0.1', port: ipSim.endpoint.port }, createTestContext('joystick-ip'));
    try {
      await ip.connect();
      const run = await joystick(ip, seconds, () => fillSockets(ip));
      const cam = ipSim.camera;
      const link = ip.currentLink as ViscaUdpLink;
      put('ip_updates_sent', run.sent, 'updates');
      put('ip_drives_on_wire', cam.received.filter((f) => f[3] === 0x01 && f[2] === 0x06).length, 'frames');
      put('ip_max_busy_sockets', cam.maxBusySockets, 'sockets');
      put('ip_buffer_full_replies', cam.errorsSent.buffer_full ?? 0, 'replies');
      put('ip_unmatched_replies', (ip.currentChannel?.unmatchedReplies ?? -1) + link.stats.staleReplies, 'replies');
      put('ip_retransmissions', link.stats.retransmissions, 'datagrams');
      put('ip_failed_updates', run.failed, 'updates');
      put('ip_last_update_wins', lastDriveSeen(cam) === expectedLastDrive('generic') && cam.moving ? 1 : 0, 'bool');
      await ip.execute('stop', {});
    } finally {
      await ip.disconnect();
      await ipSim.close();
    }

    // ONVIF over HTTP: one request on the wire at a time, the newest move replacing the waiting one.
    const onvifSim = await startOnvifSimulator({ events: false });
    const onvifDriver = new OnvifDriver({ host: '127.0.0.1', port: onvifSim.endpoint.port }, createTestContext('joystick-onvif'));
    try {
      await onvifDriver.connect();
      const run = await joystick(onvifDriver, seconds);
      const v = onvifSim.ptz.currentVelocity;
      put('onvif_updates_sent', run.sent, 'updates');
      put('onvif_moves_on_wire', onvifSim.requests.filter((r) => r.operation === 'ContinuousMove').length, 'requests');
      put('onvif_max_requests_in_flight', onvifDriver.moveQueue.maxInFlight, 'requests');
      put('onvif_failed_updates', run.failed, 'updates');
      put('onvif_last_update_wins', v.pan === LAST.pan && v.tilt === LAST.tilt ? 1 : 0, 'bool');
      const late = [...run.lateMs].sort((a, b) => a - b);
      put('joystick_timer_late_p99_ms', late[Math.floor(late.length * 0.99)] ?? 0, 'ms');
      await onvifDriver.execute('stop', {});
    } finally {
      await onvifDriver.disconnect();
      await onvifSim.close();
    }

    const zero = { max: 0 };
    return {
      name: 'joystick',
      figures,
      units,
      targets: {
        serial_max_busy_sockets: { max: 2 },
        ip_max_busy_sockets: { max: 2 },
        serial_buffer_full_replies: zero,
        ip_buffer_full_replies: zero,
        serial_unmatched_replies: zero,
        ip_unmatched_replies: zero,
        serial_failed_updates: zero,
        ip_failed_updates: zero,
        onvif_failed_updates: zero,
        onvif_max_requests_in_flight: { max: 1 },
        serial_last_update_wins: { min: 1 },
        ip_last_update_wins: { min: 1 },
        onvif_last_update_wins: { min: 1 },
      },
      notes:
        `${seconds * RATE_HZ} updates at ${RATE_HZ} Hz per camera, not awaited one by one (as a panel sends them). ` +
        'Midway, zoom.direct and focus.direct occupy both VISCA sockets for about a second: moves wait and coalesce (drives_on_wire < updates_sent).\n' +
        'last_update_wins: the last drive the camera read is the encoding of the last update, and the camera is moving that way.',
    };
  },
};

export default bench;
