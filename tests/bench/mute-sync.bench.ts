/**
 * mute-sync: from a mute press on one device to the last other device confirming the room's
 * new mute, through the real appliance (device host, supervisors, drivers, room mute) with a
 * Tesira (telnet simulator), a Samsung display (MDC over TCP) and a Jabra SPEAK 510 (recorded
 * reports on the fake node-hid bus). Two sources: the speakerphone's button and the DSP's own
 * panel (a change arriving by subscription). Reference from the same run: the devices' own
 * reply time, i.e. one `mute` command to the DSP and one to the display, the slower of the
 * two (the room commands them in parallel, so that is the floor under any sync).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance } from '../../appliance/app.js';
import { createLogger } from '../../appliance/logger.js';
import { startTesiraSimulator } from '../../drivers/biamp-tesira/tesira-simulator.js';
import { FakeHidBus, FakeHidDevice } from '../../drivers/hid/testing/fake-hid.js';
import { jabraSpeak510 } from '../../drivers/hid/recorded/jabra-speak-510.js';
import { speakerphoneDriver } from '../../drivers/hid-speakerphone/speakerphone-definition.js';
import { SpeakerphoneDriver } from '../../drivers/hid-speakerphone/speakerphone-driver.js';
import { DRIVERS } from '../../drivers/registry.js';
import { startMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const TARGET_OVERHEAD_MS = 50;

const bench: Benchmark = {
  name: 'mute-sync',
  async run({ quick }) {
    const count = quick ? 60 : 300;
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-bench-mute-'));
    const dsp = await startTesiraSimulator({ port: 0 });
    const display = await startMdcSimulator({ port: 0 });
    display.display.power = true;
    const bus = new FakeHidBus(join(dir, 'hidraw'));
    const jabra = new FakeHidDevice(jabraSpeak510);
    await bus.plug(jabra);
    const withFakeHid = {
      ...speakerphoneDriver,
      create: (config: { vendorId: number; productId: number }, ctx: Parameters<typeof speakerphoneDriver.create>[1]) =>
        new SpeakerphoneDriver({ match: { vendorId: config.vendorId, productId: config.productId }, backend: bus.backend }, ctx),
    };
    const app = await startAppliance(
      {
        room: { id: 'bench', name: 'Bench', site: 'lab', timezone: 'UTC' },
        api: { listen: '127.0.0.1:0', tokens: ['bench-token-0123456789abcdef'] },
        storage: { dir },
        devices: [
          {
            id: 'dsp',
            driver: 'biamp-tesira',
            host: '127.0.0.1',
            port: (dsp.endpoint as { port: number }).port,
            muteBlock: { instanceTag: 'MicMute', channel: 1 },
          },
          { id: 'display', driver: 'samsung-mdc', host: '127.0.0.1', port: (display.endpoint as { port: number }).port },
          { id: 'speakerphone', driver: 'hid-speakerphone', vendorId: 0x0b0e, productId: 0x0422 },
        ],
      } as never,
      {
        log: createLogger({ level: 'silent', pretty: false }),
        drivers: [...DRIVERS.filter((d) => d.id !== 'hid-speakerphone'), withFakeHid],
        probeIntervalMs: 60_000,
      },
    );
    try {
      const roomMute = app.core.roomMute!;
      await waitFor(() => app.core.devices.list().every((d) => d.status === 'ok'), 10_000, 'devices ok');
      await app.core.devices.execute('speakerphone', 'hook', { offHook: true });
      await roomMute.set(false);

      /** Time from `press()` until every device in `others` has confirmed `on`. */
      const sync = async (press: () => void, others: string[], on: boolean): Promise<number> => {
        const waiting = new Set(others);
        const done = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no confirmation from ${[...waiting].join(', ')}`)), 5000);
          const onConfirmed = (id: string, value: boolean) => {
            if (value !== on || !waiting.delete(id) || waiting.size > 0) return;
            clearTimeout(timer);
            roomMute.off('confirmed', onConfirmed);
            resolve(performance.now());
          };
          roomMute.on('confirmed', onConfirmed);
        });
        const t0 = performance.now();
        press();
        return (await done) - t0;
      };

      const fromSpeakerphone: number[] = [];
      const fromDsp: number[] = [];
      const reply: number[] = [];
      for (let i = 0; i < count; i++) {
        const on = !roomMute.muted;
        fromSpeakerphone.push(await sync(() => jabra.press('mute'), ['dsp', 'display'], on));
        await waitFor(() => roomMute.view().devices.every((d) => !d.pending), 5000, 'settled');
      }
      for (let i = 0; i < count; i++) {
        const on = !roomMute.muted;
        fromDsp.push(await sync(() => dsp.tesira.setFromOutside('MicMute', 'mute', 1, on), ['display', 'speakerphone'], on));
        await waitFor(() => roomMute.view().devices.every((d) => !d.pending), 5000, 'settled');
      }
      // Reference: the devices' own reply time, one command each, measured in parallel like the room does.
      roomMute.stop(); // so these direct commands are not taken for presses
      for (let i = 0; i < count; i++) {
        const on = i % 2 === 0;
        const t0 = performance.now();
        const times = await Promise.all(['dsp', 'display'].map(async (id) => (await app.core.devices.execute(id, 'mute', { on }), performance.now() - t0)));
        reply.push(Math.max(...times));
      }
      const s = summarize(fromSpeakerphone);
      const d = summarize(fromDsp);
      const r = summarize(reply);
      return {
        name: 'mute-sync',
        figures: {
          from_speakerphone_p50_ms: round(s.p50),
          from_speakerphone_p99_ms: round(s.p99),
          from_dsp_p50_ms: round(d.p50),
          from_dsp_p99_ms: round(d.p99),
          device_reply_p50_ms: round(r.p50),
          device_reply_p99_ms: round(r.p99),
          overhead_p99_ms: round(Math.max(s.p99, d.p99) - r.p99),
          ratio_speakerphone_p50_to_reply_p50: round(s.p50 / r.p50),
          samples_per_series: count,
        },
        units: {
          from_speakerphone_p50_ms: 'ms',
          from_speakerphone_p99_ms: 'ms',
          from_dsp_p50_ms: 'ms',
          from_dsp_p99_ms: 'ms',
          device_reply_p50_ms: 'ms',
          device_reply_p99_ms: 'ms',
          overhead_p99_ms: 'ms',
          ratio_speakerphone_p50_to_reply_p50: 'x',
          samples_per_series: 'n',
        },
        targets: {
          from_speakerphone_p99_ms: { max: round(TARGET_OVERHEAD_MS + r.p99) },
          from_dsp_p99_ms: { max: round(TARGET_OVERHEAD_MS + r.p99) },
        },
        notes: `Target: p99 < ${TARGET_OVERHEAD_MS} ms plus the devices' own reply p99 (${round(r.p99)} ms in this run). The DSP series includes the Tesira's subscription push (its own notice of the change).`,
      };
    } finally {
      await app.close();
      await dsp.close();
      await display.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
