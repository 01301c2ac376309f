/**
 * control-latency: 1,000 preset recalls through the API on loopback; for each, the time
 * from the request to the frame read on the camera's PTY peer (the appliance in its own
 * process, see appliance-process.ts). Reference figures from
 * the same run: the bare PTY write→read time (the floor under any serial command) and the
 * wire time of the same 7-byte frame at 9600 baud 8N1 (what a real cable adds).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { startAppliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import { SerialTransport } from '../../drivers/transports/serial-transport.js';
import { startApplianceProcess } from './appliance-process.js';
import type { Benchmark } from './bench-types.js';
import { createHttpClient } from './http-client.js';
import { round, summarize } from './stats.js';

const WIRE_MS_7_BYTES_9600 = (7 * 10 * 1000) / 9600; // start + 8 data + stop bits per byte

async function ptyFloor(count: number): Promise<number[]> {
  const pair = await createPtyPair();
  const a = new SerialTransport({ path: pair.devicePath, baudRate: 9600 });
  const b = new SerialTransport({ path: pair.simulatorPath, baudRate: 9600 });
  await a.open();
  await b.open();
  const samples: number[] = [];
  const frame = Uint8Array.of(0x81, 0x01, 0x04, 0x3f, 0x02, 0x01, 0xff);
  for (let i = 0; i < count; i++) {
    const got = new Promise<number>((resolve) => b.once('data', () => resolve(performance.now())));
    const t0 = performance.now();
    await a.write(frame);
    samples.push((await got) - t0);
  }
  await a.close();
  await b.close();
  await pair.close();
  return samples;
}

/**
 * Software time: the appliance in this process, timed from the HTTP server's 'request' event
 * (the request has arrived) to the moment the driver hands the frame to the serial port. What
 * comes after is the kernel and the cable (socat's PTY relay here), not our code.
 */
async function softwareTime(count: number): Promise<{ recall: number[]; move: number[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-sw-'));
  const pair = await createPtyPair({ dir, name: 'cam' });
  const sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  const config: RoomConfig = {
    room: { id: 'sw', name: 'Software time', site: 'lab', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: ['software-time-bench-token'] },
    storage: { dir: join(dir, 'data') },
    log: { level: 'silent' },
    devices: [{ id: 'cam', driver: 'visca-serial', port: pair.devicePath, baudRate: 9600 }],
  };
  const appliance = await startAppliance(config, { log: createLogger({ level: 'silent', pretty: false }) });
  const write = SerialTransport.prototype.write;
  try {
    await waitFor(() => appliance.core.devices.get('cam').status === 'ok', 10_000, 'the camera to be ok');
    let requestAt = 0;
    let handedAt = 0;
    let watch = (_bytes: Uint8Array) => false;
    appliance.server.server.prependListener('request', () => (requestAt = performance.now()));
    // Observe, do not change: the frame is still written by the real method.
    SerialTransport.prototype.write = function (this: SerialTransport, bytes: Uint8Array) {
      if (handedAt === 0 && watch(bytes)) handedAt = performance.now();
      return write.call(this, bytes);
    };
    const client = createHttpClient(appliance.url);
    const run = async (action: string, body: (i: number) => unknown, frame: (bytes: Uint8Array) => boolean) => {
      watch = frame;
      const samples: number[] = [];
      for (let i = 0; i < count + 50; i++) {
        handedAt = 0;
        const res = await client.post(`/api/v1/devices/cam/actions/${action}`, body(i), { authorization: 'Bearer software-time-bench-token' });
        if (res.status !== 200 || handedAt === 0) throw new Error(`${action} answered ${res.status}: ${res.body}`);
        if (i >= 50) samples.push(handedAt - requestAt);
      }
      return samples;
    };
    const recall = await run(
      'preset.recall',
      (i) => ({ preset: i % 16 }),
      (b) => b[3] === 0x3f && b[4] === 0x02,
    );
    // Left and right in turn, so every request is a new pan-tilt drive (8x 01 06 01 ...).
    const move = await run(
      'move',
      (i) => ({ pan: i % 2 ? 0.5 : -0.5, tilt: 0 }),
      (b) => b[1] === 0x01 && b[2] === 0x06 && b[3] === 0x01,
    );
    await client.post('/api/v1/devices/cam/actions/stop', {}, { authorization: 'Bearer software-time-bench-token' });
    client.close();
    return { recall, move };
  } finally {
    SerialTransport.prototype.write = write;
    await appliance.close();
    await sim.close();
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A bare Fastify POST round trip on loopback with the same client: the HTTP floor. */
async function httpFloor(count: number): Promise<number[]> {
  const app = Fastify();
  app.post('/echo', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const client = createHttpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  const samples: number[] = [];
  for (let i = 0; i < count + 50; i++) {
    const t0 = performance.now();
    await client.post('/echo', { preset: i });
    if (i >= 50) samples.push(performance.now() - t0);
  }
  client.close();
  await app.close();
  return samples;
}

const bench: Benchmark = {
  name: 'control-latency',
  async run({ quick }) {
    const count = quick ? 200 : 1000;
    const room = await startApplianceProcess();
    try {
      let frameAt = 0;
      room.serial.camera.on('frame', (frame: Uint8Array) => {
        if (frame[3] === 0x3f && frame[4] === 0x02) frameAt = performance.now();
      });
      const client = createHttpClient(room.baseUrl);
      const headers = { authorization: `Bearer ${room.token}` };
      const samples: number[] = [];
      for (let i = 0; i < count + 50; i++) {
        frameAt = 0;
        const t0 = performance.now();
        const res = await client.post('/api/v1/devices/cam-serial/actions/preset.recall', { preset: i % 16 }, headers);
        if (res.status !== 200) throw new Error(`preset recall answered ${res.status}: ${res.body}`);
        if (frameAt === 0) throw new Error('the camera did not see the preset recall frame');
        if (i >= 50) samples.push(frameAt - t0); // the first 50 warm up the JIT and the sockets
      }
      client.close();
      const api = summarize(samples);
      const floor = summarize(await ptyFloor(count));
      const http = summarize(await httpFloor(count));
      const sw = await softwareTime(count);
      const software = summarize(sw.recall);
      const softwareMove = summarize(sw.move);
      return {
        name: 'control-latency',
        figures: {
          software_p50_ms: round(software.p50),
          software_p99_ms: round(software.p99),
          software_max_ms: round(software.max),
          software_move_p50_ms: round(softwareMove.p50),
          software_move_p99_ms: round(softwareMove.p99),
          api_to_wire_p50_ms: round(api.p50),
          api_to_wire_p99_ms: round(api.p99),
          api_to_wire_max_ms: round(api.max),
          http_floor_p50_ms: round(http.p50),
          http_floor_p99_ms: round(http.p99),
          pty_floor_p50_ms: round(floor.p50),
          pty_floor_p99_ms: round(floor.p99),
          wire_time_9600_ms: round(WIRE_MS_7_BYTES_9600),
          p50_over_wire_time: round(api.p50 / WIRE_MS_7_BYTES_9600),
          p99_over_wire_time: round(api.p99 / WIRE_MS_7_BYTES_9600),
          samples: api.n,
        },
        units: {
          software_p50_ms: 'ms',
          software_p99_ms: 'ms',
          software_max_ms: 'ms',
          software_move_p50_ms: 'ms',
          software_move_p99_ms: 'ms',
          api_to_wire_p50_ms: 'ms',
          api_to_wire_p99_ms: 'ms',
          api_to_wire_max_ms: 'ms',
          http_floor_p50_ms: 'ms',
          http_floor_p99_ms: 'ms',
          pty_floor_p50_ms: 'ms',
          pty_floor_p99_ms: 'ms',
          wire_time_9600_ms: 'ms',
          p50_over_wire_time: 'ratio',
          p99_over_wire_time: 'ratio',
          samples: 'requests',
        },
        // The 1 ms target is on software time; api_to_wire adds the PTY relay (socat, a third
        // process) whose own p99 on a shared VM is above 1 ms (pty_floor_p99_ms, same run).
        targets: { software_p99_ms: { max: 1 }, software_move_p99_ms: { max: 1 } },
        notes:
          'software: HTTP request received → frame handed to the serial port, the appliance in this process (no socat, no client in the figure).\n' +
          'The appliance runs alone in its own process (roomctl start --config), as in a room; client and simulator share this one.\n' +
          'http_floor: a bare Fastify POST round trip with the same client (request + response), measured in the same run.\n' +
          'api_to_wire: HTTP POST on loopback → validation → driver queue → PTY → simulator read, all software (a PTY has no baud delay).',
      };
    } finally {
      await room.close();
    }
  },
};

export default bench;
