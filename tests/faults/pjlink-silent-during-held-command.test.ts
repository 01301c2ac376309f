import { afterEach, expect, it } from 'vitest';
import { DeviceSupervisor, type ReplyTiming, type SupervisedStatus } from '../../appliance/devices/device-supervisor.js';
import { pjlinkDriver } from '../../drivers/pjlink/pjlink-definition.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startSilenceableProxy, type SilenceableProxy } from '../bench/silenceable-proxy.js';
import { until } from '../helpers/until.js';

/**
 * A display in standby is asked to mute (as the room mute does on every reconnect): it answers
 * ERR3 and the driver holds the command, polling POWR. The display goes silent then (the relay
 * stops forwarding, the socket stays open). With probes far apart, the held command's POWR
 * recheck is what meets the silence, and its reply timeout counts as silence: the display goes
 * offline with ROOMCTL_E_DEVICE_TIMEOUT before any probe is answered again — not healed
 * silently by a fresh session that the next probe opens. (With a probe due sooner, the probe
 * tells first: pjlink-silent-while-held-told-by-the-probe.test.ts.)
 */
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

it('a display that goes silent while a command is held goes offline with a timeout, before a probe answers again', async () => {
  const sim = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 10 });
  cleanup.push(() => sim.close());
  const proxy: SilenceableProxy = await startSilenceableProxy({ host: '127.0.0.1', port: sim.endpoint.port });
  cleanup.push(() => proxy.close());
  let held = false;
  const log = { debug: (_o: unknown, msg?: string) => void (held ||= msg?.includes('holding the command') === true), info() {}, warn() {}, error() {} };
  const supervisor = new DeviceSupervisor({
    deviceId: 'display',
    log,
    // Probes far apart: the held command's POWR poll, not a probe, is what meets the silence.
    probeIntervalMs: 4000,
    probeTimeoutMs: 500,
    createDriver: (ctx) => pjlinkDriver.create({ id: 'display', driver: 'pjlink', host: '127.0.0.1', port: proxy.port }, ctx),
  });
  cleanup.push(() => supervisor.stop());
  const statuses: SupervisedStatus[] = [];
  const answeredProbes: number[] = [];
  supervisor.on('status', (s) => statuses.push(s));
  supervisor.on('reply', (r: ReplyTiming) => void (r.kind === 'probe' && r.ok && answeredProbes.push(statuses.length)));
  supervisor.start();
  await until(() => supervisor.status.status === 'ok', 10_000, 'display ok');

  // Standby: the display answers the mute with ERR3, and the driver holds the command.
  const mute = supervisor.execute('mute', { on: true }).then(
    () => 'done',
    (err: { code?: string }) => err.code,
  );
  await until(() => held, 10_000, 'the mute held (ERR3)');
  proxy.silence();
  const silencedAt = statuses.length;

  await until(() => statuses.slice(silencedAt).some((s) => s.status === 'offline'), 20_000, 'the silent display offline');
  const offline = statuses.slice(silencedAt).find((s) => s.status === 'offline')!;
  expect(offline.error?.code).toBe('ROOMCTL_E_DEVICE_TIMEOUT');
  // Offline before the watchdog heard from the display again: no probe answered since the silence.
  const offlineAt = statuses.indexOf(offline);
  expect(answeredProbes.filter((at) => at > silencedAt && at <= offlineAt)).toEqual([]);
  expect(await mute).toBe('ROOMCTL_E_DEVICE_TIMEOUT');
}, 40_000);
