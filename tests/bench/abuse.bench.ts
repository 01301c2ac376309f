/**
 * abuse: the appliance under 50 stream clients that never read and a ceiling array flooding
 * meter samples. Figures against the same room idle, in the same run: its RSS must stay
 * within 20 MB of idle and the API's p99 within 2× idle. The appliance runs alone in its own
 * process (`roomctl start --config`); the array's simulator, the stalled clients and the
 * load are in this one.
 */
import { connect, type Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import type { TcpSimulatorServer } from '../../drivers/sim/tcp-simulator-server.js';
import { startApplianceProcess } from './appliance-process.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const STALLED = 50;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Upgrades to the stream with the room token, then reads nothing more. Spread over loopback addresses, as 50 devices would be. */
function stalledClient(baseUrl: string, token: string, n: number): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress: `127.0.1.${1 + (n % 50)}` });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET /api/v1/stream?token=${token} HTTP/1.1\r\nHost: room\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      socket.once('data', (head: Buffer) => {
        if (!head.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(head.toString('latin1').split('\r\n')[0]));
        socket.pause();
        resolve(socket);
      });
    });
  });
}

/** `count` API reads, one after another, as a panel and a scraper make them: each one's time in ms. */
async function apiTimes(baseUrl: string, token: string, count: number): Promise<number[]> {
  const paths = ['/api/v1/status', '/api/v1/room/now', '/api/v1/devices'];
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${paths[i % paths.length]}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${paths[i % paths.length]} answered ${res.status}`);
  }
  return times;
}

async function metric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

/** The same API reads for `ms`, with the appliance's RSS sampled every 100 ms: request times and the highest RSS. */
async function phase(baseUrl: string, token: string, pid: number, ms: number): Promise<{ times: number[]; maxRss: number }> {
  let maxRss = await rssMb(pid);
  const watch = setInterval(
    () =>
      void rssMb(pid).then(
        (mb) => (maxRss = Math.max(maxRss, mb)),
        () => undefined,
      ),
    100,
  );
  const times: number[] = [];
  const end = performance.now() + ms;
  try {
    while (performance.now() < end) times.push(...(await apiTimes(baseUrl, token, 30)));
  } finally {
    clearInterval(watch);
  }
  return { times, maxRss: Math.max(maxRss, await rssMb(pid)) };
}

const bench: Benchmark = {
  name: 'abuse',
  async run({ quick }) {
    const mic = (await startShureMxaSimulator({ port: 0 })) as Awaited<ReturnType<typeof startShureMxaSimulator>> & TcpSimulatorServer;
    const room = await startApplianceProcess({ extraDevices: [`{ id: mic, driver: shure-mxa, host: 127.0.0.1, port: ${mic.endpoint.port} }`] });
    const pid = room.child.pid!;
    const seconds = quick ? 10 : 30;
    const sockets: Socket[] = [];
    let flood: NodeJS.Timeout | undefined;
    try {
      // Quiet: the room with nothing asked of it, for the record (the reference is the idle phase below).
      const quietRss = summarize([await rssMb(pid), await rssMb(pid), await rssMb(pid)]).p50;
      await apiTimes(room.baseUrl, room.token, 50);
      // Idle: the same reads, for as long, against the same room with nothing else going on.
      const idle = await phase(room.baseUrl, room.token, pid, seconds * 1000);

      // Abuse: 50 stalled stream clients, and the array sends 20 samples every 2 ms.
      for (let i = 0; i < STALLED; i++) sockets.push(await stalledClient(room.baseUrl, room.token, i));
      let updates = 0;
      flood = setInterval(() => {
        mic.broadcast(Array.from({ length: 20 }, () => mic.array.sample()).join(''));
        updates += 20;
      }, 2);
      const started = performance.now();
      const abuse = await phase(room.baseUrl, room.token, pid, seconds * 1000);
      const abuseSeconds = (performance.now() - started) / 1000;
      const slowClosed = await metric(room.baseUrl, 'roomctl_stream_slow_closed_total');
      const idleT = summarize(idle.times);
      const abuseT = summarize(abuse.times);
      return {
        name: 'abuse',
        figures: {
          quiet_rss_mb: round(quietRss, 1),
          idle_rss_max_mb: round(idle.maxRss, 1),
          abuse_rss_max_mb: round(abuse.maxRss, 1),
          rss_over_idle_mb: round(abuse.maxRss - idle.maxRss, 1),
          idle_api_p50_ms: round(idleT.p50, 2),
          idle_api_p99_ms: round(idleT.p99, 2),
          abuse_api_p50_ms: round(abuseT.p50, 2),
          abuse_api_p99_ms: round(abuseT.p99, 2),
          api_p99_over_idle: round(abuseT.p99 / idleT.p99, 2),
          api_reads_idle: idleT.n,
          api_reads_abuse: abuseT.n,
          device_updates_per_s: round(updates / abuseSeconds, 0),
          stalled_clients: STALLED,
          stalled_closed_by_room: slowClosed,
          phase_seconds: seconds,
        },
        units: {
          quiet_rss_mb: 'MB',
          idle_rss_max_mb: 'MB',
          abuse_rss_max_mb: 'MB',
          rss_over_idle_mb: 'MB',
          idle_api_p50_ms: 'ms',
          idle_api_p99_ms: 'ms',
          abuse_api_p50_ms: 'ms',
          abuse_api_p99_ms: 'ms',
          api_p99_over_idle: 'ratio',
          api_reads_idle: '',
          api_reads_abuse: '',
          device_updates_per_s: '/s',
          stalled_clients: '',
          stalled_closed_by_room: '',
          phase_seconds: 's',
        },
        targets: { rss_over_idle_mb: { max: 20 }, api_p99_over_idle: { max: 2 } },
        notes: `Two phases of ${seconds} s with the same API reads (status, room/now, devices; sequential, with the room token): idle, then under ${STALLED} stream clients that never read and a ceiling array (shure-mxa) flooding meter samples. RSS of the appliance process, the highest seen every 100 ms in each phase; quiet: before any request.`,
      };
    } finally {
      clearInterval(flood);
      for (const s of sockets) s.destroy();
      await room.close();
      await mic.close();
    }
  },
};

export default bench;
