import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomMuteView } from '../../appliance/room/room-mute.js';
import { createLogger } from '../../appliance/logger.js';
import { startTesiraSimulator, type RunningTesiraSimulator } from '../../drivers/biamp-tesira/tesira-simulator.js';
import { FakeHidBus, FakeHidDevice } from '../../drivers/hid/testing/fake-hid.js';
import { jabraSpeak510 } from '../../drivers/hid/recorded/jabra-speak-510.js';
import { SpeakerphoneDriver } from '../../drivers/hid-speakerphone/speakerphone-driver.js';
import { speakerphoneDriver } from '../../drivers/hid-speakerphone/speakerphone-definition.js';
import { DRIVERS } from '../../drivers/registry.js';
import { startMdcSimulator, type RunningMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * Room mute across a Tesira (telnet simulator), a Samsung display (MDC simulator on TCP) and a
 * Jabra SPEAK 510 (recorded descriptor and reports on the fake node-hid bus), all inside the
 * real appliance: API, device host, supervisors, drivers.
 */
let dir: string;
let dsp: RunningTesiraSimulator;
let display: RunningMdcSimulator;
let jabra: FakeHidDevice;
let bus: FakeHidBus;
let app: Appliance;
const logLines: string[] = [];
const TOKEN = 'room-mute-test-token-0123456789';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-room-mute-'));
  dsp = await startTesiraSimulator({ port: 0 });
  display = await startMdcSimulator({ port: 0 });
  display.display.power = true;
  bus = new FakeHidBus(join(dir, 'hidraw'));
  jabra = new FakeHidDevice(jabraSpeak510);
  await bus.plug(jabra);
  const withFakeHid = {
    ...speakerphoneDriver,
    create: (config: { vendorId: number; productId: number; serialNumber?: string }, ctx: Parameters<typeof speakerphoneDriver.create>[1]) =>
      new SpeakerphoneDriver(
        { match: { vendorId: config.vendorId, productId: config.productId, serialNumber: config.serialNumber }, backend: bus.backend, presencePollMs: 200 },
        ctx,
      ),
  };
  const log = createLogger({ level: 'info', destination: new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) }) });
  app = await startAppliance(
    {
      room: { id: 'mute-room', name: 'Mute room', site: 'lab', timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
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
    { log, drivers: [...DRIVERS.filter((d) => d.id !== 'hid-speakerphone'), withFakeHid], probeIntervalMs: 200 },
  );
  await waitFor(() => app.core.devices.list().every((d) => d.status === 'ok'), 8000, 'all three devices ok');
  await post('/api/v1/devices/speakerphone/actions/hook', { offHook: true });
}, 30_000);

afterAll(async () => {
  await app?.close();
  await dsp?.close();
  await display?.close();
  await rm(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const dspMuted = () => dsp.tesira.blocks.get('MicMute')!.mutes[0];
const allAgree = async (on: boolean) => {
  const view = (await (await fetch(`${app.url}/api/v1/room/mute`)).json()) as RoomMuteView;
  return view.on === on && view.devices.length === 3 && view.devices.every((d) => d.agrees && !d.pending);
};

it('changing the room mute needs a token; reading it does not', async () => {
  const res = await fetch(`${app.url}/api/v1/room/mute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ on: true }),
  });
  expect(res.status).toBe(401);
  const bad = await fetch(`${app.url}/api/v1/room/mute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ on: 'yes' }),
  });
  expect(bad.status).toBe(400);
  expect((await fetch(`${app.url}/api/v1/room/mute`)).status).toBe(200);
});

it('the panel mutes the room: DSP block, display and speakerphone LED all follow and report back', async () => {
  const view = (await post('/api/v1/room/mute', { on: true })) as RoomMuteView;
  expect(view.on).toBe(true);
  expect(dspMuted()).toBe(true);
  expect(display.display.mute).toBe(true);
  expect(jabra.firmware.leds).toEqual({ offHook: true, mute: true });
  await waitFor(() => allAgree(true), 5000, 'every device to report mute');
  const status = (await (await fetch(`${app.url}/api/v1/status`)).json()) as { mute: boolean };
  expect(status.mute).toBe(true);
});

it('the speakerphone button unmutes the room; the DSP and the display follow', async () => {
  jabra.press('mute'); // recorded 03 13 00 / 03 03 00: a toggle request
  await waitFor(() => dspMuted() === false && display.display.mute === false, 5000, 'DSP and display to unmute');
  await waitFor(() => allAgree(false), 5000, 'everyone to agree on unmuted');
  expect(jabra.firmware.leds.mute).toBe(false);
});

it('a mute made on the DSP (its own panel) reaches the room through the subscription', async () => {
  dsp.tesira.setFromOutside('MicMute', 'mute', 1, true);
  await waitFor(() => display.display.mute === true && jabra.firmware.leds.mute === true, 5000, 'display and speakerphone to follow the DSP');
  await waitFor(() => allAgree(true), 5000, 'everyone to agree on muted');
});

it('a display unmuted by its remote disagrees: it is corrected and the disagreement logged', async () => {
  display.display.mute = false; // the remote control; the next probe reads it
  await waitFor(() => logLines.some((l) => l.includes('disagrees with the room mute') && l.includes('"display"')), 5000, 'the disagreement in the log');
  await waitFor(() => display.display.mute === true, 5000, 'the display corrected');
  expect(dspMuted()).toBe(true);
});

it('the speakerphone pulled mid-meeting goes offline; plugged back it is ok, off-hook, and lit like the room', async () => {
  await bus.unplug(jabra);
  await waitFor(() => app.core.devices.get('speakerphone').status === 'offline', 5000, 'speakerphone offline');
  jabra.firmware.leds.offHook = false;
  jabra.firmware.leds.mute = false;
  await bus.plug(jabra);
  await waitFor(() => app.core.devices.get('speakerphone').status === 'ok', 8000, 'speakerphone ok again');
  await waitFor(() => jabra.firmware.leds.offHook && jabra.firmware.leds.mute, 5000, 'LEDs restored to the room');
});
