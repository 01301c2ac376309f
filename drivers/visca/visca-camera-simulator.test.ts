import { afterEach, describe, expect, it } from 'vitest';
import { bytes, hex } from '../testing/hex.js';
import { waitFor } from '../testing/test-context.js';
import { ViscaCameraSimulator, type ViscaCameraSimulatorOptions } from './visca-camera-simulator.js';

/** The camera core with no transport: bytes in, replies out. */
let camera: ViscaCameraSimulator | undefined;
afterEach(() => camera?.close());

function cameraWith(options: ViscaCameraSimulatorOptions = {}) {
  camera = new ViscaCameraSimulator(options);
  const later: string[] = [];
  camera.on('reply', (frame: Uint8Array) => later.push(hex(frame)));
  const say = (text: string) => camera!.handle(bytes(text)).map(hex);
  return { camera, say, later };
}

describe('VISCA camera simulator', () => {
  it('ACKs then completes a quick command, and remembers every frame', () => {
    const { camera, say } = cameraWith();
    expect(say('81 01 04 00 03 FF')).toEqual(['90 41 FF', '90 51 FF']);
    expect(camera.power).toBe('standby');
    expect(camera.received.map(hex)).toEqual(['81 01 04 00 03 FF']);
  });

  it('answers inquiries with the truth', () => {
    const { camera, say } = cameraWith();
    camera.position.pan = -400;
    camera.position.tilt = 1200.4;
    camera.position.zoom = 0x1234;
    expect(say('81 09 04 00 FF')).toEqual(['90 50 02 FF']);
    expect(say('81 09 04 47 FF')).toEqual(['90 50 01 02 03 04 FF']);
    expect(say('81 09 06 12 FF')).toEqual(['90 50 0F 0E 07 00 00 04 0B 00 FF']);
    expect(say('81 09 04 48 FF')).toEqual(['90 50 01 00 00 00 FF']);
  });

  it('answers errors the way cameras do', () => {
    const { say } = cameraWith();
    expect(say('81 01 04 99 FF')).toEqual(['90 60 02 FF']); // unknown command
    expect(say('81 01 06 01 19 01 02 03 FF')).toEqual(['90 60 02 FF']); // pan speed above 0x18
    expect(say('81 01 06 01 01 01 04 03 FF')).toEqual(['90 60 02 FF']); // no such direction
    expect(say(`81 ${'01 '.repeat(20)}FF`)).toEqual(['90 60 01 FF']); // too long
    expect(say('82 01 04 00 02 FF')).toEqual([]); // not this camera's address
    expect(say('81 21 FF')).toEqual(['90 61 05 FF']); // cancel an empty socket
  });

  it('answers address set and IF_Clear, passing them on as a chain does', () => {
    const { camera, say } = cameraWith();
    expect(say('88 30 02 FF')).toEqual(['88 30 03 FF']);
    expect(camera.address).toBe(2);
    expect(say('88 01 00 01 FF')).toEqual(['88 01 00 01 FF']);
  });

  it('refuses movement in standby but takes power on', () => {
    const { say } = cameraWith({ power: 'standby' });
    expect(say('81 01 06 04 FF')).toEqual(['90 61 41 FF']);
    expect(say('81 01 04 00 02 FF')).toEqual(['90 41 FF', '90 51 FF']);
  });

  it('travels to a target and completes when it arrives', async () => {
    const { camera, say, later } = cameraWith({ panTiltUnitsPerSecond: 10_000 });
    expect(say('81 01 06 02 18 14 00 01 0F 04 0F 0F 0F 0F FF')).toEqual(['90 41 FF']); // pan 500, tilt -1
    expect(camera.moving).toBe(true);
    await waitFor(() => later.length > 0, 1000, 'completion');
    expect(later).toEqual(['90 51 FF']);
    expect(camera.reported).toMatchObject({ pan: 500, tilt: -1 });
  });

  it('keeps two travels in two sockets and refuses a third as buffer full', () => {
    const { say } = cameraWith({ panTiltUnitsPerSecond: 1 });
    expect(say('81 01 06 02 01 01 00 01 00 00 00 00 00 00 FF')).toEqual(['90 41 FF']);
    expect(say('81 01 04 47 04 00 00 00 FF')).toEqual(['90 42 FF']);
    expect(say('81 01 04 3F 01 01 FF')).toEqual(['90 60 03 FF']); // preset set needs a socket too
    // A drive on the travelling axes ends that travel first: completion, then the new ACK.
    expect(say('81 01 06 01 01 01 03 03 FF')).toEqual(['90 51 FF', '90 41 FF', '90 51 FF']);
  });

  it('drives at the commanded speed and stops', async () => {
    const { camera, say } = cameraWith({ panTiltUnitsPerSecond: 2000 });
    say('81 01 06 01 18 14 02 01 FF'); // up-right, full speed
    await waitFor(() => camera.reported.pan > 50 && camera.reported.tilt > 50, 1000, 'movement');
    say('81 01 06 01 01 01 03 03 FF');
    const stoppedAt = camera.reported;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(camera.reported).toEqual(stoppedAt);
    expect(camera.moving).toBe(false);
  });

  it('stores, recalls and forgets presets', async () => {
    const { camera, say, later } = cameraWith();
    camera.position.pan = 120;
    say('81 01 04 3F 01 07 FF');
    camera.position.pan = 0;
    expect(say('81 01 04 3F 02 07 FF')).toEqual(['90 41 FF']);
    await waitFor(() => later.length > 0, 1000, 'recall completion');
    expect(camera.reported.pan).toBe(120);
    say('81 01 04 3F 00 07 FF');
    expect(camera.presets.has(7)).toBe(false);
  });
});
