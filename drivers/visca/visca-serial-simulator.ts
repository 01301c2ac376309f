import { access } from 'node:fs/promises';
import { RoomctlError } from '../core/errors.js';
import { serialPathOption } from '../sim/sim-options.js';
import { defineSimulator } from '../sim/define-simulator.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { SerialTransport } from '../transports/serial-transport.js';
import { VISCA_BROADCAST } from './visca-codec.js';
import { ViscaCameraSimulator, type ViscaCameraSimulatorOptions } from './visca-camera-simulator.js';
import { ViscaFrameParser } from './visca-frame-parser.js';
import { parseViscaQuirks, VISCA_QUIRKS } from './visca-sim-quirks.js';
import { VISCA_MODELS } from './visca-profiles.js';

export interface ViscaSerialSimulatorOptions {
  /** The simulator end of a PTY pair (or a real port wired to a controller). */
  path: string;
  /** Cameras in the daisy chain, 1..7; they take addresses 1..n. */
  cameras?: number;
  baudRate?: number;
  /** Options for every camera of the chain (model, speeds, tick). */
  camera?: Omit<ViscaCameraSimulatorOptions, 'address'>;
}

export interface RunningViscaSerialSimulator extends RunningSimulator {
  readonly endpoint: { port: string };
  /** The first camera (address 1), which is all most tests need. */
  readonly camera: ViscaCameraSimulator;
  readonly cameras: readonly ViscaCameraSimulator[];
  /** Every frame that arrived on the line, whatever its address. */
  readonly received: Uint8Array[];
  /** False while the port is gone (PTY unplugged) and the simulator waits for it. */
  readonly isOpen: boolean;
}

/** How often a simulator whose port vanished (PTY unplugged) looks for it again. */
const REOPEN_POLL_MS = 50;

/** Cameras in a simulated chain unless asked for more. */
const VISCA_CHAIN_DEFAULT = 1;

/**
 * A chain of simulated VISCA cameras on a serial port. Broadcasts (address set, IF_Clear)
 * pass through the cameras in order, as on a real daisy chain; addressed frames go to
 * their camera. When the port vanishes the simulator waits for it to come back, like a
 * camera whose cable was pulled and plugged in again.
 */
export async function startViscaSerialSimulator(options: ViscaSerialSimulatorOptions): Promise<RunningViscaSerialSimulator> {
  const count = options.cameras ?? VISCA_CHAIN_DEFAULT;
  if (!Number.isInteger(count) || count < 1 || count > 7) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `a VISCA chain holds 1..7 cameras, not ${count}`, { allowed: '1..7' });
  }
  const cameras = Array.from({ length: count }, (_, i) => new ViscaCameraSimulator({ ...options.camera, address: i + 1 }));
  const received: Uint8Array[] = [];
  // Longer than the protocol's 16 so an overlong command gets the length error a camera sends.
  const parser = new ViscaFrameParser({ maxFrameLength: 64 });
  let transport: SerialTransport | undefined;
  let closed = false;

  const send = (bytes: Uint8Array) => void transport?.write(bytes).catch(() => undefined);
  for (const camera of cameras) camera.on('reply', send);

  const route = (frame: Uint8Array) => {
    received.push(frame.slice());
    if (frame[0] === VISCA_BROADCAST) {
      // Each camera acts on the broadcast and passes on what it makes of it.
      let passing = [frame];
      for (const camera of cameras) passing = passing.flatMap((f) => camera.handle(f));
      passing.forEach(send);
      return;
    }
    const camera = cameras.find((c) => frame[0] === (0x80 | c.address));
    camera?.handle(frame).forEach(send);
  };

  const open = async () => {
    const t = new SerialTransport({ path: options.path, baudRate: options.baudRate ?? 9600 });
    await t.open();
    parser.reset();
    t.on('data', (chunk: Buffer) => parser.push(chunk).forEach(route));
    t.once('close', () => {
      transport = undefined;
      void reopen();
    });
    transport = t;
  };

  const reopen = async () => {
    while (!closed) {
      await new Promise((resolve) => setTimeout(resolve, REOPEN_POLL_MS).unref());
      if (closed) return;
      const present = await access(options.path).then(
        () => true,
        () => false,
      );
      if (
        present &&
        (await open().then(
          () => true,
          () => false,
        ))
      )
        return;
    }
  };

  await open();
  return {
    endpoint: { port: options.path },
    camera: cameras[0]!,
    cameras,
    received,
    get isOpen() {
      return transport?.isOpen ?? false;
    },
    async close() {
      closed = true;
      for (const camera of cameras) camera.close();
      const t = transport;
      transport = undefined;
      t?.removeAllListeners();
      await t?.close();
    },
  };
}

export const viscaSerialSimulator = defineSimulator({
  driver: 'visca-serial',
  description: 'A chain of VISCA cameras on a serial port.',
  options: [
    serialPathOption('port', 'the PTY end the chain answers on (the simulator end of a socat pair)', true),
    { name: 'cameras', value: 'N', description: 'cameras in the chain, 1..7', default: VISCA_CHAIN_DEFAULT },
    { name: 'model', value: 'MODEL', choices: VISCA_MODELS, description: `the camera each plays: ${VISCA_MODELS.join(', ')}` },
  ],
  quirks: VISCA_QUIRKS,
  async start({ port, cameras, model, quirks }) {
    return startViscaSerialSimulator({ path: port, cameras, camera: { ...(model ? { model } : {}), quirks: parseViscaQuirks(quirks) } });
  },
});
