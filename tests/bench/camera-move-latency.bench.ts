/**
 * camera-move-latency: `move` through the API on loopback, timed from the request to the
 * moment the camera reads the pan-tilt drive: on the PTY peer for VISCA serial (cam-front),
 * as a datagram at the simulator for VISCA over IP (cam-side). All software: a PTY has no
 * baud delay and loopback no wire. Reference figures from the same run: a bare HTTP POST
 * round trip, a bare UDP datagram, and the wire time of the 9-byte drive frame at 9600 baud.
 */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import type { ViscaCameraSimulator } from '../../drivers/visca/visca-camera-simulator.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import type { Benchmark } from './bench-types.js';
import { createHttpClient } from './http-client.js';
import { round, summarize } from './stats.js';

/** `8x 01 06 01 VV WW XX YY FF`: 9 bytes, 10 bits each (start, 8 data, stop) at 9600 baud. */
const WIRE_MS_DRIVE_9600 = (9 * 10 * 1000) / 9600;
const WARMUP = 50;

const isDrive = (frame: Uint8Array) => frame[1] === 0x01 && frame[2] === 0x06 && frame[3] === 0x01;

async function moveLatency(room: TestRoom, deviceId: string, camera: ViscaCameraSimulator, count: number): Promise<number[]> {
  let frameAt = 0;
  const onFrame = (frame: Uint8Array) => {
    if (isDrive(frame) && frameAt === 0) frameAt = performance.now();
  };
  camera.on('frame', onFrame);
  const client = createHttpClient(room.baseUrl);
  const headers = { authorization: `Bearer ${room.token}` };
  const samples: number[] = [];
  try {
    for (let i = 0; i < count + WARMUP; i++) {
      frameAt = 0;
      // Alternate left and right so every request is a new command for the camera.
      const t0 = performance.now();
      const res = await client.post(`/api/v1/devices/${deviceId}/actions/move`, { pan: i % 2 ? 0.5 : -0.5, tilt: 0 }, headers);
      if (res.status !== 200) throw new Error(`${deviceId} move answered ${res.status}: ${res.body}`);
      if (frameAt === 0) throw new Error(`${deviceId}: the camera did not see the drive frame`);
      if (i >= WARMUP) samples.push(frameAt - t0);
    }
    await client.post(`/api/v1/devices/${deviceId}/actions/stop`, {}, headers);
  } finally {
    client.close();
    camera.off('frame', onFrame);
  }
  return samples;
}

/** The same move without HTTP: the device host's execute (schema check, supervisor, driver) to the wire. */
async function hostLatency(room: TestRoom, deviceId: string, camera: ViscaCameraSimulator, count: number): Promise<number[]> {
  let frameAt = 0;
  const onFrame = (frame: Uint8Array) => {
    if (isDrive(frame) && frameAt === 0) frameAt = performance.now();
  };
  camera.on('frame', onFrame);
  const host = room.demo.appliance.core.devices;
  const samples: number[] = [];
  try {
    for (let i = 0; i < count + WARMUP; i++) {
      frameAt = 0;
      const t0 = performance.now();
      await host.execute(deviceId, 'move', { pan: i % 2 ? 0.5 : -0.5, tilt: 0 });
      if (frameAt === 0) throw new Error(`${deviceId}: the camera did not see the drive frame`);
      if (i >= WARMUP) samples.push(frameAt - t0);
    }
    await host.execute(deviceId, 'stop', {});
  } finally {
    camera.off('frame', onFrame);
  }
  return samples;
}

async function httpFloor(count: number): Promise<number[]> {
  const app = Fastify();
  app.post('/echo', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const client = createHttpClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  const samples: number[] = [];
  for (let i = 0; i < count + WARMUP; i++) {
    const t0 = performance.now();
    await client.post('/echo', { pan: 0.5 });
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  client.close();
  await app.close();
  return samples;
}

/** One 17-byte datagram (header + drive) from one socket to another on loopback. */
async function udpFloor(count: number): Promise<number[]> {
  const rx = createSocket('udp4');
  const tx = createSocket('udp4');
  await new Promise<void>((r) => rx.bind(0, '127.0.0.1', () => r()));
  const port = rx.address().port;
  const datagram = Buffer.from('0100000900000001810106010c0c0203ff', 'hex');
  const samples: number[] = [];
  for (let i = 0; i < count + WARMUP; i++) {
    const got = new Promise<number>((resolve) => rx.once('message', () => resolve(performance.now())));
    const t0 = performance.now();
    tx.send(datagram, port, '127.0.0.1');
    const at = await got;
    if (i >= WARMUP) samples.push(at - t0);
  }
  rx.close();
  tx.close();
  return samples;
}

const bench: Benchmark = {
  name: 'camera-move-latency',
  async run({ quick }) {
    const count = quick ? 200 : 1000;
    const room = await startTestRoom();
    try {
      await waitFor(
        async () => {
          const devices = (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as { id: string; status: string }[];
          return ['cam-front', 'cam-side'].every((id) => devices.find((d) => d.id === id)?.status === 'ok');
        },
        10_000,
        'both VISCA cameras to be ok',
      );
      const ipSim = room.demo.simulators.get('cam-side') as RunningViscaIpSimulator;
      const serial = summarize(await moveLatency(room, 'cam-front', room.camera.camera, count));
      const ip = summarize(await moveLatency(room, 'cam-side', ipSim.camera, count));
      const serialHost = summarize(await hostLatency(room, 'cam-front', room.camera.camera, count));
      const ipHost = summarize(await hostLatency(room, 'cam-side', ipSim.camera, count));
      const http = summarize(await httpFloor(count));
      const udp = summarize(await udpFloor(count));
      const ms = (v: number) => round(v);
      return {
        name: 'camera-move-latency',
        figures: {
          serial_api_to_wire_p50_ms: ms(serial.p50),
          serial_api_to_wire_p99_ms: ms(serial.p99),
          ip_api_to_datagram_p50_ms: ms(ip.p50),
          ip_api_to_datagram_p99_ms: ms(ip.p99),
          serial_host_to_wire_p50_ms: ms(serialHost.p50),
          serial_host_to_wire_p99_ms: ms(serialHost.p99),
          ip_host_to_datagram_p50_ms: ms(ipHost.p50),
          ip_host_to_datagram_p99_ms: ms(ipHost.p99),
          http_floor_p50_ms: ms(http.p50),
          http_floor_p99_ms: ms(http.p99),
          udp_floor_p50_ms: ms(udp.p50),
          udp_floor_p99_ms: ms(udp.p99),
          wire_time_drive_9600_ms: ms(WIRE_MS_DRIVE_9600),
          serial_p50_over_wire_time: round(serial.p50 / WIRE_MS_DRIVE_9600),
          serial_p50_over_http_floor: round(serial.p50 / http.p50),
          ip_p50_over_http_floor: round(ip.p50 / http.p50),
          samples_each: serial.n,
        },
        units: {
          serial_api_to_wire_p50_ms: 'ms',
          serial_api_to_wire_p99_ms: 'ms',
          ip_api_to_datagram_p50_ms: 'ms',
          ip_api_to_datagram_p99_ms: 'ms',
          serial_host_to_wire_p50_ms: 'ms',
          serial_host_to_wire_p99_ms: 'ms',
          ip_host_to_datagram_p50_ms: 'ms',
          ip_host_to_datagram_p99_ms: 'ms',
          http_floor_p50_ms: 'ms',
          http_floor_p99_ms: 'ms',
          udp_floor_p50_ms: 'ms',
          udp_floor_p99_ms: 'ms',
          wire_time_drive_9600_ms: 'ms',
          serial_p50_over_wire_time: 'ratio',
          serial_p50_over_http_floor: 'ratio',
          ip_p50_over_http_floor: 'ratio',
          samples_each: 'requests',
        },
        targets: { serial_api_to_wire_p99_ms: { max: 1 }, ip_api_to_datagram_p99_ms: { max: 1 } },
        notes:
          'api_to_wire: HTTP POST on loopback → schema check → driver → command channel → PTY (serial) or UDP datagram (IP) → read by the simulated camera.\n' +
          "host_to_wire: the same move from the device host's execute() (no HTTP), same run.\n" +
          'http_floor: a bare Fastify POST round trip with the same client (request and response), same run. wire_time: what a real 9600-baud cable adds to the serial figure.',
      };
    } finally {
      await room.close();
    }
  },
};

export default bench;
