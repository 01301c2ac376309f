/**
 * control-latency: 1,000 preset recalls through the API on loopback; for each, the time
 * from the request to the frame read on the camera's PTY peer (the appliance in its own
 * process, see appliance-process.ts). Reference figures from
 * the same run: the bare PTY write→read time (the floor under any serial command) and the
 * wire time of the same 7-byte frame at 9600 baud 8N1 (what a real cable adds).
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
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
      return {
        name: 'control-latency',
        figures: {
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
        targets: { api_to_wire_p99_ms: { max: 1 } },
        notes: 'The appliance runs alone in its own process (roomctl start --config), as in a room; client and simulator share this one.\n' +
          'http_floor: a bare Fastify POST round trip with the same client (request + response), measured in the same run.\n' +
          'api_to_wire: HTTP POST on loopback → validation → driver queue → PTY → simulator read, all software (a PTY has no baud delay).',
      };
    } finally {
      await room.close();
    }
  },
};

export default bench;
