import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { createNetnsPeer, netnsAvailable, type NetnsPeer } from '../helpers/netns.js';

/**
 * Debian's onvif-tools (libonvif 1.4.x) against the simulator: a second, independent ONVIF
 * client, written in C against the spec. onvif-util 1.4 discovers, logs in (WS-UsernameToken)
 * and reads profiles and the RTSP URI; it has no PTZ commands, so the moves are driven by a
 * small C program on the same library (tests/fixtures/libonvif/onvif-ptz-client.c, built
 * here when libonvif-dev and gcc are installed).
 */
const canRun = existsSync('/usr/bin/onvif-util') && (await netnsAvailable());
const HEADER_DIR = '/usr/include/x86_64-linux-gnu';
const canBuildPtzClient = existsSync(join(HEADER_DIR, 'onvif.h')) && existsSync('/usr/bin/gcc');

describe.skipIf(!canRun)('onvif-util (Debian onvif-tools) against the ONVIF simulator', () => {
  let peer: NetnsPeer;
  let sim: RunningOnvifSimulator;
  beforeAll(async () => {
    peer = await createNetnsPeer();
    sim = await startOnvifSimulator({
      host: peer.hostAddress,
      name: 'Roomctl Sim',
      auth: { username: 'admin', password: 'onvif-pass', mode: 'ws-security' },
      discovery: { port: 3702, multicast: true, interfaces: [peer.hostAddress] },
    });
  });
  afterAll(async () => {
    await sim?.close();
    await peer?.close();
  });

  it('discovers the camera by WS-Discovery multicast (`onvif-util -a`)', async () => {
    const { stdout } = await peer.exec('onvif-util', ['-a']);
    expect(stdout).toMatch(/Found [1-9]\d* cameras/);
    expect(stdout).toContain(peer.hostAddress);
    expect(stdout).toContain('Roomctl Sim');
  });

  it('logs in with a password digest and reads the profiles and the RTSP URI', async () => {
    const { stdout } = await peer.exec('onvif-util', ['-u', 'admin', '-p', 'onvif-pass', peer.hostAddress], { input: 'get profiles\nget rtsp\nquit\n' });
    expect(stdout).toContain('successfully connected to host');
    expect(stdout).toContain('serial: SIM-0001');
    expect(stdout).toMatch(/Token 0: profile_main/);
    expect(stdout).toMatch(/Token 1: profile_sub/);
    expect(stdout).toContain(`rtsp://${peer.hostAddress}:8554/sim/profile_main`);
    expect(sim.requests.filter((r) => r.operation === 'GetStreamUri').every((r) => r.auth === 'ws-security' && r.status === 200)).toBe(true);
  });

  it.skipIf(!canBuildPtzClient)('is moved by libonvif: set preset, continuous move, stop, go to preset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-libonvif-'));
    try {
      const client = join(dir, 'onvif-ptz-client');
      await promisify(execFile)('gcc', ['-o', client, join(import.meta.dirname, '../fixtures/libonvif/onvif-ptz-client.c'), `-I${HEADER_DIR}`, '-lonvif']);
      // libonvif overwrites preset slot "1", as on cameras that come with numbered slots.
      sim.ptz.presets.set('1', { token: '1', name: 'Slot 1', position: { pan: 0, tilt: 0, zoom: 0 } });
      const start = { ...sim.ptz.position };
      const stops: { pan: number; tilt: number }[] = [];
      sim.ptz.on('idle', (p: { pan: number; tilt: number }) => stops.push(p));

      const { stdout, code } = await peer.exec(client, [peer.hostAddress, 'admin', 'onvif-pass', '0.5', '-0.5']);

      expect(stdout.trim().split('\n')).toEqual([
        'ok discovery',
        'ok capabilities',
        'ok profile',
        'ok setPreset',
        'ok continuousMove',
        'ok stop',
        'ok gotoPreset',
      ]);
      expect(code).toBe(0);
      const ptzCalls = sim.requests.filter((r) => ['SetPreset', 'ContinuousMove', 'Stop', 'GotoPreset'].includes(r.operation));
      expect(ptzCalls.map((r) => `${r.operation} ${r.auth} ${r.status}`)).toEqual([
        'SetPreset ws-security 200',
        'ContinuousMove ws-security 200',
        'Stop ws-security 200',
        'GotoPreset ws-security 200',
      ]);
      // The head went right and down, stopped there, and the preset brought it back.
      await new Promise((r) => setTimeout(r, 800));
      expect(stops.some((p) => p.pan > 0.1 && p.tilt < -0.1)).toBe(true);
      expect(sim.ptz.position).toEqual(start);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is refused with a wrong password', async () => {
    const { stdout } = await peer.exec('onvif-util', ['-u', 'admin', '-p', 'wrong', peer.hostAddress], { input: 'quit\n' });
    expect(stdout).toMatch(/ERROR: get device information - (ter:)?NotAuthorized|Sender not Authorized/);
  });
});
